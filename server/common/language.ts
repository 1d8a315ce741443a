// The contract between the document layer and each query-language front-end.
import type { QueryDiagnostic } from './diagnostics.ts';

/** Query languages Huntkit understands. */
export type QueryLanguage = 'eql' | 'esql' | 'kuery' | 'lucene' | 'osquery';

export interface AnalysisContext {
  /** The rule's `min_stack_version` (e.g. "8.14.0"), when it declares one. */
  minStackVersion?: string;
}

export interface ParseResult<Ast> {
  ast: Ast;
  /** Syntax diagnostics only. */
  diagnostics: QueryDiagnostic[];
}

export interface QueryFrontEnd<Ast = unknown> {
  language: QueryLanguage;
  /** Never throws; always returns a tree, however broken the input. */
  parse(text: string): ParseResult<Ast>;
  /** Semantic checks on a finished tree (unknown functions, arity, columns, ...). */
  check(ast: Ast, text: string, context: AnalysisContext): QueryDiagnostic[];
}
