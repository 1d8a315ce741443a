// The contract between the engine's runner and each language's evaluator.
//
// A run streams events from files through two stages, so that a large file can be
// split across worker threads:
//   1. `prefilter`: a stateless per-event predicate. Workers rebuild it from the query
//      text (compile again in the worker) and run it over their byte range.
//   2. `createSink`: the stateful rest of the query (ordering, sequences, pipes,
//      STATS, LIMIT ...) that consumes the events passing stage 1, in the main thread.
// A pure filter query needs only a trivial sink (bounded top-N by timestamp).
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import type { QueryLanguage } from '../common/language.ts';
import type { Clock } from './clock.ts';
import type { EventDocument, FieldValue } from './values.ts';

export interface EngineOptions {
  clock: Clock;
  /** Maximum results (events, sequences or rows); each language has its own default when absent. */
  limit?: number;
  /** Only events whose `@timestamp` is within [from, to] (epoch ms), when set. */
  from?: number;
  to?: number;
  /** Field aliases from a mapping, e.g. `event.category` → `event_type` (conformance data). */
  aliases?: ReadonlyMap<string, string>;
  /** The event field that orders events (default `@timestamp`); EQL's tiebreaker field when set. */
  timestampField?: string;
  tiebreakerField?: string;
}

export interface EventSequence {
  joinKeys: (FieldValue | null)[];
  events: EventDocument[];
}

export interface TableColumn {
  name: string;
  /** Elasticsearch type name: keyword, long, double, boolean, date, ip, ... */
  type: string;
}

export type QueryOutput =
  | { kind: 'events'; events: EventDocument[] }
  | { kind: 'sequences'; sequences: EventSequence[] }
  | { kind: 'table'; columns: TableColumn[]; rows: unknown[][] };

export interface QuerySink {
  /** Receives events that passed the prefilter, in file order (not sorted). */
  push(event: EventDocument): void;
  finish(): QueryOutput;
}

export interface CompiledQuery {
  language: QueryLanguage;
  /** Index pattern named by the query itself (ES|QL FROM/TS); otherwise the caller supplies one. */
  sourcePattern?: string;
  /** Stateless stage, safe to rebuild and run in a worker. Absent means every event passes. */
  prefilter?: (event: EventDocument) => boolean;
  createSink(): QuerySink;
}

/** Compilation either succeeds or reports why, with the front-end's diagnostics or a clear "not supported by the local engine". */
export type CompileResult = { ok: true; query: CompiledQuery } | { ok: false; diagnostics: QueryDiagnostic[] };

/** Each evaluator module exports one of these. */
export type QueryCompiler = (text: string, options: EngineOptions) => CompileResult;
