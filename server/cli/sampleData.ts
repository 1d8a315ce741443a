// `huntkit sample-data`: writes a deterministic sample data set to run hunts and rules on.
import { DEFAULT_SAMPLE_NOW, generateSampleData } from '../engine/sampleData/generate.ts';
import { parseNowOption } from '../engine/clock.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { displayPath } from './engineOutput/messages.ts';

const DEFAULT_EVENTS = 20_000;

export const sampleDataCommand: Command = {
  usage: `usage: huntkit sample-data OUT_DIR [--events N] [--seed S] [--now ISO]

Writes a simulated fleet's endpoint and auth events to OUT_DIR, one NDJSON file
per data stream (logs-endpoint.events.process-default.ndjson, ...), with attack
scenarios that sample hunts and rules find. The same options write the same bytes.

  --events N    events to write (default ${DEFAULT_EVENTS.toLocaleString('en-US')})
  --seed S      random seed (default 1)
  --now ISO     the end of the data's 5-day window (default ${DEFAULT_SAMPLE_NOW});
                pass the same --now to huntkit run for hunts that look back from now()

Exit status: 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { events: { type: 'string', short: 'n' }, seed: { type: 'string' }, now: { type: 'string' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the folder to write to' : `expected one folder, got ${positionals.length}`);
    const events = wholeNumber('events', values.events, DEFAULT_EVENTS);
    const seed = wholeNumber('seed', values.seed, 1);
    let now: number | undefined;
    if (values.now !== undefined) {
      try {
        now = parseNowOption(values.now);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const summary = await generateSampleData(positionals[0], { events, seed, now });
    const width = Math.max(...summary.files.map((f) => displayPath(f.path).length));
    for (const file of summary.files) {
      process.stdout.write(`${displayPath(file.path).padEnd(width)}  ${file.events.toLocaleString('en-US').padStart(9)} events  ${(file.bytes / 1e6).toFixed(1).padStart(7)} MB\n`);
    }
    process.stdout.write(
      `${summary.events.toLocaleString('en-US')} events from ${new Date(summary.from).toISOString()} to ${new Date(summary.to).toISOString()}\n` +
        `${summary.scenarios.length} attack scenarios:\n` +
        summary.scenarios.map((s) => `  ${s.id.padEnd(28)} ${s.host.padEnd(12)} ${s.target}\n`).join(''),
    );
    return 0;
  },
};

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, got '${text}'`);
  return n;
}
