// One file's analysis: the document model, then schema checks, then each embedded
// query through its language front-end. Spans in the result are document offsets.
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import type { QueryFrontEnd, QueryLanguage } from '../common/language.ts';
import { EVERY_CODE, LANGUAGE_CODE_FAMILY, mayReport, reported, type CodeFilter } from '../common/codeFilter.ts';
import { parseHuntRuleDocument, parseHuntRuleDocumentValuesOnly, type EmbeddedQuery, type HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { checkHunt } from '../schema/hunt.ts';
import { checkRule } from '../schema/rule.ts';
import { huntDocFreshness } from '../docs/freshness.ts';
import { frontEnds } from './frontEnds.ts';

export interface ParsedQuery {
  query: EmbeddedQuery;
  frontEnd: QueryFrontEnd | undefined;
  ast: unknown;
}

export interface FileAnalysis {
  document: HuntRuleDocument;
  queries: ParsedQuery[];
  /** Diagnostics of this file alone (workspace-wide checks such as duplicates come on top). */
  diagnostics: QueryDiagnostic[];
}

/**
 * `filePath`, when known, lets the analysis compare a hunt with its committed doc.
 * `queryResults` may hold results of the file's queries already run (by `queryKey`); new ones are added.
 * `codes` leaves out the diagnostics it does not report, and the work only they need
 * (the queries of a language none of whose codes it reports are not parsed).
 */
export function analyzeText(text: string, filePath?: string, queryResults?: Map<string, QueryResult>, codes: CodeFilter = EVERY_CODE): FileAnalysis {
  return analyzeDocument(parseHuntRuleDocument(text), filePath, queryResults, codes);
}

/**
 * For batch checks of many files: analyses without source positions first (a fast parse),
 * and again with exact positions only when there is something to report. The result
 * then has exact spans, unless it has no diagnostics (`document.toml.exactSpans` says which).
 */
export function analyzeTextFast(text: string, filePath?: string, queryResults = new Map<string, QueryResult>(), codes: CodeFilter = EVERY_CODE): FileAnalysis {
  const valuesOnly = parseHuntRuleDocumentValuesOnly(text);
  if (!valuesOnly) return analyzeText(text, filePath, queryResults, codes);
  // The queries' own diagnostics have query-relative spans: the exact pass reuses them.
  const analysis = analyzeDocument(valuesOnly, filePath, queryResults, codes);
  if (analysis.diagnostics.length === 0) return analysis;
  return analyzeText(text, filePath, queryResults, codes);
}

/** A query's tree and diagnostics (spans relative to the query), by `queryKey`. */
export interface QueryResult {
  /** Undefined when the query was parsed in another thread (only its diagnostics came back). */
  ast: unknown;
  diagnostics: QueryDiagnostic[];
}

/** What a query's result depends on: its language, the rule's minimum stack version and its text. */
export function queryKey(language: QueryLanguage, minStackVersion: string | undefined, text: string): string {
  return `${language}\n${minStackVersion ?? ''}\n${text}`;
}

/** Parses and checks one query. */
export function runQuery(frontEnd: QueryFrontEnd, text: string, minStackVersion: string | undefined): QueryResult {
  const parsed = frontEnd.parse(text);
  return { ast: parsed.ast, diagnostics: [...parsed.diagnostics, ...frontEnd.check(parsed.ast, text, { minStackVersion })] };
}

/** The queries of a document that a front-end checks (for codes `codes` reports), with the key of each one's result. */
export function checkedQueries(document: HuntRuleDocument, codes: CodeFilter = EVERY_CODE): { query: EmbeddedQuery; frontEnd: QueryFrontEnd; key: string; minStackVersion: string | undefined }[] {
  const minStackVersion = stringValue(document.entry('metadata', 'min_stack_version')?.value);
  const out = [];
  for (const query of document.queries) {
    const frontEnd = query.language ? frontEnds[query.language] : undefined;
    if (frontEnd && mayReport(codes, LANGUAGE_CODE_FAMILY[query.language!])) out.push({ query, frontEnd, key: queryKey(query.language!, minStackVersion, query.text), minStackVersion });
  }
  return out;
}

function analyzeDocument(document: HuntRuleDocument, filePath: string | undefined, queryResults: Map<string, QueryResult> | undefined, codes: CodeFilter): FileAnalysis {
  const diagnostics = documentDiagnostics(document, filePath, codes);
  const queries: ParsedQuery[] = [];
  if (document.toml.syntaxError || document.kind === 'other') return { document, queries, diagnostics };
  const checked = new Map(checkedQueries(document, codes).map((c) => [c.query, c]));
  for (const query of document.queries) {
    const c = checked.get(query);
    if (!c) {
      queries.push({ query, frontEnd: undefined, ast: undefined });
      continue;
    }
    let result = queryResults?.get(c.key);
    if (!result) {
      result = runQuery(c.frontEnd, query.text, c.minStackVersion);
      queryResults?.set(c.key, result);
    }
    diagnostics.push(...reported(codes, queryDiagnostics(query, result)));
    queries.push({ query, frontEnd: c.frontEnd, ast: result.ast });
  }
  return { document, queries, diagnostics };
}

/** A query's diagnostics, placed in the document. */
function queryDiagnostics(query: EmbeddedQuery, result: QueryResult): QueryDiagnostic[] {
  return result.diagnostics.map((d) => ({ ...d, span: query.toDocumentSpan(d.span) }));
}

/**
 * The diagnostics of a file apart from its queries' own: TOML syntax, the hunt or rule
 * schema, a hunt's doc freshness (when `filePath` is known), stray `sql` lines before queries;
 * of those, the ones `codes` reports.
 */
export function documentDiagnostics(document: HuntRuleDocument, filePath: string | undefined, codes: CodeFilter = EVERY_CODE): QueryDiagnostic[] {
  return reported(codes, allDocumentDiagnostics(document, filePath, codes));
}

function allDocumentDiagnostics(document: HuntRuleDocument, filePath: string | undefined, codes: CodeFilter): QueryDiagnostic[] {
  const diagnostics: QueryDiagnostic[] = [];
  const syntaxError = document.toml.syntaxError;
  if (syntaxError) {
    diagnostics.push({ span: syntaxError.span, severity: 'error', code: 'toml-syntax', message: syntaxError.message });
    return diagnostics;
  }
  if (document.kind === 'hunt') {
    diagnostics.push(...checkHunt(document));
    // Generating the doc to compare is the costliest check of a hunt: skipped when not reported.
    if (filePath && mayReport(codes, DOC_OUT_OF_DATE)) diagnostics.push(...docFreshnessDiagnostics(document, filePath));
  } else if (document.kind === 'rule') diagnostics.push(...checkRule(document));
  else return diagnostics;
  for (const query of document.queries) {
    if (query.strippedPrefix === 0) continue;
    diagnostics.push({
      span: { start: query.valueSpan.start, end: query.toDocumentSpan({ start: 0, end: 0 }).start },
      severity: 'hint',
      code: 'hunt-stray-sql-line',
      message: 'The query starts with a stray `sql` line; Huntkit ignores it (it is probably a Markdown fence language left behind).',
    });
  }
  return diagnostics;
}

export const DOC_OUT_OF_DATE = 'hunt-doc-out-of-date';

/** A hunt whose generated doc (`<platform>/docs/<name>.md`) is missing or differs from what its TOML generates. */
function docFreshnessDiagnostics(document: HuntRuleDocument, filePath: string): QueryDiagnostic[] {
  const freshness = huntDocFreshness(filePath, document.toml.text, document.toml.value?.hunt as Record<string, unknown>);
  if (!freshness || freshness.upToDate) return [];
  const at = document.entry('hunt', 'name')?.valueSpan ?? document.toml.tables.find((t) => t.path[0] === 'hunt')?.span ?? { start: 0, end: 0 };
  const docName = freshness.docPath.split(/[\\/]/).slice(-2).join('/');
  const message = freshness.actual === undefined ? `The hunt has no generated doc yet (${docName}): run Huntkit: Generate Markdown.` : `${docName} is out of date with this hunt: regenerate it (Huntkit: Generate Markdown).`;
  return [{ span: at, severity: 'information', code: DOC_OUT_OF_DATE, message }];
}

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
