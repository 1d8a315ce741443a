// ES|QL scanner. The Elasticsearch lexer is modal (index patterns, column
// patterns and enrich policy names are lexed differently from expressions), so
// this scanner is a pure function of (offset, mode): the parser asks for the
// next token in the mode its grammar position needs. It never fails: bad input
// becomes an `invalid` token or a token carrying a `problem`, which the parser
// reports when (and only when) it consumes the token.
import * as chars from '../common/chars.ts';
import type { Span } from '../common/diagnostics.ts';
import * as scanning from '../common/scanning.ts';

// Bound once: these run per character or token, and under loaders that compile
// modules to CommonJS every imported-binding call would otherwise go through a getter.
const { isAsciiLetter, isDigit } = chars;
const { blockCommentEnd, scanNumberLiteral } = scanning;

export type ScanMode =
  /** Expressions and most command arguments. */
  | 'expression'
  /** FROM / TS / JOIN targets: `logs-*`, `remote:logs-*`, `"quoted"`, `logs::failures`. */
  | 'source'
  /** KEEP / DROP / RENAME / ENRICH columns: `Esql.*`, `` `a b` ``, `host*name`. */
  | 'pattern'
  /** ENRICH policy names: `my-policy`, `_any:my-policy`. */
  | 'policy';

export type TokenKind =
  | 'identifier'
  | 'quotedIdentifier'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'param'
  | 'source'
  | 'pattern'
  | 'policy'
  | '|' | ',' | '.' | '(' | ')' | '[' | ']' | '{' | '}'
  | '=' | '==' | '=~' | '!=' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%'
  | '::' | ':' | ';' | '->'
  | 'invalid'
  | 'eof';

export interface ScanProblem {
  span: Span;
  code: string;
  message: string;
}

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /**
   * Decoded text: identifier name (backquotes removed), string contents
   * (escapes resolved), pattern text, or the raw text for other tokens.
   */
  value: string;
  /** Lower-cased `value` of unquoted words, for case-insensitive keyword tests. */
  lower: string;
  /** A string written with triple quotes. */
  tripleQuoted?: boolean;
  /** A column pattern with an unquoted `*`. */
  wildcard?: boolean;
  problem?: ScanProblem;
}

const BACKQUOTE = 96;
const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

// Runs of characters with no meaning of their own are taken in one step by sticky regexes:
// native code from the first call, where per-character loops would run in the interpreter.
const SPACES = /[ \t\n\r]*/y;
const ID_BODY = /[A-Za-z0-9_]*/y;
const PLAIN_STRING = /[^"\\\n\r]*/y;

function isIdBody(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 95;
}

/** Characters that end an unquoted index pattern (`~[:"=|,[\]/() \t\r\n]` upstream). */
function endsSource(c: number): boolean {
  switch (c) {
    case 58: // :
    case QUOTE:
    case 61: // =
    case 124: // |
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 40: // (
    case 41: // )
      return true;
  }
  return isSpace(c);
}

/** Characters that end an enrich policy name (`~[\\/?"<>| ,#\t\r\n:()]` upstream). */
function endsPolicyName(c: number): boolean {
  switch (c) {
    case BACKSLASH:
    case SLASH:
    case 63: // ?
    case QUOTE:
    case 60: // <
    case 62: // >
    case 124: // |
    case 44: // ,
    case 35: // #
    case 58: // :
    case 40: // (
    case 41: // )
      return true;
  }
  return isSpace(c);
}

const TWO_CHARACTER_OPERATORS = new Map<number, TokenKind>(
  (['==', '=~', '!=', '<=', '>=', '::', '->'] as const).map((op) => [op.charCodeAt(0) * 65536 + op.charCodeAt(1), op]),
);

const SINGLE_CHARACTER_TOKENS = new Map<number, TokenKind>(
  (['|', ',', '.', '(', ')', '[', ']', '{', '}', '=', '<', '>', '+', '-', '*', '/', '%', ':', ';'] as const).map((op) => [op.charCodeAt(0), op]),
);

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', '"': '"', '\\': '\\' };

export class Scanner {
  /** Problems found in comments, keyed by offset so rescanning never duplicates them. */
  readonly triviaProblems = new Map<number, ScanProblem>();
  private triviaFrom = -1;
  private triviaTo = 0;

  constructor(readonly text: string) {}

  /** Offset of the first character at or after `pos` that is not whitespace or a comment. */
  skipTrivia(pos: number): number {
    if (pos === this.triviaFrom) return this.triviaTo;
    const text = this.text;
    let i = pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        SPACES.lastIndex = i + 1;
        SPACES.test(text);
        i = SPACES.lastIndex;
      } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
        i += 2;
        while (i < text.length && text.charCodeAt(i) !== NEWLINE) i++;
      } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        i = this.skipBlockComment(i);
      } else {
        break;
      }
    }
    this.triviaFrom = pos;
    this.triviaTo = i;
    return i;
  }

  private skipBlockComment(start: number): number {
    const end = blockCommentEnd(this.text, start);
    if (end >= 0) return end;
    if (!this.triviaProblems.has(start)) {
      this.triviaProblems.set(start, {
        span: { start, end: start + 2 },
        code: 'esql-unterminated-comment',
        message: 'this `/*` comment is never closed with `*/`',
      });
    }
    return this.text.length;
  }

  /** The next token at or after `pos`, lexed as `mode` dictates. */
  scan(pos: number, mode: ScanMode): Token {
    const start = this.skipTrivia(pos);
    if (start >= this.text.length) return this.token('eof', start, start, '');
    switch (mode) {
      case 'expression':
        return this.scanExpression(start);
      case 'source':
        return this.scanSource(start);
      case 'pattern':
        return this.scanPattern(start);
      case 'policy':
        return this.scanPolicy(start);
    }
  }

  private token(kind: TokenKind, start: number, end: number, value: string, lower = ''): Token {
    return { kind, start, end, value, lower };
  }

  private scanExpression(start: number): Token {
    const text = this.text;
    const c = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    if (isAsciiLetter(c) || ((c === 95 || c === 64) && isIdBody(next))) {
      ID_BODY.lastIndex = start + 1;
      ID_BODY.test(text);
      const i = ID_BODY.lastIndex;
      const value = text.slice(start, i);
      return this.token('identifier', start, i, value, value.toLowerCase());
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) return this.scanNumber(start);
    if (c === QUOTE) return this.scanString(start);
    if (c === BACKQUOTE) return this.scanQuotedIdentifier(start);
    if (c === 63 /* ? */) return this.scanParam(start);
    // Two-character operators first, without slicing the text.
    const pair = TWO_CHARACTER_OPERATORS.get(c * 65536 + next);
    if (pair !== undefined) return this.token(pair, start, start + 2, pair);
    const single = SINGLE_CHARACTER_TOKENS.get(c);
    if (single !== undefined) return this.token(single, start, start + 1, single);
    return this.invalid(start);
  }

  /** One unrecognised character (a whole surrogate pair when there is one). */
  private invalid(start: number): Token {
    const code = this.text.codePointAt(start) ?? 0;
    const end = start + (code > 0xffff ? 2 : 1);
    const value = this.text.slice(start, end);
    const token = this.token('invalid', start, end, value);
    token.problem = { span: { start, end }, code: 'esql-invalid-character', message: `unexpected character \`${value}\`` };
    return token;
  }

  private scanNumber(start: number): Token {
    const { end, decimal } = scanNumberLiteral(this.text, start);
    return this.token(decimal ? 'decimal' : 'integer', start, end, this.text.slice(start, end));
  }

  private scanString(start: number): Token {
    const text = this.text;
    if (text.startsWith('"""', start)) {
      // Triple-quoted strings end at the first `"""` on the same line and keep
      // up to two extra quotes that follow it; nothing is escaped.
      let i = start + 3;
      while (i < text.length && text.charCodeAt(i) !== NEWLINE && text.charCodeAt(i) !== CARRIAGE_RETURN) {
        if (text.startsWith('"""', i)) {
          let end = i + 3;
          if (text.charCodeAt(end) === QUOTE) end++;
          if (text.charCodeAt(end) === QUOTE) end++;
          const token = this.token('string', start, end, text.slice(start + 3, end - 3));
          token.tripleQuoted = true;
          return token;
        }
        i++;
      }
      const token = this.token('string', start, i, text.slice(start + 3, i));
      token.tripleQuoted = true;
      token.problem = {
        span: { start, end: start + 3 },
        code: 'esql-unterminated-string',
        message: 'this `"""` string is not closed on the same line',
      };
      return token;
    }
    let value = '';
    let i = start + 1;
    let chunk = i;
    let problem: ScanProblem | undefined;
    while (i < text.length) {
      PLAIN_STRING.lastIndex = i;
      PLAIN_STRING.test(text);
      i = PLAIN_STRING.lastIndex;
      if (i >= text.length) break;
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        value += text.slice(chunk, i);
        const token = this.token('string', start, i + 1, value);
        token.problem = problem;
        return token;
      }
      if (c === NEWLINE || c === CARRIAGE_RETURN) break;
      if (c === BACKSLASH) {
        value += text.slice(chunk, i);
        const escaped = text[i + 1];
        const decoded = escaped === undefined ? undefined : ESCAPES[escaped];
        if (decoded !== undefined) {
          value += decoded;
          i += 2;
        } else {
          problem ??= {
            span: { start: i, end: Math.min(i + 2, text.length) },
            code: 'esql-invalid-escape',
            message: `\`\\${escaped ?? ''}\` is not a valid escape; use \`\\\\\` for a backslash, or a """triple-quoted""" string`,
          };
          value += '\\';
          i += 1;
        }
        chunk = i;
        continue;
      }
      i++;
    }
    value += text.slice(chunk, i);
    const token = this.token('string', start, i, value);
    token.problem = {
      span: { start, end: start + 1 },
      code: 'esql-unterminated-string',
      message: 'this string is not closed with `"` before the end of the line',
    };
    return token;
  }

  /** `` `name` `` with ```` `` ```` standing for one backquote. */
  private scanQuotedIdentifier(start: number, kind: TokenKind = 'quotedIdentifier'): Token {
    const { end, value, closed } = this.readQuotedIdentifier(start);
    const token = this.token(kind, start, end, value);
    if (!closed) {
      token.problem = {
        span: { start, end: start + 1 },
        code: 'esql-unterminated-identifier',
        message: 'this quoted identifier is not closed with `` ` ``',
      };
    } else if (value === '') {
      token.problem = { span: { start, end }, code: 'esql-empty-identifier', message: 'a quoted identifier cannot be empty' };
    }
    return token;
  }

  private readQuotedIdentifier(start: number): { end: number; value: string; closed: boolean } {
    const text = this.text;
    let value = '';
    let i = start + 1;
    let chunk = i;
    while (i < text.length) {
      if (text.charCodeAt(i) === BACKQUOTE) {
        if (text.charCodeAt(i + 1) === BACKQUOTE) {
          value += text.slice(chunk, i + 1);
          i += 2;
          chunk = i;
          continue;
        }
        value += text.slice(chunk, i);
        return { end: i + 1, value, closed: true };
      }
      i++;
    }
    // Unclosed: stop at the end of the line so the next lines still parse.
    let end = start + 1;
    while (end < text.length && text.charCodeAt(end) !== NEWLINE) end++;
    return { end, value: text.slice(start + 1, end), closed: false };
  }

  /** `?`, `?name`, `?1`, and the `??` forms that stand for identifiers. */
  private scanParam(start: number): Token {
    const text = this.text;
    let i = start + 1;
    if (text.charCodeAt(i) === 63) i++;
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c) || c === 95) {
      i++;
      while (isIdBody(text.charCodeAt(i))) i++;
    } else if (isDigit(c)) {
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return this.token('param', start, i, text.slice(start, i));
  }

  private scanSource(start: number): Token {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === QUOTE) return this.scanString(start);
    if (text.startsWith('::', start)) return this.token('::', start, start + 2, '::');
    switch (text[start]) {
      case '|':
      case ',':
      case ':':
      case '(':
      case ')':
      case '=':
      case '[':
      case ']':
        return this.token(text[start] as TokenKind, start, start + 1, text[start]!);
    }
    let i = start;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (endsSource(d)) break;
      // A `/` is part of a pattern (date math such as `<logs-{now/d}>`) unless it starts a comment.
      if (d === SLASH) {
        const after = text.charCodeAt(i + 1);
        if (after === SLASH || after === STAR) break;
      }
      i++;
    }
    if (i === start) return this.invalid(start);
    const value = text.slice(start, i);
    return this.token('source', start, i, value, value.toLowerCase());
  }

  private scanPattern(start: number): Token {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === 63 /* ? */) return this.scanParam(start);
    // ID_PATTERN upstream: (unquoted-part | `quoted-part`)+ where unquoted parts
    // may hold `*` and start with a letter, `*`, or `_`/`@` followed by more.
    let i = start;
    let value = '';
    let wildcard = false;
    let problem: ScanProblem | undefined;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d === BACKQUOTE) {
        const quoted = this.readQuotedIdentifier(i);
        if (!quoted.closed) {
          problem ??= {
            span: { start: i, end: i + 1 },
            code: 'esql-unterminated-identifier',
            message: 'this quoted identifier is not closed with `` ` ``',
          };
        }
        value += quoted.value;
        i = quoted.end;
        continue;
      }
      const startsPart =
        isAsciiLetter(d) || d === STAR || ((d === 95 || d === 64) && (isIdBody(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === STAR));
      if (!startsPart) break;
      const partStart = i;
      i++;
      for (;;) {
        const e = text.charCodeAt(i);
        if (isIdBody(e)) i++;
        else if (e === STAR) i++;
        else break;
      }
      const part = text.slice(partStart, i);
      if (part.includes('*')) wildcard = true;
      value += part;
    }
    if (i > start) {
      const token = this.token('pattern', start, i, value, value.toLowerCase());
      token.wildcard = wildcard;
      token.problem = problem;
      return token;
    }
    switch (text[start]) {
      case '|':
      case ',':
      case '.':
      case '=':
      case '(':
      case ')':
      case '[':
      case ']':
        return this.token(text[start] as TokenKind, start, start + 1, text[start]!);
    }
    return this.invalid(start);
  }

  private scanPolicy(start: number): Token {
    const text = this.text;
    if (text.charCodeAt(start) === QUOTE) return this.scanString(start);
    let i = start;
    while (i < text.length && !endsPolicyName(text.charCodeAt(i))) i++;
    // An optional `mode:` prefix, e.g. `_any:policy`.
    if (i > start && text.charCodeAt(i) === 58 && i + 1 < text.length && !endsPolicyName(text.charCodeAt(i + 1))) {
      i++;
      while (i < text.length && !endsPolicyName(text.charCodeAt(i))) i++;
    }
    if (i === start) return this.scanExpression(start);
    const value = text.slice(start, i);
    return this.token('policy', start, i, value, value.toLowerCase());
  }
}
