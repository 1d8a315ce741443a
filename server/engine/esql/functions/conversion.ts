// TO_* conversion functions and `::type` casts. They convert every value of a
// multi-value; a value that does not convert is dropped with a warning.
import type { Span } from '../../../common/diagnostics.ts';
import type * as A from '../../../esql/ast.ts';
import { constant, memoized, site, typeError, type Compiled, type ExpressionContext } from '../compiled.ts';
import { UNSIGNED_LONG_MAX, checkDouble, convertScalar } from '../convert.ts';

import { Period, canonicalTypeName, isNumericType, type EsqlType, type Scalar, type Value } from '../types.ts';
import { EvaluationFailure, type WarningSite } from '../warnings.ts';
import { exactIntegerLiteral, failed } from '../helpers.ts';
import { checkArity, type FunctionCompiler } from './shared.ts';

function convertEach(value: Value, from: EsqlType, to: EsqlType, warnings: WarningSite): Value {
  if (value === null) return null;
  if (!Array.isArray(value)) {
    try {
      return convertScalar(value, from, to);
    } catch (error) {
      return failed(warnings, error);
    }
  }
  const out: Scalar[] = [];
  for (const v of value) {
    try {
      out.push(convertScalar(v, from, to));
    } catch (error) {
      if (!(error instanceof EvaluationFailure)) throw error;
      warnings.report(error);
    }
  }
  return out.length === 0 ? null : out.length === 1 ? out[0]! : out;
}

/** Which source types each target accepts (ES rejects the others at planning). */
const ACCEPTS: Record<string, EsqlType[]> = {
  keyword: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'date', 'date_nanos', 'ip', 'version', 'geo_point', 'cartesian_point', 'unknown'],
  integer: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'date', 'unknown'],
  long: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'date', 'unknown'],
  double: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'date', 'unknown'],
  unsigned_long: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'date', 'unknown'],
  boolean: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'boolean', 'unknown'],
  date: ['keyword', 'text', 'integer', 'long', 'double', 'unsigned_long', 'date', 'date_nanos', 'unknown'],
  ip: ['keyword', 'text', 'ip', 'unknown'],
  version: ['keyword', 'text', 'version', 'unknown'],
  geo_point: ['keyword', 'text', 'geo_point', 'unknown'],
  cartesian_point: ['keyword', 'text', 'cartesian_point', 'unknown'],
};

/** Converts `compiled` to `to` with TO_* semantics. */
function convertTo(compiled: Compiled, to: EsqlType, span: Span, context: ExpressionContext): Compiled {
  const from = compiled.type;
  if (from === 'null') return constant(to, null);
  const accepted = ACCEPTS[to === 'text' ? 'keyword' : to];
  if (!accepted?.includes(from)) throw typeError(span, `cannot convert [${from}] to [${to}]`);
  if (from === to) return compiled;
  const warnings = site(context, span);
  const inner = compiled.eval;
  const target = from === 'date_nanos' && to === 'date' ? 'date' : to;
  return memoized({ type: to, constant: compiled.constant, eval: (row) => convertEach(inner(row), from === 'date_nanos' ? 'date' : from, target, warnings) });
}

/** `value::type`. */
export function castTo(compiled: Compiled, typeName: string, node: A.CastExpression, context: ExpressionContext): Compiled {
  const type = canonicalTypeName(typeName);
  if (type === undefined) throw typeError(node.typeSpan, `unsupported cast to [${typeName}]`);
  return convertTo(compiled, type, node.span, context);
}

function conversion(to: EsqlType): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1, 2);
    // An integer literal converts to unsigned_long from its text: a double would round it.
    const exact = to === 'unsigned_long' ? exactIntegerLiteral(call.args[0]!) : undefined;
    if (exact !== undefined && exact >= 0n && exact <= UNSIGNED_LONG_MAX) return constant('unsigned_long', exact);
    return convertTo(args[0]!, to, call.span, context);
  };
}

function angle(factor: number): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    const arg = args[0]!;
    if (arg.type === 'null') return constant('double', null);
    if (!isNumericType(arg.type) && arg.type !== 'unknown') throw typeError(call.span, `[${call.name}] needs a number`);
    const from = arg.type;
    const warnings = site(context, call.span);
    const inner = arg.eval;
    return memoized({
      type: 'double',
      constant: arg.constant,
      eval: (row) => {
        const v = inner(row);
        if (v === null) return null;
        const one = (x: Scalar) => checkDouble((convertScalar(x, from, 'double') as number) * factor);
        try {
          return Array.isArray(v) ? v.map(one) : one(v);
        } catch (error) {
          return failed(warnings, error);
        }
      },
    });
  };
}

const DURATION_TEXT = /^\s*(\d+)\s*([a-zA-Z]+)\s*$/;

function temporalAmount(to: 'date_period' | 'time_duration'): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 1);
    const arg = args[0]!;
    if (arg.type === to) return arg;
    if (!arg.constant) throw typeError(call.span, `[${call.name}] needs a constant`);
    const text = arg.eval({ src: null, vals: [] });
    const m = typeof text === 'string' ? DURATION_TEXT.exec(text) : null;
    const amount = m ? timeAmount(Number(m[1]), m[2]!) : undefined;
    if (!amount || amount.type !== to) throw typeError(call.span, `cannot convert [${String(text)}] to [${to}]`);
    return amount;
  };
}

function timeAmount(quantity: number, unit: string): Compiled | undefined {
  const lower = unit.toLowerCase();
  const durations: Record<string, number> = { ms: 1, millisecond: 1, milliseconds: 1, s: 1000, sec: 1000, second: 1000, seconds: 1000, m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000 };
  const periods: Record<string, [number, number]> = { d: [0, 1], day: [0, 1], days: [0, 1], w: [0, 7], week: [0, 7], weeks: [0, 7], mo: [1, 0], month: [1, 0], months: [1, 0], q: [3, 0], quarter: [3, 0], quarters: [3, 0], y: [12, 0], yr: [12, 0], year: [12, 0], years: [12, 0] };
  if (durations[lower] !== undefined) return constant('time_duration', quantity * durations[lower]!);
  const period = periods[lower];
  if (period) return constant('date_period', new Period(period[0] * quantity, period[1] * quantity));
  return undefined;
}

/** `TO_IP(s, {"leading_zeros": "reject" | "decimal" | "octal"})`: how IPv4 parts like `010` read. */
const toIp: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  const options = call.args[1];
  let leadingZeros = 'reject';
  if (options?.kind === 'Map') {
    for (const entry of options.entries) {
      if (entry.key.value !== 'leading_zeros' || entry.value.kind !== 'Literal' || typeof entry.value.value !== 'string') {
        throw typeError(entry.span, 'TO_IP takes only the option "leading_zeros"');
      }
      leadingZeros = entry.value.value.toLowerCase();
    }
  }
  const arg = args[0]!;
  if (leadingZeros === 'reject' || (arg.type !== 'keyword' && arg.type !== 'text' && arg.type !== 'unknown')) return convertTo(arg, 'ip', call.span, context);
  const radix = leadingZeros === 'octal' ? 8 : 10;
  const normalized: Compiled = {
    type: arg.type,
    constant: arg.constant,
    eval: (row) => mapStrings(arg.eval(row), (text) => (/^[\d.]+$/.test(text) ? text.split('.').map((part) => (part.length > 1 && part.startsWith('0') ? String(parseInt(part, radix)) : part)).join('.') : text)),
  };
  return convertTo(normalized, 'ip', call.span, context);
};

function mapStrings(value: Value, fn: (text: string) => string): Value {
  if (value === null) return null;
  return Array.isArray(value) ? value.map((v) => fn(String(v))) : fn(String(value));
}

export const conversionFunctions: Record<string, FunctionCompiler> = {
  to_string: conversion('keyword'),
  to_str: conversion('keyword'),
  to_text: conversion('text'),
  to_integer: conversion('integer'),
  to_int: conversion('integer'),
  to_long: conversion('long'),
  to_double: conversion('double'),
  to_dbl: conversion('double'),
  to_unsigned_long: conversion('unsigned_long'),
  to_ul: conversion('unsigned_long'),
  to_ulong: conversion('unsigned_long'),
  to_boolean: conversion('boolean'),
  to_bool: conversion('boolean'),
  to_datetime: conversion('date'),
  to_dt: conversion('date'),
  to_ip: toIp,
  to_version: conversion('version'),
  to_ver: conversion('version'),
  to_geopoint: conversion('geo_point'),
  to_cartesianpoint: conversion('cartesian_point'),
  to_degrees: angle(180 / Math.PI),
  to_radians: angle(Math.PI / 180),
  to_dateperiod: temporalAmount('date_period'),
  to_timeduration: temporalAmount('time_duration'),
};

