// Converts the parser's tree to the oracle's Kibana-shaped nodes, so both readings can be compared.
import type { KqlExpression, KqlField, KqlQuery, KqlValue, KqlValueExpression } from '../../../server/kql/ast.ts';
import { MATCH_ALL, WILDCARD_MARK } from './kibanaOracle.ts';
import type { KibanaNode, KibanaValue } from './kibanaOracle.ts';

export function toKibana(query: KqlQuery): KibanaNode {
  return query.body ? expression(query.body) : MATCH_ALL;
}

function expression(node: KqlExpression): KibanaNode {
  switch (node.kind) {
    case 'or':
    case 'and':
      return { fn: node.kind, args: node.operands.map(expression) };
    case 'not':
      return { fn: 'not', arg: expression(node.operand) };
    case 'group':
      return expression(node.body);
    case 'nested':
      return { fn: 'nested', field: field(node.field), query: expression(node.body) };
    case 'range':
      if (node.value.kind === 'error') throw new Error('a tree with errors has no Kibana reading');
      return { fn: 'range', field: field(node.field), operator: node.operator, value: value(node.value) };
    case 'match':
      return values(node.value, node.field ? field(node.field) : { literal: null });
    case 'error':
      throw new Error('a tree with errors has no Kibana reading');
  }
}

function values(node: KqlValueExpression, f: KibanaValue): KibanaNode {
  switch (node.kind) {
    case 'value-or':
      return { fn: 'or', args: node.operands.map((v) => values(v, f)) };
    case 'value-and':
      return { fn: 'and', args: node.operands.map((v) => values(v, f)) };
    case 'value-not':
      return { fn: 'not', arg: values(node.operand, f) };
    case 'value-group':
      return values(node.body, f);
    case 'error':
      throw new Error('a tree with errors has no Kibana reading');
    default:
      return { fn: 'is', field: f, value: value(node) };
  }
}

function unquoted(text: string): KibanaValue {
  if (text === 'null') return { literal: null };
  if (text === 'true') return { literal: true };
  if (text === 'false') return { literal: false };
  return { literal: text };
}

function value(node: KqlValue): KibanaValue {
  if (node.kind === 'quoted') return { literal: node.value, quoted: true };
  if (node.kind === 'wildcard') return { wildcard: node.pattern.join(WILDCARD_MARK) };
  return unquoted(node.value);
}

function field(node: KqlField): KibanaValue {
  if (node.quoted) return { literal: node.name, quoted: true };
  if (node.pattern) return { wildcard: node.pattern.join(WILDCARD_MARK) };
  return unquoted(node.name);
}
