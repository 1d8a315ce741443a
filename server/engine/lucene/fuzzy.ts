// Lucene's fuzzy term (`term~`, `term~1`): values within a number of edits of the
// term, counting insertions, deletions, substitutions and transpositions of adjacent
// characters (Lucene's default), over code points. Elasticsearch caps edits at 2; a
// bare `~` uses AUTO fuzziness: 0 edits up to 2 characters, 1 up to 5, 2 beyond.

/** The edits a `~` allows: `value` as written after `~` (null for a bare `~`), for a term of `term`. */
export function fuzzyEdits(value: number | null, term: string): number {
  if (value === null) {
    const length = Array.from(term).length;
    return length <= 2 ? 0 : length <= 5 ? 1 : 2;
  }
  return Math.min(2, Math.floor(value));
}

/** Whether `a` and `b` are at most `maxEdits` edits apart (optimal string alignment distance). */
export function withinEdits(a: string, b: string, maxEdits: number): boolean {
  if (a === b) return true;
  if (maxEdits === 0) return false;
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > maxEdits) return false;
  // Three rows of the dynamic programme: two back for transpositions.
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  let current = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMinimum) rowMinimum = d;
    }
    // Every later row is at least this row's minimum.
    if (rowMinimum > maxEdits) return false;
    [before, previous, current] = [previous, current, before];
  }
  return previous[y.length] <= maxEdits;
}
