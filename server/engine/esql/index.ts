// The ES|QL evaluator of the local query engine.
export { compileEsql, compileEsqlQuery, DEFAULT_LIMIT, MAX_LIMIT, type EsqlEngineOptions, type EsqlTable } from './compile.ts';
