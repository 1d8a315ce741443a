// Public surface of the EQL front-end.
export { eqlFrontEnd } from './frontEnd.ts';
export { parseEql, MAX_NESTING, MAX_SYNTAX_DIAGNOSTICS } from './parser.ts';
export type { EqlParseResult } from './parser.ts';
export { checkEql, MIN_RUNS, MAX_RUNS } from './checker.ts';
export { childNodes, walk, nodePathAt, nodeAt } from './walk.ts';
export { EQL_FUNCTIONS, findFunction } from './functions.ts';
export type { EqlFunction } from './functions.ts';
export { FEATURE_GATES } from './stackVersions.ts';
export type * from './ast.ts';
