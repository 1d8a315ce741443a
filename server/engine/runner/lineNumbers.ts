// Line numbers for warnings that only know their byte offset: workers reading a byte
// range from the middle of a file cannot know how many lines came before it. One
// pass over the file counts them, only for files that had such warnings.
import { open } from 'node:fs/promises';

const CHUNK = 1 << 20;
const NEWLINE = 10;

/** The 1-based line holding each byte offset (each offset being the start of a line). */
export async function lineNumbersAt(path: string, offsets: readonly number[]): Promise<Map<number, number>> {
  const targets = [...new Set(offsets)].sort((a, b) => a - b);
  const lines = new Map<number, number>();
  if (targets.length === 0) return lines;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    let newlines = 0;
    let t = 0;
    while (t < targets.length) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      const end = position + bytesRead;
      let from = 0;
      // Count up to each target inside this chunk, then to the chunk's end.
      while (t < targets.length && targets[t] <= end) {
        newlines += countNewlines(buffer, from, targets[t] - position);
        from = targets[t] - position;
        lines.set(targets[t], newlines + 1);
        t++;
      }
      newlines += countNewlines(buffer, from, bytesRead);
      position = end;
    }
  } finally {
    await handle.close();
  }
  return lines;
}

function countNewlines(buffer: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = buffer.indexOf(NEWLINE, from); i >= 0 && i < to; i = buffer.indexOf(NEWLINE, i + 1)) count++;
  return count;
}
