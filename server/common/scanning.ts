// Scanning shared by the EQL and ES|QL scanners: Elasticsearch's two lexers
// (EqlBase.g4, EsqlBaseLexer.g4) read number literals and block comments alike.
import * as chars from './chars.ts';

// Bound once: this runs per character, and under loaders that compile modules
// to CommonJS every imported-binding call would otherwise go through a getter.
const { isDigit } = chars;

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const STAR = 42;
const UPPER_E = 69;
const LOWER_E = 101;

export interface NumberLiteral {
  end: number;
  /** Whether it has a fraction or an exponent. */
  decimal: boolean;
}

/**
 * The number literal at `start`: digits, then `.` and digits, then an exponent
 * only when digits follow the `e` and its sign (`30e` is `30`, then a name).
 */
export function scanNumberLiteral(text: string, start: number): NumberLiteral {
  let i = start;
  let decimal = false;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === DOT) {
    decimal = true;
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === LOWER_E || e === UPPER_E) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === PLUS || sign === MINUS) j++;
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      i = j;
      decimal = true;
    }
  }
  return { end: i, decimal };
}

/**
 * The offset just after the `*\/` that closes the block comment opened at
 * `start` (block comments nest, as in `'/*' (COMMENT|.)*? '*\/'`), or -1 when
 * the text ends first.
 */
export function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      depth++;
      i += 2;
    } else if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}
