// Math functions. Results that are not finite numbers become null with a warning, as in ES|QL.
import type * as A from '../../../esql/ast.ts';
import { constant, typeError, type Compiled, type ExpressionContext } from '../compiled.ts';
import { checkDouble, checkInteger, checkLong, checkUnsignedLong, comparatorFor } from '../convert.ts';
import { javaDoubleString } from '../../values.ts';
import { coerce, commonType, scalarCall } from '../helpers.ts';
import type { EsqlType, Scalar } from '../types.ts';
import { arithmeticFailure } from '../warnings.ts';
import { checkArity, integerArg, numericArg, type FunctionCompiler } from './shared.ts';

function doubleFunction(fn: (x: number) => number, check?: (x: number) => void): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    const arg = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
    return scalarCall(context, call.span, [arg], 'double', (x) => {
      check?.(x as number);
      return checkDouble(fn(x as number));
    });
  };
}

function nullary(value: number): FunctionCompiler {
  return (call) => {
    checkArity(call, 0);
    return constant('double', value);
  };
}

/** A function that keeps its argument's numeric type. */
function sameType(fn: (x: Scalar, type: EsqlType) => Scalar): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    const arg = numericArg(call, args, 0);
    const type = arg.type;
    return scalarCall(context, call.span, [arg], type, (x) => fn(x, type));
  };
}

function abs(x: Scalar, type: EsqlType): Scalar {
  if (type === 'unsigned_long') return x;
  const n = x as number;
  // Java's Math.abs(Integer.MIN_VALUE) stays negative.
  if (type === 'integer' && n === -2147483648) return n;
  return Math.abs(n);
}

function roundingFunction(fn: (x: number) => number): (x: Scalar, type: EsqlType) => Scalar {
  return (x, type) => (type === 'double' ? fn(x as number) : x);
}

/** Decimal rounding, half away from zero, of the value's shortest decimal form (BigDecimal HALF_UP). */
function roundDecimal(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const text = javaDoubleString(value);
  if (text.includes('E')) {
    const factor = 10 ** decimals;
    if (!Number.isFinite(factor) || factor === 0) return decimals > 0 ? value : 0;
    const scaled = Math.abs(value) * factor;
    return (Math.sign(value) * Math.floor(scaled + 0.5)) / factor;
  }
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.') as [string, string?];
  const digits = whole + fraction;
  const point = whole.length;
  const keep = point + decimals;
  if (keep >= digits.length) return value;
  if (keep < 0) return negative ? -0 : 0;
  let kept = digits.slice(0, keep);
  const roundUp = digits.charCodeAt(keep) >= 53; // '5'
  if (roundUp) {
    const carried = (BigInt(kept === '' ? '0' : kept) + 1n).toString();
    kept = carried.padStart(keep, '0');
  }
  const newPoint = kept.length - (keep - point);
  const wholePart = newPoint <= 0 ? '0' : kept.slice(0, newPoint);
  const fractionPart = newPoint <= 0 ? '0'.repeat(-newPoint) + kept : kept.slice(newPoint);
  const result = Number(`${wholePart}${decimals > 0 ? `.${fractionPart}` : '0'.repeat(Math.max(0, -decimals))}`);
  return negative ? -result : result;
}

function roundWhole(value: number, decimals: number, type: EsqlType): number {
  if (decimals >= 0) return value;
  const factor = 10 ** -decimals;
  if (!Number.isFinite(factor) || factor > 1e19) return 0;
  const magnitude = Math.abs(value);
  const rounded = Math.floor(magnitude / factor + 0.5) * factor;
  const result = value < 0 ? -rounded : rounded;
  return type === 'integer' ? checkInteger(result) : checkLong(result);
}

const round: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  const value = numericArg(call, args, 0);
  const type = value.type;
  const decimals = args.length === 2 ? integerArg(call, args, 1) : constant('integer', 0);
  return scalarCall(context, call.span, [value, decimals], type, (x, d) => {
    if (type === 'double') return roundDecimal(x as number, d as number);
    if (type === 'unsigned_long') {
      if ((d as number) >= 0) return x;
      if ((d as number) < -20) return 0n;
      const factor = 10n ** BigInt(-(d as number));
      return checkUnsignedLong((((x as bigint) + factor / 2n) / factor) * factor);
    }
    return roundWhole(x as number, d as number, type);
  });
};

const pow: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const base = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  const exponent = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  return scalarCall(context, call.span, [base, exponent], 'double', (b, e) => checkDouble(Math.pow(b as number, e as number)));
};

const log: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  if (args.length === 1) return doubleFunction(Math.log, nonPositive)(call, args, context);
  const base = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  const value = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  return scalarCall(context, call.span, [base, value], 'double', (b, x) => {
    nonPositive(b as number);
    nonPositive(x as number);
    if (b === 1) throw arithmeticFailure('Log of base 1');
    return checkDouble(Math.log(x as number) / Math.log(b as number));
  });
};

function nonPositive(x: number): void {
  if (x <= 0) throw arithmeticFailure('Log of non-positive number');
}

const atan2: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const y = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  const x = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  return scalarCall(context, call.span, [y, x], 'double', (a, b) => Math.atan2(a as number, b as number));
};

const hypot: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const a = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  const b = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  return scalarCall(context, call.span, [a, b], 'double', (x, y) => checkDouble(Math.hypot(x as number, y as number)));
};

/** CLAMP, CLAMP_MIN, CLAMP_MAX: for any ordered type (numbers widen to their common type). */
function clampCompiler(bounds: ('min' | 'max')[]): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, bounds.length + 1);
    const type = commonType(args.map((a) => a.type));
    if (type === undefined || type === 'null') throw typeError(call.span, `${call.name.toUpperCase()} arguments must have the same type`);
    const parts = args.map((a, i) => coerce(a, type, call.args[i]!.span));
    const compare = comparatorFor(type);
    return scalarCall(context, call.span, parts, type, (x, ...limits) => {
      let result = x;
      bounds.forEach((kind, i) => {
        const limit = limits[i]!;
        if (kind === 'min' ? compare(result, limit) < 0 : compare(result, limit) > 0) result = limit;
      });
      return result;
    });
  };
}

const copySign: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const magnitude = numericArg(call, args, 0);
  const sign = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  return scalarCall(context, call.span, [magnitude, sign], magnitude.type, (m, s) => {
    const value = Math.abs(m as number) * (Object.is(s, -0) || (s as number) < 0 ? -1 : 1);
    return magnitude.type === 'integer' ? checkInteger(value) : value;
  });
};

const scalb: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const d = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  return scalarCall(context, call.span, [d, integerArg(call, args, 1)], 'double', (x, n) => checkDouble((x as number) * 2 ** (n as number)));
};

function roundTo(call: A.FunctionCall, args: Compiled[], context: ExpressionContext): Compiled {
  if (args.length < 2) throw typeError(call.span, 'ROUND_TO needs a value and at least one point');
  const value = numericArg(call, args, 0);
  const points = args.slice(1).map((a) => a.eval({ src: null, vals: [] }) as number);
  const sorted = [...points].sort((a, b) => a - b);
  return scalarCall(context, call.span, [value], value.type, (x) => {
    let result = sorted[0]!;
    for (const p of sorted) if (p <= (x as number)) result = p;
    return result;
  });
}

export const mathFunctions: Record<string, FunctionCompiler> = {
  abs: sameType(abs),
  ceil: sameType(roundingFunction(Math.ceil)),
  floor: sameType(roundingFunction(Math.floor)),
  round,
  round_to: roundTo,
  pow,
  log,
  log10: doubleFunction(Math.log10, nonPositive),
  sqrt: doubleFunction(Math.sqrt, (x) => {
    if (x < 0) throw arithmeticFailure('Square root of negative');
  }),
  cbrt: doubleFunction(Math.cbrt),
  exp: doubleFunction(Math.exp),
  sin: doubleFunction(Math.sin),
  cos: doubleFunction(Math.cos),
  tan: doubleFunction(Math.tan),
  asin: doubleFunction(Math.asin, (x) => {
    if (x < -1 || x > 1) throw arithmeticFailure('Asin input out of range');
  }),
  acos: doubleFunction(Math.acos, (x) => {
    if (x < -1 || x > 1) throw arithmeticFailure('Acos input out of range');
  }),
  atan: doubleFunction(Math.atan),
  atan2,
  sinh: doubleFunction(Math.sinh),
  cosh: doubleFunction(Math.cosh),
  tanh: doubleFunction(Math.tanh),
  signum: doubleFunction(Math.sign),
  hypot,
  e: nullary(Math.E),
  pi: nullary(Math.PI),
  tau: nullary(2 * Math.PI),
  clamp: clampCompiler(['min', 'max']),
  clamp_min: clampCompiler(['min']),
  clamp_max: clampCompiler(['max']),
  copy_sign: copySign,
  scalb,
};
