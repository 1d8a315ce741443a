// Character classes shared by the hand-written scanners.

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isIdentifierStart(c: number): boolean {
  return isAsciiLetter(c) || c === 95 /* _ */ || c === 64 /* @ */ || c > 127;
}

export function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}

export function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}
