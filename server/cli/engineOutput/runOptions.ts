// Options shared by the commands that run queries (`run`, `query`, `test`): where the
// events are, the clock, the time range, the result limit, the output format, threads.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fixedClock, parseNowOption, resolveDateMath, systemClock, type Clock } from '../../engine/clock.ts';
import type { EngineOptions } from '../../engine/contract.ts';
import { oneOf, UsageError } from '../command.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './render.ts';

export const RUN_OPTIONS = {
  data: { type: 'string', short: 'd' },
  from: { type: 'string' },
  to: { type: 'string' },
  now: { type: 'string' },
  limit: { type: 'string', short: 'n' },
  format: { type: 'string', short: 'f' },
  workers: { type: 'string' },
  index: { type: 'string', short: 'i' },
} as const;

export const RUN_OPTIONS_USAGE = `  --data DIR          folder of event files, one per index or data stream:
                      <name>.ndjson, .jsonl, .json (an array) or any of them .gz
  --index PATTERN     index pattern for EQL, KQL and Lucene queries (ES|QL names
                      its own in FROM); default: the rule's index list, else
                      Kibana's Security default (logs-*, winlogbeat-*, ...)
  --from DATEMATH     only events with @timestamp at or after this (now-7d, 2024-05-01)
  --to DATEMATH       only events with @timestamp at or before this (now, now/d)
  --now ISO           the clock for now() and date math (default: the system clock)
  --limit N           most results to return (default: 100 for KQL and Lucene,
                      10 for EQL and 1000 rows for ES|QL, as Elasticsearch)
  --format FORMAT     table (default), json, ndjson or csv
  --workers N         threads that scan large inputs (default: one per core, at most 4)`;

type RunOptionValues = { [K in keyof typeof RUN_OPTIONS]?: string };

export interface RunSettings {
  dataDir: string;
  index?: string;
  options: EngineOptions;
  format: OutputFormat;
  workers: number;
}

export function runSettings(values: RunOptionValues): RunSettings {
  if (values.data === undefined) throw new UsageError('--data DIR is required: the folder holding the event files');
  let isDirectory = false;
  try {
    isDirectory = statSync(values.data).isDirectory();
  } catch {
    throw new UsageError(`--data: no such folder: ${values.data}`);
  }
  if (!isDirectory) throw new UsageError(`--data: not a folder: ${values.data}`);
  return { dataDir: values.data, index: values.index, options: engineOptions(values), format: oneOf('format', values.format, OUTPUT_FORMATS, 'table'), workers: workerCount(values.workers) };
}

/** The clock, time range and limit from the options (no data folder needed). */
export function engineOptions(values: Pick<RunOptionValues, 'now' | 'from' | 'to' | 'limit'>): EngineOptions {
  let clock: Clock = systemClock;
  if (values.now !== undefined) {
    try {
      clock = fixedClock(parseNowOption(values.now));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const options: EngineOptions = { clock };
  if (values.from !== undefined) options.from = dateOption('from', values.from, clock, false);
  if (values.to !== undefined) options.to = dateOption('to', values.to, clock, true);
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new UsageError(`--from (${new Date(options.from).toISOString()}) is after --to (${new Date(options.to).toISOString()})`);
  }
  if (values.limit !== undefined) {
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit takes a whole number, got '${values.limit}'`);
    options.limit = limit;
  }
  return options;
}

function dateOption(name: string, text: string, clock: Clock, roundUp: boolean): number {
  const millis = resolveDateMath(text, clock, { roundUp });
  if (millis === undefined) throw new UsageError(`--${name} expects date math such as now-7d, now/d or 2024-05-01T00:00:00Z, got '${text}'`);
  return millis;
}

function workerCount(text: string | undefined): number {
  if (text === undefined) return Math.min(availableParallelism(), 4);
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers takes a whole number of at least 1, got '${text}'`);
  return n;
}
