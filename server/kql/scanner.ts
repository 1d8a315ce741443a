// Character-level scanning for KQL. KQL has no fixed tokens: an unquoted value
// may contain spaces and ends only at a special character or at a keyword
// (` or `, ` and `, `not `), so the parser asks the scanner for what it expects
// at the current offset. Nothing here fails: bad escapes are reported and read
// as the character after the backslash.
import type { Span } from '../common/diagnostics.ts';
import type { KqlRangeOperator } from './ast.ts';

export type ReportError = (span: Span, code: string, message: string) => void;

/** A quoted or unquoted literal as it appears in the text. */
export interface KqlLexeme {
  quoted: boolean;
  /** For an unquoted literal, without the surrounding whitespace. */
  span: Span;
  raw: string;
  /** Decoded text; for unquoted literals trimmed as Kibana trims them, wildcards as `*`. */
  value: string;
  /** For an unquoted literal with unescaped wildcards, the decoded text between them. */
  pattern: string[] | null;
}

export interface KeywordMatch {
  keyword: Span;
  /** Offset after the keyword and the whitespace that follows it. */
  end: number;
}

const BACKSLASH = 92;
const QUOTE = 34;
const STAR = 42;

/** Kibana's `Space` rule: not every Unicode space, just these. */
export function isKqlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0;
}

/** Characters that end an unquoted literal unless escaped: `\ ( ) : < > " * { }` (`*` is a wildcard). */
export function isKqlSpecial(c: number): boolean {
  switch (c) {
    case BACKSLASH:
    case 40: // (
    case 41: // )
    case 58: // :
    case 60: // <
    case 62: // >
    case QUOTE:
    case STAR:
    case 123: // {
    case 125: // }
      return true;
  }
  return false;
}

/** Characters of an unquoted literal with no meaning of their own (sticky: native from the first call). */
const PLAIN_UNQUOTED = /[^\\()<>:"*{} \t\r\n\u00a0nN]+/y;

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isJsWhitespace(ch: string): boolean {
  return ch.trim() === '';
}

export class KqlScanner {
  pos = 0;

  constructor(
    readonly text: string,
    private readonly reportError: ReportError,
  ) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  charAt(offset: number): number {
    return offset < this.text.length ? this.text.charCodeAt(offset) : -1;
  }

  skipSpaces(): void {
    while (isKqlSpace(this.charAt(this.pos))) this.pos++;
  }

  /** `or` / `and` as an operator: whitespace, the word (any case), whitespace. */
  binaryKeywordAt(offset: number, word: 'or' | 'and'): KeywordMatch | null {
    if (!isKqlSpace(this.charAt(offset))) return null;
    let p = offset;
    while (isKqlSpace(this.charAt(p))) p++;
    return this.wordFollowedBySpace(p, word);
  }

  /** `not` as an operator: the word (any case) followed by whitespace. */
  notKeywordAt(offset: number): KeywordMatch | null {
    return this.wordFollowedBySpace(offset, 'not');
  }

  private wordFollowedBySpace(offset: number, word: string): KeywordMatch | null {
    const end = offset + word.length;
    if (this.text.slice(offset, end).toLowerCase() !== word || !isKqlSpace(this.charAt(end))) return null;
    let p = end;
    while (isKqlSpace(this.charAt(p))) p++;
    return { keyword: { start: offset, end }, end: p };
  }

  /** Whether an unquoted literal must stop at `offset` because a keyword starts there. */
  private keywordStartsAt(offset: number): boolean {
    const c = this.charAt(offset);
    if (isKqlSpace(c)) return this.binaryKeywordAt(offset, 'or') !== null || this.binaryKeywordAt(offset, 'and') !== null;
    return (c === 110 || c === 78) /* n N */ && this.notKeywordAt(offset) !== null;
  }

  rangeOperatorAt(offset: number): { operator: KqlRangeOperator; length: number } | null {
    const c = this.charAt(offset);
    if (c !== 60 && c !== 62) return null;
    const orEqual = this.charAt(offset + 1) === 61;
    if (c === 60) return orEqual ? { operator: 'lte', length: 2 } : { operator: 'lt', length: 1 };
    return orEqual ? { operator: 'gte', length: 2 } : { operator: 'gt', length: 1 };
  }

  /** Whether an unquoted literal can start here (it needs at least one character). */
  unquotedStartsHere(): boolean {
    const c = this.charAt(this.pos);
    if (c < 0) return false;
    if (c === BACKSLASH || c === STAR) return true;
    return !isKqlSpecial(c) && !this.keywordStartsAt(this.pos);
  }

  /** A `"…"` string; the scanner is on the opening quote. */
  scanQuoted(): KqlLexeme {
    const start = this.pos;
    let p = start + 1;
    let value = '';
    let closed = false;
    while (p < this.text.length) {
      const c = this.text.charCodeAt(p);
      if (c === QUOTE) {
        closed = true;
        p++;
        break;
      }
      if (c === BACKSLASH) {
        const escaped = this.quotedEscape(p);
        if (escaped) {
          value += escaped.value;
          p += escaped.length;
          continue;
        }
      }
      value += this.text[p];
      p++;
    }
    if (!closed) {
      // Kibana lets strings span lines, but for recovery an unclosed one stops at the end of its line.
      const lineEnd = this.text.indexOf('\n', start);
      p = lineEnd < 0 ? this.text.length : lineEnd;
      value = this.decodeQuotedBody(start + 1, p);
      this.reportError({ start, end: p }, 'kql-unterminated-string', 'unterminated string: add the closing `"`');
    }
    this.pos = p;
    return { quoted: true, span: { start, end: p }, raw: this.text.slice(start, p), value, pattern: null };
  }

  private decodeQuotedBody(from: number, to: number): string {
    let value = '';
    for (let p = from; p < to; ) {
      const escaped = this.text.charCodeAt(p) === BACKSLASH ? this.quotedEscape(p) : null;
      if (escaped && p + escaped.length <= to) {
        value += escaped.value;
        p += escaped.length;
      } else {
        value += this.text[p];
        p++;
      }
    }
    return value;
  }

  /** Inside quotes only `\t \r \n \uXXXX \\ \"` are escapes; any other backslash is itself. */
  private quotedEscape(p: number): { value: string; length: number } | null {
    const n = this.charAt(p + 1);
    if (n === 116) return { value: '\t', length: 2 };
    if (n === 114) return { value: '\r', length: 2 };
    if (n === 110) return { value: '\n', length: 2 };
    if (n === 117) return this.unicodeEscape(p);
    if (n === BACKSLASH || n === QUOTE) return { value: String.fromCharCode(n), length: 2 };
    return null;
  }

  private unicodeEscape(p: number): { value: string; length: number } | null {
    for (let i = 2; i < 6; i++) if (!isHexDigit(this.charAt(p + i))) return null;
    return { value: String.fromCharCode(parseInt(this.text.slice(p + 2, p + 6), 16)), length: 6 };
  }

  /**
   * An unquoted literal, or null when none starts here. It runs up to a special
   * character, a keyword or the end; the whitespace it swallowed is trimmed.
   */
  scanUnquoted(): KqlLexeme | null {
    if (!this.unquotedStartsHere()) return null;
    const start = this.pos;
    let p = start;
    const pattern: string[] = [];
    let current = '';
    while (p < this.text.length) {
      // A run of characters that are neither special, spaces nor a possible `not`: taken whole.
      PLAIN_UNQUOTED.lastIndex = p;
      if (PLAIN_UNQUOTED.test(this.text)) {
        current += this.text.slice(p, PLAIN_UNQUOTED.lastIndex);
        p = PLAIN_UNQUOTED.lastIndex;
        continue;
      }
      const c = this.text.charCodeAt(p);
      if (c === BACKSLASH) {
        const escaped = this.unquotedEscape(p);
        current += escaped.value;
        p += escaped.length;
        continue;
      }
      if (c === STAR) {
        pattern.push(current);
        current = '';
        p++;
        continue;
      }
      if (isKqlSpecial(c)) break;
      if (isKqlSpace(c)) {
        // Every offset in a run of spaces is followed by the same word, so one keyword check covers the run.
        let runEnd = p + 1;
        while (isKqlSpace(this.charAt(runEnd))) runEnd++;
        if (this.keywordStartsAt(p)) break;
        current += this.text.slice(p, runEnd);
        p = runEnd;
        continue;
      }
      if ((c === 110 || c === 78) && this.notKeywordAt(p)) break;
      current += this.text[p];
      p++;
    }
    pattern.push(current);
    this.pos = p;

    let spanStart = start;
    let spanEnd = p;
    while (spanEnd > spanStart && isJsWhitespace(this.text[spanEnd - 1])) spanEnd--;
    while (spanStart < spanEnd && isJsWhitespace(this.text[spanStart])) spanStart++;
    pattern[0] = pattern[0].trimStart();
    pattern[pattern.length - 1] = pattern[pattern.length - 1].trimEnd();
    return {
      quoted: false,
      span: { start: spanStart, end: spanEnd },
      raw: this.text.slice(spanStart, spanEnd),
      value: pattern.join('*'),
      pattern: pattern.length > 1 ? pattern : null,
    };
  }

  /**
   * Escapes outside quotes, tried in Kibana's order: `\t \r \n`, a special
   * character, `\uXXXX`, a keyword (`\or`, `\and`, `\not`, any case).
   */
  private unquotedEscape(p: number): { value: string; length: number } {
    const n = this.charAt(p + 1);
    if (n === 116) return { value: '\t', length: 2 };
    if (n === 114) return { value: '\r', length: 2 };
    if (n === 110) return { value: '\n', length: 2 };
    if (n >= 0 && isKqlSpecial(n)) return { value: String.fromCharCode(n), length: 2 };
    const unicode = n === 117 ? this.unicodeEscape(p) : null;
    if (unicode) return unicode;
    for (const word of ['and', 'not', 'or']) {
      const candidate = this.text.slice(p + 1, p + 1 + word.length);
      if (candidate.toLowerCase() === word) return { value: candidate, length: 1 + word.length };
    }
    if (n < 0) {
      this.reportError({ start: p, end: p + 1 }, 'kql-invalid-escape', 'a value cannot end with `\\`: write `\\\\` for a backslash');
      return { value: '\\', length: 1 };
    }
    const shown = n === 117 ? '\\u' : this.text.slice(p, p + 2);
    this.reportError(
      { start: p, end: p + 2 },
      'kql-invalid-escape',
      n === 117
        ? '`\\u` must be followed by four hexadecimal digits'
        : `\`${shown}\` is not a valid escape outside quotes (only \`\\\\\`, \`\\(\`, \`\\)\`, \`\\:\`, \`\\<\`, \`\\>\`, \`\\"\`, \`\\*\`, \`\\{\`, \`\\}\`, \`\\t\`, \`\\r\`, \`\\n\`, \`\\uXXXX\`, \`\\and\`, \`\\or\` and \`\\not\` are): write \`\\\\\` for a backslash, or quote the value`,
    );
    return { value: String.fromCharCode(n), length: 2 };
  }
}
