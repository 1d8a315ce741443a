// "Did you mean ...?" candidates for misspelt names.

/** Candidates within `maxDistance` edits of `name` (case-insensitive), closest first. */
export function similarNames(name: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const lower = name.toLowerCase();
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), maxDistance);
    if (distance <= maxDistance) scored.push({ candidate, distance });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate)).map((s) => s.candidate);
}

/** Levenshtein distance, or `limit + 1` as soon as it is known to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
