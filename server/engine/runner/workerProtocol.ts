// What the runner and its scan workers say to each other. A worker gets the query
// as text (it compiles its own copy: closures cannot cross threads), then units of
// work one at a time, and answers with the matching events of each unit.
import type { QueryLanguage } from '../../common/language.ts';
import { fixedClock } from '../clock.ts';
import type { EngineOptions } from '../contract.ts';
import type { ByteRange, ReadWarning } from '../eventReader.ts';
import type { EventFileFormat } from '../indexPattern.ts';
import type { EventDocument } from '../values.ts';

/** The key of `workerData` that makes a worker thread a scan worker. */
export const SCAN_WORKER_KEY = 'huntkitEngineScan';

/** EngineOptions as plain data: the clock becomes its instant, the alias map its entries. */
export interface PortableOptions {
  now: number;
  limit?: number;
  from?: number;
  to?: number;
  aliases?: [string, string][];
  timestampField?: string;
  tiebreakerField?: string;
}

export interface ScanQuery {
  language: QueryLanguage;
  text: string;
  options: PortableOptions;
}

/** A file, or a byte range of an uncompressed NDJSON file. */
export interface ScanUnit {
  id: number;
  path: string;
  format: EventFileFormat;
  compressed: boolean;
  range: ByteRange | null;
}

export type ToWorker = { type: 'scan'; unit: ScanUnit };

export type FromWorker =
  | { type: 'failed'; message: string }
  | { type: 'events'; unit: number; events: EventDocument[] }
  | { type: 'warning'; unit: number; warning: ReadWarning }
  | { type: 'done'; unit: number; read: number };

/** The run's options for a worker; the clock is frozen at this instant so every thread sees the same "now". */
export function portableOptions(options: EngineOptions, now: number): PortableOptions {
  const portable: PortableOptions = { now };
  if (options.limit !== undefined) portable.limit = options.limit;
  if (options.from !== undefined) portable.from = options.from;
  if (options.to !== undefined) portable.to = options.to;
  if (options.aliases) portable.aliases = [...options.aliases];
  if (options.timestampField !== undefined) portable.timestampField = options.timestampField;
  if (options.tiebreakerField !== undefined) portable.tiebreakerField = options.tiebreakerField;
  return portable;
}

export function engineOptions(portable: PortableOptions): EngineOptions {
  return {
    clock: fixedClock(portable.now),
    limit: portable.limit,
    from: portable.from,
    to: portable.to,
    aliases: portable.aliases ? new Map(portable.aliases) : undefined,
    timestampField: portable.timestampField,
    tiebreakerField: portable.tiebreakerField,
  };
}
