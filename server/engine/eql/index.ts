// The local engine's EQL evaluator: `compileEql` implements the engine contract
// (contract.ts) with Elasticsearch EQL semantics.
export { compileEql, DEFAULT_EQL_SIZE, DEFAULT_EVENT_CATEGORY_FIELD, DEFAULT_TIMESTAMP_FIELD } from './compile.ts';
export type { EqlEngineOptions } from './compile.ts';
export type { EqlEngineErrorCode } from './compileError.ts';
