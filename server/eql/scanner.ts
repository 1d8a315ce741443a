// Splits EQL text into tokens the way Elasticsearch's EqlBase lexer does:
// lowercase-only keywords, ASCII identifiers, `"..."` strings with
// `\b \t \n \f \r \" \' \\ \u{XXXX}` escapes, single-line `"""raw"""` strings,
// backquoted names, `//` and nested `/* */` comments. The scanner never fails:
// it reports a diagnostic and produces the most useful token it can.
import type { DiagnosticSink, Span } from '../common/diagnostics.ts';
import { isAsciiLetter, isDigit } from '../common/chars.ts';
import { blockCommentEnd, scanNumberLiteral } from '../common/scanning.ts';

export type KeywordKind =
  | 'and'
  | 'any'
  | 'by'
  | 'false'
  | 'in'
  | 'in~'
  | 'join'
  | 'like'
  | 'like~'
  | 'maxspan'
  | 'not'
  | 'null'
  | 'of'
  | 'or'
  | 'regex'
  | 'regex~'
  | 'sample'
  | 'sequence'
  | 'true'
  | 'until'
  | 'where'
  | 'with';

export type PunctuationKind =
  | ':'
  | '='
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '.'
  | ','
  | '['
  | ']'
  | '('
  | ')'
  | '|'
  | '?'
  | '![';

export type TokenKind =
  | KeywordKind
  | PunctuationKind
  | 'identifier'
  | 'quotedIdentifier'
  | 'tildeIdentifier'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier name (decoded for backquoted ones, without `~`), or decoded string value. */
  value: string;
  stringStyle: 'double' | 'raw' | 'single' | 'question' | undefined;
  /** An identifier that is a keyword in another letter case (`AND`), for better messages. */
  keywordInOtherCase: KeywordKind | undefined;
}

export interface ScanResult {
  tokens: Token[];
  comments: Span[];
}

const KEYWORDS: ReadonlyMap<string, KeywordKind> = new Map(
  (
    [
      'and', 'any', 'by', 'false', 'in', 'in~', 'join', 'like', 'like~', 'maxspan', 'not', 'null',
      'of', 'or', 'regex', 'regex~', 'sample', 'sequence', 'true', 'until', 'where', 'with',
    ] as const
  ).map((k) => [k, k]),
);

const KEYWORD_KINDS: ReadonlySet<TokenKind> = new Set(KEYWORDS.values());

export function isKeyword(kind: TokenKind): kind is KeywordKind {
  return KEYWORD_KINDS.has(kind);
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_DQUOTE = 34;
const CH_PERCENT = 37;
const CH_AMP = 38;
const CH_SQUOTE = 39;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_QUESTION = 63;
const CH_AT = 64;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_UNDERSCORE = 95;
const CH_BACKQUOTE = 96;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;
const CH_TILDE = 126;

/** Elasticsearch's WS rule: space, tab, CR, LF only. */
function isEqlWhitespace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR;
}

function isLineBreak(c: number): boolean {
  return c === CH_LF || c === CH_CR;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

const UNICODE_WORD = /[\p{L}\p{N}]/u;

/** Non-ASCII letters and digits: not part of EQL names, but read as such so `prócess` stays one (reported) token. */
function isNonAsciiWordChar(c: number): boolean {
  return c > 127 && UNICODE_WORD.test(String.fromCharCode(c));
}

function isNamePart(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === CH_UNDERSCORE || isNonAsciiWordChar(c);
}

const LONG_MAX = 9223372036854775807n;

// Runs of characters with no meaning of their own are taken in one step by sticky regexes:
// native code from the first call, where per-character loops would run in the interpreter.
const WHITESPACE = /[ \t\r\n]*/y;
const ASCII_NAME_PART = /[A-Za-z0-9_]*/y;
const PLAIN_DOUBLE_QUOTED = /[^"\\\r\n]*/y;
const PLAIN_SINGLE_QUOTED = /[^'\\\r\n]*/y;

export function scan(text: string, sink: DiagnosticSink): ScanResult {
  return new Scanner(text, sink).run();
}

class Scanner {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly comments: Span[] = [];
  /** Start of a run of characters the lexer does not know, reported as one diagnostic. */
  private invalidStart = -1;

  constructor(
    private readonly text: string,
    private readonly sink: DiagnosticSink,
  ) {}

  run(): ScanResult {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (isEqlWhitespace(c)) {
        this.flushInvalid();
        WHITESPACE.lastIndex = this.pos + 1;
        WHITESPACE.test(text);
        this.pos = WHITESPACE.lastIndex;
        continue;
      }
      if (!this.scanToken(c)) {
        if (this.invalidStart < 0) this.invalidStart = this.pos;
        this.pos++;
      } else {
        this.flushInvalid();
      }
    }
    this.flushInvalid();
    this.push('eof', n, n, '');
    return { tokens: this.tokens, comments: this.comments };
  }

  /** Scans one token or comment at `pos`; false when `c` starts nothing the lexer knows. */
  private scanToken(c: number): boolean {
    const text = this.text;
    const start = this.pos;
    const next = start + 1 < text.length ? text.charCodeAt(start + 1) : -1;
    if (isAsciiLetter(c) || c === CH_UNDERSCORE || c === CH_AT || isNonAsciiWordChar(c)) {
      this.scanName(c);
      return true;
    }
    if (isDigit(c) || (c === CH_DOT && isDigit(next))) {
      this.scanNumber();
      return true;
    }
    switch (c) {
      case CH_DQUOTE:
        if (next === CH_DQUOTE && start + 2 < text.length && text.charCodeAt(start + 2) === CH_DQUOTE) {
          this.scanRawString();
        } else {
          this.scanQuotedString(CH_DQUOTE, 'double', start + 1);
        }
        return true;
      case CH_SQUOTE:
        this.scanQuotedString(CH_SQUOTE, 'single', start + 1);
        return true;
      case CH_BACKQUOTE:
        this.scanQuotedIdentifier();
        return true;
      case CH_SLASH:
        if (next === CH_SLASH) {
          this.scanLineComment();
          return true;
        }
        if (next === CH_STAR) {
          this.scanBlockComment();
          return true;
        }
        return this.punct('/', 1);
      case CH_QUESTION:
        // `?"..."` and `?'...'` were Endgame raw strings; Elasticsearch lexes then rejects them.
        if (next === CH_DQUOTE) {
          this.scanQuestionString(CH_DQUOTE);
          return true;
        }
        if (next === CH_SQUOTE) {
          this.scanQuestionString(CH_SQUOTE);
          return true;
        }
        return this.punct('?', 1);
      case CH_EQ:
        return next === CH_EQ ? this.punct('==', 2) : this.punct('=', 1);
      case CH_BANG:
        if (next === CH_EQ) return this.punct('!=', 2);
        if (next === CH_LBRACKET) return this.punct('![', 2);
        return this.substitute('not', 1, 'eql-invalid-operator', '`!` is not an EQL operator; use `not` (or `!=` for inequality)');
      case CH_AMP:
        if (next === CH_AMP) return this.substitute('and', 2, 'eql-invalid-operator', '`&&` is not an EQL operator; use `and`');
        return false;
      case CH_PIPE:
        if (next === CH_PIPE) return this.substitute('or', 2, 'eql-invalid-operator', '`||` is not an EQL operator; use `or`');
        return this.punct('|', 1);
      case CH_LT:
        return next === CH_EQ ? this.punct('<=', 2) : this.punct('<', 1);
      case CH_GT:
        return next === CH_EQ ? this.punct('>=', 2) : this.punct('>', 1);
      case CH_COLON:
        return this.punct(':', 1);
      case CH_PLUS:
        return this.punct('+', 1);
      case CH_MINUS:
        return this.punct('-', 1);
      case CH_STAR:
        return this.punct('*', 1);
      case CH_PERCENT:
        return this.punct('%', 1);
      case CH_DOT:
        return this.punct('.', 1);
      case CH_COMMA:
        return this.punct(',', 1);
      case CH_LBRACKET:
        return this.punct('[', 1);
      case CH_RBRACKET:
        return this.punct(']', 1);
      case CH_LPAREN:
        return this.punct('(', 1);
      case CH_RPAREN:
        return this.punct(')', 1);
      default:
        return false;
    }
  }

  private flushInvalid(): void {
    if (this.invalidStart < 0) return;
    const start = this.invalidStart;
    this.invalidStart = -1;
    const chars = this.text.slice(start, this.pos);
    this.sink.error(
      { start, end: this.pos },
      'eql-invalid-character',
      chars.length === 1 ? `unexpected character \`${chars}\`` : `unexpected characters \`${chars}\``,
    );
  }

  /** Every token gets every field, so they all share one shape. */
  private push(
    kind: TokenKind,
    start: number,
    end: number,
    value: string,
    stringStyle?: Token['stringStyle'],
    keywordInOtherCase?: KeywordKind,
  ): void {
    this.tokens.push({ kind, start, end, value, stringStyle, keywordInOtherCase });
  }

  private punct(kind: PunctuationKind, length: number): true {
    this.push(kind, this.pos, this.pos + length, '');
    this.pos += length;
    return true;
  }

  /** A foreign operator (`&&`, `||`, `!`): reported, then read as the EQL one so parsing goes on. */
  private substitute(kind: 'and' | 'or' | 'not', length: number, code: string, message: string): true {
    const span = { start: this.pos, end: this.pos + length };
    this.sink.error(span, code, message);
    this.push(kind, span.start, span.end, '');
    this.pos += length;
    return true;
  }

  private scanName(first: number): void {
    const text = this.text;
    const start = this.pos;
    // `@` may only start a name (for `@timestamp`); ES's IDENTIFIER has no `@` after that.
    ASCII_NAME_PART.lastIndex = start + 1;
    ASCII_NAME_PART.test(text);
    let i = ASCII_NAME_PART.lastIndex;
    let nonAscii = first > 127 ? start : -1;
    for (let c: number; i < text.length && isNamePart((c = text.charCodeAt(i))); i++) {
      if (c > 127 && nonAscii < 0) nonAscii = i;
    }
    // TILDE_IDENTIFIER: a letter-initial name glued to `~`, e.g. `endsWith~`; `in~`, `like~`, `regex~` are keywords.
    const tilde = i < text.length && text.charCodeAt(i) === CH_TILDE && isAsciiLetter(first);
    const end = tilde ? i + 1 : i;
    const word = text.slice(start, end);
    this.pos = end;
    if (nonAscii >= 0) {
      this.sink.error(
        { start, end },
        'eql-invalid-character',
        `\`${text[nonAscii]}\` is not allowed in an unquoted name; put \`${word}\` in backquotes`,
      );
    }
    const keyword = KEYWORDS.get(word);
    if (keyword) {
      this.push(keyword, start, end, word);
      return;
    }
    const inOtherCase = KEYWORDS.get(word.toLowerCase());
    if (tilde) this.push('tildeIdentifier', start, end, word.slice(0, -1), undefined, inOtherCase);
    else this.push('identifier', start, end, word, undefined, inOtherCase);
  }

  private scanNumber(): void {
    const start = this.pos;
    const { end, decimal } = scanNumberLiteral(this.text, start);
    const raw = this.text.slice(start, end);
    this.pos = end;
    const span = { start, end };
    if (decimal) {
      if (!Number.isFinite(Number(raw))) this.sink.error(span, 'eql-number-too-large', `number \`${raw}\` is too large`);
    } else if (raw.length >= 19 && BigInt(raw) > LONG_MAX) {
      this.sink.error(span, 'eql-number-too-large', `number \`${raw}\` is too large; the largest integer is ${LONG_MAX}`);
    }
    this.push(decimal ? 'decimal' : 'integer', start, end, raw);
  }

  /** `"..."` (and, for recovery, `'...'`): escapes decoded, line breaks end the string unterminated. */
  private scanQuotedString(quote: number, style: 'double' | 'single', contentStart: number): void {
    const text = this.text;
    const n = text.length;
    const start = this.pos;
    let i = contentStart;
    let value = '';
    let chunkStart = i;
    let closed = false;
    const plain = quote === CH_DQUOTE ? PLAIN_DOUBLE_QUOTED : PLAIN_SINGLE_QUOTED;
    while (i < n) {
      plain.lastIndex = i;
      plain.test(text);
      i = plain.lastIndex;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === quote) {
        value += text.slice(chunkStart, i);
        i++;
        closed = true;
        break;
      }
      if (isLineBreak(c)) break;
      if (c !== CH_BACKSLASH) {
        i++;
        continue;
      }
      value += text.slice(chunkStart, i);
      if (i + 1 >= n || isLineBreak(text.charCodeAt(i + 1))) {
        i++;
        chunkStart = i;
        break;
      }
      const decoded = this.decodeEscape(i);
      value += decoded.value;
      i = decoded.end;
      chunkStart = i;
    }
    if (!closed) value += text.slice(chunkStart, i);
    this.pos = i;
    const span = { start, end: i };
    if (!closed) {
      this.sink.error(span, 'eql-unterminated-string', 'unterminated string: add the closing `"` on the same line');
    } else if (style === 'single') {
      this.sink.error(
        span,
        'eql-single-quoted-string',
        `Elasticsearch EQL does not accept single-quoted strings; write "${value.replace(/["\\]/g, '\\$&')}"`,
      );
    }
    this.push('string', start, i, value, style);
  }

  /** Decodes the escape at `at` (a backslash followed by a character on the same line). */
  private decodeEscape(at: number): { value: string; end: number } {
    const text = this.text;
    const c = text.charCodeAt(at + 1);
    switch (c) {
      case 98: // b
        return { value: '\b', end: at + 2 };
      case 116: // t
        return { value: '\t', end: at + 2 };
      case 110: // n
        return { value: '\n', end: at + 2 };
      case 102: // f
        return { value: '\f', end: at + 2 };
      case 114: // r
        return { value: '\r', end: at + 2 };
      case CH_DQUOTE:
        return { value: '"', end: at + 2 };
      case CH_SQUOTE:
        return { value: "'", end: at + 2 };
      case CH_BACKSLASH:
        return { value: '\\', end: at + 2 };
      case 117: // u
        return this.decodeUnicodeEscape(at);
      default: {
        const escape = text.slice(at, at + 2);
        this.sink.error(
          { start: at, end: at + 2 },
          'eql-invalid-escape',
          `unknown escape \`${escape}\`: write \`\\\\\` for a backslash, or use a raw string """..."""`,
        );
        // Elasticsearch passes unknown escapes through as written.
        return { value: escape, end: at + 2 };
      }
    }
  }

  /** `\u{XXXX}`: 2 to 8 hex digits naming a code point that is not a surrogate. */
  private decodeUnicodeEscape(at: number): { value: string; end: number } {
    const text = this.text;
    let i = at + 2;
    if (i >= text.length || text.charCodeAt(i) !== CH_LBRACE) {
      this.sink.error({ start: at, end: at + 2 }, 'eql-invalid-unicode-escape', 'a unicode escape is written `\\u{XXXX}` with 2 to 8 hex digits');
      return { value: '\\u', end: at + 2 };
    }
    i++;
    const digitsStart = i;
    while (i < text.length && isHexDigit(text.charCodeAt(i))) i++;
    const digits = text.slice(digitsStart, i);
    if (i >= text.length || text.charCodeAt(i) !== CH_RBRACE || digits.length === 0) {
      this.sink.error({ start: at, end: i }, 'eql-invalid-unicode-escape', 'a unicode escape is written `\\u{XXXX}` with 2 to 8 hex digits');
      return { value: text.slice(at, i), end: i };
    }
    const end = i + 1;
    const span = { start: at, end };
    if (digits.length < 2 || digits.length > 8) {
      this.sink.error(span, 'eql-invalid-unicode-escape', `a unicode escape needs 2 to 8 hex digits; \`${digits}\` has ${digits.length}`);
      return { value: text.slice(at, end), end };
    }
    const code = parseInt(digits, 16);
    if (code >= 0xd800 && code <= 0xdfff) {
      this.sink.error(span, 'eql-invalid-unicode-escape', `\`${digits}\` is a surrogate code, not a character`);
      return { value: text.slice(at, end), end };
    }
    if (code > 0x10ffff) {
      this.sink.error(span, 'eql-invalid-unicode-escape', `\`${digits}\` is beyond the last unicode character (10FFFF)`);
      return { value: text.slice(at, end), end };
    }
    return { value: String.fromCodePoint(code), end };
  }

  /**
   * `"""..."""`: no escapes, no line breaks; up to two extra `"` before the end
   * belong to the value. One closing on a later line is reported and taken whole.
   */
  private scanRawString(): void {
    const text = this.text;
    const start = this.pos;
    const contentStart = start + 3;
    const close = text.indexOf('"""', contentStart);
    if (close < 0) {
      let lineEnd = contentStart;
      while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
      this.pos = lineEnd;
      this.sink.error({ start, end: lineEnd }, 'eql-unterminated-string', 'unterminated raw string: add the closing `"""`');
      this.push('string', start, lineEnd, text.slice(contentStart, lineEnd), 'raw');
      return;
    }
    let end = close + 3;
    for (let extra = 0; extra < 2 && end < text.length && text.charCodeAt(end) === CH_DQUOTE; extra++) end++;
    this.pos = end;
    for (let i = contentStart; i < close; i++) {
      if (isLineBreak(text.charCodeAt(i))) {
        this.sink.error(
          { start, end },
          'eql-unterminated-string',
          'a raw string must close on the line it opens; use a regular string with `\\n` for line breaks',
        );
        break;
      }
    }
    this.push('string', start, end, text.slice(contentStart, end - 3), 'raw');
  }

  /** Endgame's `?"..."` raw strings: `\"` (or `\'`) is the only escape. */
  private scanQuestionString(quote: number): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 2;
    let closed = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isLineBreak(c)) break;
      if (c === CH_BACKSLASH && i + 1 < text.length && text.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      if (c === quote) {
        closed = true;
        i++;
        break;
      }
      i++;
    }
    this.pos = i;
    const value = text.slice(start + 2, closed ? i - 1 : i);
    const span = { start, end: i };
    if (!closed) {
      this.sink.error(span, 'eql-unterminated-string', 'unterminated string');
    } else {
      this.sink.error(
        span,
        'eql-unsupported-raw-string',
        `\`?${String.fromCharCode(quote)}...\` raw strings are not supported; use triple double quotes: """${value}"""`,
      );
    }
    this.push('string', start, i, value, 'question');
  }

  /** `` `name` ``: anything but a backquote, which is written twice. */
  private scanQuotedIdentifier(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    let chunkStart = i;
    let closed = false;
    while (i < text.length) {
      if (text.charCodeAt(i) !== CH_BACKQUOTE) {
        i++;
        continue;
      }
      if (i + 1 < text.length && text.charCodeAt(i + 1) === CH_BACKQUOTE) {
        value += text.slice(chunkStart, i + 1);
        i += 2;
        chunkStart = i;
        continue;
      }
      closed = true;
      break;
    }
    value += text.slice(chunkStart, i);
    const end = closed ? i + 1 : i;
    this.pos = end;
    if (!closed) this.sink.error({ start, end }, 'eql-unterminated-identifier', 'unterminated name: add the closing backquote');
    this.push('quotedIdentifier', start, end, value);
  }

  private scanLineComment(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 2;
    while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
    this.comments.push({ start, end: i });
    this.pos = i;
  }

  /** `/* ... *\/`, which nests in Elasticsearch's grammar. */
  private scanBlockComment(): void {
    const start = this.pos;
    const close = blockCommentEnd(this.text, start);
    const end = close < 0 ? this.text.length : close;
    this.pos = end;
    this.comments.push({ start, end });
    if (close < 0) this.sink.error({ start, end }, 'eql-unterminated-comment', 'unterminated comment: close it with `*/`');
  }
}
