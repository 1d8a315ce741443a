// KQL as a filter over events, with the semantics of the Elasticsearch query
// Kibana builds from it (see fieldQueries.ts for how values match fields):
//   field:value       match / match_phrase      → exact value
//   field:a*b         query_string wildcard     → case-sensitive wildcard
//   field:*           exists
//   field < value     range (numbers, dates with date math, IPs, keywords)
//   field:{ query }   nested                    → fields inside read as `field.<name>`
//   value             multi_match over every field (lenient)
//   empty query       match_all
// The query is compiled once into closures; nothing is interpreted per event.
import type { CompileResult, EngineOptions } from '../contract.ts';
import { parseKql } from '../../kql/parser.ts';
import type { KqlExpression, KqlField, KqlValue, KqlValueExpression } from '../../kql/ast.ts';
import {
  allOf,
  anyLeafTest,
  anyOf,
  existsQuery,
  fieldQuery,
  isDateTarget,
  isLoneStar,
  isPlainKeyword,
  matchAll,
  filterQuery,
  not,
  rangeTest,
  starPattern,
  termTest,
  wildcardTest,
  type EventPredicate,
  type FieldQueryContext,
  type FieldTarget,
  type LeafTest,
} from './fieldQueries.ts';

export function compileKql(text: string, options: EngineOptions): CompileResult {
  const { ast, diagnostics } = parseKql(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const context: FieldQueryContext = { clock: options.clock, aliases: options.aliases, timestampField: options.timestampField ?? '@timestamp' };
  const predicate = ast.body === null ? matchAll : new KqlCompiler(context).expression(ast.body, '');
  return filterQuery('kuery', predicate, options);
}

class KqlCompiler {
  constructor(private readonly context: FieldQueryContext) {}

  /** `prefix` is the dotted path of the nested queries around the expression (`a.b.` inside `a:{ b:{ … } }`). */
  expression(node: KqlExpression, prefix: string): EventPredicate {
    switch (node.kind) {
      case 'or':
        return anyOf(node.operands.map((operand) => this.expression(operand, prefix)));
      case 'and':
        return allOf(node.operands.map((operand) => this.expression(operand, prefix)));
      case 'not':
        return not(this.expression(node.operand, prefix));
      case 'group':
        return this.expression(node.body, prefix);
      case 'nested':
        return this.expression(node.body, `${prefix}${node.field.name}.`);
      case 'range': {
        const target = this.target(node.field, prefix);
        // A syntax error would have stopped compilation: the value is present.
        const value = node.value.kind === 'error' ? '' : node.value.value;
        const bounds = {
          lower: node.operator === 'gt' || node.operator === 'gte' ? value : null,
          upper: node.operator === 'lt' || node.operator === 'lte' ? value : null,
          includeLower: node.operator === 'gte',
          includeUpper: node.operator === 'lte',
        };
        return fieldQuery(target, rangeTest(bounds, isDateTarget(target, this.context), this.context), this.context);
      }
      case 'match': {
        const target: FieldTarget = node.field === null ? { kind: 'all' } : this.target(node.field, prefix);
        // `*:*` and a lone `*` of free text match every document, as Kibana makes them match_all.
        if (target.kind === 'all' && isStar(node.value)) return matchAll;
        return this.values(node.value, target);
      }
      case 'error':
        return matchAll;
    }
  }

  private target(field: KqlField, prefix: string): FieldTarget {
    if (field.pattern === null) return { kind: 'field', name: prefix + field.name };
    if (prefix === '' && isLoneStar(starPattern(field.pattern))) return { kind: 'all' };
    return { kind: 'pattern', pattern: starPattern([prefix + field.pattern[0], ...field.pattern.slice(1)]) };
  }

  /** A value list: `or` of plain values scans the field once; `and` and `not` combine whole-field queries. */
  private values(node: KqlValueExpression, target: FieldTarget): EventPredicate {
    switch (node.kind) {
      case 'value-group':
        return this.values(node.body, target);
      case 'value-and':
        return allOf(node.operands.map((operand) => this.values(operand, target)));
      case 'value-not':
        return not(this.values(node.operand, target));
      case 'value-or': {
        const plain: KqlValue[] = [];
        const others: KqlValueExpression[] = [];
        for (const leaf of flattenOr(node)) {
          if (isValue(leaf) && !isStar(leaf)) plain.push(leaf);
          else others.push(leaf);
        }
        const predicates = others.map((operand) => this.values(operand, target));
        if (plain.length > 0) predicates.unshift(fieldQuery(target, this.leafTests(plain, target), this.context));
        return anyOf(predicates);
      }
      case 'quoted':
      case 'literal':
      case 'wildcard':
        if (isStar(node)) return existsQuery(target, this.context);
        return fieldQuery(target, this.leafTests([node], target), this.context);
      case 'error':
        return matchAll;
    }
  }

  private leafTests(values: readonly KqlValue[], target: FieldTarget): LeafTest {
    const dateField = isDateTarget(target, this.context);
    const plainKeywords: string[] = [];
    const tests: LeafTest[] = [];
    for (const value of values) {
      if (value.kind === 'wildcard') tests.push(wildcardTest(starPattern(value.pattern)));
      else if (isPlainKeyword(value.value, dateField)) plainKeywords.push(value.value);
      else tests.push(termTest(value.value, dateField, this.context));
    }
    if (plainKeywords.length === 1 && tests.length === 0) {
      const only = plainKeywords[0];
      return (leaf) => leaf === only;
    }
    return anyLeafTest(tests, plainKeywords);
  }
}

/** An unquoted lone `*`: exists for a field, match_all for free text. */
function isStar(node: KqlValueExpression): boolean {
  return node.kind === 'wildcard' && isLoneStar(starPattern(node.pattern));
}

function isValue(node: KqlValueExpression): node is KqlValue {
  return node.kind === 'quoted' || node.kind === 'literal' || node.kind === 'wildcard';
}

/** The operands of nested `or`s (through groups), in order. */
function flattenOr(node: KqlValueExpression): KqlValueExpression[] {
  if (node.kind === 'value-or') return node.operands.flatMap(flattenOr);
  if (node.kind === 'value-group') return flattenOr(node.body);
  return [node];
}
