// Upstream sorts with Python, which compares strings by code point; JavaScript's
// default comparison uses UTF-16 code units, which differs past U+FFFF.

export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done && r.done ? 0 : l.done ? -1 : 1;
    const difference = l.value.codePointAt(0)! - r.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}
