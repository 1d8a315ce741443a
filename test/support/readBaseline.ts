// The bare baseline the engine is measured against: read NDJSON lines and JSON.parse them, nothing else.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function readAndParseLines(files: readonly string[]): Promise<number> {
  let events = 0;
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.length === 0) continue;
      JSON.parse(line);
      events++;
    }
  }
  return events;
}
