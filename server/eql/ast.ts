// The EQL syntax tree. Every node carries its `span` (half-open UTF-16 offsets
// into the query text) so completion, hover and diagnostics can map back to
// the source. Literal values are decoded next to their raw text, field
// references are their own node kind with the dotted name, and places where
// the parser expected something but found nothing hold an `Error` node, so the
// tree is always complete however broken the input.
import type { Span } from '../common/diagnostics.ts';

export interface EqlQuery {
  kind: 'Query';
  span: Span;
  body: QueryBody;
  pipes: Pipe[];
  /** `//` and `/* *\/` comments, which the grammar ignores. */
  comments: Span[];
}

export type QueryBody = EventFilter | SequenceQuery | SampleQuery | JoinQuery;

/** `<category> where <condition>`, on its own or inside a `[...]` term. */
export interface EventFilter {
  kind: 'EventFilter';
  span: Span;
  category: EventCategory | ErrorNode;
  condition: Expression;
}

export interface EventCategory {
  kind: 'EventCategory';
  span: Span;
  /** Decoded category name; empty for `any`. */
  name: string;
  any: boolean;
  raw: string;
}

/**
 * The parser accepts every clause on every multi-term query (`by` before or
 * after `with`, `until`, `with runs`, missing events) so it can say precisely
 * what Elasticsearch rejects; the checker enforces what each kind allows.
 */
interface MultiTermQueryBase {
  span: Span;
  keywordSpan: Span;
  by: JoinKeys | undefined;
  maxspan: MaxSpan | undefined;
  /** True when the query-level `by` follows `with maxspan=...`. */
  byAfterMaxspan: boolean;
  terms: EventTerm[];
  until: EventTerm | undefined;
}

export interface SequenceQuery extends MultiTermQueryBase {
  kind: 'SequenceQuery';
}

export interface SampleQuery extends MultiTermQueryBase {
  kind: 'SampleQuery';
}

/** `join` parses (the grammar has it) but Elasticsearch does not run it. */
export interface JoinQuery extends MultiTermQueryBase {
  kind: 'JoinQuery';
}

export type MultiTermQuery = SequenceQuery | SampleQuery | JoinQuery;

/** `[filter]` or the missing-event form `![filter]`, with its own `by` keys and `with runs=N`. */
export interface EventTerm {
  kind: 'EventTerm';
  span: Span;
  missing: boolean;
  filter: EventFilter;
  /** False when the closing `]` is missing. */
  closed: boolean;
  by: JoinKeys | undefined;
  parameter: TermParameter | undefined;
}

/** `with <key>=<number>` after a term; Elasticsearch knows only `runs`. */
export interface TermParameter {
  kind: 'TermParameter';
  span: Span;
  key: string;
  keySpan: Span;
  value: NumberLiteral | ErrorNode;
}

export interface JoinKeys {
  kind: 'JoinKeys';
  span: Span;
  keys: Expression[];
}

/** `with maxspan=<number><unit>`. */
export interface MaxSpan {
  kind: 'MaxSpan';
  span: Span;
  value: NumberLiteral | ErrorNode;
  /** The unit as written (`ms`, `s`, `m`, `h`, `d` are valid), if any. */
  unit: string | undefined;
  unitSpan: Span | undefined;
}

export interface Pipe {
  kind: 'Pipe';
  span: Span;
  /** Empty when the name is missing. */
  name: string;
  nameSpan: Span;
  args: Expression[];
}

export type Expression =
  | LogicalExpression
  | NotExpression
  | ComparisonExpression
  | ArithmeticExpression
  | UnaryExpression
  | InExpression
  | MatchExpression
  | FunctionCall
  | FieldReference
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ParenthesizedExpression
  | RelationshipExpression
  | ErrorNode;

/** `a and b and c` (one node per run of the same operator). */
export interface LogicalExpression {
  kind: 'Logical';
  span: Span;
  operator: 'and' | 'or';
  operands: Expression[];
}

export interface NotExpression {
  kind: 'Not';
  span: Span;
  operand: Expression;
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface ComparisonExpression {
  kind: 'Comparison';
  span: Span;
  operator: ComparisonOperator;
  operatorSpan: Span;
  left: Expression;
  right: Expression;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

export interface ArithmeticExpression {
  kind: 'Arithmetic';
  span: Span;
  operator: ArithmeticOperator;
  operatorSpan: Span;
  left: Expression;
  right: Expression;
}

export interface UnaryExpression {
  kind: 'Unary';
  span: Span;
  operator: '-' | '+';
  operand: Expression;
}

/** `value in (...)`, `value in~ (...)`, `value not in (...)`. */
export interface InExpression {
  kind: 'In';
  span: Span;
  value: Expression;
  negated: boolean;
  caseInsensitive: boolean;
  items: Expression[];
  closed: boolean;
}

export type MatchOperator = ':' | 'like' | 'like~' | 'regex' | 'regex~';

/** `value : "p"`, `value like~ ("a*", "b*")`, `value regex "..."`. Patterns are literals. */
export interface MatchExpression {
  kind: 'Match';
  span: Span;
  operator: MatchOperator;
  operatorSpan: Span;
  /** `:` and the `~` forms match case-insensitively. */
  caseInsensitive: boolean;
  value: Expression;
  patterns: Expression[];
  /** True for the parenthesized list form. */
  list: boolean;
}

export interface FunctionCall {
  kind: 'Call';
  span: Span;
  /** The name as written, without `~`. */
  name: string;
  nameSpan: Span;
  caseInsensitive: boolean;
  args: Expression[];
  closed: boolean;
}

export interface FieldSegment {
  /** Decoded name (backquotes removed, doubled backquotes collapsed). */
  name: string;
  span: Span;
  quoted: boolean;
}

export interface FieldReference {
  kind: 'Field';
  span: Span;
  /** The dotted name, e.g. `process.parent.name`. */
  name: string;
  segments: FieldSegment[];
  /** `?field`: Elasticsearch substitutes `null` when the field is not mapped. */
  optional: boolean;
  /** `field[0]` index groups; the grammar has them, Elasticsearch rejects them. */
  indexes: Span[];
}

export interface StringLiteral {
  kind: 'String';
  span: Span;
  /** Decoded value: escapes resolved, quotes removed. */
  value: string;
  raw: string;
  /** `"..."`, `"""..."""`; `'...'` and `?"..."` are errors kept for recovery. */
  style: 'double' | 'raw' | 'single' | 'question';
}

export interface NumberLiteral {
  kind: 'Number';
  span: Span;
  value: number;
  raw: string;
  integer: boolean;
}

export interface BooleanLiteral {
  kind: 'Boolean';
  span: Span;
  value: boolean;
}

export interface NullLiteral {
  kind: 'Null';
  span: Span;
}

export interface ParenthesizedExpression {
  kind: 'Paren';
  span: Span;
  expression: Expression;
  closed: boolean;
}

/** Endgame lineage, e.g. `descendant of [process where ...]`; Elasticsearch rejects it. */
export interface RelationshipExpression {
  kind: 'Relationship';
  span: Span;
  relation: string;
  /** `descendant of`. */
  relationSpan: Span;
  filter: EventFilter;
}

/** Where something was required but missing or unusable. */
export interface ErrorNode {
  kind: 'Error';
  span: Span;
}

export type EqlNode =
  | EqlQuery
  | EventFilter
  | EventCategory
  | SequenceQuery
  | SampleQuery
  | JoinQuery
  | EventTerm
  | TermParameter
  | JoinKeys
  | MaxSpan
  | Pipe
  | Expression;
