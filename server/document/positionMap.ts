// Maps offsets in a decoded TOML string value back to offsets in the document,
// so that a diagnostic inside an embedded query underlines the right characters.

export interface PositionMap {
  /** Document offset where the decoded character at `offset` starts (the length maps to the end of the content). */
  toDocument(offset: number): number;
  /** Document offset just past the source of the decoded character at `offset` (an escape may span several). */
  endOfCharacter(offset: number): number;
}

const SIMPLE_ESCAPES = new Set(['b', 't', 'n', 'f', 'r', '"', '\\', 'e']);

/**
 * Builds the map for a TOML string given its raw source (delimiters included),
 * where that source starts in the document, and the decoded value.
 */
export function stringPositionMap(raw: string, rawStart: number, decoded: string): PositionMap {
  const multiline = raw.startsWith('"""') || raw.startsWith("'''");
  const literal = raw.startsWith("'");
  const delimiter = multiline ? 3 : 1;
  let i = delimiter;
  const contentEnd = raw.length - delimiter;
  // A newline right after a multi-line opening delimiter is not part of the value.
  if (multiline) {
    if (raw.startsWith('\r\n', i)) i += 2;
    else if (raw[i] === '\n') i += 1;
  }
  const offsets = new Int32Array(decoded.length + 1);
  const ends = new Int32Array(decoded.length);
  let out = 0;
  const put = (start: number, end: number) => {
    offsets[out] = rawStart + start;
    ends[out] = rawStart + end;
    out++;
  };
  while (i < contentEnd && out < decoded.length) {
    const ch = raw[i];
    if (!literal && ch === '\\') {
      const next = raw[i + 1];
      if (next !== undefined && SIMPLE_ESCAPES.has(next)) {
        put(i, i + 2);
        i += 2;
        continue;
      }
      if (next === 'u' || next === 'U' || next === 'x') {
        const digits = next === 'u' ? 4 : next === 'U' ? 8 : 2;
        const code = parseInt(raw.slice(i + 2, i + 2 + digits), 16);
        const units = code > 0xffff ? 2 : 1;
        for (let k = 0; k < units && out < decoded.length; k++) put(i, i + 2 + digits);
        i += 2 + digits;
        continue;
      }
      // Line-ending backslash: skips the newline and all whitespace after it.
      if (multiline) {
        let j = i + 1;
        while (raw[j] === ' ' || raw[j] === '\t') j++;
        if (raw[j] === '\n' || raw[j] === '\r') {
          while (j < contentEnd && /[ \t\r\n]/.test(raw[j])) j++;
          i = j;
          continue;
        }
      }
    }
    // CRLF may be decoded as a single newline.
    if (ch === '\r' && raw[i + 1] === '\n' && decoded[out] === '\n') {
      put(i, i + 2);
      i += 2;
      continue;
    }
    put(i, i + 1);
    i++;
  }
  // Anything left over (should not happen) maps to the end of the content.
  while (out < decoded.length) put(Math.min(i, contentEnd), Math.min(i, contentEnd));
  offsets[decoded.length] = rawStart + Math.min(i, contentEnd);
  return {
    toDocument(offset: number): number {
      return offsets[Math.max(0, Math.min(offset, decoded.length))];
    },
    endOfCharacter(offset: number): number {
      if (decoded.length === 0) return offsets[0];
      return ends[Math.max(0, Math.min(offset, decoded.length - 1))];
    },
  };
}

/** Maps a half-open span of decoded offsets to document offsets (end stays exclusive). */
export function mapSpan(map: PositionMap, start: number, end: number): { start: number; end: number } {
  const docStart = map.toDocument(start);
  if (end <= start) return { start: docStart, end: docStart };
  // The end is exclusive: it sits just past the source of the last included character.
  return { start: docStart, end: map.endOfCharacter(end - 1) };
}
