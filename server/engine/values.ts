// The engine's value model. Events stay the JSON objects they were parsed
// from; field access yields leaf values, and these helpers coerce a leaf the
// way Elasticsearch coerces a source value into a field of a given type.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One event: a parsed JSON object from an event file. */
export type EventDocument = JsonObject;

/** A leaf value found in an event. `null` never appears: Elasticsearch treats it as missing. */
export type FieldValue = string | number | boolean;

/** Elasticsearch field types the engine distinguishes. */
export type FieldType =
  | 'keyword'
  | 'text'
  | 'wildcard'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'unsigned_long'
  | 'double'
  | 'float'
  | 'half_float'
  | 'scaled_float'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'ip'
  | 'version'
  | 'object'
  | 'alias'
  | 'unsupported';

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number from a numeric value or numeric string (ES coerces "42" into numeric fields); undefined otherwise. */
export function toNumber(value: FieldValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    return NUMERIC_TEXT.test(text) ? Number(text) : undefined;
  }
  return undefined;
}

/** A whole number for long/integer fields: ES truncates a decimal value toward zero. */
export function toLong(value: FieldValue): number | undefined {
  const n = toNumber(value);
  return n === undefined ? undefined : Math.trunc(n);
}

/** Boolean fields accept true/false and the strings "true"/"false" ("" counts as false). */
export function toBoolean(value: FieldValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return undefined;
}

/** Keyword view of any leaf: how ES indexes a number or boolean sent to a keyword field. */
export function toKeyword(value: FieldValue): string {
  return typeof value === 'string' ? value : String(value);
}

// strict_date_optional_time: a date, optionally a time with optional seconds and
// fraction, optionally a zone; no zone means UTC.
const ISO_DATE =
  /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/**
 * Epoch milliseconds of a date value, as ES's default date format
 * `strict_date_optional_time||epoch_millis` reads it: ISO-8601 text (no zone = UTC,
 * fractions below a millisecond truncated), or epoch millis as a number or digit string.
 */
export function toEpochMillis(value: FieldValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (NUMERIC_TEXT.test(text) && !/^[+-]?\d{4}$/.test(text)) return Math.trunc(Number(text));
  return parseIsoDate(text);
}

/** Epoch milliseconds of an ISO-8601 date or date-time; undefined when the text is not one. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const base = new Date(0);
  base.setUTCFullYear(year, month - 1, day);
  base.setUTCHours(hour, minute, second, millis);
  return base.getTime() - zoneOffsetMillis(m[8]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** ISO-8601 text of epoch millis, the way ES prints dates (`2024-05-01T10:00:00.000Z`). */
export function formatEpochMillis(millis: number): string {
  return new Date(millis).toISOString();
}

/** Java's `Double.toString`, which Elasticsearch uses when a double becomes a string
 * (EQL and ES|QL alike): shortest digits, plain in [1e-3, 1e7), else `d.dddEn`. */
export function javaDoubleString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
