// The evaluators by query language. osquery SQL runs on endpoints, not over event data.
import type { QueryLanguage } from '../../common/language.ts';
import type { CompileResult, EngineOptions, QueryCompiler } from '../contract.ts';
import { compileEql } from '../eql/index.ts';
import { compileEsql } from '../esql/index.ts';
import { compileKql } from '../kql/index.ts';
import { compileLucene } from '../lucene/index.ts';

const COMPILERS: Partial<Record<QueryLanguage, QueryCompiler>> = {
  eql: compileEql,
  esql: compileEsql,
  kuery: compileKql,
  lucene: compileLucene,
};

/** Why a language cannot run locally; undefined when it can. */
export function unrunnableReason(language: QueryLanguage): string | undefined {
  if (COMPILERS[language]) return undefined;
  if (language === 'osquery') return 'osquery SQL runs on endpoints through Osquery Manager, not over event data';
  return `the local engine cannot run ${LANGUAGE_NAMES[language]} queries yet`;
}

export const LANGUAGE_NAMES: Readonly<Record<QueryLanguage, string>> = {
  eql: 'EQL',
  esql: 'ES|QL',
  kuery: 'KQL',
  lucene: 'Lucene',
  osquery: 'osquery SQL',
};

export function compileQuery(language: QueryLanguage, text: string, options: EngineOptions): CompileResult {
  const compile = COMPILERS[language];
  if (compile) return compile(text, options);
  const message = unrunnableReason(language)!;
  return { ok: false, diagnostics: [{ span: { start: 0, end: 0 }, severity: 'error', code: 'engine-unsupported-language', message }] };
}
