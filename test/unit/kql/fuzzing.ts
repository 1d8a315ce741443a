// Seeded KQL for the fuzz tests and the fuzz benchmark.
import { int, mutate, noise, pick } from '../../support/fuzzing.ts';
import type { Random } from '../../support/fuzzing.ts';

export const KQL_PIECES = [
  'a', 'b', 'x.y', 'process.*', ' ', '  ', '\n', '\t', ':', '(', ')', '{', '}', '"', '\\', '*', '<', '>', '<=', '>=', '=',
  'and', 'or', 'not', 'AND', 'Or', ' and ', ' or ', 'not ', '\\:', '\\*', '\\(', '\\u0041', '\\u00', '\\n', '\\and',
  'null', 'true', '10', '"quoted phrase"', 'C:\\Windows', '\u00a0', 'é',
];

const FIELDS = ['event.category', 'process.name', 'process.args', 'user.name', 'host.os.type', 'destination.port', 'process.*', '"quoted field"', 'url.path'];
const VALUES = ['process', 'start', '"cmd.exe"', '*powershell*', '10', 'C\\:\\\\Windows\\\\*', 'system\\:node\\:*', '"a \\"b\\" c"', 'foo bar', 'true', '*', '\\(x\\)'];

/** A random KQL query, mostly valid, in the shapes detection rules use. */
export function generateKql(random: Random, depth = 0): string {
  const space = () => pick(random, [' ', ' ', '  ', '\n  ']);
  const keyword = (word: string) => (random() < 0.2 ? word.toUpperCase() : word);
  const roll = random();
  if (depth < 3 && roll < 0.3) {
    const operator = keyword(pick(random, ['and', 'or']));
    const parts = Array.from({ length: int(random, 2, 4) }, () => generateKql(random, depth + 1));
    return parts.join(`${space()}${operator}${space()}`);
  }
  if (depth < 3 && roll < 0.4) return `${keyword('not')}${space()}${generateKql(random, depth + 1)}`;
  if (depth < 3 && roll < 0.5) return `(${generateKql(random, depth + 1)})`;
  if (depth < 2 && roll < 0.55) return `${pick(random, FIELDS)}:{ ${generateKql(random, depth + 1)} }`;
  if (roll < 0.65) return `${pick(random, FIELDS)} ${pick(random, ['<', '<=', '>', '>='])} ${int(random, 0, 65535)}`;
  if (roll < 0.8) {
    const values = Array.from({ length: int(random, 1, 5) }, () => pick(random, VALUES));
    return `${pick(random, FIELDS)}:(${values.join(` ${keyword(pick(random, ['or', 'or', 'and']))} `)})`;
  }
  if (roll < 0.9) return `${pick(random, FIELDS)}${random() < 0.3 ? ' : ' : ':'}${pick(random, VALUES)}`;
  return pick(random, VALUES);
}

/** The fuzz mix: generated queries, mutated generated queries and noise. */
export function kqlFuzzInput(random: Random): string {
  const roll = random();
  if (roll < 0.4) return generateKql(random);
  if (roll < 0.8) return mutate(random, generateKql(random), KQL_PIECES);
  return noise(random, KQL_PIECES, 16);
}
