// Aggregate functions for STATS. Each group keeps one accumulator per aggregate
// call; an accumulator sees every value of a multi-valued input.
import type * as A from '../../esql/ast.ts';
import { site, typeError, type Compiled, type Evaluator, type ExpressionContext, type Row } from './compiled.ts';
import { comparatorFor, checkUnsignedLong } from './convert.ts';
import { coerce, constantArgument } from './helpers.ts';
import { medianAbsoluteDeviation, percentileOf } from './functions/multiValue.ts';
import { fromList, isNumericType, type EsqlType, type Scalar, type Value } from './types.ts';
import { CompileError, EvaluationFailure, arithmeticFailure } from './warnings.ts';

export interface Accumulator {
  add(row: Row): void;
  result(): Value;
}

export interface AggregateDefinition {
  type: EsqlType;
  create(): Accumulator;
}

type ArgumentCompiler = (expression: A.Expression) => Compiled;

function arity(call: A.FunctionCall, min: number, max = min): void {
  const n = call.args.length;
  if (n < min || n > max) {
    throw new CompileError(call.span, 'esql-engine-arity', `${call.name.toUpperCase()} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${n}`);
  }
}

/** Calls `fn` with every value of the input in a row. */
function eachValue(input: Evaluator, row: Row, fn: (v: Scalar) => void): void {
  const v = input(row);
  if (v === null) return;
  if (Array.isArray(v)) for (const x of v) fn(x);
  else fn(v);
}

function numericInput(call: A.FunctionCall, compile: ArgumentCompiler, index = 0): Compiled {
  const arg = compile(call.args[index]!);
  if (arg.type === 'unknown' || arg.type === 'null') return coerce(arg, 'double', call.args[index]!.span);
  if (!isNumericType(arg.type)) throw typeError(call.args[index]!.span, `${call.name.toUpperCase()} needs a numeric argument, found [${arg.type}]`);
  return arg;
}

function asNumber(v: Scalar): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** Aggregates that collect the numbers of a group and reduce them at the end. */
function collecting(input: Evaluator, reduce: (values: number[]) => Value): AggregateDefinition {
  return {
    type: 'double',
    create() {
      const values: number[] = [];
      return {
        add: (row) => eachValue(input, row, (v) => values.push(asNumber(v))),
        result: () => (values.length === 0 ? null : reduce(values)),
      };
    },
  };
}

function percentileAggregate(input: Evaluator, percentile: number): AggregateDefinition {
  return collecting(input, (values) => percentileOf(values.sort((a, b) => a - b), percentile));
}

function sumAggregate(input: Compiled, context: ExpressionContext, call: A.FunctionCall): AggregateDefinition {
  const warnings = site(context, call.span);
  const read = input.eval;
  if (input.type === 'double') {
    return {
      type: 'double',
      create() {
        let sum = 0;
        let compensation = 0;
        let seen = false;
        return {
          add: (row) =>
            eachValue(read, row, (v) => {
              seen = true;
              const y = (v as number) - compensation;
              const t = sum + y;
              compensation = t - sum - y;
              sum = t;
            }),
          result: () => (seen ? sum : null),
        };
      },
    };
  }
  if (input.type === 'unsigned_long') {
    return {
      type: 'unsigned_long',
      create() {
        let sum = 0n;
        let seen = false;
        let failed = false;
        return {
          add: (row) =>
            eachValue(read, row, (v) => {
              seen = true;
              if (failed) return;
              try {
                sum = checkUnsignedLong(sum + (v as bigint));
              } catch (error) {
                if (!(error instanceof EvaluationFailure)) throw error;
                warnings.report(error);
                failed = true;
              }
            }),
          result: () => (seen && !failed ? sum : null),
        };
      },
    };
  }
  return {
    type: 'long',
    create() {
      let sum = 0;
      let seen = false;
      let failed = false;
      return {
        add: (row) =>
          eachValue(read, row, (v) => {
            seen = true;
            if (failed) return;
            const next = sum + (v as number);
            if (Number.isSafeInteger(next)) {
              sum = next;
              return;
            }
            // Past 2^53 the exact sum decides whether the long overflows.
            const exact = BigInt(sum) + BigInt(v as number);
            if (exact >= 9223372036854775808n || exact < -9223372036854775808n) {
              warnings.report(arithmeticFailure('long overflow'));
              failed = true;
            } else sum = Number(exact);
          }),
        result: () => (seen && !failed ? sum : null),
      };
    },
  };
}

function extremeAggregate(input: Compiled, sign: 1 | -1): AggregateDefinition {
  const compare = comparatorFor(input.type);
  const read = input.eval;
  return {
    type: input.type,
    create() {
      let best: Scalar | undefined;
      return {
        add: (row) =>
          eachValue(read, row, (v) => {
            if (best === undefined || sign * compare(v, best) > 0) best = v;
          }),
        result: () => best ?? null,
      };
    },
  };
}

/** TOP(field, limit[, order[, output]]): the `limit` best values of `field`, or of `output` ordered by `field`. */
function topAggregate(call: A.FunctionCall, compile: ArgumentCompiler): AggregateDefinition {
  arity(call, 2, 4);
  const input = compile(call.args[0]!);
  const limit = Number(constantArgument(compile(call.args[1]!), call.args[1]!.span, 'the TOP limit'));
  const order = call.args.length >= 3 ? String(constantArgument(compile(call.args[2]!), call.args[2]!.span, 'the TOP order')).toLowerCase() : 'asc';
  if (order !== 'asc' && order !== 'desc') throw typeError(call.args[2]!.span, `invalid order [${order}], expected ASC or DESC`);
  const output = call.args.length === 4 ? compile(call.args[3]!) : undefined;
  if (output?.type === 'null') return NULL_AGGREGATE;
  const compare = comparatorFor(input.type);
  const sign = order === 'desc' ? -1 : 1;
  const read = input.eval;
  const readOutput = output?.eval;
  type Entry = { key: Scalar; value: Value };
  const byKey = (a: Entry, b: Entry) => sign * compare(a.key, b.key);
  return {
    type: output?.type ?? input.type,
    create() {
      let entries: Entry[] = [];
      return {
        add: (row) => {
          const outputValue = readOutput ? readOutput(row) : null;
          if (readOutput && (outputValue === null || Array.isArray(outputValue))) return;
          eachValue(read, row, (key) => {
            entries.push({ key, value: readOutput ? outputValue : key });
            if (entries.length > limit * 4 + 64) entries = entries.sort(byKey).slice(0, limit);
          });
        },
        result: () => fromList(entries.sort(byKey).slice(0, limit).map((e) => e.value as Scalar)),
      };
    },
  };
}

/**
 * WEIGHTED_AVG(value, weight): with a constant weight every value counts once (an
 * average); otherwise a multi-valued value or weight, or a long overflow, makes the result null.
 */
function weightedAverage(call: A.FunctionCall, compile: ArgumentCompiler, context: ExpressionContext): AggregateDefinition {
  arity(call, 2);
  const valueInput = numericInput(call, compile, 0);
  const weightInput = numericInput(call, compile, 1);
  const value = valueInput.eval;
  const weight = weightInput.eval;
  const warnings = site(context, call.span);
  const longs = valueInput.type !== 'double' && weightInput.type !== 'double';
  return {
    type: 'double',
    create() {
      let weighted = 0;
      let weights = 0;
      let seen = false;
      let failed = false;
      const add = (v: number, w: number) => {
        const product = v * w;
        if (longs && !(Math.abs(weighted + product) <= 9223372036854775808)) {
          warnings.report(arithmeticFailure('long overflow'));
          failed = true;
          return;
        }
        seen = true;
        weighted += product;
        weights += w;
      };
      return {
        add: (row) => {
          if (failed) return;
          const v = value(row);
          const w = weight(row);
          if (v === null || w === null) return;
          if (Array.isArray(w) || (Array.isArray(v) && !weightInput.constant)) {
            warnings.multiValue();
            failed = true;
            return;
          }
          for (const x of Array.isArray(v) ? v : [v]) {
            add(asNumber(x), asNumber(w));
            if (failed) return;
          }
        },
        result: () => (seen && !failed && weights !== 0 ? weighted / weights : null),
      };
    },
  };
}

/**
 * FIRST(value, sort) / LAST(value, sort): the value(s) of the row with the lowest /
 * highest sort value; when no row has a sort value, the first row's value.
 */
function positional(call: A.FunctionCall, compile: ArgumentCompiler, sign: 1 | -1): AggregateDefinition {
  arity(call, 2);
  const value = compile(call.args[0]!);
  const sort = compile(call.args[1]!);
  const compare = comparatorFor(sort.type);
  const read = value.eval;
  const readSort = sort.eval;
  return {
    type: value.type,
    create() {
      let bestKey: Scalar | undefined;
      let best: Value = null;
      let first: Value | undefined;
      return {
        add: (row) => {
          if (first === undefined) first = read(row);
          const key = readSort(row);
          if (key === null) return;
          const k = Array.isArray(key) ? key.reduce((a, b) => (sign * compare(b, a) < 0 ? b : a)) : key;
          if (bestKey === undefined || sign * compare(k, bestKey) < 0) {
            bestKey = k;
            best = read(row);
          }
        },
        result: () => (bestKey === undefined ? (first ?? null) : best),
      };
    },
  };
}

const NULL_AGGREGATE: AggregateDefinition = { type: 'null', create: () => ({ add: () => undefined, result: () => null }) };

/** Aggregates whose result has their input's type: null when the input is the null literal. */
const NULL_IN_NULL_OUT = new Set(['sum', 'min', 'max', 'values', 'top', 'first', 'last']);

export function compileAggregate(call: A.FunctionCall, compile: ArgumentCompiler, context: ExpressionContext): AggregateDefinition {
  if (NULL_IN_NULL_OUT.has(call.lowerName) && call.args.length > 0 && compile(call.args[0]!).type === 'null') return NULL_AGGREGATE;
  const definition = compileAggregateFunction(call, compile, context);
  // Aggregates return keyword where they take text.
  return definition.type === 'text' ? { ...definition, type: 'keyword' } : definition;
}

function compileAggregateFunction(call: A.FunctionCall, compile: ArgumentCompiler, context: ExpressionContext): AggregateDefinition {
  switch (call.lowerName) {
    case 'count': {
      arity(call, 0, 1);
      if (call.star || call.args.length === 0) {
        return {
          type: 'long',
          create() {
            let n = 0;
            return { add: () => void n++, result: () => n };
          },
        };
      }
      const read = compile(call.args[0]!).eval;
      return {
        type: 'long',
        create() {
          let n = 0;
          return {
            add: (row) => {
              const v = read(row);
              if (v !== null) n += Array.isArray(v) ? v.length : 1;
            },
            result: () => n,
          };
        },
      };
    }
    case 'count_distinct': {
      arity(call, 1, 2);
      const read = compile(call.args[0]!).eval;
      return {
        type: 'long',
        create() {
          const seen = new Set<Scalar>();
          return { add: (row) => eachValue(read, row, (v) => seen.add(v)), result: () => seen.size };
        },
      };
    }
    case 'sum': {
      arity(call, 1);
      const sum = sumAggregate(numericInput(call, compile), context, call);
      // A sum of unmapped values shows as long or double by its value (see source.ts).
      return compile(call.args[0]!).type === 'unknown' ? { ...sum, type: 'unknown' } : sum;
    }
    case 'avg': {
      arity(call, 1);
      const read = numericInput(call, compile).eval;
      return {
        type: 'double',
        create() {
          let sum = 0;
          let compensation = 0;
          let n = 0;
          return {
            add: (row) =>
              eachValue(read, row, (v) => {
                n++;
                const y = asNumber(v) - compensation;
                const t = sum + y;
                compensation = t - sum - y;
                sum = t;
              }),
            result: () => (n === 0 ? null : sum / n),
          };
        },
      };
    }
    case 'min':
    case 'max': {
      arity(call, 1);
      return extremeAggregate(compile(call.args[0]!), call.lowerName === 'max' ? 1 : -1);
    }
    case 'values': {
      arity(call, 1);
      const input = compile(call.args[0]!);
      const read = input.eval;
      return {
        type: input.type,
        create() {
          const seen = new Set<Scalar>();
          return { add: (row) => eachValue(read, row, (v) => seen.add(v)), result: () => fromList([...seen]) };
        },
      };
    }
    case 'median':
      arity(call, 1);
      return percentileAggregate(numericInput(call, compile).eval, 50);
    case 'percentile': {
      arity(call, 2);
      const percentile = Number(constantArgument(compile(call.args[1]!), call.args[1]!.span, 'the percentile'));
      if (!(percentile >= 0 && percentile <= 100)) throw typeError(call.args[1]!.span, `percentile must be between 0 and 100, found [${percentile}]`);
      return percentileAggregate(numericInput(call, compile).eval, percentile);
    }
    case 'median_absolute_deviation':
      arity(call, 1);
      return collecting(numericInput(call, compile).eval, (values) => medianAbsoluteDeviation(values, false));
    case 'std_dev':
    case 'variance':
    case 'std_var': {
      arity(call, 1);
      const read = numericInput(call, compile).eval;
      const standardDeviation = call.lowerName === 'std_dev';
      return {
        type: 'double',
        create() {
          let n = 0;
          let mean = 0;
          let m2 = 0;
          return {
            add: (row) =>
              eachValue(read, row, (v) => {
                const x = asNumber(v);
                n++;
                const delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
              }),
            result: () => (n === 0 ? null : standardDeviation ? Math.sqrt(m2 / n) : m2 / n),
          };
        },
      };
    }
    case 'weighted_avg':
      return weightedAverage(call, compile, context);
    case 'top':
      return topAggregate(call, compile);
    case 'first':
      return positional(call, compile, 1);
    case 'last':
      return positional(call, compile, -1);
    case 'present':
    case 'absent': {
      arity(call, 1);
      const read = compile(call.args[0]!).eval;
      const present = call.lowerName === 'present';
      return {
        type: 'boolean',
        create() {
          let seen = false;
          return {
            add: (row) => {
              if (!seen && read(row) !== null) seen = true;
            },
            result: () => seen === present,
          };
        },
      };
    }
    default:
      throw new CompileError(call.nameSpan, 'esql-engine-unsupported-function', `${call.name.toUpperCase()} is not supported by the local engine`);
  }
}
