// The ES|QL front-end: parsing, semantic checks and cursor context.
import type { QueryFrontEnd } from '../common/language.ts';
import { analyzeEsql } from './analyzer.ts';
import type { EsqlQuery } from './ast.ts';
import { parseEsql } from './parser.ts';

export const esqlFrontEnd: QueryFrontEnd<EsqlQuery> = {
  language: 'esql',
  parse: (text) => parseEsql(text),
  // `context.minStackVersion` gates nothing: the published definitions say
  // nothing about the version a function or command appeared in.
  check: (ast, text) => analyzeEsql(ast, text).diagnostics,
};

export type * from './ast.ts';
export { analyzeEsql, type EsqlAnalysis } from './analyzer.ts';
export type { ColumnInfo, ColumnScope } from './columns.ts';
export { cursorContext, type CursorContext, type FunctionArgumentContext } from './cursor.ts';
export { parseEsql } from './parser.ts';
export { childrenOf, nodeAtOffset, nodePathAt, walk } from './walk.ts';
