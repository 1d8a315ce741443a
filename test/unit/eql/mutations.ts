// Deterministic mutations of EQL queries for fuzzing the parser: a seeded PRNG
// and edits that break queries the way typing does (deleted spans, repeated or
// swapped tokens, truncation, stray EQL punctuation). Tokens come from a small
// regex of its own so the mutations do not depend on the scanner under test.

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = /"""[^\n]*?"""|"(?:[^"\\\n]|\\.)*"?|`[^`]*`?|[A-Za-z_@][A-Za-z0-9_]*~?|\d+(?:\.\d*)?|==|!=|<=|>=|!\[|\/\/|\/\*|\*\/|\S/g;

/** Fragments that stress recovery: brackets, quotes, operators, keywords, comments. */
const STRAY = [
  '[', ']', '![', '(', ')', '"', '"""', '`', '|', '?', '~', ',', '.', ':', '==', '=', '!', '&&',
  'not', 'and', 'or', 'in', 'in~', 'like~', 'regex', 'where', 'by', 'with', 'until', 'maxspan=',
  'runs=', 'sequence', 'sample', 'any', '/*', '*/', '//', '\\', '\\u{', '1e', '.5', '-', '\n',
];

interface TokenRange {
  start: number;
  end: number;
}

function tokenRanges(text: string): TokenRange[] {
  const ranges: TokenRange[] = [];
  for (const match of text.matchAll(TOKEN)) ranges.push({ start: match.index, end: match.index + match[0].length });
  return ranges;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

export type MutationKind = 'delete-span' | 'duplicate-token' | 'swap-tokens' | 'truncate' | 'insert-stray';

export const MUTATION_KINDS: readonly MutationKind[] = ['delete-span', 'duplicate-token', 'swap-tokens', 'truncate', 'insert-stray'];

export function applyMutation(text: string, kind: MutationKind, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (kind) {
    case 'delete-span': {
      const length = 1 + Math.floor(random() * 24);
      return text.slice(0, at) + text.slice(at + length);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'insert-stray':
      return text.slice(0, at) + pick(STRAY, random) + text.slice(at);
    case 'duplicate-token': {
      const tokens = tokenRanges(text);
      if (tokens.length === 0) return text;
      const t = pick(tokens, random);
      return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end);
    }
    case 'swap-tokens': {
      const tokens = tokenRanges(text);
      if (tokens.length < 2) return text;
      let a = pick(tokens, random);
      let b = pick(tokens, random);
      if (a.start === b.start) return text;
      if (b.start < a.start) [a, b] = [b, a];
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
  }
}

/** One to three random mutations of `text`. */
export function mutateQuery(text: string, random: () => number): string {
  let mutated = text;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) mutated = applyMutation(mutated, pick(MUTATION_KINDS, random), random);
  return mutated;
}
