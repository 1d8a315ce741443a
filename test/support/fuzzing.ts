// Seeded randomness for the fuzz tests and fuzz benchmarks of every query
// language: a PRNG, picks, and language-neutral text edits. The generators of
// each language (test/unit/<language>/) build on these.

export type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
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
  return items[Math.floor(random() * items.length)]!;
}

/** A whole number from `min` to `max`, both included. */
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
