// One file's analysis: the document model, then schema checks, then each embedded
// query through its language front-end. Spans in the result are document offsets.
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import type { QueryFrontEnd, QueryLanguage } from '../common/language.ts';
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

/** `filePath`, when known, lets the analysis compare a hunt with its committed doc. */
export function analyzeText(text: string, filePath?: string): FileAnalysis {
  return analyzeDocument(parseHuntRuleDocument(text), filePath);
}

/**
 * For batch checks of many files: analyses without source positions first (a fast parse),
 * and again with exact positions only when there is something to report. The result
 * then has exact spans, unless it has no diagnostics (`document.toml.exactSpans` says which).
 */
export function analyzeTextFast(text: string, filePath?: string): FileAnalysis {
  const valuesOnly = parseHuntRuleDocumentValuesOnly(text);
  if (!valuesOnly) return analyzeText(text, filePath);
  // The queries' own diagnostics have query-relative spans: the exact pass reuses them.
  const queryResults = new Map<string, QueryResult>();
  const analysis = analyzeDocument(valuesOnly, filePath, queryResults);
  if (analysis.diagnostics.length === 0) return analysis;
  return analyzeDocument(parseHuntRuleDocument(text), filePath, queryResults);
}

/** A query's tree and diagnostics (spans relative to the query), by language and text. */
interface QueryResult {
  ast: unknown;
  diagnostics: QueryDiagnostic[];
}

function analyzeDocument(document: HuntRuleDocument, filePath: string | undefined, queryResults?: Map<string, QueryResult>): FileAnalysis {
  const diagnostics: QueryDiagnostic[] = [];
  const queries: ParsedQuery[] = [];
  const syntaxError = document.toml.syntaxError;
  if (syntaxError) {
    diagnostics.push({ span: syntaxError.span, severity: 'error', code: 'toml-syntax', message: syntaxError.message });
    return { document, queries, diagnostics };
  }
  if (document.kind === 'hunt') {
    diagnostics.push(...checkHunt(document));
    if (filePath) diagnostics.push(...docFreshnessDiagnostics(document, filePath));
  }
  else if (document.kind === 'rule') diagnostics.push(...checkRule(document));
  else return { document, queries, diagnostics };

  const minStackVersion = stringValue(document.entry('metadata', 'min_stack_version')?.value);
  for (const query of document.queries) {
    if (query.strippedPrefix > 0) {
      diagnostics.push({
        span: { start: query.valueSpan.start, end: query.toDocumentSpan({ start: 0, end: 0 }).start },
        severity: 'hint',
        code: 'hunt-stray-sql-line',
        message: 'The query starts with a stray `sql` line; Huntkit ignores it (it is probably a Markdown fence language left behind).',
      });
    }
    const frontEnd = query.language ? frontEnds[query.language] : undefined;
    if (!frontEnd) {
      queries.push({ query, frontEnd, ast: undefined });
      continue;
    }
    const key = `${query.language}\n${minStackVersion ?? ''}\n${query.text}`;
    let result = queryResults?.get(key);
    if (!result) {
      const parsed = frontEnd.parse(query.text);
      result = { ast: parsed.ast, diagnostics: [...parsed.diagnostics, ...frontEnd.check(parsed.ast, query.text, { minStackVersion })] };
      queryResults?.set(key, result);
    }
    for (const d of result.diagnostics) diagnostics.push({ ...d, span: query.toDocumentSpan(d.span) });
    queries.push({ query, frontEnd, ast: result.ast });
  }
  return { document, queries, diagnostics };
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
