// MV_* functions: they read every value of a (possibly multi-valued) column.
import { constant, memoized, site, typeError } from '../compiled.ts';
import { checkDouble, checkInteger, checkUnsignedLong, comparatorFor, longResult } from '../convert.ts';
import { coerce, commonType, constantArgument, guarded, multiValueCall } from '../helpers.ts';
import { fromList, type EsqlType, type Scalar, type Value } from '../types.ts';
import { invalidArgument } from '../warnings.ts';
import { checkArity, integerArg, numericArg, stringArg, type FunctionCompiler } from './shared.ts';

function sameTypeMv(fn: (values: Scalar[], type: EsqlType) => Value): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    const arg = args[0]!;
    return multiValueCall(context, call.span, arg, arg.type, (values) => fn(values, arg.type));
  };
}

/** Sums with the type's overflow rules (doubles with Kahan compensation, as ES does). */
function sumValues(values: Scalar[], type: EsqlType): Scalar {
  if (type === 'double') {
    let sum = 0;
    let compensation = 0;
    for (const v of values) {
      const y = (v as number) - compensation;
      const t = sum + y;
      compensation = t - sum - y;
      sum = t;
    }
    return checkDouble(sum);
  }
  if (type === 'unsigned_long') {
    let sum = 0n;
    for (const v of values) sum = checkUnsignedLong(sum + (v as bigint));
    return sum;
  }
  let sum = 0;
  for (const v of values) {
    const next = sum + (v as number);
    sum = type === 'integer' ? checkInteger(next) : longResult(next, () => BigInt(sum) + BigInt(v as number));
  }
  return sum;
}

function numericValues(values: Scalar[]): number[] {
  return values.map((v) => (typeof v === 'bigint' ? Number(v) : (v as number)));
}

/** The median of sorted numbers: the mean of the middle two for an even count (rounded down for whole numbers). */
function median(sorted: number[], whole: boolean): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  if (n % 2 === 1) return sorted[mid]!;
  const mean = (sorted[mid - 1]! + sorted[mid]!) / 2;
  return whole ? Math.floor(mean) : mean;
}

const mvSort: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  const arg = args[0]!;
  const order = args.length === 2 ? constantArgument(stringArg(call, args, 1), call.args[1]!.span, 'MV_SORT order') : 'ASC';
  if (typeof order !== 'string' || !/^(asc|desc)$/i.test(order)) {
    throw typeError(call.args[1]?.span ?? call.span, `Invalid order value in [${call.name}], expected one of [ASC, DESC] but got [${String(order)}]`);
  }
  const compare = comparatorFor(arg.type);
  const sign = order.toLowerCase() === 'desc' ? -1 : 1;
  return multiValueCall(context, call.span, arg, arg.type, (values) => fromList([...values].sort((a, b) => sign * compare(a, b))));
};

const mvSlice: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2, 3);
  const arg = args[0]!;
  if (arg.type === 'null') return constant('null', null);
  const start = integerArg(call, args, 1);
  const end = args.length === 3 ? integerArg(call, args, 2) : start;
  const warnings = site(context, call.span);
  const v = arg.eval;
  const s = start.eval;
  const e = end.eval;
  return memoized({
    type: arg.type,
    constant: arg.constant && start.constant && end.constant,
    eval: (row) => {
      const value = v(row);
      const first = s(row);
      const last = e(row);
      if (value === null || first === null || last === null) return null;
      if (Array.isArray(first) || Array.isArray(last)) {
        warnings.multiValue();
        return null;
      }
      return guarded(warnings, () => slice(Array.isArray(value) ? value : [value], first as number, last as number));
    },
  });
};

/** Values from `start` to `end` inclusive; negative offsets count from the end. */
function slice(values: Scalar[], start: number, end: number): Value {
  if (start > end) throw invalidArgument('Start offset is greater than end offset');
  if (start < 0 && end >= 0) throw invalidArgument('Start and end offset have different signs');
  const n = values.length;
  const from = Math.max(0, start < 0 ? start + n : start);
  const to = Math.min(n - 1, end < 0 ? end + n : end);
  if (from >= n || to < 0) return null;
  return fromList(values.slice(from, to + 1));
}

const mvConcat: FunctionCompiler = (call, args) => {
  checkArity(call, 2);
  const arg = stringArg(call, args, 0);
  const delimiter = stringArg(call, args, 1);
  if (arg.type === 'null' || delimiter.type === 'null') return constant('keyword', null);
  const v = arg.eval;
  const d = delimiter.eval;
  return memoized({
    type: 'keyword',
    constant: arg.constant && delimiter.constant,
    eval: (row) => {
      const value = v(row);
      const sep = d(row);
      if (value === null || sep === null || Array.isArray(sep)) return null;
      return Array.isArray(value) ? value.join(sep as string) : value;
    },
  });
};

const mvZip: FunctionCompiler = (call, args) => {
  checkArity(call, 2, 3);
  const left = stringArg(call, args, 0);
  const right = stringArg(call, args, 1);
  const delimiter = args.length === 3 ? stringArg(call, args, 2) : constant('keyword', ',');
  const l = left.eval;
  const r = right.eval;
  const d = delimiter.eval;
  return memoized({
    type: 'keyword',
    constant: left.constant && right.constant && delimiter.constant,
    eval: (row) => {
      const a = l(row);
      const b = r(row);
      const sep = d(row);
      if (sep === null || Array.isArray(sep)) return null;
      if (a === null) return b;
      if (b === null) return a;
      const xs = Array.isArray(a) ? a : [a];
      const ys = Array.isArray(b) ? b : [b];
      const out: string[] = [];
      for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
        if (i < xs.length && i < ys.length) out.push(`${xs[i] as string}${sep as string}${ys[i] as string}`);
        else out.push((i < xs.length ? xs[i] : ys[i]) as string);
      }
      return fromList(out);
    },
  });
};

function twoMultiValues(combine: (xs: Scalar[], ys: Scalar[]) => Value, resultType?: EsqlType, nullWhenEitherNull = false): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 2);
    const type = commonType([args[0]!.type, args[1]!.type]);
    if (type === undefined) throw typeError(call.span, `${call.name.toUpperCase()} arguments must have the same type`);
    const l = coerce(args[0]!, type, call.args[0]!.span).eval;
    const r = coerce(args[1]!, type, call.args[1]!.span).eval;
    return memoized({
      type: resultType ?? type,
      constant: args[0]!.constant && args[1]!.constant,
      eval: (row) => {
        const a = l(row);
        const b = r(row);
        if (nullWhenEitherNull && (a === null || b === null)) return null;
        return combine(a === null ? [] : Array.isArray(a) ? a : [a], b === null ? [] : Array.isArray(b) ? b : [b]);
      },
    });
  };
}

function mvPercentile(): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 2);
    const arg = numericArg(call, args, 0);
    const percentile = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
    const type = arg.type === 'integer' || arg.type === 'long' ? arg.type : 'double';
    const v = arg.eval;
    const p = percentile.eval;
    return memoized({
      type,
      constant: arg.constant && percentile.constant,
      eval: (row) => {
        const value = v(row);
        const pct = p(row);
        if (value === null || pct === null || Array.isArray(pct)) return null;
        if ((pct as number) < 0 || (pct as number) > 100) return null;
        const sorted = numericValues(Array.isArray(value) ? value : [value]).sort((a, b) => a - b);
        const result = percentileOf(sorted, pct as number);
        return type === 'double' ? result : Math.floor(result);
      },
    });
  };
}

/** Linear interpolation between closest ranks over sorted values. */
export function percentileOf(sorted: number[], percentile: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const index = (percentile / 100) * (sorted.length - 1);
  const lower = Math.floor(index);
  const fraction = index - lower;
  if (lower + 1 >= sorted.length) return sorted[sorted.length - 1]!;
  return sorted[lower]! + fraction * (sorted[lower + 1]! - sorted[lower]!);
}

/** The median of absolute deviations from the median. */
export function medianAbsoluteDeviation(values: number[], whole: boolean): number {
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted, false);
  const deviations = sorted.map((v) => Math.abs(v - m)).sort((a, b) => a - b);
  return median(deviations, whole);
}

const mvPseriesWeightedSum: FunctionCompiler = (call, args) => {
  checkArity(call, 2);
  const arg = coerce(numericArg(call, args, 0), 'double', call.args[0]!.span);
  const p = coerce(numericArg(call, args, 1), 'double', call.args[1]!.span);
  const v = arg.eval;
  const pe = p.eval;
  return memoized({
    type: 'double',
    constant: arg.constant && p.constant,
    eval: (row) => {
      const value = v(row);
      const power = pe(row);
      if (value === null || power === null || Array.isArray(power)) return null;
      const values = (Array.isArray(value) ? value : [value]) as number[];
      let sum = 0;
      values.forEach((x, i) => (sum += x / (i + 1) ** (power as number)));
      return sum;
    },
  });
};

export const multiValueFunctions: Record<string, FunctionCompiler> = {
  mv_count: (call, args, context) => {
    checkArity(call, 1);
    return multiValueCall(context, call.span, args[0]!, 'integer', (values) => values.length);
  },
  mv_first: sameTypeMv((values) => values[0]!),
  mv_last: sameTypeMv((values) => values[values.length - 1]!),
  mv_min: sameTypeMv((values, type) => {
    const compare = comparatorFor(type);
    return values.reduce((a, b) => (compare(b, a) < 0 ? b : a));
  }),
  mv_max: sameTypeMv((values, type) => {
    const compare = comparatorFor(type);
    return values.reduce((a, b) => (compare(b, a) > 0 ? b : a));
  }),
  mv_sum: (call, args, context) => {
    checkArity(call, 1);
    const arg = numericArg(call, args, 0);
    return multiValueCall(context, call.span, arg, arg.type, (values) => sumValues(values, arg.type));
  },
  mv_avg: (call, args, context) => {
    checkArity(call, 1);
    const arg = numericArg(call, args, 0);
    return multiValueCall(context, call.span, arg, 'double', (values) => (sumValues(values.map((v) => (typeof v === 'bigint' ? Number(v) : v)), 'double') as number) / values.length);
  },
  mv_median: (call, args, context) => {
    checkArity(call, 1);
    const arg = numericArg(call, args, 0);
    const whole = arg.type !== 'double';
    return multiValueCall(context, call.span, arg, arg.type, (values) => {
      const m = median(numericValues(values).sort((a, b) => a - b), whole);
      return arg.type === 'unsigned_long' ? BigInt(m) : m;
    });
  },
  mv_median_absolute_deviation: (call, args, context) => {
    checkArity(call, 1);
    const arg = numericArg(call, args, 0);
    return multiValueCall(context, call.span, arg, arg.type, (values) => medianAbsoluteDeviation(numericValues(values), arg.type !== 'double'));
  },
  mv_dedupe: sameTypeMv((values) => fromList([...new Set(values)])),
  mv_sort: mvSort,
  mv_slice: mvSlice,
  mv_concat: mvConcat,
  mv_zip: mvZip,
  mv_append: twoMultiValues((xs, ys) => fromList([...xs, ...ys]), undefined, true),
  mv_contains: twoMultiValues((xs, ys) => {
    const set = new Set(xs);
    return ys.every((y) => set.has(y));
  }, 'boolean'),
  mv_intersection: twoMultiValues((xs, ys) => {
    const set = new Set(ys);
    return fromList([...new Set(xs.filter((x) => set.has(x)))]);
  }),
  mv_union: twoMultiValues((xs, ys) => fromList([...new Set([...xs, ...ys])])),
  mv_difference: twoMultiValues((xs, ys) => {
    const set = new Set(ys);
    return fromList([...new Set(xs.filter((x) => !set.has(x)))]);
  }),
  mv_percentile: mvPercentile(),
  mv_pseries_weighted_sum: mvPseriesWeightedSum,
};

