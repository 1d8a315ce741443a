// compileEql: an EQL query text → the engine's two stages (contract.ts). The
// front-end's syntax and semantic errors come back as they are; what the local
// engine cannot run (or Elasticsearch's verifier would reject given the mapping)
// is a compile error, so a query either runs with Elasticsearch's semantics or
// does not run at all.
import type { QueryDiagnostic } from '../../common/diagnostics.ts';
import type { EqlQuery, EventFilter, EventTerm, Expression, FieldReference, MultiTermQuery, Pipe } from '../../eql/ast.ts';
import { checkEql } from '../../eql/checker.ts';
import { parseEql } from '../../eql/parser.ts';
import { walk } from '../../eql/walk.ts';
import type { CompileResult, CompiledQuery, EngineOptions, QueryCompiler } from '../contract.ts';
import type { IndexMapping } from '../mapping.ts';
import { EqlCompileError } from './compileError.ts';
import type { EqlValue } from './eqlValues.ts';
import { createEventQuerySink } from './eventQuery.ts';
import { allOf, anyOf, compileCondition, compileValue } from './expressions.ts';
import type { Condition, ExpressionScope } from './expressions.ts';
import { FieldCatalog } from './fieldTypes.ts';
import { KeyReader } from './joinKeys.ts';
import type { KeyField, KeyStyle } from './joinKeys.ts';
import { resultWindow } from './limits.ts';
import type { LimitPipe, ResultWindow } from './limits.ts';
import { inTimeRange, OrdinalReader } from './ordering.ts';
import { createSampleSink } from './sample.ts';
import type { SampleTerm } from './sample.ts';
import { createSequenceSink } from './sequence.ts';
import type { SequenceTerm } from './sequence.ts';

/** EQL-specific request options beyond the shared EngineOptions. */
export interface EqlEngineOptions extends EngineOptions {
  /**
   * The index mapping (explicit and dynamic fields). With it, values are read as
   * their mapped types (version order, ip, date formats, `null_value`), optional
   * `?fields` that are not mapped are null, and unknown fields are errors, as in
   * Elasticsearch. Without it, fields keep their JSON types.
   */
  mapping?: IndexMapping;
  /** `max_samples_per_key` of a sample query (Elasticsearch's default is 1). */
  maxSamplesPerKey?: number;
  /** The event category field (default `event.category`). */
  eventCategoryField?: string;
}

/** Elasticsearch's default `size` for EQL searches. */
export const DEFAULT_EQL_SIZE = 10;
export const DEFAULT_EVENT_CATEGORY_FIELD = 'event.category';
export const DEFAULT_TIMESTAMP_FIELD = '@timestamp';

const MAXSPAN_UNIT_NANOS: Readonly<Record<string, number>> = {
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
};

export const compileEql: QueryCompiler = (text: string, options: EqlEngineOptions): CompileResult => {
  const parsed = parseEql(text);
  const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (syntaxErrors.length > 0) return { ok: false, diagnostics: syntaxErrors };
  const semanticErrors = checkEql(parsed.ast, text, {}).filter((d) => d.severity === 'error');
  if (semanticErrors.length > 0) return { ok: false, diagnostics: semanticErrors };
  try {
    return { ok: true, query: new QueryBuilder(options).build(parsed.ast) };
  } catch (error) {
    if (error instanceof EqlCompileError) {
      const diagnostic: QueryDiagnostic = { span: error.span, severity: 'error', code: error.code, message: error.message };
      return { ok: false, diagnostics: [diagnostic] };
    }
    throw error;
  }
};

class QueryBuilder {
  private readonly catalog: FieldCatalog;
  private readonly scope: ExpressionScope;
  private readonly timestampField: string;

  constructor(private readonly options: EqlEngineOptions) {
    this.timestampField = options.timestampField ?? DEFAULT_TIMESTAMP_FIELD;
    this.catalog = new FieldCatalog({ mapping: options.mapping, aliases: options.aliases, timestampField: this.timestampField });
    this.scope = { catalog: this.catalog };
  }

  build(ast: EqlQuery): CompiledQuery {
    const window = resultWindow(this.limitPipes(ast.pipes), this.options.limit ?? DEFAULT_EQL_SIZE);
    const body = ast.body;
    switch (body.kind) {
      case 'EventFilter':
        return this.eventQuery(body, window);
      case 'SequenceQuery':
        return this.sequenceQuery(body, window);
      case 'SampleQuery':
        return this.sampleQuery(body, window);
      case 'JoinQuery':
        throw new EqlCompileError('eql-engine-unsupported', '`join` queries are not supported by the local engine (nor by Elasticsearch)', body.keywordSpan);
    }
  }

  private eventQuery(filter: EventFilter, window: ResultWindow): CompiledQuery {
    const condition = this.filterCondition(filter, []);
    const ordinals = this.ordinalReader();
    return {
      language: 'eql',
      prefilter: this.withTimeRange(condition),
      createSink: () => createEventQuerySink(ordinals, window),
    };
  }

  private sequenceQuery(query: MultiTermQuery, window: ResultWindow): CompiledQuery {
    const constraints = this.joinKeyConstraints(query);
    const terms: SequenceTerm[] = query.terms.map((term, index) => this.term(query, term, constraints[index]!, 'sequence'));
    const stageTerms: number[] = [];
    const missing: boolean[] = [];
    query.terms.forEach((term, index) => {
      for (let run = 0; run < runsOf(term); run++) {
        stageTerms.push(index);
        missing.push(term.missing);
      }
    });
    const until = query.until ? this.term(query, query.until, [], 'sequence') : undefined;
    const conditions = [...terms, ...(until ? [until] : [])].map((t) => t.condition);
    const ordinals = this.ordinalReader();
    const plan = { terms, stageTerms, missing, until, maxspanNanos: this.maxspanNanos(query), window, ordinals };
    return {
      language: 'eql',
      prefilter: this.withTimeRange(anyOf(conditions)),
      createSink: () => createSequenceSink(plan),
    };
  }

  private sampleQuery(query: MultiTermQuery, window: ResultWindow): CompiledQuery {
    const terms: SampleTerm[] = query.terms.map((term) => this.term(query, term, [], 'sample'));
    const plan = { terms, maxSamplesPerKey: this.options.maxSamplesPerKey ?? 1, window };
    return {
      language: 'eql',
      prefilter: this.withTimeRange(anyOf(terms.map((t) => t.condition))),
      createSink: () => createSampleSink(plan),
    };
  }

  private term(query: MultiTermQuery, term: EventTerm, extra: Condition[], style: KeyStyle): SequenceTerm {
    const keyExpressions = [...(query.by?.keys ?? []), ...(term.by?.keys ?? [])];
    const fields: KeyField[] = keyExpressions.map((expression) => {
      const field = keyField(expression);
      const known = this.catalog.isKnown(field.name);
      if (!known && !field.optional) {
        throw new EqlCompileError('eql-engine-unknown-field', `unknown field \`${field.name}\`: it is not in the index mapping`, field.span);
      }
      return { field: known ? this.catalog.field(field.name) : undefined, optional: field.optional };
    });
    return { condition: this.filterCondition(term.filter, extra), keys: new KeyReader(fields, style) };
  }

  /** The category test and the condition of a filter, plus conditions moved in from other terms. */
  private filterCondition(filter: EventFilter, extra: Condition[]): Condition {
    const tests: Condition[] = [];
    const category = filter.category;
    if (category.kind === 'EventCategory' && !category.any) tests.push(this.categoryTest(category.name));
    const condition = compileCondition(filter.condition, this.scope);
    tests.push(condition, ...extra);
    return allOf(tests);
  }

  private categoryTest(name: string): Condition {
    const field = this.catalog.field(this.options.eventCategoryField ?? DEFAULT_EVENT_CATEGORY_FIELD);
    const values: EqlValue[] = [];
    return (event) => {
      const n = field.collect(event, values);
      for (let i = 0; i < n; i++) if (values[i] === name) return true;
      return false;
    };
  }

  /**
   * Elasticsearch's PropagateJoinKeyConstraints: a condition of one term on its
   * join key (a conjunct without `or`) also applies to the other terms, on their
   * key at the same position. Returns the moved conditions per term.
   */
  private joinKeyConstraints(query: MultiTermQuery): Condition[][] {
    const keysOf = (term: EventTerm): FieldReference[] => [...(query.by?.keys ?? []), ...(term.by?.keys ?? [])].map(keyField);
    const moved: Condition[][] = query.terms.map(() => []);
    query.terms.forEach((source, sourceIndex) => {
      const sourceKeys = keysOf(source);
      if (sourceKeys.length === 0) return;
      for (const conjunct of conjuncts(source.filter.condition)) {
        if (containsOr(conjunct)) continue;
        const position = firstKeyPosition(conjunct, sourceKeys);
        if (position < 0) continue;
        query.terms.forEach((target, targetIndex) => {
          if (targetIndex === sourceIndex) return;
          const targetKey = keysOf(target)[position]!;
          const renames = new Map([[sourceKeys[position]!.name, targetKey.name]]);
          moved[targetIndex]!.push(compileCondition(conjunct, { ...this.scope, renames }));
        });
      }
    });
    return moved;
  }

  private maxspanNanos(query: MultiTermQuery): number | undefined {
    const maxspan = query.maxspan;
    if (!maxspan || maxspan.value.kind !== 'Number' || maxspan.unit === undefined) return undefined;
    return maxspan.value.value * MAXSPAN_UNIT_NANOS[maxspan.unit]!;
  }

  private limitPipes(pipes: readonly Pipe[]): LimitPipe[] {
    return pipes.map((pipe) => {
      if (pipe.name !== 'head' && pipe.name !== 'tail') {
        throw new EqlCompileError('eql-engine-unsupported', `the \`${pipe.name}\` pipe is not supported by the local engine`, pipe.nameSpan);
      }
      const count = compileValue(pipe.args[0]!, this.scope);
      const value = count.constant ? count.evaluate({}) : null;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new EqlCompileError('eql-engine-invalid-argument', `\`${pipe.name}\` needs a non-negative whole number`, pipe.span);
      }
      return { name: pipe.name, count: value };
    });
  }

  private ordinalReader(): OrdinalReader {
    return new OrdinalReader(this.catalog, this.timestampField, this.options.tiebreakerField);
  }

  /**
   * The condition, and the run's [from, to] range on the timestamp when it has
   * one (tested second: reading a date costs more than most conditions). Events
   * without a timestamp are left to the sinks, which drop them where order matters.
   */
  private withTimeRange(condition: Condition): Condition {
    const { from, to } = this.options;
    if (from === undefined && to === undefined) return condition;
    const timestamp = this.catalog.field(this.timestampField);
    return (event) => {
      if (!condition(event)) return false;
      const instant = timestamp.instant(event);
      return instant !== undefined && inTimeRange(instant, from, to);
    };
  }
}

function runsOf(term: EventTerm): number {
  const value = term.parameter?.value;
  return term.parameter?.key === 'runs' && value?.kind === 'Number' ? value.value : 1;
}

function keyField(expression: Expression): FieldReference {
  let e = expression;
  while (e.kind === 'Paren') e = e.expression;
  if (e.kind !== 'Field') throw new EqlCompileError('eql-engine-unsupported', 'a join key that is not a field is not supported by the local engine', expression.span);
  return e;
}

/** The operands of the top-level `and`s (parentheses do not matter). */
function conjuncts(expression: Expression): Expression[] {
  if (expression.kind === 'Paren') return conjuncts(expression.expression);
  if (expression.kind === 'Logical' && expression.operator === 'and') return expression.operands.flatMap(conjuncts);
  return [expression];
}

function containsOr(expression: Expression): boolean {
  let found = false;
  walk(expression, (node) => {
    if (node.kind === 'Logical' && node.operator === 'or') found = true;
    return !found;
  });
  return found;
}

/** The position of the first join key the expression mentions (in pre-order), or -1. */
function firstKeyPosition(expression: Expression, keys: readonly FieldReference[]): number {
  let position = -1;
  walk(expression, (node) => {
    if (position >= 0) return false;
    if (node.kind === 'Field') position = keys.findIndex((key) => key.name === node.name && key.optional === node.optional);
    return position < 0;
  });
  return position;
}
