// Seeded input generators for the fuzz tests and the fuzz benchmark: a PRNG,
// a text mutator, and a KQL generator (the Lucene and osquery generators build
// on the first two).

export type Random = () => number;

/** mulberry32: small, fast and good enough to spread fuzz inputs. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One to four random edits: insert a piece, delete a slice, duplicate a slice, or cut the text short. */
export function mutate(random: Random, text: string, pieces: readonly string[]): string {
  let out = text;
  for (let edits = int(random, 1, 4); edits > 0; edits--) {
    const at = int(random, 0, out.length);
    switch (int(random, 0, 3)) {
      case 0:
        out = out.slice(0, at) + pick(random, pieces) + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(Math.min(out.length, at + int(random, 1, 6)));
        break;
      case 2: {
        const end = Math.min(out.length, at + int(random, 1, 12));
        out = out.slice(0, end) + out.slice(at, end) + out.slice(end);
        break;
      }
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

/** Concatenated pieces: mostly nonsense, dense in special characters. */
export function noise(random: Random, pieces: readonly string[], maxPieces: number): string {
  let out = '';
  for (let n = int(random, 1, maxPieces); n > 0; n--) out += pick(random, pieces);
  return out;
}

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
