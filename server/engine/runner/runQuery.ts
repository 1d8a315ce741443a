// Runs one query over the event files of a data directory: resolves which files the
// query reads, streams their events through the time range and the query's prefilter,
// and feeds what passes to the query's sink. Large inputs are scanned by worker
// threads (see parallelScan.ts) with results identical to a single-threaded run.
import { stat } from 'node:fs/promises';
import type { QueryDiagnostic } from '../../common/diagnostics.ts';
import type { QueryLanguage } from '../../common/language.ts';
import type { CompiledQuery, EngineOptions, QueryOutput, QuerySink } from '../contract.ts';
import { eventFileRef, planByteRanges, readEventBatches, type EventFileRef, type ReadWarning } from '../eventReader.ts';
import { fixedClock } from '../clock.ts';
import { resolveIndexPattern } from '../indexPattern.ts';
import type { EventDocument } from '../values.ts';
import { compileQuery } from './compilers.ts';
import { lineNumbersAt } from './lineNumbers.ts';
import { scanInWorkers } from './parallelScan.ts';
import { combineFilters, compileTimeRange } from './timeRange.ts';
import { portableOptions, type ScanUnit } from './workerProtocol.ts';

/**
 * The index pattern a query without its own source reads when none is given: Kibana's
 * default for the Security app (`securitySolution:defaultIndex`), which detection rules
 * without an `index` list search.
 */
export const DEFAULT_INDEX_PATTERN = 'apm-*-transaction*,auditbeat-*,endgame-*,filebeat-*,logs-*,packetbeat-*,traces-apm*,winlogbeat-*,-*elastic-cloud-logs-*';

/** Inputs at least this large (bytes on disk) are scanned by worker threads when more than one is allowed. */
export const PARALLEL_THRESHOLD = 64 << 20;
/** Large NDJSON files are cut into byte ranges of about this size, the unit of work of a worker. */
export const UNIT_BYTES = 16 << 20;
/** Warnings kept in the result (all of them are counted and passed to `onWarning`). */
const KEPT_WARNINGS = 1000;

export interface RunQueryRequest {
  language: QueryLanguage;
  text: string;
  /** Index pattern(s) for a query that names no source of its own (EQL, KQL, Lucene); default DEFAULT_INDEX_PATTERN. */
  index?: string | readonly string[];
  /** Folder of event files, one per index or data stream (see indexPattern.ts). */
  dataDir?: string;
  /** Read exactly these event files instead of resolving an index pattern in `dataDir`. */
  files?: readonly string[];
  options: EngineOptions;
  /** Threads that may scan events; 1 (the default) scans in this thread. */
  workers?: number;
  /** Input size from which workers are used; default PARALLEL_THRESHOLD. */
  parallelThreshold?: number;
  /** Size of the byte ranges workers take from NDJSON files; default UNIT_BYTES. */
  unitBytes?: number;
  onWarning?: (warning: ReadWarning) => void;
}

export interface RunStats {
  /** The index pattern the files were resolved from ('' when files were given). */
  pattern: string;
  files: number;
  /** Events read. */
  events: number;
  /** Events that passed the time range and the prefilter. */
  matched: number;
  warnings: number;
  /** Worker threads used (0: the run stayed in this thread). */
  workers: number;
  elapsedMs: number;
}

export interface RunQueryResult {
  output: QueryOutput;
  stats: RunStats;
  /** The files read, in order. */
  files: string[];
  /** Read warnings (malformed lines and the like), at most the first 1000. */
  warnings: ReadWarning[];
}

/** The query does not compile: its diagnostics say why (spans are offsets into the query text). */
export class QueryCompileError extends Error {
  constructor(readonly diagnostics: QueryDiagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

export async function runQuery(request: RunQueryRequest): Promise<RunQueryResult> {
  const started = performance.now();
  // One "now" for the whole run, in every thread.
  const options: EngineOptions = { ...request.options, clock: fixedClock(request.options.clock.now()) };
  const compiled = compileQuery(request.language, request.text, options);
  if (!compiled.ok) throw new QueryCompileError(compiled.diagnostics);
  const query = compiled.query;

  let pattern = '';
  let files: EventFileRef[];
  if (request.files) {
    files = request.files.map((path) => eventFileRef(path));
  } else {
    if (request.dataDir === undefined) throw new Error('runQuery needs a data directory or a list of files');
    pattern = query.sourcePattern ?? patternText(request.index) ?? DEFAULT_INDEX_PATTERN;
    files = await resolveIndexPattern(request.dataDir, pattern);
  }

  const warnings: ReadWarning[] = [];
  let warningCount = 0;
  const report = (warning: ReadWarning) => {
    warningCount++;
    if (warnings.length < KEPT_WARNINGS) warnings.push(warning);
    request.onWarning?.(warning);
  };

  const filter = combineFilters(compileTimeRange(options), query.prefilter);
  const sink = query.createSink();
  let matched = 0;
  const consume = (events: EventDocument[]) => {
    matched += events.length;
    for (let i = 0; i < events.length; i++) sink.push(events[i]);
  };

  const workers = await workersFor(request, files, filter !== undefined);
  let events: number;
  if (workers > 1) {
    events = await scanParallel(request.text, query, options, files, workers, request.unitBytes ?? UNIT_BYTES, consume, report);
  } else {
    const counts = await scanHere(files, filter, sink, report);
    events = counts.events;
    matched = counts.matched;
  }

  return {
    output: sink.finish(),
    stats: { pattern, files: files.length, events, matched, warnings: warningCount, workers: workers > 1 ? workers : 0, elapsedMs: performance.now() - started },
    files: files.map((f) => f.path),
    warnings,
  };
}

/** Runs a query over events already in memory (test fixtures), with the same time range, prefilter and sink as a run over files. */
export function runQueryOnEvents(language: QueryLanguage, text: string, events: readonly EventDocument[], options: EngineOptions): { output: QueryOutput; matched: number } {
  const frozen: EngineOptions = { ...options, clock: fixedClock(options.clock.now()) };
  const compiled = compileQuery(language, text, frozen);
  if (!compiled.ok) throw new QueryCompileError(compiled.diagnostics);
  const filter = combineFilters(compileTimeRange(frozen), compiled.query.prefilter);
  const sink = compiled.query.createSink();
  let matched = 0;
  for (const event of events) {
    if (filter === undefined || filter(event)) {
      matched++;
      sink.push(event);
    }
  }
  return { output: sink.finish(), matched };
}

function patternText(index: string | readonly string[] | undefined): string | undefined {
  if (index === undefined) return undefined;
  const text = typeof index === 'string' ? index : index.join(',');
  return text.trim() === '' ? undefined : text;
}

/** Workers pay off only with a prefilter or time range to run (otherwise every event crosses threads) and a large input. */
async function workersFor(request: RunQueryRequest, files: readonly EventFileRef[], filtered: boolean): Promise<number> {
  const wanted = request.workers ?? 1;
  if (wanted <= 1 || !filtered || files.length === 0) return 1;
  let bytes = 0;
  for (const file of files) bytes += (await stat(file.path)).size;
  return bytes >= (request.parallelThreshold ?? PARALLEL_THRESHOLD) ? wanted : 1;
}

async function scanHere(
  files: readonly EventFileRef[],
  filter: ((event: EventDocument) => boolean) | undefined,
  sink: QuerySink,
  report: (warning: ReadWarning) => void,
): Promise<{ events: number; matched: number }> {
  let events = 0;
  let matched = 0;
  for (const file of files) {
    for await (const batch of readEventBatches(file, { onWarning: report })) {
      events += batch.length;
      for (let i = 0; i < batch.length; i++) {
        const event = batch[i];
        if (filter === undefined || filter(event)) {
          matched++;
          sink.push(event);
        }
      }
    }
  }
  return { events, matched };
}

async function scanParallel(
  text: string,
  query: CompiledQuery,
  options: EngineOptions,
  files: readonly EventFileRef[],
  workers: number,
  unitBytes: number,
  consume: (events: EventDocument[]) => void,
  report: (warning: ReadWarning) => void,
): Promise<number> {
  const units: ScanUnit[] = [];
  for (const file of files) {
    if (file.format === 'ndjson' && !file.compressed) {
      const { size } = await stat(file.path);
      for (const range of await planByteRanges(file.path, Math.max(1, Math.ceil(size / unitBytes)))) {
        units.push({ id: units.length, path: file.path, format: file.format, compressed: false, range });
      }
    } else {
      units.push({ id: units.length, path: file.path, format: file.format, compressed: file.compressed, range: null });
    }
  }
  // Warnings are reported once the run ends, in file order, with line numbers filled in.
  const collected: Array<{ unit: number; warning: ReadWarning }> = [];
  const read = await scanInWorkers({ language: query.language, text, options: portableOptions(options, options.clock.now()) }, units, workers, {
    consume,
    warn: (unit, warning) => collected.push({ unit: unit.id, warning }),
  });
  collected.sort((a, b) => a.unit - b.unit || a.warning.offset - b.warning.offset);
  const byFile = new Map<string, number[]>();
  for (const { warning } of collected) {
    if (warning.line !== undefined) continue;
    const offsets = byFile.get(warning.file);
    if (offsets) offsets.push(warning.offset);
    else byFile.set(warning.file, [warning.offset]);
  }
  const lines = new Map<string, Map<number, number>>();
  for (const [file, offsets] of byFile) lines.set(file, await lineNumbersAt(file, offsets));
  for (const { warning } of collected) {
    const line = warning.line ?? lines.get(warning.file)?.get(warning.offset);
    report(line === undefined ? warning : { ...warning, line });
  }
  return read;
}
