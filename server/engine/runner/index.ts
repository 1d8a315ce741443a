// The query runner: one query over the event files of a data directory.
export { runQuery, runQueryOnEvents, QueryCompileError, DEFAULT_INDEX_PATTERN, PARALLEL_THRESHOLD } from './runQuery.ts';
export type { RunQueryRequest, RunQueryResult, RunStats } from './runQuery.ts';
export { compileQuery, unrunnableReason, LANGUAGE_NAMES } from './compilers.ts';
export { createLatestEventsSink, DEFAULT_EVENT_LIMIT } from './latestEvents.ts';
