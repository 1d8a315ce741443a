// Deterministic mutations of EQL queries for fuzzing the parser: seeded
// edits that break queries the way typing does (deleted spans, repeated or
// swapped tokens, truncation, stray EQL punctuation). Tokens come from a small
// regex of its own so the mutations do not depend on the scanner under test.
import { int, pick } from '../../support/fuzzing.ts';
import type { Random } from '../../support/fuzzing.ts';

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

export type MutationKind = 'delete-span' | 'duplicate-token' | 'swap-tokens' | 'truncate' | 'insert-stray';

export const MUTATION_KINDS: readonly MutationKind[] = ['delete-span', 'duplicate-token', 'swap-tokens', 'truncate', 'insert-stray'];

export function applyMutation(text: string, kind: MutationKind, random: Random): string {
  const at = int(random, 0, text.length);
  switch (kind) {
    case 'delete-span': {
      const length = int(random, 1, 24);
      return text.slice(0, at) + text.slice(at + length);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'insert-stray':
      return text.slice(0, at) + pick(random, STRAY) + text.slice(at);
    case 'duplicate-token': {
      const tokens = tokenRanges(text);
      if (tokens.length === 0) return text;
      const t = pick(random, tokens);
      return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end);
    }
    case 'swap-tokens': {
      const tokens = tokenRanges(text);
      if (tokens.length < 2) return text;
      let a = pick(random, tokens);
      let b = pick(random, tokens);
      if (a.start === b.start) return text;
      if (b.start < a.start) [a, b] = [b, a];
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
  }
}

/** One to three random mutations of `text`. */
export function mutateQuery(text: string, random: Random): string {
  let mutated = text;
  const count = int(random, 1, 3);
  for (let i = 0; i < count; i++) mutated = applyMutation(mutated, pick(random, MUTATION_KINDS), random);
  return mutated;
}
