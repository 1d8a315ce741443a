// CASE, COALESCE, GREATEST and LEAST.
import { constant, memoized, site, typeError, type Evaluator } from '../compiled.ts';
import { comparatorFor } from '../convert.ts';
import { coerce, commonType } from '../helpers.ts';
import type { Scalar } from '../types.ts';
import { checkArity, type FunctionCompiler } from './shared.ts';

const caseFunction: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, Infinity);
  const pairs = Math.floor(args.length / 2);
  const valueIndexes: number[] = [];
  for (let i = 0; i < pairs; i++) valueIndexes.push(2 * i + 1);
  if (args.length % 2 === 1) valueIndexes.push(args.length - 1);
  const type = commonType(valueIndexes.map((i) => args[i]!.type));
  if (type === undefined) throw typeError(call.span, 'CASE values must all have the same type');
  const conditions: Evaluator[] = [];
  const values: Evaluator[] = [];
  for (let i = 0; i < pairs; i++) {
    conditions.push(coerce(args[2 * i]!, 'boolean', call.args[2 * i]!.span).eval);
    values.push(coerce(args[2 * i + 1]!, type, call.args[2 * i + 1]!.span).eval);
  }
  const otherwise: Evaluator = args.length % 2 === 1 ? coerce(args[args.length - 1]!, type, call.args[args.length - 1]!.span).eval : () => null;
  // A multi-valued condition counts as false, with a warning.
  const warnings = site(context, call.span, 'false');
  return memoized({
    type,
    constant: args.every((a) => a.constant),
    eval: (row) => {
      for (let i = 0; i < conditions.length; i++) {
        const c = conditions[i]!(row);
        if (Array.isArray(c)) {
          warnings.multiValue();
          continue;
        }
        if (c === true) return values[i]!(row);
      }
      return otherwise(row);
    },
  });
};

const coalesce: FunctionCompiler = (call, args) => {
  checkArity(call, 1, Infinity);
  const type = commonType(args.map((a) => a.type));
  if (type === undefined) throw typeError(call.span, 'COALESCE arguments must all have the same type');
  const evals = args.map((a, i) => coerce(a, type, call.args[i]!.span).eval);
  return memoized({
    type,
    constant: args.every((a) => a.constant),
    eval: (row) => {
      for (const e of evals) {
        const v = e(row);
        if (v !== null) return v;
      }
      return null;
    },
  });
};

/** GREATEST / LEAST: over every value of every argument; null when any argument is null. */
function extreme(sign: 1 | -1): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 1, Infinity);
    const type = commonType(args.map((a) => a.type));
    if (type === undefined) throw typeError(call.span, `${call.name.toUpperCase()} arguments must all have the same type`);
    if (type === 'null') return constant('null', null);
    const evals = args.map((a, i) => coerce(a, type, call.args[i]!.span).eval);
    const compare = comparatorFor(type);
    return memoized({
      type,
      constant: args.every((a) => a.constant),
      eval: (row) => {
        let best: Scalar | undefined;
        for (const e of evals) {
          const v = e(row);
          if (v === null) return null;
          for (const x of Array.isArray(v) ? v : [v]) if (best === undefined || sign * compare(x, best) > 0) best = x;
        }
        return best ?? null;
      },
    });
  };
}

export const conditionalFunctions: Record<string, FunctionCompiler> = {
  case: caseFunction,
  coalesce,
  greatest: extreme(1),
  least: extreme(-1),
};
