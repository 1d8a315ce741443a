// Reading date values the way an Elasticsearch `date`/`date_nanos` field with a
// `format` reads its source: `||`-separated formats tried in order, the named
// ISO and epoch formats, and custom java.time patterns such as `dd-MM-yyyy`.
// Instants keep nanoseconds, which `date_nanos` fields compare on.
import type { FieldValue } from '../values.ts';

/** Epoch milliseconds (floored) plus the nanoseconds within that millisecond. */
export interface Instant {
  ms: number;
  ns: number;
}

export type DateParser = (value: FieldValue) => Instant | undefined;

/** Elasticsearch's default date format. */
const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

type TextParser = (text: string) => Instant | undefined;

/** A parser for a mapping's `format` (the default when absent); a format it cannot read falls back to ISO-8601. */
export function compileDateFormat(format: string | undefined): DateParser {
  const names = (format ?? DEFAULT_DATE_FORMAT).split('||').map((name) => name.trim());
  const parsers = names.map(textParser);
  const numbersAreMillis = names.includes('epoch_millis');
  const numbersAreSeconds = !numbersAreMillis && names.includes('epoch_second');
  return (value) => {
    if (typeof value === 'number') {
      if (numbersAreMillis) return fromEpoch(value, 1);
      if (numbersAreSeconds) return fromEpoch(value, 1000);
    }
    if (typeof value === 'boolean') return undefined;
    const text = String(value).trim();
    for (const parse of parsers) {
      const instant = parse(text);
      if (instant) return instant;
    }
    return undefined;
  };
}

function textParser(name: string): TextParser {
  switch (name) {
    case 'epoch_millis':
      return (text) => parseEpoch(text, 1);
    case 'epoch_second':
      return (text) => parseEpoch(text, 1000);
    case 'strict_date_optional_time':
    case 'date_optional_time':
    case 'strict_date_optional_time_nanos':
    case 'strict_date_time':
    case 'date_time':
    case 'strict_date_time_no_millis':
    case 'date_time_no_millis':
    case 'strict_date':
    case 'date':
    case 'iso8601':
      return parseIsoInstant;
  }
  return /[a-zA-Z]/.test(name) && !name.includes('_') ? patternParser(name) : parseIsoInstant;
}

const EPOCH = /^([+-]?\d+)(?:\.(\d+))?$/;

function parseEpoch(text: string, unitMillis: number): Instant | undefined {
  const m = EPOCH.exec(text);
  if (!m) return undefined;
  if (unitMillis === 1) {
    const fraction = (m[2] ?? '').slice(0, 6).padEnd(6, '0');
    return normalise(Number(m[1]), Number(fraction));
  }
  return fromEpoch(Number(text), unitMillis);
}

function fromEpoch(value: number, unitMillis: number): Instant | undefined {
  if (!Number.isFinite(value)) return undefined;
  const millis = value * unitMillis;
  const ms = Math.floor(millis);
  return { ms, ns: Math.round((millis - ms) * 1e6) };
}

function normalise(ms: number, ns: number): Instant {
  return ms < 0 && ns > 0 ? { ms: ms - 1, ns: 1_000_000 - ns } : { ms, ns };
}

// strict_date_optional_time: a date, optionally a time with optional minutes, seconds and fraction, optionally a zone.
const ISO =
  /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/** An ISO-8601 date-time (no zone means UTC), keeping up to nanosecond precision. */
export function parseIsoInstant(text: string): Instant | undefined {
  const canonical = parseCanonicalUtc(text);
  if (canonical) return canonical;
  const m = ISO.exec(text);
  if (!m) return undefined;
  return instantOf(
    Number(m[1]),
    m[2] === undefined ? 1 : Number(m[2]),
    m[3] === undefined ? 1 : Number(m[3]),
    m[4] === undefined ? 0 : Number(m[4]),
    m[5] === undefined ? 0 : Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
    m[7] ?? '',
    zoneOffsetMinutes(m[8]),
  );
}

const DIGIT_0 = 48;

/**
 * The common shape `yyyy-MM-ddTHH:mm:ss[.fraction]Z`, read without a regex or a
 * Date object: it is on every event that reaches a sink. Undefined for any other
 * shape (the general parser then decides).
 */
function parseCanonicalUtc(text: string): Instant | undefined {
  const n = text.length;
  if (n < 20 || n > 30 || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let fraction = 0;
  let scale = 1e9;
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 /* . */ || n - 21 > 9) return undefined;
    fraction = digits(text, 20, n - 1);
    if (fraction < 0) return undefined;
    scale = 10 ** (n - 21);
  } else if (text.charCodeAt(19) !== 90) {
    return undefined;
  }
  if ((year | month | day | hour | minute | second) < 0) return undefined;
  const nanosOfSecond = (fraction * 1e9) / scale;
  const millisOfSecond = Math.floor(nanosOfSecond / 1e6);
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second) + millisOfSecond, ns: nanosOfSecond - millisOfSecond * 1e6 };
}

/** The decimal number in text[start, end); -1 when a character is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function instantOf(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string, offsetMinutes: number): Instant | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const base = new Date(0);
  base.setUTCFullYear(year, month - 1, day);
  base.setUTCHours(hour, minute, second, 0);
  const digits = fraction.padEnd(9, '0');
  const ms = base.getTime() - offsetMinutes * 60_000 + Number(digits.slice(0, 3));
  return { ms, ns: Number(digits.slice(3, 9)) };
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'zone';

/** A java.time pattern (`yyyy-MM-dd HH:mm:ss.SSS`, `dd-MM-yyyy`, quoted literals, `X`/`Z` zones) as a parser. */
function patternParser(pattern: string): TextParser {
  let source = '';
  const fields: Field[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      const literal = close < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, close);
      source += literal === '' ? "'" : escapeRegExp(literal);
      i = close < 0 ? pattern.length : close + 1;
      continue;
    }
    let j = i;
    while (j < pattern.length && pattern[j] === c) j++;
    const width = j - i;
    const field = PATTERN_LETTERS[c];
    if (field) {
      fields.push(field);
      source += field === 'zone' ? '(Z|[+-]\\d{2}(?::?\\d{2})?)' : field === 'fraction' ? `(\\d{1,${Math.max(width, 9)}})` : field === 'year' ? '([+-]?\\d{4,9})' : `(\\d{${width === 1 ? '1,2' : width}})`;
    } else {
      source += escapeRegExp(pattern.slice(i, j));
    }
    i = j;
  }
  const regex = new RegExp(`^${source}$`);
  return (text) => {
    const m = regex.exec(text);
    if (!m) return undefined;
    const parts: Partial<Record<Field, string>> = {};
    fields.forEach((field, index) => (parts[field] = m[index + 1]));
    return instantOf(
      Number(parts.year ?? 1970),
      Number(parts.month ?? 1),
      Number(parts.day ?? 1),
      Number(parts.hour ?? 0),
      Number(parts.minute ?? 0),
      Number(parts.second ?? 0),
      parts.fraction ?? '',
      zoneOffsetMinutes(parts.zone),
    );
  };
}

const PATTERN_LETTERS: Readonly<Record<string, Field>> = {
  y: 'year',
  u: 'year',
  M: 'month',
  d: 'day',
  H: 'hour',
  m: 'minute',
  s: 'second',
  S: 'fraction',
  X: 'zone',
  Z: 'zone',
  x: 'zone',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
