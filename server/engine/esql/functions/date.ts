// Date functions and BUCKET (dates and numbers), in UTC.
import type * as A from '../../../esql/ast.ts';
import { constant, typeError, type Compiled, type ExpressionContext } from '../compiled.ts';
import { formatDate, parseDateText } from '../convert.ts';
import {
  dateDiff,
  dateDiffUnit,
  dateUnitCount,
  dayName,
  extractField,
  fixedRounding,
  formatDatePattern,
  monthName,
  parseDatePattern,
  periodRounding,
  pickDateRounding,
  type Rounding,
} from '../dates.ts';
import { coerce, constantArgument, scalarCall } from '../helpers.ts';
import { Period, isNumericType, isStringType, type Scalar } from '../types.ts';
import { invalidArgument } from '../warnings.ts';
import { UTC, timeZone, type TimeZone } from '../zone.ts';
import { checkArity, numericArg, stringArg, typedArg, type FunctionCompiler } from './shared.ts';

function dateArg(call: A.FunctionCall, args: Compiled[], index: number): Compiled {
  return typedArg(call, args, index, 'date');
}

/** The rounding a constant period or duration stands for. */
function intervalRounding(interval: Compiled, span: A.Expression['span'], zone: TimeZone): Rounding {
  const value = constantArgument(interval, span, 'the interval');
  try {
    if (value instanceof Period) return periodRounding(value, zone);
    if (interval.type === 'time_duration' && typeof value === 'number') return fixedRounding(value, zone);
  } catch {
    throw typeError(span, 'the interval must be a single positive time unit such as `1 hour` or `1 month`');
  }
  throw typeError(span, 'the interval must be a time span such as `1 hour` or `1 month`');
}

const dateTrunc: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  const interval = args[0]!;
  if (interval.type !== 'date_period' && interval.type !== 'time_duration') {
    throw typeError(call.args[0]!.span, 'the first argument of DATE_TRUNC must be a time span such as `1 hour`');
  }
  const rounding = intervalRounding(interval, call.args[0]!.span, context.zone);
  return scalarCall(context, call.span, [dateArg(call, args, 1)], 'date', (t) => rounding(t as number));
};

const dateDiffFunction: FunctionCompiler = (call, args, context) => {
  checkArity(call, 3);
  return scalarCall(context, call.span, [stringArg(call, args, 0), dateArg(call, args, 1), dateArg(call, args, 2)], 'integer', (unit, start, end) => {
    const diff = dateDiff(dateDiffUnit(unit as string), start as number, end as number, context.zone);
    if (diff > 2147483647 || diff < -2147483648) throw invalidArgument(`[${diff}] out of [integer] range`);
    return diff;
  });
};

const dateExtract: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  return scalarCall(context, call.span, [stringArg(call, args, 0), dateArg(call, args, 1)], 'long', (part, t) => extractField(part as string, t as number, context.zone));
};

/** The default format (strict_date_optional_time) prints the zone's offset, `Z` in UTC. */
const ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

const dateFormat: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  const zone = context.zone;
  if (args.length === 1) {
    return scalarCall(context, call.span, [dateArg(call, args, 0)], 'keyword', (t) => (zone === UTC ? formatDate(t as number) : formatDatePattern(ISO_WITH_OFFSET, t as number, zone)));
  }
  return scalarCall(context, call.span, [stringArg(call, args, 0), dateArg(call, args, 1)], 'keyword', (pattern, t) => formatDatePattern(pattern as string, t as number, zone));
};

/** DATE_PARSE's `{"time_zone": ..., "locale": ...}` options. */
function parseOptions(map: A.MapExpression | undefined, zone: TimeZone): { zone: TimeZone; locale: string } {
  const options = { zone, locale: 'en' };
  for (const entry of map?.entries ?? []) {
    const value = entry.value.kind === 'Literal' ? entry.value.value : undefined;
    if (entry.key.value === 'time_zone' && typeof value === 'string') {
      const named = timeZone(value);
      if (!named) throw typeError(entry.value.span, `unknown time zone ${JSON.stringify(value)}`);
      options.zone = named;
    } else if (entry.key.value === 'locale' && typeof value === 'string') options.locale = value;
    else throw typeError(entry.span, `unknown DATE_PARSE option [${entry.key.value}]`);
  }
  return options;
}

/** ISO text without an offset names a wall-clock time in `zone`. */
function parseIsoInZone(text: string, zone: TimeZone): number {
  const utc = parseDateText(text);
  if (zone === UTC || /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text.trim()) || !text.includes('T')) return utc;
  return zone.toUtc(utc);
}

const dateParse: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 3);
  const map = call.args.find((a): a is A.MapExpression => a.kind === 'Map');
  const { zone, locale } = parseOptions(map, context.zone);
  if (args.length === 1) return scalarCall(context, call.span, [stringArg(call, args, 0)], 'date', (text) => parseIsoInZone(text as string, zone));
  return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1)], 'date', (pattern, text) => parseDatePattern(pattern as string, text as string, zone, locale));
};

const now: FunctionCompiler = (call, _args, context) => {
  checkArity(call, 0);
  return constant('date', context.clock.now());
};

function dateName(fn: (t: number, zone: TimeZone) => string): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    return scalarCall(context, call.span, [dateArg(call, args, 0)], 'keyword', (t) => fn(t as number, context.zone));
  };
}

/** Numeric BUCKET with a bucket count: the nearest power of ten (or half of one) to the exact width. */
function numericBucketWidth(buckets: number, from: number, to: number): number {
  const precise = (to - from) / buckets;
  const nextPowerOfTen = 10 ** Math.ceil(Math.log10(precise));
  const halfPower = nextPowerOfTen / 2;
  return precise < halfPower ? halfPower : nextPowerOfTen;
}

function boundValue(compiled: Compiled, span: A.Expression['span'], asDate: boolean): number {
  const value = constantArgument(compiled, span, 'BUCKET bounds');
  if (asDate) {
    if (typeof value === 'string') return parseDateText(value);
    if (typeof value === 'number') return value;
  } else if (typeof value === 'number') return value;
  else if (typeof value === 'bigint') return Number(value);
  throw typeError(span, 'BUCKET bounds must be constants of the field type');
}

export function bucket(call: A.FunctionCall, args: Compiled[], context: ExpressionContext): Compiled {
  checkArity(call, 2, 4);
  let field = args[0]!;
  const isDate = field.type === 'date' || field.type === 'date_nanos' || (field.type === 'unknown' && (args[1]!.type === 'date_period' || args[1]!.type === 'time_duration' || (args.length === 4 && isStringType(args[2]!.type))));
  if (isDate) field = coerce(field, 'date', call.args[0]!.span);
  else field = numericArg(call, args, 0);
  const sizing = args[1]!;
  if (isDate) {
    let rounding: Rounding;
    if (sizing.type === 'date_period' || sizing.type === 'time_duration') rounding = intervalRounding(sizing, call.args[1]!.span, context.zone);
    else {
      if (args.length !== 4) throw typeError(call.span, 'BUCKET with a bucket count needs `from` and `to` bounds');
      const count = constantArgument(sizing, call.args[1]!.span, 'the bucket count');
      rounding = pickDateRounding(Number(count), boundValue(args[2]!, call.args[2]!.span, true), boundValue(args[3]!, call.args[3]!.span, true), context.zone);
    }
    return scalarCall(context, call.span, [field], 'date', (t) => rounding(t as number));
  }
  let width: number;
  if (args.length === 4) {
    const count = Number(constantArgument(sizing, call.args[1]!.span, 'the bucket count'));
    width = numericBucketWidth(count, boundValue(args[2]!, call.args[2]!.span, false), boundValue(args[3]!, call.args[3]!.span, false));
  } else {
    if (!isNumericType(sizing.type)) throw typeError(call.args[1]!.span, 'BUCKET on a number needs a numeric span');
    width = Number(constantArgument(sizing, call.args[1]!.span, 'the bucket span'));
  }
  const source = coerce(field, 'double', call.args[0]!.span);
  return scalarCall(context, call.span, [source], 'double', (x: Scalar) => Math.floor((x as number) / width) * width);
}

const dateUnitCountFunction: FunctionCompiler = (call, args, context) => {
  checkArity(call, 3);
  return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1), dateArg(call, args, 2)], 'long', (unit, containing, t) =>
    dateUnitCount(unit as string, containing as string, t as number, context.zone),
  );
};

export const dateFunctions: Record<string, FunctionCompiler> = {
  date_unit_count: dateUnitCountFunction,
  now,
  date_trunc: dateTrunc,
  date_diff: dateDiffFunction,
  date_extract: dateExtract,
  date_format: dateFormat,
  date_parse: dateParse,
  day_name: dateName(dayName),
  month_name: dateName(monthName),
  bucket,
  bin: bucket,
};
