// Building blocks for operators and functions: implicit conversions and the
// null / multi-value / failure rules most scalar functions share.
import type { Span } from '../../common/diagnostics.ts';
import type * as A from '../../esql/ast.ts';
import { constant, foldConstant, memoized, site, typeError, type Compiled, type ExpressionContext } from './compiled.ts';
import { convertScalar } from './convert.ts';
import { isNumericType, isStringType, type EsqlType, type Scalar, type Value } from './types.ts';
import { EvaluationFailure, type WarningSite } from './warnings.ts';

/** Applies `fn` to each value, dropping values it rejects. */
function mapValues(value: Value, fn: (v: Scalar) => Scalar): Value {
  if (value === null) return null;
  if (!Array.isArray(value)) {
    try {
      return fn(value);
    } catch (error) {
      if (error instanceof EvaluationFailure) return null;
      throw error;
    }
  }
  const out: Scalar[] = [];
  for (const v of value) {
    try {
      out.push(fn(v));
    } catch (error) {
      if (!(error instanceof EvaluationFailure)) throw error;
    }
  }
  return out.length === 0 ? null : out.length === 1 ? out[0]! : out;
}

function retyped(compiled: Compiled, type: EsqlType): Compiled {
  return { ...compiled, type };
}

/** Types a string constant converts to where an operator or function needs them (ES folds these at planning). */
const STRING_CONSTANT_TARGETS = new Set<EsqlType>(['date', 'ip', 'version', 'boolean', 'integer', 'long', 'double', 'unsigned_long', 'geo_point', 'cartesian_point']);

/**
 * `compiled` as type `to`: numeric widening, keyword/text interchange, unmapped
 * source values read as `to`, and string constants converted once. Throws a
 * CompileError when Elasticsearch would reject the combination.
 */
export function coerce(compiled: Compiled, to: EsqlType, span: Span): Compiled {
  const from = compiled.type;
  if (from === to || to === 'unknown') return compiled;
  if (from === 'null') return constant(to, null);
  if (isStringType(from) && isStringType(to)) return retyped(compiled, to);
  if (isNumericType(from) && isNumericType(to)) {
    if (to === 'unsigned_long' || from === 'unsigned_long') return converted(compiled, to);
    if (to === 'double' || (to === 'long' && from === 'integer')) return retyped(compiled, to);
    throw typeError(span, `cannot use [${from}] where [${to}] is expected`);
  }
  if (from === 'unknown') return converted(compiled, to);
  if (isStringType(from) && compiled.constant && STRING_CONSTANT_TARGETS.has(to)) {
    const value = foldConstant(compiled);
    try {
      const result = value === null ? null : Array.isArray(value) ? value.map((v) => convertScalar(v, from, to)) : convertScalar(value, from, to);
      return constant(to, result);
    } catch (error) {
      if (error instanceof EvaluationFailure) throw typeError(span, `cannot convert string [${String(value)}] to [${to}]: ${error.message}`);
      throw error;
    }
  }
  throw typeError(span, `cannot use [${from}] where [${to}] is expected`);
}

function converted(compiled: Compiled, to: EsqlType): Compiled {
  const from = compiled.type;
  const inner = compiled.eval;
  return memoized({ type: to, constant: compiled.constant, eval: (row) => mapValues(inner(row), (v) => convertScalar(v, from, to)) });
}

/** Whether `compiled` can be read as type `to` (see `coerce`). */
export function coercible(compiled: Compiled, to: EsqlType): boolean {
  const from = compiled.type;
  if (from === to || from === 'null' || from === 'unknown' || to === 'unknown') return true;
  if (isStringType(from) && isStringType(to)) return true;
  if (isNumericType(from) && isNumericType(to)) return to === 'double' || to === 'unsigned_long' || from === 'unsigned_long' || (to === 'long' && from === 'integer');
  return isStringType(from) && compiled.constant && STRING_CONSTANT_TARGETS.has(to);
}

/** The common type of several expressions (CASE branches, COALESCE, IN lists, ...), or undefined when there is none. */
export function commonType(types: EsqlType[]): EsqlType | undefined {
  let result: EsqlType = 'null';
  for (const type of types) {
    if (type === 'null' || type === result) continue;
    if (result === 'null' || result === 'unknown') {
      result = type;
      continue;
    }
    if (type === 'unknown') continue;
    if (isNumericType(result) && isNumericType(type)) {
      if (result === 'unsigned_long' || type === 'unsigned_long') return undefined;
      result = result === 'double' || type === 'double' ? 'double' : 'long';
      continue;
    }
    if (isStringType(result) && isStringType(type)) {
      result = result === 'text' || type === 'text' ? 'text' : 'keyword';
      continue;
    }
    return undefined;
  }
  return result;
}

type Fn1 = (a: Scalar) => Value;
type Fn2 = (a: Scalar, b: Scalar) => Value;
type FnN = (...values: Scalar[]) => Value;

/**
 * A function of single values: null when any argument is null, null and a warning
 * when any is multi-valued or `fn` throws an EvaluationFailure.
 */
export function scalarCall(context: ExpressionContext, span: Span, args: Compiled[], type: EsqlType, fn: FnN): Compiled {
  if (args.some((a) => a.type === 'null')) return constant(type, null);
  const warnings = site(context, span);
  const isConstant = args.every((a) => a.constant);
  if (args.length === 1) {
    const a = args[0]!.eval;
    const f = fn as Fn1;
    return memoized({ type, constant: isConstant, eval: (row) => apply1(warnings, f, a(row)) });
  }
  if (args.length === 2) {
    const a = args[0]!.eval;
    const b = args[1]!.eval;
    const f = fn as Fn2;
    return memoized({ type, constant: isConstant, eval: (row) => apply2(warnings, f, a(row), b(row)) });
  }
  const evals = args.map((a) => a.eval);
  return memoized({
    type,
    constant: isConstant,
    eval: (row) => {
      const values: Scalar[] = [];
      for (const e of evals) {
        const v = e(row);
        if (v === null) return null;
        if (Array.isArray(v)) {
          warnings.multiValue();
          return null;
        }
        values.push(v);
      }
      return guarded(warnings, () => fn(...values));
    },
  });
}

/** Applies `fn` to a single value: null stays null, a multi-value warns, failures warn. */
export function apply1(warnings: WarningSite, fn: Fn1, a: Value): Value {
  if (a === null) return null;
  if (Array.isArray(a)) {
    warnings.multiValue();
    return null;
  }
  try {
    return fn(a);
  } catch (error) {
    return failed(warnings, error);
  }
}

function apply2(warnings: WarningSite, fn: Fn2, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (Array.isArray(a) || Array.isArray(b)) {
    warnings.multiValue();
    return null;
  }
  try {
    return fn(a, b);
  } catch (error) {
    return failed(warnings, error);
  }
}

export function guarded(warnings: WarningSite, fn: () => Value): Value {
  try {
    return fn();
  } catch (error) {
    return failed(warnings, error);
  }
}

/** An evaluation failure becomes a warning and a null; any other error is a bug and goes on. */
export function failed(warnings: WarningSite, error: unknown): null {
  if (error instanceof EvaluationFailure) {
    warnings.report(error);
    return null;
  }
  throw error;
}

/** A function of a whole (possibly multi-valued) value: null in, null out; `fn` sees one or more values. */
export function multiValueCall(context: ExpressionContext, span: Span, arg: Compiled, type: EsqlType, fn: (values: Scalar[]) => Value): Compiled {
  if (arg.type === 'null') return constant(type, null);
  const warnings = site(context, span);
  const a = arg.eval;
  return memoized({
    type,
    constant: arg.constant,
    eval: (row) => {
      const v = a(row);
      if (v === null) return null;
      return guarded(warnings, () => fn(Array.isArray(v) ? v : [v]));
    },
  });
}

/** Evaluates a row-independent argument now (options such as MV_SORT's order, DATE_FORMAT's pattern). */
export function constantArgument(compiled: Compiled, span: Span, what: string): Value {
  if (!compiled.constant) throw typeError(span, `${what} must be a constant`);
  return foldConstant(compiled);
}

/** The exact value of an integer literal (possibly negated), or undefined for other expressions. */
export function exactIntegerLiteral(expression: A.Expression): bigint | undefined {
  if (expression.kind === 'Literal' && expression.literalType === 'integer') return BigInt(expression.raw);
  if (expression.kind === 'Unary' && expression.operator === '-' && expression.operand.kind === 'Literal' && expression.operand.literalType === 'integer') {
    return -BigInt(expression.operand.raw);
  }
  return undefined;
}
