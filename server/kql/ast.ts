// Syntax tree of a KQL (Kibana Query Language) query, shaped after Kibana's
// kuery grammar: boolean queries over `field:value` matches, ranges and nested
// queries, with value lists (`field:(a or b)`) kept apart from query-level
// booleans so that every value knows the field it is matched against.
import type { Span } from '../common/diagnostics.ts';

/** The whole query; `body` is null for an empty query, which Kibana treats as "match everything". */
export interface KqlQuery {
  kind: 'query';
  span: Span;
  body: KqlExpression | null;
}

export type KqlExpression = KqlOr | KqlAnd | KqlNot | KqlGroup | KqlNested | KqlRange | KqlMatch | KqlError;

export interface KqlOr {
  kind: 'or';
  span: Span;
  operands: KqlExpression[];
  /** Spans of the `or` keywords, one fewer than the operands. */
  operators: Span[];
}

export interface KqlAnd {
  kind: 'and';
  span: Span;
  operands: KqlExpression[];
  operators: Span[];
}

export interface KqlNot {
  kind: 'not';
  span: Span;
  keyword: Span;
  operand: KqlExpression;
}

/** A parenthesised query; `closed` is false when the `)` is missing. */
export interface KqlGroup {
  kind: 'group';
  span: Span;
  body: KqlExpression;
  closed: boolean;
}

/** `field:{ query }`: the fields inside `body` are relative to `field`. */
export interface KqlNested {
  kind: 'nested';
  span: Span;
  field: KqlField;
  body: KqlExpression;
  closed: boolean;
}

export type KqlRangeOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** `field < value`, `field <= value`, `field > value`, `field >= value`. */
export interface KqlRange {
  kind: 'range';
  span: Span;
  field: KqlField;
  operator: KqlRangeOperator;
  operatorSpan: Span;
  value: KqlValue | KqlError;
}

/**
 * `field:value` or `field:(value list)`; `field` is null for free text (a value
 * searched in every field). `field:*` (an unquoted lone wildcard) is an exists query.
 */
export interface KqlMatch {
  kind: 'match';
  span: Span;
  field: KqlField | null;
  value: KqlValueExpression;
}

/**
 * Text the parser could not make sense of (or a missing piece, with an empty span).
 * `parts` keeps whatever well-formed pieces were parsed around it.
 */
export interface KqlError {
  kind: 'error';
  span: Span;
  parts: (KqlExpression | KqlValueExpression)[];
}

export interface KqlField {
  kind: 'field';
  span: Span;
  raw: string;
  /** The decoded name (escapes resolved); wildcards appear as `*`. */
  name: string;
  quoted: boolean;
  /** For a name with unescaped wildcards (`process.*`), the decoded text between them. */
  pattern: string[] | null;
}

export type KqlValueExpression = KqlValueOr | KqlValueAnd | KqlValueNot | KqlValueGroup | KqlValue | KqlError;

export interface KqlValueOr {
  kind: 'value-or';
  span: Span;
  operands: KqlValueExpression[];
  operators: Span[];
}

export interface KqlValueAnd {
  kind: 'value-and';
  span: Span;
  operands: KqlValueExpression[];
  operators: Span[];
}

export interface KqlValueNot {
  kind: 'value-not';
  span: Span;
  keyword: Span;
  operand: KqlValueExpression;
}

export interface KqlValueGroup {
  kind: 'value-group';
  span: Span;
  body: KqlValueExpression;
  closed: boolean;
}

export type KqlValue = KqlQuoted | KqlLiteral | KqlWildcard;

/** `"quoted phrase"`: matched as a phrase; `*` inside it is a plain character. */
export interface KqlQuoted {
  kind: 'quoted';
  span: Span;
  raw: string;
  value: string;
}

/** An unquoted value without wildcards; inner spaces belong to it (`foo bar`), outer ones are trimmed. */
export interface KqlLiteral {
  kind: 'literal';
  span: Span;
  raw: string;
  value: string;
}

/** An unquoted value with unescaped `*` wildcards. */
export interface KqlWildcard {
  kind: 'wildcard';
  span: Span;
  raw: string;
  /** The decoded value with each wildcard written as `*` (an escaped `\*` also reads `*` here). */
  value: string;
  /** The decoded text between wildcards: `a*b\*c` gives ['a', 'b*c']. */
  pattern: string[];
}

export type KqlNode = KqlQuery | KqlExpression | KqlValueExpression | KqlField;

/** The direct children of a node, in text order. */
export function kqlChildren(node: KqlNode): KqlNode[] {
  switch (node.kind) {
    case 'query':
      return node.body ? [node.body] : [];
    case 'or':
    case 'and':
    case 'value-or':
    case 'value-and':
      return node.operands;
    case 'not':
    case 'value-not':
      return [node.operand];
    case 'group':
    case 'value-group':
      return [node.body];
    case 'nested':
      return [node.field, node.body];
    case 'range':
      return [node.field, node.value];
    case 'match':
      return node.field ? [node.field, node.value] : [node.value];
    case 'error':
      return node.parts;
    case 'field':
    case 'quoted':
    case 'literal':
    case 'wildcard':
      return [];
  }
}
