// Tokenizer for the Lucene query string syntax (Lucene's classic QueryParser,
// which Elasticsearch's query_string query extends). Its lexical states are
// switched by tokens alone (`^` expects a number, `[`/`{` open a range), so the
// whole text is tokenized up front. It never fails: text no token matches
// becomes an `error` token with a diagnostic.
import type { Span } from '../common/diagnostics.ts';

export type LuceneTokenKind =
  | 'and' // AND &&
  | 'or' // OR ||
  | 'not' // NOT !
  | 'plus'
  | 'minus'
  | 'bare-operator' // + - ! followed by whitespace: searched as a term
  | 'lparen'
  | 'rparen'
  | 'colon'
  | 'star' // a lone *
  | 'caret'
  | 'number' // only right after ^
  | 'quoted'
  | 'term'
  | 'prefix-term' // term*
  | 'wildcard-term'
  | 'fuzzy-slop' // ~ ~2 ~0.5
  | 'regex'
  | 'range-start-inclusive' // [
  | 'range-start-exclusive' // {
  | 'range-to'
  | 'range-end-inclusive' // ]
  | 'range-end-exclusive' // }
  | 'range-quoted'
  | 'range-goop'
  | 'error'
  | 'eof';

export interface LuceneToken {
  kind: LuceneTokenKind;
  span: Span;
  text: string;
  /** Whether whitespace (or the start of the text) comes right before the token. */
  spaceBefore: boolean;
}

export type ReportError = (span: Span, code: string, message: string) => void;

const BACKSLASH = 92;

export function isLuceneWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000;
}

/** Characters that cannot start a term unless escaped. */
function isTermStartChar(c: number): boolean {
  if (c < 0 || isLuceneWhitespace(c)) return false;
  switch (c) {
    case 43: // +
    case 45: // -
    case 33: // !
    case 40: // (
    case 41: // )
    case 58: // :
    case 94: // ^
    case 91: // [
    case 93: // ]
    case 34: // "
    case 123: // {
    case 125: // }
    case 126: // ~
    case 42: // *
    case 63: // ?
    case BACKSLASH:
    case 47: // /
      return false;
  }
  return true;
}

function isTermChar(c: number): boolean {
  return isTermStartChar(c) || c === 43 || c === 45;
}

function isWildcardChar(c: number): boolean {
  return c === 42 || c === 63;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function tokenizeLucene(text: string, reportError: ReportError): LuceneToken[] {
  const tokens: LuceneToken[] = [];
  const length = text.length;
  const at = (p: number): number => (p < length ? text.charCodeAt(p) : -1);
  let p = 0;
  let inRange = false;

  const push = (kind: LuceneTokenKind, start: number, end: number, spaceBefore: boolean): void => {
    tokens.push({ kind, span: { start, end }, text: text.slice(start, end), spaceBefore });
  };

  /** Length of a run of term characters (escapes included) from `start`, optionally also `*` and `?`. */
  const termRun = (start: number, first: (c: number) => boolean, rest: (c: number) => boolean): number => {
    let q = start;
    let allowed = first;
    for (;;) {
      const c = at(q);
      if (c === BACKSLASH && q + 1 < length) q += 2;
      else if (allowed(c)) q++;
      else break;
      allowed = rest;
    }
    return q - start;
  };

  while (p < length) {
    const spaceStart = p;
    while (isLuceneWhitespace(at(p))) p++;
    if (p >= length) break;
    const spaceBefore = p > spaceStart || p === 0;
    const c = at(p);

    if (inRange) {
      if (c === 93 || c === 125) {
        push(c === 93 ? 'range-end-inclusive' : 'range-end-exclusive', p, p + 1, spaceBefore);
        p++;
        inRange = false;
        continue;
      }
      let goop = p;
      while (goop < length && at(goop) !== 32 && at(goop) !== 93 && at(goop) !== 125) goop++;
      let quoted = 0;
      if (c === 34) {
        let q = p + 1;
        while (q < length && at(q) !== 34) q += at(q) === BACKSLASH && at(q + 1) === 34 ? 2 : 1;
        if (q < length && q > p + 1) quoted = q + 1 - p;
      }
      if (quoted >= goop - p) {
        push('range-quoted', p, p + quoted, spaceBefore);
        p += quoted;
      } else {
        push(text.slice(p, goop) === 'TO' ? 'range-to' : 'range-goop', p, goop, spaceBefore);
        p = goop;
      }
      continue;
    }

    // Longest match among the term-like tokens, as JavaCC picks it.
    const termLength = termRun(p, isTermStartChar, isTermChar);
    const wildLength = termRun(p, (d) => isTermStartChar(d) || isWildcardChar(d), (d) => isTermChar(d) || isWildcardChar(d));

    if (wildLength > termLength) {
      if (wildLength === 1 && c === 42) push('star', p, p + 1, spaceBefore);
      else if (termLength > 0 && wildLength === termLength + 1 && at(p + termLength) === 42) push('prefix-term', p, p + wildLength, spaceBefore);
      else push('wildcard-term', p, p + wildLength, spaceBefore);
      p += wildLength;
      continue;
    }
    if (termLength > 0) {
      const word = text.slice(p, p + termLength);
      const keyword = word === 'AND' || word === '&&' ? 'and' : word === 'OR' || word === '||' ? 'or' : word === 'NOT' ? 'not' : null;
      push(keyword ?? 'term', p, p + termLength, spaceBefore);
      p += termLength;
      continue;
    }

    switch (c) {
      case 43: // +
      case 45: // -
      case 33: // !
        if (isLuceneWhitespace(at(p + 1))) {
          push('bare-operator', p, p + 2, spaceBefore);
          p += 2;
        } else {
          push(c === 43 ? 'plus' : c === 45 ? 'minus' : 'not', p, p + 1, spaceBefore);
          p++;
        }
        continue;
      case 40:
        push('lparen', p, p + 1, spaceBefore);
        p++;
        continue;
      case 41:
        push('rparen', p, p + 1, spaceBefore);
        p++;
        continue;
      case 58:
        push('colon', p, p + 1, spaceBefore);
        p++;
        continue;
      case 94: {
        push('caret', p, p + 1, spaceBefore);
        p++;
        // Boost state: a number must follow at once (no whitespace is skipped here).
        let q = p;
        while (isDigit(at(q))) q++;
        if (q > p && at(q) === 46 && isDigit(at(q + 1))) {
          q += 2;
          while (isDigit(at(q))) q++;
        }
        if (q > p) {
          push('number', p, q, false);
          p = q;
        }
        continue;
      }
      case 34: {
        let q = p + 1;
        while (q < length && at(q) !== 34) q += at(q) === BACKSLASH && q + 1 < length ? 2 : 1;
        if (q < length) {
          push('quoted', p, q + 1, spaceBefore);
          p = q + 1;
        } else {
          // For recovery an unclosed phrase stops at the end of its line.
          const lineEnd = text.indexOf('\n', p);
          const end = lineEnd < 0 ? length : lineEnd;
          reportError({ start: p, end }, 'lucene-unterminated-phrase', 'unterminated phrase: add the closing `"`');
          push('quoted', p, end, spaceBefore);
          p = end;
        }
        continue;
      }
      case 126: {
        let q = p + 1;
        while (isTermChar(at(q)) || (at(q) === BACKSLASH && q + 1 < length)) q += at(q) === BACKSLASH ? 2 : 1;
        push('fuzzy-slop', p, q, spaceBefore);
        p = q;
        continue;
      }
      case 47: {
        let q = p + 1;
        while (q < length && at(q) !== 47) q += at(q) === BACKSLASH && at(q + 1) === 47 ? 2 : 1;
        if (q < length) {
          push('regex', p, q + 1, spaceBefore);
          p = q + 1;
        } else {
          const lineEnd = text.indexOf('\n', p);
          const end = lineEnd < 0 ? length : lineEnd;
          reportError(
            { start: p, end },
            'lucene-unterminated-regex',
            'unterminated regular expression: add the closing `/`, or escape `/` as `\\/` if it is part of a term (such as a path)',
          );
          push('regex', p, end, spaceBefore);
          p = end;
        }
        continue;
      }
      case 91:
      case 123:
        push(c === 91 ? 'range-start-inclusive' : 'range-start-exclusive', p, p + 1, spaceBefore);
        p++;
        inRange = true;
        continue;
      case BACKSLASH:
        // Only a backslash at the very end reaches here: it has nothing to escape.
        reportError({ start: p, end: p + 1 }, 'lucene-invalid-escape', 'the query cannot end with `\\`: write `\\\\` for a backslash');
        push('error', p, p + 1, spaceBefore);
        p++;
        continue;
    }
    // `]`, `}` outside a range.
    push('error', p, p + 1, spaceBefore);
    p++;
  }
  tokens.push({ kind: 'eof', span: { start: length, end: length }, text: '', spaceBefore: true });
  return tokens;
}
