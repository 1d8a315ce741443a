// Syntax tree of a Lucene query string (Elasticsearch's query_string query).
// Lucene has no operator precedence: a query is a flat list of clauses, each
// with the conjunction written before it (`AND`/`OR`/none) and its modifier
// (`+`, `-`, `NOT`/`!`), exactly as Lucene's parser combines them.
import type { Span } from '../common/diagnostics.ts';

export interface LuceneQuery {
  kind: 'query';
  span: Span;
  /** Empty for an empty query, which Elasticsearch answers with no documents. */
  clauses: LuceneClause[];
}

export interface LuceneClause {
  kind: 'clause';
  span: Span;
  conjunction: LuceneConjunction | null;
  modifier: LuceneModifier | null;
  /** `field:` before the query; `*:` searches every field; `_exists_:name` tests that field `name` exists. */
  field: LuceneField | null;
  query: LuceneSubQuery;
}

export interface LuceneConjunction {
  span: Span;
  /** `AND`, `&&`, `OR` or `||`. */
  raw: string;
  operator: 'and' | 'or';
}

export interface LuceneModifier {
  span: Span;
  /** `+`, `-`, `NOT` or `!`. */
  raw: string;
  occur: 'must' | 'must_not';
}

export interface LuceneField {
  kind: 'field';
  span: Span;
  raw: string;
  /** Escapes resolved. */
  name: string;
}

export type LuceneSubQuery = LuceneGroup | LuceneTerm | LucenePhrase | LuceneRegex | LuceneRange | LuceneError;

export interface LuceneGroup {
  kind: 'group';
  span: Span;
  clauses: LuceneClause[];
  /** False when the `)` is missing. */
  closed: boolean;
  boost: LuceneBoost | null;
}

/** A bare term; `*` alone, `term*` and terms with `*`/`?` are wildcard terms (`field:*` matches any value). */
export interface LuceneTerm {
  kind: 'term';
  span: Span;
  raw: string;
  /** Escapes resolved; wildcards kept as `*` and `?` (see `raw` to tell them from escaped ones). */
  value: string;
  wildcard: boolean;
  /** `term~` / `term~2`: fuzzy matching with that many edits. */
  fuzzy: LuceneFuzzy | null;
  boost: LuceneBoost | null;
}

export interface LucenePhrase {
  kind: 'phrase';
  span: Span;
  raw: string;
  value: string;
  /** `"a b"~3`: proximity, the number of moves allowed between the words. */
  slop: LuceneFuzzy | null;
  boost: LuceneBoost | null;
}

/** `/pattern/`, a Lucene regular expression (anchored at both ends). */
export interface LuceneRegex {
  kind: 'regex';
  span: Span;
  raw: string;
  /** The text between the slashes, as written. */
  pattern: string;
  boost: LuceneBoost | null;
}

/** `[a TO b]`, `{a TO *]`, … or Elasticsearch's one-sided `>=10`, `<5` form. */
export interface LuceneRange {
  kind: 'range';
  span: Span;
  form: 'brackets' | 'comparison';
  /** Null for the open side of a comparison. */
  lower: LuceneRangeBound | LuceneError | null;
  upper: LuceneRangeBound | LuceneError | null;
  includeLower: boolean;
  includeUpper: boolean;
  boost: LuceneBoost | null;
}

export interface LuceneRangeBound {
  kind: 'bound';
  span: Span;
  raw: string;
  /** Escapes resolved, quotes removed; null for an unquoted `*` (unbounded). */
  value: string | null;
}

export interface LuceneBoost {
  /** From the `^` to the end of the number. */
  span: Span;
  /** Null when the `^` has no number after it. */
  value: number | null;
}

export interface LuceneFuzzy {
  /** From the `~` to the end of its argument. */
  span: Span;
  raw: string;
  /** Null when the `~` has no number after it (the default applies). */
  value: number | null;
}

/** A missing piece (empty span) or text the parser skipped. */
export interface LuceneError {
  kind: 'error';
  span: Span;
}

export type LuceneNode = LuceneQuery | LuceneClause | LuceneField | LuceneSubQuery | LuceneRangeBound;

/** The direct children of a node, in text order. */
export function luceneChildren(node: LuceneNode): LuceneNode[] {
  switch (node.kind) {
    case 'query':
    case 'group':
      return node.clauses;
    case 'clause':
      return node.field ? [node.field, node.query] : [node.query];
    case 'range': {
      const bounds: LuceneNode[] = [];
      if (node.lower) bounds.push(node.lower);
      if (node.upper) bounds.push(node.upper);
      return bounds;
    }
    case 'field':
    case 'term':
    case 'phrase':
    case 'regex':
    case 'bound':
    case 'error':
      return [];
  }
}
