// Compiles the processing commands into a chain of push stages. Streaming
// commands (WHERE, EVAL, DISSECT, GROK, MV_EXPAND, LIMIT) work row by row;
// SORT buffers (a bounded top-N when a LIMIT follows), STATS keeps one entry
// per group, INLINE STATS keeps its input rows. KEEP, DROP and RENAME only
// change the scope.
import type { Span } from '../../common/diagnostics.ts';
import type * as A from '../../esql/ast.ts';
import { compileAggregate, type Accumulator, type AggregateDefinition } from './aggregates.ts';
import { foldConstant, typeError, type Evaluator, type ExpressionContext, type Row } from './compiled.ts';
import { comparatorFor } from './convert.ts';
import { compileExpression } from './expressions.ts';
import { compileDissect, compileGrok, ExtractionPatternError, type Extraction } from './extract.ts';
import { coerce } from './helpers.ts';
import { Layout, Scope, type Column } from './scope.ts';
import type { EsqlType, Scalar, Value } from './types.ts';
import { CompileError, type WarningLog } from './warnings.ts';
import type { Clock } from '../clock.ts';
import type { TimeZone } from './zone.ts';

export interface Stage {
  push(row: Row): void;
  finish(): void;
  /** True once the stage accepts no more rows (a LIMIT reached): producers may stop early. */
  saturated(): boolean;
}

type StageFactory = (next: Stage) => Stage;

export interface PipelineContext {
  text: string;
  clock: Clock;
  zone: TimeZone;
  /** `SET unmapped_fields = "nullify"`: unknown columns read as null instead of failing. */
  nullifyUnmapped: boolean;
  log: WarningLog;
}

interface CompiledCommand {
  /** Absent for commands that only change the scope. */
  stage?: StageFactory;
  /** Rows out = rows in, in the same order (lets a SORT before it stop at the next LIMIT). */
  oneToOne: boolean;
  /** For SORT: builds its stage once the bound (the LIMIT it feeds) is known. */
  sort?: (bound: number | undefined) => StageFactory;
  /** For LIMIT: its count. */
  limit?: number;
}

export function unsupportedCommand(command: A.Command): CompileError {
  const name = command.name === '' ? 'this command' : command.name;
  return new CompileError(command.nameSpan, 'esql-engine-unsupported-command', `${name} is not supported by the local engine`);
}

export function expressionContext(scope: Scope, context: PipelineContext): ExpressionContext {
  return {
    text: context.text,
    clock: context.clock,
    zone: context.zone,
    log: context.log,
    columns: context.nullifyUnmapped ? { resolve: (name, span) => (scope.find(name) ? scope.resolve(name, span) : { type: 'null', eval: () => null, constant: true }) } : scope,
    ...(scope.source ? { source: scope.source.schema } : {}),
  };
}

/** A field's column name: its alias, a referenced column's own name, else the expression as written. */
export function fieldName(field: A.Field, text: string): string {
  if (field.target) return field.target.name;
  if (field.expression.kind === 'Column') return field.expression.name;
  return text.slice(field.expression.span.start, field.expression.span.end);
}

function booleanCondition(expression: A.Expression, scope: Scope, context: PipelineContext): Evaluator {
  const condition = coerce(compileExpression(expression, expressionContext(scope, context)), 'boolean', expression.span);
  return condition.eval;
}

/** A new column computed into a slot of the current layout. */
function slotColumn(name: string, type: EsqlType, layout: Layout): { column: Column; slot: number } {
  const slot = layout.allocate();
  return { slot, column: { name, type, read: (row) => row.vals[slot] as Value } };
}

// ---------------------------------------------------------------- streaming commands

function compileWhere(command: A.WhereCommand, scope: Scope, context: PipelineContext): CompiledCommand {
  const condition = booleanCondition(command.condition, scope, context);
  return {
    oneToOne: false,
    stage: (next) => ({
      push: (row) => {
        if (condition(row) === true) next.push(row);
      },
      finish: () => next.finish(),
      saturated: () => next.saturated(),
    }),
  };
}

function compileEval(fields: A.Field[], scopeIn: Scope, layout: Layout, context: PipelineContext): { scope: Scope; command: CompiledCommand } {
  let scope = scopeIn;
  const steps: { slot: number; eval: Evaluator }[] = [];
  for (const field of fields) {
    const compiled = compileExpression(field.expression, expressionContext(scope, context));
    if (compiled.type === 'date_period' || compiled.type === 'time_duration') {
      throw typeError(field.expression.span, 'a time span cannot be stored in a column; use it in date arithmetic');
    }
    const { slot, column } = slotColumn(fieldName(field, context.text), compiled.type, layout);
    steps.push({ slot, eval: compiled.eval });
    scope = scope.withColumn(compiled.constant ? { ...column, constant: { value: foldConstant(compiled) } } : column);
  }
  return {
    scope,
    command: {
      oneToOne: true,
      stage: (next) => ({
        push: (row) => {
          for (const step of steps) row.vals[step.slot] = step.eval(row);
          next.push(row);
        },
        finish: () => next.finish(),
        saturated: () => next.saturated(),
      }),
    },
  };
}

function compileExtraction(
  input: A.Expression,
  extraction: Extraction,
  scopeIn: Scope,
  layout: Layout,
  context: PipelineContext,
): { scope: Scope; command: CompiledCommand } {
  const source = coerce(compileExpression(input, expressionContext(scopeIn, context)), 'keyword', input.span).eval;
  let scope = scopeIn;
  const slots: number[] = [];
  for (const { name, type } of extraction.columns) {
    const { slot, column } = slotColumn(name, type, layout);
    slots.push(slot);
    scope = scope.withColumn(column);
  }
  return {
    scope,
    command: {
      oneToOne: true,
      stage: (next) => ({
        push: (row) => {
          const value = source(row);
          const collected: Scalar[][] = slots.map(() => []);
          // A multi-valued input is matched value by value.
          for (const text of value === null ? [] : Array.isArray(value) ? value : [value]) {
            const parts = extraction.extract(text as string);
            if (parts) parts.forEach((values, i) => collected[i]!.push(...values));
          }
          slots.forEach((slot, i) => {
            const values = collected[i]!;
            row.vals[slot] = values.length === 0 ? null : values.length === 1 ? values[0]! : values;
          });
          next.push(row);
        },
        finish: () => next.finish(),
        saturated: () => next.saturated(),
      }),
    },
  };
}

function constantString(expression: A.Expression, scope: Scope, context: PipelineContext, what: string): string {
  const compiled = compileExpression(expression, expressionContext(scope, context));
  const value = compiled.constant ? foldConstant(compiled) : null;
  if (typeof value !== 'string') throw typeError(expression.span, `${what} must be a constant string`);
  return value;
}

function patternError(span: Span, error: unknown): CompileError {
  if (error instanceof ExtractionPatternError) return new CompileError(span, 'esql-engine-invalid-pattern', error.message);
  throw error;
}

function compileDissectCommand(command: A.DissectCommand, scope: Scope, layout: Layout, context: PipelineContext) {
  const pattern = constantString(command.pattern, scope, context, 'the DISSECT pattern');
  let separator = '';
  for (const option of command.options) {
    if (option.name.toLowerCase() !== 'append_separator') throw typeError(option.nameSpan, `unknown DISSECT option [${option.name}]`);
    separator = constantString(option.value, scope, context, 'APPEND_SEPARATOR');
  }
  let extraction: Extraction;
  try {
    extraction = compileDissect(pattern, separator);
  } catch (error) {
    throw patternError(command.pattern.span, error);
  }
  return compileExtraction(command.input, extraction, scope, layout, context);
}

function compileGrokCommand(command: A.GrokCommand, scope: Scope, layout: Layout, context: PipelineContext) {
  const patterns = command.patterns.map((p) => constantString(p, scope, context, 'the GROK pattern'));
  let extraction: Extraction;
  try {
    extraction = compileGrok(patterns);
  } catch (error) {
    throw patternError(command.patterns[0]?.span ?? command.span, error);
  }
  return compileExtraction(command.input, extraction, scope, layout, context);
}

function compileMvExpand(command: A.MvExpandCommand, scope: Scope, layout: Layout): { scope: Scope; command: CompiledCommand } {
  if (command.column.kind !== 'Column') throw typeError(command.column.span, 'MV_EXPAND needs a column');
  const existing = scope.resolve(command.column.name, command.column.span);
  const read = existing.eval;
  const { slot, column } = slotColumn(command.column.name, existing.type, layout);
  return {
    scope: scope.replaceInPlace(column),
    command: {
      oneToOne: false,
      stage: (next) => ({
        push: (row) => {
          const value = read(row);
          if (!Array.isArray(value)) {
            row.vals[slot] = value;
            next.push(row);
            return;
          }
          for (const v of value) {
            if (next.saturated()) return;
            const copy: Row = { src: row.src, vals: row.vals.slice() };
            copy.vals[slot] = v;
            next.push(copy);
          }
        },
        finish: () => next.finish(),
        saturated: () => next.saturated(),
      }),
    },
  };
}

function compileLimit(command: A.LimitCommand, scope: Scope, context: PipelineContext): CompiledCommand {
  if (command.groupings.length > 0) throw new CompileError(command.span, 'esql-engine-unsupported-command', 'LIMIT ... BY is not supported by the local engine');
  const count = compileExpression(command.count, expressionContext(scope, context));
  const value = count.constant ? foldConstant(count) : null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw typeError(command.count.span, 'LIMIT needs a non-negative whole number');
  return {
    oneToOne: false,
    limit: value,
    stage: (next) => capStage(value, next),
  };
}

// ---------------------------------------------------------------- SORT

interface SortKey {
  read: Evaluator;
  compare: (a: Scalar, b: Scalar) => number;
  descending: boolean;
  nullsFirst: boolean;
}

function compileSort(command: A.SortCommand, scope: Scope, context: PipelineContext): CompiledCommand {
  const keys: SortKey[] = command.orders.map((order) => {
    const compiled = compileExpression(order.expression, expressionContext(scope, context));
    const descending = order.direction === 'desc';
    // Elasticsearch's defaults: nulls last ascending, first descending.
    const nullsFirst = order.nulls ? order.nulls === 'first' : descending;
    return { read: compiled.eval, compare: comparatorFor(compiled.type), descending, nullsFirst };
  });
  const compareRows = (a: SortedRow, b: SortedRow): number => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const d = key.compare(x, y);
      if (d !== 0) return key.descending ? -d : d;
    }
    return a.sequence - b.sequence;
  };
  // A multi-valued key sorts by its lowest value ascending, its highest descending.
  const keyValue = (key: SortKey, v: Value): Scalar | null => {
    if (v === null) return null;
    if (!Array.isArray(v)) return v;
    let best = v[0]!;
    for (const x of v) {
      const d = key.compare(x, best);
      if (key.descending ? d > 0 : d < 0) best = x;
    }
    return best;
  };
  return {
    oneToOne: false,
    sort: (bound) => (next) => {
      let rows: SortedRow[] = [];
      let sequence = 0;
      return {
        push: (row) => {
          rows.push({ row, keys: keys.map((key) => keyValue(key, key.read(row))), sequence: sequence++ });
          // Keep a bounded top-N: prune to the bound once the buffer doubles.
          if (bound !== undefined && rows.length >= Math.max(2 * bound, 1024)) rows = rows.sort(compareRows).slice(0, bound);
        },
        finish: () => {
          rows.sort(compareRows);
          const count = bound === undefined ? rows.length : Math.min(bound, rows.length);
          for (let i = 0; i < count; i++) next.push(rows[i]!.row);
          next.finish();
        },
        saturated: () => false,
      };
    },
  };
}

interface SortedRow {
  row: Row;
  keys: (Scalar | null)[];
  sequence: number;
}

// ---------------------------------------------------------------- STATS

interface GroupKey {
  name: string;
  type: EsqlType;
  read: Evaluator;
}

interface StatsPlan {
  aggregates: AggregateDefinition[];
  /** Computes the output columns' values from the group's aggregate results and keys. */
  outputs: { name: string; type: EsqlType; eval: Evaluator }[];
  groups: GroupKey[];
  filters: (Evaluator | undefined)[];
  /** Slots of the aggregate results and group keys in the output layout. */
  resultSlots: number[];
  groupSlots: number[];
  outputSlots: number[];
  layout: Layout;
  columns: Column[];
}

/** Fields named like a later one are shadowed: only the last of each name counts. */
function lastOfEachName<T extends { name: string }>(items: T[]): T[] {
  return items.filter((item, i) => !items.slice(i + 1).some((later) => later.name === item.name));
}

function planStats(command: A.StatsCommand, scope: Scope, context: PipelineContext, layout: Layout): StatsPlan {
  const named = (field: A.Field) => ({ field, name: fieldName(field, context.text) });
  const groupFields = lastOfEachName(command.groupings.map(named));
  let inputScope = scope;
  const groups: GroupKey[] = groupFields.map(({ field, name }) => {
    const compiled = compileExpression(field.expression, expressionContext(scope, context));
    const type = compiled.type === 'text' && field.expression.kind !== 'Column' ? 'keyword' : compiled.type;
    // Aggregates and their filters see a grouping alias as a column (`max(a) BY a = x + y`).
    if (field.target) inputScope = inputScope.withColumn({ name, type, read: compiled.eval });
    return { name, type, read: compiled.eval };
  });
  const inputContext = expressionContext(inputScope, context);
  const aggregates: AggregateDefinition[] = [];
  const filters: (Evaluator | undefined)[] = [];
  const resultSlots: number[] = [];
  const groupSlots = groups.map(() => layout.allocate());
  // Output expressions see aggregate results (by call) and group keys (by name).
  const groupColumns = new Map(groups.map((g, i) => [g.name, { type: g.type, slot: groupSlots[i]! }]));
  const groupNames = new Set(groups.map((g) => g.name));
  const outputs: StatsPlan['outputs'] = [];
  const aggregateFields = lastOfEachName(command.aggregates.map((a) => ({ aggregate: a, name: fieldName(a.field, context.text) }))).filter((a) => !groupNames.has(a.name));
  for (const { aggregate, name } of aggregateFields) {
    const filter = aggregate.filter ? booleanCondition(aggregate.filter, inputScope, context) : undefined;
    const outputContext: ExpressionContext = {
      text: context.text,
      clock: context.clock,
      zone: context.zone,
      log: context.log,
      columns: {
        resolve: (column, span) => {
          const group = groupColumns.get(column);
          if (!group) throw new CompileError(span, 'esql-engine-unknown-column', `column [${column}] must be aggregated or be a STATS grouping`);
          return { type: group.type, eval: (row) => row.vals[group.slot] as Value, constant: false };
        },
      },
      aggregate: (call) => {
        const definition = compileAggregate(call, (e) => compileExpression(e, inputContext), inputContext);
        const slot = layout.allocate();
        aggregates.push(definition);
        filters.push(filter);
        resultSlots.push(slot);
        return { type: definition.type, eval: (row) => row.vals[slot] as Value, constant: false };
      },
    };
    const compiled = compileExpression(aggregate.field.expression, outputContext);
    outputs.push({ name, type: compiled.type, eval: compiled.eval });
  }
  const outputSlots = outputs.map(() => layout.allocate());
  const columns: Column[] = [
    ...outputs.map((o, i) => ({ name: o.name, type: o.type, slot: outputSlots[i]! })),
    ...groups.map((g, i) => ({ name: g.name, type: g.type, slot: groupSlots[i]! })),
  ].map(({ name, type, slot }) => ({ name, type, read: (row: Row) => row.vals[slot] as Value }));
  return { aggregates, outputs, groups, filters, resultSlots, groupSlots, outputSlots, layout, columns };
}

interface Group {
  keys: (Scalar | null)[];
  accumulators: Accumulator[];
}

/** Every combination of the key values of a row (a multi-valued key puts the row in each of its groups). */
function keyCombinations(values: Value[]): (Scalar | null)[][] {
  let combos: (Scalar | null)[][] = [[]];
  for (const value of values) {
    const options: (Scalar | null)[] = value === null ? [null] : Array.isArray(value) ? [...new Set(value)] : [value];
    if (options.length === 1) {
      for (const combo of combos) combo.push(options[0]!);
      continue;
    }
    const next: (Scalar | null)[][] = [];
    for (const combo of combos) for (const option of options) next.push([...combo, option]);
    combos = next;
  }
  return combos;
}

function encodeKey(keys: (Scalar | null)[]): unknown {
  if (keys.length === 1) {
    const k = keys[0]!;
    return typeof k === 'object' && k !== null ? String(k) : k;
  }
  return keys.map((k) => (k === null ? '\u0000' : `${typeof k}:${String(k)}`)).join('\u0001');
}

class GroupTable {
  readonly groups = new Map<unknown, Group>();

  constructor(private readonly plan: StatsPlan) {}

  add(row: Row): void {
    const plan = this.plan;
    if (plan.groups.length === 0) {
      this.addTo([], '', row);
      return;
    }
    if (plan.groups.length === 1) {
      const value = plan.groups[0]!.read(row);
      if (!Array.isArray(value)) {
        this.addTo([value], value, row);
        return;
      }
    }
    const keyValues = plan.groups.map((g) => g.read(row));
    for (const keys of keyCombinations(keyValues)) this.addTo(keys, encodeKey(keys), row);
  }

  private addTo(keys: (Scalar | null)[], id: unknown, row: Row): void {
    const plan = this.plan;
    let group = this.groups.get(id);
    if (!group) {
      group = { keys, accumulators: plan.aggregates.map((a) => a.create()) };
      this.groups.set(id, group);
    }
    for (let i = 0; i < group.accumulators.length; i++) {
      const filter = plan.filters[i];
      if (filter && filter(row) !== true) continue;
      group.accumulators[i]!.add(row);
    }
  }

  /** The STATS output row of a group. */
  outputRow(group: Group): Row {
    const plan = this.plan;
    const row = plan.layout.newRow(null);
    group.accumulators.forEach((a, i) => (row.vals[plan.resultSlots[i]!] = a.result()));
    group.keys.forEach((k, i) => (row.vals[plan.groupSlots[i]!] = k));
    plan.outputs.forEach((o, i) => (row.vals[plan.outputSlots[i]!] = o.eval(row)));
    return row;
  }

  /** Groups in Elasticsearch's order: the null group of a single key first, then first-seen order. */
  ordered(): Iterable<Group> {
    const nullGroup = this.plan.groups.length === 1 ? this.groups.get(null) : undefined;
    if (!nullGroup) return this.groups.values();
    return [nullGroup, ...[...this.groups.values()].filter((g) => g !== nullGroup)];
  }

  emptyGroup(): Group {
    return { keys: [], accumulators: this.plan.aggregates.map((a) => a.create()) };
  }
}

function compileStats(command: A.StatsCommand, scope: Scope, context: PipelineContext): { scope: Scope; layout: Layout; command: CompiledCommand } {
  const layout = new Layout();
  const plan = planStats(command, scope, context, layout);
  return {
    scope: new Scope(
      plan.columns.map((column) => ({ kind: 'column', column })),
      undefined,
    ),
    layout,
    command: {
      oneToOne: false,
      stage: (next) => {
        const table = new GroupTable(plan);
        return {
          push: (row) => table.add(row),
          finish: () => {
            // Without BY, STATS always yields one row, even over no input.
            if (plan.groups.length === 0 && table.groups.size === 0) next.push(table.outputRow(table.emptyGroup()));
            for (const group of table.ordered()) next.push(table.outputRow(group));
            next.finish();
          },
          saturated: () => false,
        };
      },
    },
  };
}

/**
 * INLINE STATS: every input row with its group's aggregates added; like STATS, the
 * aggregate columns come first, then the groups (moved to the end).
 */
function compileInlineStats(command: A.StatsCommand, scopeIn: Scope, inputLayout: Layout, context: PipelineContext): { scope: Scope; command: CompiledCommand } {
  const statsLayout = new Layout();
  const plan = planStats(command, scopeIn, context, statsLayout);
  let scope = scopeIn;
  const copies: { from: number; to: number }[] = [];
  const statsSlots = [...plan.outputSlots, ...plan.groupSlots];
  const statsNames = [...plan.outputs, ...plan.groups].map((o) => o.name);
  for (const column of plan.columns) {
    // A grouping by an existing column keeps the row's own value.
    const plainGroup = command.groupings.some((f) => !f.target && fieldName(f, context.text) === column.name) ? scopeIn.find(column.name) : undefined;
    if (plainGroup) {
      scope = scope.withColumn(plainGroup);
      continue;
    }
    const { slot, column: added } = slotColumn(column.name, column.type, inputLayout);
    copies.push({ from: statsSlots[statsNames.lastIndexOf(column.name)]!, to: slot });
    scope = scope.withColumn(added);
  }
  return {
    scope,
    command: {
      oneToOne: false,
      stage: (next) => {
        const table = new GroupTable(plan);
        const rows: Row[] = [];
        return {
          push: (row) => {
            rows.push(row);
            table.add(row);
          },
          finish: () => {
            const results = new Map<unknown, Row>();
            for (const [id, group] of table.groups) results.set(id, table.outputRow(group));
            const empty = plan.groups.length === 0 && table.groups.size === 0 ? table.outputRow(table.emptyGroup()) : undefined;
            for (const row of rows) {
              const keys = plan.groups.map((g) => g.read(row));
              const combos = keyCombinations(keys);
              const result = plan.groups.length === 0 ? (results.values().next().value ?? empty) : combos.length === 1 ? results.get(encodeKey(combos[0]!)) : undefined;
              for (const { from, to } of copies) row.vals[to] = result ? (result.vals[from] as Value) : null;
              next.push(row);
            }
            next.finish();
          },
          saturated: () => false,
        };
      },
    },
  };
}

// ---------------------------------------------------------------- the pipeline

export interface CompiledPipeline {
  /** The scope of the final result. */
  scope: Scope;
  /** Instantiates the stages; `output` receives the result rows. */
  build(output: Stage): Stage;
}

/**
 * Compiles `commands` (everything after the source command) starting from `scope`,
 * whose rows use `layout`. `cap` gives the most rows the result keeps, depending on
 * whether the query has a LIMIT (Elasticsearch's default and maximum differ).
 */
export function compilePipeline(commands: readonly A.Command[], scopeIn: Scope, layoutIn: Layout, context: PipelineContext, cap: (hasLimit: boolean) => number): CompiledPipeline {
  let scope = scopeIn;
  let layout = layoutIn;
  const compiled: CompiledCommand[] = [];
  for (const command of commands) {
    switch (command.kind) {
      case 'Where':
        compiled.push(compileWhere(command, scope, context));
        break;
      case 'Eval': {
        const result = compileEval(command.fields, scope, layout, context);
        scope = result.scope;
        compiled.push(result.command);
        break;
      }
      case 'Keep':
        scope = scope.keep(command.columns);
        compiled.push({ oneToOne: true });
        break;
      case 'Drop':
        scope = scope.drop(command.columns);
        compiled.push({ oneToOne: true });
        break;
      case 'Rename':
        for (const clause of command.clauses) {
          if (clause.newName.wildcard) throw new CompileError(clause.newName.span, 'esql-engine-unsupported-rename', 'renaming by pattern is not supported by the local engine');
          scope = scope.rename(clause.oldName, clause.newName.name);
        }
        compiled.push({ oneToOne: true });
        break;
      case 'Sort':
        compiled.push(compileSort(command, scope, context));
        break;
      case 'Limit':
        compiled.push(compileLimit(command, scope, context));
        break;
      case 'Stats': {
        if (command.inline) {
          const result = compileInlineStats(command, scope, layout, context);
          scope = result.scope;
          compiled.push(result.command);
        } else {
          const result = compileStats(command, scope, context);
          scope = result.scope;
          layout = result.layout;
          compiled.push(result.command);
        }
        break;
      }
      case 'Dissect': {
        const result = compileDissectCommand(command, scope, layout, context);
        scope = result.scope;
        compiled.push(result.command);
        break;
      }
      case 'Grok': {
        const result = compileGrokCommand(command, scope, layout, context);
        scope = result.scope;
        compiled.push(result.command);
        break;
      }
      case 'MvExpand': {
        const result = compileMvExpand(command, scope, layout);
        scope = result.scope;
        compiled.push(result.command);
        break;
      }
      default:
        throw unsupportedCommand(command);
    }
  }
  const hasLimit = compiled.some((c) => c.limit !== undefined);
  const finalCap = cap(hasLimit);
  return {
    scope,
    build(output) {
      // Bounds for SORT: the LIMIT (or the final cap) reached through one-to-one commands.
      let bound: number | undefined = finalCap;
      let next: Stage = capStage(finalCap, output);
      for (let i = compiled.length - 1; i >= 0; i--) {
        const command = compiled[i]!;
        if (command.sort) {
          next = command.sort(bound)(next);
          bound = undefined;
          continue;
        }
        if (command.stage) next = command.stage(next);
        if (command.limit !== undefined) bound = Math.min(command.limit, bound ?? Infinity);
        else if (!command.oneToOne) bound = undefined;
      }
      return next;
    },
  };
}

/** Passes on the first `cap` rows (LIMIT, and the final cap on results). */
function capStage(cap: number, next: Stage): Stage {
  let seen = 0;
  return {
    push: (row) => {
      if (seen < cap) {
        seen++;
        next.push(row);
      }
    },
    finish: () => next.finish(),
    saturated: () => seen >= cap || next.saturated(),
  };
}

