// The hunt/rule document model: what kind of file this is and the queries it holds,
// each with a position map back into the TOML source.
import type { Span } from '../common/diagnostics.ts';
import type { QueryLanguage } from '../common/language.ts';
import { parseTomlModel, parseTomlValuesModel, type TomlEntry, type TomlModel, type TomlPath } from './tomlModel.ts';
import { stringPositionMap, mapSpan, type PositionMap } from './positionMap.ts';
import { huntQueryLanguage, ruleLanguage, straySqlPrefixLength } from './queryLanguage.ts';

export type DocumentKind = 'hunt' | 'rule' | 'other';

export interface EmbeddedQuery {
  /** Where the query lives, e.g. ['hunt', 'query', 2] or ['rule', 'query']. */
  path: TomlPath;
  /** Index of the query among the hunt's queries (0 for a rule's). */
  index: number;
  language: QueryLanguage | undefined;
  /** The query text as the engine sees it (a stray leading `sql` line removed). */
  text: string;
  /** Length of the stray `sql` line that was removed (0 if none). */
  strippedPrefix: number;
  /** Document span of the whole TOML string, delimiters included. */
  valueSpan: Span;
  /** Maps a span of `text` to a document span. */
  toDocumentSpan(span: Span): Span;
}

export interface HuntRuleDocument {
  kind: DocumentKind;
  toml: TomlModel;
  queries: EmbeddedQuery[];
  entry(...path: (string | number)[]): TomlEntry | undefined;
}

/** A hunt has a `[hunt]` table; a rule has `[metadata]` and `[rule]`. */
export function documentKind(value: Record<string, unknown> | undefined, text: string): DocumentKind {
  if (value) {
    if (isTable(value.hunt)) return 'hunt';
    if (isTable(value.metadata) && isTable(value.rule)) return 'rule';
    return 'other';
  }
  // Broken TOML: judge by the table headers so the user still gets diagnostics.
  if (/^\s*\[hunt\]\s*$/m.test(text)) return 'hunt';
  if (/^\s*\[metadata\]\s*$/m.test(text) && /^\s*\[rule\]\s*$/m.test(text)) return 'rule';
  return 'other';
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function parseHuntRuleDocument(text: string): HuntRuleDocument {
  return documentFromModel(parseTomlModel(text));
}

/**
 * The same document without source positions (every span 0), from the fast values-only
 * parser; undefined when that parser rejects the text. For batch checks: a file with no
 * finding needs no positions, one with findings is parsed again exactly.
 */
export function parseHuntRuleDocumentValuesOnly(text: string): HuntRuleDocument | undefined {
  const toml = parseTomlValuesModel(text);
  return toml && documentFromModel(toml);
}

function documentFromModel(toml: TomlModel): HuntRuleDocument {
  const text = toml.text;
  const kind = documentKind(toml.value, text);
  const entry = (...path: (string | number)[]) => toml.entry(path);
  const queries: EmbeddedQuery[] = [];
  if (kind === 'hunt' && toml.value) {
    const hunt = toml.value.hunt as Record<string, unknown>;
    const declared = Array.isArray(hunt.language) ? hunt.language.filter((l): l is string => typeof l === 'string') : [];
    const list = entry('hunt', 'query');
    if (list && Array.isArray(list.value)) {
      list.value.forEach((q, index) => {
        const element = entry('hunt', 'query', index);
        if (typeof q !== 'string' || !element) return;
        queries.push(embed(text, element, index, huntQueryLanguage(declared, q), true));
      });
    }
  } else if (kind === 'rule' && toml.value) {
    const rule = toml.value.rule as Record<string, unknown>;
    const query = entry('rule', 'query');
    const language = ruleLanguage(typeof rule.language === 'string' ? rule.language : undefined, typeof rule.type === 'string' ? rule.type : undefined);
    if (query && typeof query.value === 'string') queries.push(embed(text, query, 0, language, false));
    const threatQuery = entry('rule', 'threat_query');
    if (threatQuery && typeof threatQuery.value === 'string') queries.push(embed(text, threatQuery, 1, 'kuery', false));
  }
  return { kind, toml, queries, entry };
}

function embed(text: string, entry: TomlEntry, index: number, language: QueryLanguage | undefined, stripSql: boolean): EmbeddedQuery {
  const decoded = entry.value as string;
  // Built on first use: most queries have no diagnostic to place.
  let map: PositionMap | undefined;
  const positions = () => (map ??= stringPositionMap(text.slice(entry.valueSpan.start, entry.valueSpan.end), entry.valueSpan.start, decoded));
  const strippedPrefix = stripSql ? straySqlPrefixLength(decoded) : 0;
  return {
    path: entry.path,
    index,
    language,
    text: decoded.slice(strippedPrefix),
    strippedPrefix,
    valueSpan: entry.valueSpan,
    toDocumentSpan: (span) => mapSpan(positions(), span.start + strippedPrefix, span.end + strippedPrefix),
  };
}
