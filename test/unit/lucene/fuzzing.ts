// Seeded Lucene query strings for the fuzz tests and the fuzz benchmark.
import { int, mutate, noise, pick } from '../../support/fuzzing.ts';
import type { Random } from '../../support/fuzzing.ts';

export const LUCENE_PIECES = [
  'a', 'b', 'x.y', ' ', '\n', ':', '(', ')', '[', ']', '{', '}', '"', '\\', '*', '?', '~', '~2', '^', '^2', '/', '+', '-', '!',
  'AND', 'OR', 'NOT', '&&', '||', ' TO ', 'TO', '>=', '<', '=', '\\:', '\\/', '\\u0041', '\\u00', '_exists_', '"a phrase"', '1.5',
];

const FIELDS = ['event.category', 'process.name', 'user.name', 'destination.port', '_exists_', '*', 'url\\:path'];
const TERMS = ['process', 'chmod', 'g+s', 'cmd*', '*.exe', 'te?t', 'root~', 'roam~1', '"two words"', '"near words"~3', '/2[0-9]{3}/', '>=10', '<5', 'C\\:\\\\Windows', 'x^2'];

/** A random Lucene query string, mostly valid. */
export function generateLucene(random: Random, depth = 0): string {
  const clauses: string[] = [];
  for (let n = int(random, 1, 4); n > 0; n--) {
    const conjunction = clauses.length > 0 ? pick(random, ['', 'AND ', 'OR ', '&& ', '|| ']) : '';
    const modifier = pick(random, ['', '', '+', '-', 'NOT ', '!']);
    const field = random() < 0.6 ? `${pick(random, FIELDS)}:` : '';
    const roll = random();
    let query: string;
    if (depth < 2 && roll < 0.2) query = `(${generateLucene(random, depth + 1)})${random() < 0.2 ? '^2' : ''}`;
    else if (roll < 0.35) query = `${pick(random, ['[', '{'])}${int(random, 0, 100)} TO ${pick(random, ['*', String(int(random, 100, 999)), '"z"'])}${pick(random, [']', '}'])}`;
    else query = pick(random, TERMS);
    clauses.push(`${conjunction}${modifier}${field}${query}`);
  }
  return clauses.join(' ');
}

export function luceneFuzzInput(random: Random): string {
  const roll = random();
  if (roll < 0.4) return generateLucene(random);
  if (roll < 0.8) return mutate(random, generateLucene(random), LUCENE_PIECES);
  return noise(random, LUCENE_PIECES, 16);
}
