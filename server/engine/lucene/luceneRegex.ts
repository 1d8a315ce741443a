// Lucene regular expressions (the `/…/` of the query string) as JavaScript ones.
// Lucene's syntax is its own: always anchored at both ends, `^` and `$` are plain
// characters, `"…"` quotes a literal string, `@` is any string and `#` the empty
// language, `\d \s \w` (and their negations) are classes. Matching is over code
// points and case-sensitive. Intersection (`&`), complement (`~`) and numeric
// intervals (`<1-10>`) have no JavaScript counterpart and are reported as unsupported.

export type RegexTranslation = { ok: true; regex: RegExp } | { ok: false; offset: number; message: string };

const SHORTHAND_CLASSES: Readonly<Record<string, string>> = {
  d: '[0-9]',
  D: '[^0-9]',
  s: '[ \\t\\n\\r\\f\\v]',
  S: '[^ \\t\\n\\r\\f\\v]',
  w: '[a-zA-Z0-9_]',
  W: '[^a-zA-Z0-9_]',
};

/** The shorthands inside `[…]` (JavaScript's own `\D \S \W` stand in for the negated ones). */
const CLASS_MEMBERS: Readonly<Record<string, string>> = {
  d: '0-9',
  D: '\\D',
  s: ' \\t\\n\\r\\f\\v',
  S: '\\S',
  w: 'a-zA-Z0-9_',
  W: '\\W',
};

const UNSUPPORTED: Readonly<Record<string, string>> = {
  '&': 'intersection (`&`)',
  '~': 'complement (`~`)',
  '<': 'numeric intervals and named automata (`<…>`)',
};

function literal(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

/** Translates a Lucene regular expression (the text between the slashes) into an anchored JavaScript RegExp. */
export function translateLuceneRegex(pattern: string): RegexTranslation {
  const points = Array.from(pattern);
  // Offsets are reported in UTF-16 units, as spans are.
  const offsets: number[] = [];
  let unit = 0;
  for (const p of points) {
    offsets.push(unit);
    unit += p.length;
  }
  offsets.push(unit);
  let out = '';
  let i = 0;
  while (i < points.length) {
    const ch = points[i];
    if (ch === '\\') {
      const next = points[i + 1];
      if (next === undefined) return { ok: false, offset: offsets[i], message: 'the regular expression ends with `\\`' };
      out += SHORTHAND_CLASSES[next] ?? literal(next.codePointAt(0)!);
      i += 2;
      continue;
    }
    if (ch in UNSUPPORTED) {
      return { ok: false, offset: offsets[i], message: `Lucene regular expression ${UNSUPPORTED[ch]} is not supported by the local engine` };
    }
    switch (ch) {
      case '"': {
        let j = i + 1;
        while (j < points.length && points[j] !== '"') j++;
        if (j >= points.length) return { ok: false, offset: offsets[i], message: 'unterminated `"` in the regular expression' };
        for (let k = i + 1; k < j; k++) out += literal(points[k].codePointAt(0)!);
        i = j + 1;
        continue;
      }
      case '[': {
        const translated = charClass(points, i);
        if (typeof translated === 'number') return { ok: false, offset: offsets[translated], message: 'unterminated `[` in the regular expression' };
        out += translated.source;
        i = translated.next;
        continue;
      }
      case '@':
        out += '[^]*';
        break;
      case '#':
        out += '(?!)';
        break;
      case '.':
      case '(':
      case ')':
      case '|':
      case '*':
      case '+':
      case '?':
        out += ch;
        break;
      case '{': {
        let j = i + 1;
        while (j < points.length && points[j] !== '}') j++;
        const body = points.slice(i + 1, j).join('');
        if (j >= points.length || !/^\d+(,\d*)?$/.test(body)) {
          return { ok: false, offset: offsets[i], message: 'a repetition is written `{n}`, `{n,}` or `{n,m}`' };
        }
        out += `{${body}}`;
        i = j + 1;
        continue;
      }
      default:
        out += literal(ch.codePointAt(0)!);
    }
    i++;
  }
  try {
    return { ok: true, regex: new RegExp(`^(?:${out})$`, 'su') };
  } catch (error) {
    return { ok: false, offset: 0, message: `invalid regular expression: ${(error as Error).message}` };
  }
}

/** A `[…]` class starting at `start`: its JavaScript source and where the pattern continues, or the offset index of an unclosed `[`. */
function charClass(points: string[], start: number): { source: string; next: number } | number {
  let i = start + 1;
  let source = '[';
  if (points[i] === '^') {
    source += '^';
    i++;
  }
  // A `-` between two single characters makes a range; anywhere else (after a range too) it is itself.
  let afterCharacter = false;
  let inRange = false;
  const character = (text: string) => {
    source += text;
    afterCharacter = !inRange;
    inRange = false;
  };
  let first = true;
  while (i < points.length && (points[i] !== ']' || first)) {
    first = false;
    const ch = points[i];
    if (ch === '\\' && i + 1 < points.length) {
      const members = CLASS_MEMBERS[points[i + 1]];
      i += 2;
      if (members) {
        source += members;
        afterCharacter = inRange = false;
      } else {
        character(literal(points[i - 1].codePointAt(0)!));
      }
      continue;
    }
    if (ch === '-' && afterCharacter && i + 1 < points.length && points[i + 1] !== ']') {
      source += '-';
      afterCharacter = false;
      inRange = true;
    } else {
      character(literal(ch.codePointAt(0)!));
    }
    i++;
  }
  if (i >= points.length) return start;
  return { source: `${source}]`, next: i + 1 };
}
