// Conversions between ES|QL types with Elasticsearch's rules: how source values
// read into columns, what the TO_* functions and `::` casts produce, how values
// print (Java's number formatting, ISO dates) and how they order.
import { formatIp, parseIp } from '../ip.ts';
import { formatEpochMillis, javaDoubleString, parseIsoDate } from '../values.ts';
import { Period, type EsqlType, type Scalar } from './types.ts';
import { invalidArgument, illegalArgument, arithmeticFailure } from './warnings.ts';

const INTEGER_MIN = -2147483648;
const INTEGER_MAX = 2147483647;
/** 2^63: the smallest double beyond `long`. */
const LONG_LIMIT = 9223372036854775808;
export const UNSIGNED_LONG_MAX = 18446744073709551615n;

// ---------------------------------------------------------------- IP values

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function ipBytesToValue(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += HEX[bytes[i]!];
  return out;
}

export function ipValueToBytes(value: string): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The ip value of address text, or undefined when it is not one. */
export function parseIpValue(text: string): string | undefined {
  const bytes = parseIp(text);
  return bytes ? ipBytesToValue(bytes) : undefined;
}

function formatIpValue(value: string): string {
  return formatIp(ipValueToBytes(value));
}

// ---------------------------------------------------------------- numbers as Java reads them

/** Java's `Double.parseDouble` on trimmed text (decimal, exponent, `d`/`f` suffix, NaN, Infinity); undefined when invalid. */
function parseJavaDouble(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[+-]?(NaN|Infinity)$/.test(trimmed)) return Number(trimmed);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/[dDfF]$/, ''));
}

// ---------------------------------------------------------------- versions

interface ParsedVersion {
  numbers: number[];
  preRelease?: string[];
}

const VERSION_PATTERN = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(text: string): ParsedVersion | undefined {
  const m = VERSION_PATTERN.exec(text);
  if (!m) return undefined;
  const parsed: ParsedVersion = { numbers: m[1]!.split('.').map(Number) };
  if (m[2] !== undefined) parsed.preRelease = m[2].split('.');
  return parsed;
}

const versionCache = new Map<string, ParsedVersion | null>();

function cachedVersion(text: string): ParsedVersion | null {
  let parsed = versionCache.get(text);
  if (parsed === undefined) {
    parsed = parseVersion(text) ?? null;
    if (versionCache.size > 10_000) versionCache.clear();
    versionCache.set(text, parsed);
  }
  return parsed;
}

/** Version order: numeric parts compared numerically, a pre-release before its release, invalid versions last. */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const left = cachedVersion(a);
  const right = cachedVersion(b);
  if (!left || !right) {
    if (left) return -1;
    if (right) return 1;
    return compareStrings(a, b);
  }
  const n = Math.min(left.numbers.length, right.numbers.length);
  for (let i = 0; i < n; i++) {
    const d = left.numbers[i]! - right.numbers[i]!;
    if (d !== 0) return d;
  }
  if (left.numbers.length !== right.numbers.length) return left.numbers.length - right.numbers.length;
  if (!left.preRelease || !right.preRelease) {
    if (left.preRelease) return -1;
    if (right.preRelease) return 1;
    return compareStrings(a, b);
  }
  const m = Math.min(left.preRelease.length, right.preRelease.length);
  for (let i = 0; i < m; i++) {
    const x = left.preRelease[i]!;
    const y = right.preRelease[i]!;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    else {
      const d = compareStrings(x, y);
      if (d !== 0) return d;
    }
  }
  return left.preRelease.length - right.preRelease.length;
}

// ---------------------------------------------------------------- ordering

/** Keyword order: UTF-8 byte order, i.e. code point order (UTF-16 code units differ past U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) encode code points above every BMP character.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

function compareNumbers(a: Scalar, b: Scalar): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function compareBigints(a: Scalar, b: Scalar): number {
  return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
}

function compareBooleans(a: Scalar, b: Scalar): number {
  return a === b ? 0 : a ? 1 : -1;
}

/** Raw source leaves of an unmapped field: numbers before booleans before strings, each in its own order. */
function compareUnknown(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : 2);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  if (typeof a === 'number') return compareNumbers(a, b);
  if (typeof a === 'boolean') return compareBooleans(a, b);
  return compareStrings(String(a), String(b));
}

/** The total order of a type's values, as SORT and MIN/MAX use it. */
export function comparatorFor(type: EsqlType): (a: Scalar, b: Scalar) => number {
  switch (type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'date':
    case 'time_duration':
      return compareNumbers;
    case 'unsigned_long':
      return compareBigints;
    case 'boolean':
      return compareBooleans;
    case 'version':
      return (a, b) => compareVersions(a as string, b as string);
    case 'unknown':
      return compareUnknown;
    default:
      return (a, b) => compareStrings(a as string, b as string);
  }
}

// ---------------------------------------------------------------- dates

/** Epoch millis of `strict_date_optional_time` text, or a failure naming it (TO_DATETIME's error). */
export function parseDateText(text: string): number {
  // strict_date_optional_time separates date and time with `T` only.
  const millis = text.includes(' ') ? undefined : parseIsoDate(text);
  if (millis === undefined) {
    throw illegalArgument(`failed to parse date field [${text}] with format [strict_date_optional_time]`);
  }
  return millis;
}

export function formatDate(millis: number): string {
  if (millis >= -62167219200000 && millis < 253402300800000) return formatEpochMillis(millis);
  // Beyond what JavaScript dates hold: epoch millis as text.
  if (!(Math.abs(millis) <= 8.64e15)) return String(millis);
  // Outside years 0000-9999 Java prints a signed year without padding to six digits.
  const iso = new Date(millis).toISOString();
  return iso.replace(/^([+-])0*(\d{4,})/, (_, sign: string, year: string) => (sign === '+' ? '+' : '-') + year);
}

// ---------------------------------------------------------------- conversions

function checkedLong(value: number, type: EsqlType): number {
  if (!Number.isFinite(value) || value >= LONG_LIMIT || value < -LONG_LIMIT) {
    throw invalidArgument(`[${javaNumber(value, type)}] out of [long] range`);
  }
  return value;
}

function checkedInteger(value: number, type: EsqlType): number {
  if (!Number.isFinite(value) || value > INTEGER_MAX || value < INTEGER_MIN) {
    throw invalidArgument(`[${javaNumber(value, type)}] out of [integer] range`);
  }
  return value;
}

function javaNumber(value: number, type: EsqlType): string {
  return type === 'double' ? javaDoubleString(value) : String(value);
}

/** Java's Math.round: halves round up (toward positive infinity). */
function javaRound(value: number): number {
  return Math.floor(value + 0.5);
}

function numberFromText(text: string): number {
  const n = parseJavaDouble(text);
  if (n === undefined) throw invalidArgument(`Cannot parse number [${text}]`);
  return n;
}

/** Whole-number text parsed exactly when it fits, else as a double. */
function integralFromText(text: string, type: 'integer' | 'long'): number {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    return type === 'integer' ? checkedInteger(n, 'long') : checkedLong(n, 'long');
  }
  const n = numberFromText(text);
  return type === 'integer' ? checkedInteger(javaRound(checkedLong(n, 'double')), 'double') : checkedLong(javaRound(n), 'double');
}

/** Converts one value of type `from` into type `to`, throwing an EvaluationFailure when it cannot. */
export function convertScalar(value: Scalar, from: EsqlType, to: EsqlType): Scalar {
  if (from === to) return value;
  switch (to) {
    case 'keyword':
    case 'text':
      return toText(value, from);
    case 'integer':
      return toIntegerValue(value, from);
    case 'long':
      return toLongValue(value, from);
    case 'double':
      return toDoubleValue(value, from);
    case 'unsigned_long':
      return toUnsignedLongValue(value, from);
    case 'boolean':
      return toBooleanValue(value, from);
    case 'date':
      return toDateValue(value, from);
    case 'ip':
      return toIpValue(value, from);
    case 'version':
      if (from === 'keyword' || from === 'text' || from === 'unknown') return String(value);
      break;
    case 'geo_point':
    case 'cartesian_point':
      if (from === 'keyword' || from === 'text' || from === 'unknown' || from === 'geo_point' || from === 'cartesian_point') {
        return normalizePoint(String(value));
      }
      break;
    default:
      break;
  }
  throw illegalArgument(`cannot convert [${String(value)}] from [${from}] to [${to}]`);
}

function toText(value: Scalar, from: EsqlType): string {
  switch (from) {
    case 'double':
      return javaDoubleString(value as number);
    case 'date':
      return formatDate(value as number);
    case 'ip':
      return formatIpValue(value as string);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'date_period':
      return formatPeriod(value as Period);
    case 'time_duration':
      return formatDuration(value as number);
    case 'unknown':
      return typeof value === 'number' && !Number.isInteger(value) ? javaDoubleString(value) : String(value);
    case 'long':
      return Number.isSafeInteger(value) ? String(value) : String(exactLong(value as number));
    default:
      return String(value);
  }
}

function formatPeriod(period: Period): string {
  const years = Math.trunc(period.months / 12);
  const months = period.months % 12;
  let out = 'P';
  if (years !== 0) out += `${years}Y`;
  if (months !== 0) out += `${months}M`;
  if (period.days !== 0 || out === 'P') out += `${period.days}D`;
  return out;
}

function formatDuration(millis: number): string {
  if (millis === 0) return 'PT0S';
  const hours = Math.trunc(millis / 3_600_000);
  const minutes = Math.trunc((millis % 3_600_000) / 60_000);
  const seconds = (millis % 60_000) / 1000;
  let out = 'PT';
  if (hours !== 0) out += `${hours}H`;
  if (minutes !== 0) out += `${minutes}M`;
  if (seconds !== 0) out += `${seconds}S`;
  return out;
}

function toIntegerValue(value: Scalar, from: EsqlType): number {
  switch (from) {
    case 'long':
      return checkedInteger(value as number, 'long');
    case 'double':
      return checkedInteger(javaRound(checkedLong(value as number, 'double')), 'double');
    case 'unsigned_long':
      return checkedInteger(Number(value as bigint), 'long');
    case 'boolean':
      return value ? 1 : 0;
    case 'date':
      return checkedInteger(value as number, 'long');
    case 'keyword':
    case 'text':
      return integralFromText(value as string, 'integer');
    case 'unknown':
      return typeof value === 'string' ? integralFromText(value, 'integer') : toIntegerValue(value, typeof value === 'boolean' ? 'boolean' : Number.isInteger(value) ? 'long' : 'double');
    default:
      throw illegalArgument(`cannot convert [${from}] to [integer]`);
  }
}

function toLongValue(value: Scalar, from: EsqlType): number {
  switch (from) {
    case 'integer':
    case 'date':
      return value as number;
    case 'double':
      return checkedLong(javaRound(checkedLong(value as number, 'double')), 'double');
    case 'unsigned_long':
      if ((value as bigint) >= 9223372036854775808n) throw invalidArgument(`[${value}] out of [long] range`);
      return Number(value as bigint);
    case 'boolean':
      return value ? 1 : 0;
    case 'keyword':
    case 'text':
      return integralFromText(value as string, 'long');
    case 'unknown':
      return typeof value === 'string' ? integralFromText(value, 'long') : toLongValue(value, typeof value === 'boolean' ? 'boolean' : 'double');
    default:
      throw illegalArgument(`cannot convert [${from}] to [long]`);
  }
}

function toDoubleValue(value: Scalar, from: EsqlType): number {
  switch (from) {
    case 'integer':
    case 'long':
    case 'date':
      return value as number;
    case 'unsigned_long':
      return Number(value as bigint);
    case 'boolean':
      return value ? 1 : 0;
    case 'keyword':
    case 'text':
      return numberFromText(value as string);
    case 'unknown':
      return typeof value === 'string' ? numberFromText(value) : typeof value === 'boolean' ? (value ? 1 : 0) : (value as number);
    default:
      throw illegalArgument(`cannot convert [${from}] to [double]`);
  }
}

/**
 * A long's exact value. Doubles cannot hold every long: past 2^53 a long reads as the
 * nearest double, and ±2^63 stands for Long.MAX_VALUE / MIN_VALUE, so those saturate.
 */
function exactLong(value: number): bigint {
  if (value >= LONG_LIMIT) return 9223372036854775807n;
  if (value <= -LONG_LIMIT) return -9223372036854775808n;
  return BigInt(value);
}

function toUnsignedLongValue(value: Scalar, from: EsqlType): bigint {
  let n: number | bigint;
  switch (from) {
    case 'integer':
    case 'date':
      n = value as number;
      break;
    case 'long':
      n = exactLong(value as number);
      break;
    case 'double':
      n = value as number;
      break;
    case 'boolean':
      return value ? 1n : 0n;
    case 'keyword':
    case 'text':
    case 'unknown': {
      const text = String(value).trim();
      if (/^\+?\d+$/.test(text)) {
        n = BigInt(text.replace('+', ''));
        break;
      }
      n = numberFromText(text);
      break;
    }
    default:
      throw illegalArgument(`cannot convert [${from}] to [unsigned_long]`);
  }
  if (typeof n === 'number') {
    if (!Number.isFinite(n) || n < 0 || n >= 18446744073709551616) {
      throw invalidArgument(`[${javaNumber(n, from === 'double' || !Number.isInteger(n) ? 'double' : 'long')}] out of [unsigned_long] range`);
    }
    n = BigInt(Math.trunc(n));
  }
  if (n < 0n || n > UNSIGNED_LONG_MAX) throw invalidArgument(`[${n}] out of [unsigned_long] range`);
  return n;
}

function toBooleanValue(value: Scalar, from: EsqlType): boolean {
  switch (from) {
    case 'keyword':
    case 'text':
      return (value as string).toLowerCase() === 'true';
    case 'integer':
    case 'long':
    case 'double':
      return (value as number) !== 0;
    case 'unsigned_long':
      return (value as bigint) !== 0n;
    case 'unknown':
      return typeof value === 'string' ? value.toLowerCase() === 'true' : typeof value === 'number' ? value !== 0 : (value as boolean);
    default:
      throw illegalArgument(`cannot convert [${from}] to [boolean]`);
  }
}

function toDateValue(value: Scalar, from: EsqlType): number {
  switch (from) {
    case 'integer':
    case 'long':
      return value as number;
    case 'double':
      return checkedLong(Math.trunc(value as number), 'double');
    case 'unsigned_long':
      if ((value as bigint) >= 9223372036854775808n) throw invalidArgument(`[${value}] out of [long] range`);
      return Number(value as bigint);
    case 'keyword':
    case 'text':
      return parseDateText(value as string);
    case 'unknown':
      return typeof value === 'number' ? Math.trunc(value) : parseDateText(String(value));
    default:
      throw illegalArgument(`cannot convert [${from}] to [datetime]`);
  }
}

function toIpValue(value: Scalar, from: EsqlType): string {
  if (from !== 'keyword' && from !== 'text' && from !== 'unknown') throw illegalArgument(`cannot convert [${from}] to [ip]`);
  const text = String(value);
  const ip = parseIpValue(text);
  if (ip === undefined) throw illegalArgument(`'${text}' is not an IP string literal.`);
  return ip;
}

const POINT_WKT = /^\s*POINT\s*\(\s*([+-]?[\d.eE+-]+)\s+([+-]?[\d.eE+-]+)\s*\)\s*$/i;

/** Parses WKT `POINT (x y)`, returning [x, y]. */
export function parsePoint(text: string): [number, number] {
  const m = POINT_WKT.exec(text);
  if (!m) throw illegalArgument(`Failed to parse WKT: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

function formatPoint(x: number, y: number): string {
  return `POINT (${javaDoubleString(x)} ${javaDoubleString(y)})`;
}

function normalizePoint(text: string): string {
  const [x, y] = parsePoint(text);
  return formatPoint(x, y);
}

// ---------------------------------------------------------------- arithmetic checks

export function checkInteger(value: number): number {
  if (value > INTEGER_MAX || value < INTEGER_MIN) throw arithmeticFailure('integer overflow');
  return value;
}

export function checkLong(value: number): number {
  if (!(value <= LONG_LIMIT && value >= -LONG_LIMIT)) throw arithmeticFailure('long overflow');
  return value;
}

/**
 * A long result, exact through BigInt once the double result passes 2^53. Doubles
 * cannot hold Long.MAX_VALUE, so 2^63 stands for it and only results past it overflow.
 */
export function longResult(approximate: number, exact: () => bigint): number {
  if (Number.isSafeInteger(approximate)) return approximate;
  const value = exact();
  if (value > 9223372036854775808n || value < -9223372036854775808n) throw arithmeticFailure('long overflow');
  return Number(value);
}

export function checkUnsignedLong(value: bigint): bigint {
  if (value < 0n || value > UNSIGNED_LONG_MAX) throw arithmeticFailure('unsigned_long overflow');
  return value;
}

export function checkDouble(value: number): number {
  if (!Number.isFinite(value)) throw arithmeticFailure(Number.isNaN(value) ? 'not a finite double number: NaN' : `not a finite double number: ${value > 0 ? 'Infinity' : '-Infinity'}`);
  return value;
}

// ---------------------------------------------------------------- output

/** A value as the ES|QL JSON response shows it: dates and IPs as text, big unsigned longs as text. */
export function outputScalar(value: Scalar, type: EsqlType): unknown {
  switch (type) {
    case 'date':
      return formatDate(value as number);
    case 'ip':
      return formatIpValue(value as string);
    case 'unsigned_long': {
      const n = Number(value as bigint);
      return Number.isSafeInteger(n) ? n : (value as bigint).toString();
    }
    case 'date_period':
    case 'time_duration':
      return toText(value, type);
    default:
      return value;
  }
}

