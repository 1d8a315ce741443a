// Injection into source.toml that highlights the queries of hunt and rule files with
// their own grammar. A TextMate grammar sees one line at a time and keeps no variables,
// so the language is chosen two ways:
//
// 1. By the `language` key. Upstream writes a table's keys sorted, so `language = "eql"`
//    (rules) or `language = ["EQL"]` (hunts, one language) comes before `query` in the
//    same table. A zero-width "section" opens at that line and lasts until the next table
//    header; inside it, `query` strings use that language. The section includes the host
//    TOML grammar for everything else.
// 2. By the query's opening words, where no section applies (a hunt listing several
//    languages, `[[transform.osquery]]` queries, files whose `query` precedes
//    `language`). After comments, blank lines and a stray `sql` line:
//      `sequence`, `sample`, `join`, or `<word> where`   -> EQL
//      `from`, `row`, `show`, `ts` (any case)            -> ES|QL
//      `select`, `with` (any case)                       -> osquery SQL
//      anything else                                     -> KQL
//    (a word followed by `:` is a KQL field, never a command). Lucene is never guessed:
//    it reads like KQL and only a `language = "lucene"` section selects it.
//
// `threat_query` is always KQL. `query` keys under `[rule.filters]` and
// `[rule.threat_filters]` tables are filter parameters, not queries: left as plain TOML.
import type { Captures, Grammar, Rule } from './grammar.ts';
import { ref } from './grammar.ts';
import { eqlEmbeddingGuards } from './eql.ts';
import { esqlEmbeddingGuards } from './esql.ts';
import { kqlEmbeddingGuards } from './kql.ts';
import { luceneEmbeddingGuards } from './lucene.ts';
import { osquerySqlEmbeddingGuards } from './osquerySql.ts';
import { BASIC_STRING_ESCAPES, TOML_SCOPES, closingDelimiter, type TomlDelimiter } from './toml.ts';

export interface EmbeddedLanguage {
  /** VS Code language id; also the last segment of the embedded scopes. */
  id: 'eql' | 'esql' | 'kql' | 'lucene' | 'osquery-sql';
  scopeName: string;
  /** `language` values that select it (case-insensitive regex alternation). */
  languageValues: string;
  /** What the query text starts with when the heuristic picks this language. */
  opening?: string;
  /** Its comments and strings that could run past the closing delimiter, made to stop before `stopBefore`. */
  guards: (stopBefore: string) => Rule[];
}

/** Heuristic order matters: the last entry with an opening is the fallback. */
export const EMBEDDED_LANGUAGES: readonly EmbeddedLanguage[] = [
  {
    id: 'eql',
    scopeName: 'source.eql',
    languageValues: 'eql',
    opening: String.raw`(?:sequence|sample|join)(?![\w@.])(?![ \t]*:)|(?:[A-Za-z_@][A-Za-z0-9_]*|"[^"\n]*"|\x60[^\x60\n]*\x60)[ \t]+where(?![\w@.])`,
    guards: eqlEmbeddingGuards,
  },
  {
    id: 'esql',
    scopeName: 'source.esql',
    languageValues: String.raw`es\|ql|esql`,
    opening: String.raw`(?i:from|row|show|ts)(?![\w@.])(?![ \t]*:)`,
    guards: esqlEmbeddingGuards,
  },
  {
    id: 'osquery-sql',
    scopeName: 'source.osquery-sql',
    languageValues: 'sql|osquery',
    opening: String.raw`(?i:select|with)(?![\w@.])(?![ \t]*:)`,
    guards: osquerySqlEmbeddingGuards,
  },
  { id: 'lucene', scopeName: 'source.lucene', languageValues: 'lucene', guards: luceneEmbeddingGuards },
  { id: 'kql', scopeName: 'source.kql', languageValues: 'kuery|kql', opening: String.raw`\S`, guards: kqlEmbeddingGuards },
];

export const INJECTION_SCOPE_NAME = 'huntkit.injection.toml-queries';

const embeddedScope = (language: EmbeddedLanguage) => `meta.embedded.block.${language.id}`;
const sectionScope = (language: EmbeddedLanguage) => `meta.section.query-language.${language.id}.toml`;
const PENDING_SCOPE = 'meta.embedded.query.toml';
const FILTERS_SCOPE = 'meta.section.filters.toml';

const DELIMITERS: readonly TomlDelimiter[] = ["'''", '"""', "'", '"'];
/** Repository names of the string forms. */
const FORM: Record<TomlDelimiter, string> = { "'''": 'literal-block', '"""': 'basic-block', "'": 'literal-line', '"': 'basic-line' };
const isMultiLine = (d: TomlDelimiter) => d.length === 3;
const isBasic = (d: TomlDelimiter) => d.startsWith('"');

const keyPrefix = (key: string) => String.raw`^[ \t]*(${key})[ \t]*(=)[ \t]*`;
const keyCaptures = (): Captures => ({ 1: { name: TOML_SCOPES.key }, 2: { name: TOML_SCOPES.keyValueSeparator } });

/** Where the content of a string ends: just before its closing delimiter (or the line end for one-line strings). */
const contentEnd = (d: TomlDelimiter) => (isMultiLine(d) ? `(?=${closingDelimiter(d)})` : `(?=${d})|$`);

/** A hunt query beginning `'''sql` (six upstream Linux hunts do): the line names a language, it is no query text. */
const STRAY_LANGUAGE_MARKER: Rule = {
  match: String.raw`\G[ \t]*(sql)[ \t]*$`,
  captures: { 1: { name: 'comment.line.language-marker.toml' } },
};

/** The closing delimiter as a regex; in a basic string a quote after a backslash is escaped, not closing. */
const closer = (d: TomlDelimiter) => (d === '"' ? String.raw`(?<!\\)"` : closingDelimiter(d));

/**
 * The query grammar's own patterns, after TOML escapes (basic strings) and its guards:
 * its comments and strings made to stop before the closing delimiter, since a nested rule
 * never sees its parent's end and `// note'''`, an unclosed `"` or `/*` would run past it.
 */
function queryPatterns(language: EmbeddedLanguage, d: TomlDelimiter): Rule[] {
  return [
    // TOML escapes come first so the query grammar never sees `\"` as a quote.
    ...(isBasic(d) ? BASIC_STRING_ESCAPES : []),
    ...language.guards(closer(d)),
    { include: language.scopeName },
  ];
}

/** What fills a query string: a fixed language, or the heuristic. */
interface QueryContent {
  contentName: string;
  patterns(delimiter: TomlDelimiter): Rule[];
}

/** The repository entry holding `queryPatterns(language, d)`, shared by every rule that needs it. */
const embeddedPatterns = (language: EmbeddedLanguage, d: TomlDelimiter) => ref(`embedded-${language.id}-${FORM[d]}`);

const languageContent = (language: EmbeddedLanguage): QueryContent => ({
  contentName: `${embeddedScope(language)} ${language.scopeName}`,
  patterns: (d) => [...(isMultiLine(d) ? [STRAY_LANGUAGE_MARKER] : []), embeddedPatterns(language, d)],
});

/** Until the first word decides, a string holds comments and the stray `sql` line; then one region per language. */
function detectionPatterns(d: TomlDelimiter): Rule[] {
  // Content may start on the delimiter's line (\G), at a line start, or after a block comment.
  const start = isMultiLine(d) ? String.raw`(?:^|\G|(?<=\*/))[ \t]*` : String.raw`(?:\G|(?<=\*/))[ \t]*`;
  const regions = EMBEDDED_LANGUAGES.filter((l) => l.opening !== undefined).map(
    (language): Rule => ({
      name: `${embeddedScope(language)} ${language.scopeName}`,
      begin: language.id === 'kql' ? `${start}(?=(?!${closingDelimiter(d)})${language.opening})` : `${start}(?=${language.opening})`,
      end: contentEnd(d),
      patterns: [embeddedPatterns(language, d)],
    }),
  );
  return [
    ...(isMultiLine(d) ? [STRAY_LANGUAGE_MARKER] : []),
    // Comments before the first word do not decide the language.
    { name: 'comment.line.double-slash.query.toml', match: `${start}//.*?(?=${closer(d)}|$)` },
    { name: 'comment.line.double-dash.query.toml', match: `${start}--.*?(?=${closer(d)}|$)` },
    { name: 'comment.block.query.toml', begin: `${start}/\\*`, end: `\\*/|${contentEnd(d)}` },
    ...regions,
  ];
}

const detectedContent: QueryContent = {
  contentName: PENDING_SCOPE,
  patterns: (d) => [ref(`detect-${FORM[d]}`)],
};

/** `key = <string>` or, without a key, one element of a query array. */
function stringValue(d: TomlDelimiter, key: string | undefined, content: QueryContent): Rule {
  const stringScope = TOML_SCOPES.strings[d];
  const beginPunctuation = { name: `${stringScope} punctuation.definition.string.begin.toml` };
  const endPunctuation = { name: `${stringScope} punctuation.definition.string.end.toml` };
  return {
    begin: key ? `${keyPrefix(key)}(${d})` : d,
    beginCaptures: key ? { ...keyCaptures(), 3: beginPunctuation } : { 0: beginPunctuation },
    end: isMultiLine(d) ? closingDelimiter(d) : `(${d})|$`,
    endCaptures: isMultiLine(d) ? { 0: endPunctuation } : { 1: endPunctuation },
    contentName: content.contentName,
    patterns: content.patterns(d),
  };
}

/** Every way to write `key = ...` with a query: one string, or (hunts) an array of them. */
function queryEntry(key: string, content: QueryContent, allowArray: boolean): Rule {
  const strings = DELIMITERS.map((d) => stringValue(d, key, content));
  if (!allowArray) return { patterns: strings };
  const array: Rule = {
    name: TOML_SCOPES.array,
    begin: `${keyPrefix(key)}(\\[)`,
    beginCaptures: { ...keyCaptures(), 3: { name: TOML_SCOPES.arrayBegin } },
    end: String.raw`\]`,
    endCaptures: { 0: { name: TOML_SCOPES.arrayEnd } },
    patterns: [
      { match: '(#).*$', name: TOML_SCOPES.comment, captures: { 1: { name: TOML_SCOPES.commentPunctuation } } },
      { name: TOML_SCOPES.arraySeparator, match: ',' },
      ...DELIMITERS.map((d) => stringValue(d, undefined, content)),
    ],
  };
  return { patterns: [...strings, array] };
}

function languageSection(language: EmbeddedLanguage): Rule {
  const value = `(?i:${language.languageValues})`;
  return {
    name: sectionScope(language),
    begin: String.raw`^(?=[ \t]*language[ \t]*=[ \t]*(?:(["'])${value}\1|\[[ \t]*(["'])${value}\2[ \t]*,?[ \t]*\])[ \t]*(?:#.*)?$)`,
    end: String.raw`(?=^[ \t]*\[)`,
    patterns: [ref('threat-query'), ref(`query-${language.id}`), { include: 'source.toml' }],
  };
}

const FILTERS_HEADER = String.raw`[ \t]*\[\[?[ \t]*rule[ \t]*\.[ \t]*(?:threat_)?filters[ \t]*[.\]]`;

const kql = EMBEDDED_LANGUAGES.find((l) => l.id === 'kql')!;

export const tomlQueriesGrammar: Grammar = {
  name: 'Hunt and rule queries in TOML',
  scopeName: INJECTION_SCOPE_NAME,
  injectionSelector: `L:source.toml -string -comment -meta.embedded -meta.section.query-language -meta.section.filters`,
  patterns: [ref('filters-section'), ...EMBEDDED_LANGUAGES.map((l) => ref(`section-${l.id}`)), ref('threat-query'), ref('query-detected')],
  repository: {
    'filters-section': {
      name: FILTERS_SCOPE,
      begin: `^(?=${FILTERS_HEADER})`,
      // Consecutive filter tables stay in the section; any other table header ends it.
      end: `(?=^[ \\t]*\\[)(?!${FILTERS_HEADER})`,
      patterns: [{ include: 'source.toml' }],
    },
    ...Object.fromEntries(EMBEDDED_LANGUAGES.map((l) => [`section-${l.id}`, languageSection(l)])),
    ...Object.fromEntries(EMBEDDED_LANGUAGES.map((l) => [`query-${l.id}`, queryEntry('query', languageContent(l), true)])),
    'threat-query': queryEntry('threat_query', languageContent(kql), false),
    'query-detected': queryEntry('query', detectedContent, true),
    ...Object.fromEntries(DELIMITERS.map((d) => [`detect-${FORM[d]}`, { patterns: detectionPatterns(d) }])),
    ...Object.fromEntries(EMBEDDED_LANGUAGES.flatMap((l) => DELIMITERS.map((d) => [`embedded-${l.id}-${FORM[d]}`, { patterns: queryPatterns(l, d) }]))),
  },
};
