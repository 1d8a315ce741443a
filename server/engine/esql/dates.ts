// Date arithmetic, truncation, differences, field extraction and Java-style
// date patterns (DATE_FORMAT / DATE_PARSE), in the query's time zone (UTC unless
// `SET time_zone`): calendar work happens on wall-clock ("local") millis, which
// the zone converts from and back to instants.
import { Period } from './types.ts';
import { UTC, formatOffset, type TimeZone } from './zone.ts';
import { EvaluationFailure, arithmeticFailure, illegalArgument, invalidArgument } from './warnings.ts';

const DAY = 86_400_000;

interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  milli: number;
}

function fieldsOf(millis: number): Fields {
  const d = new Date(millis);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    milli: d.getUTCMilliseconds(),
  };
}

function millisOf(year: number, month: number, day: number, timeOfDay = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime() + timeOfDay;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** `date ± amount`: durations in milliseconds, periods by calendar (months clamp to the month's last day). */
export function addTemporalAmount(millis: number, amount: number | Period, sign: 1 | -1, zone: TimeZone = UTC): number {
  if (typeof amount === 'number') return checkDateRange(millis + sign * amount);
  checkDateRange(millis);
  let result = millis + zone.offsetAt(millis);
  if (amount.months !== 0) {
    const years = Math.abs(amount.months / 12) + Math.abs(fieldsOf(result).year);
    if (years > 999_999_999) throw new EvaluationFailure('java.time.DateTimeException', `Invalid value for Year (valid values -999999999 - 999999999): ${Math.trunc(fieldsOf(result).year + (sign * amount.months) / 12)}`);
    result = plusMonths(result, sign * amount.months);
  }
  if (amount.days !== 0) result += sign * amount.days * DAY;
  return checkDateRange(zone.toUtc(result));
}

/** JavaScript dates end at ±8.64e15 ms (year ±275760); past that Elasticsearch's long millis overflow first in practice. */
function checkDateRange(millis: number): number {
  if (!(Math.abs(millis) <= 8.64e15)) throw arithmeticFailure('long overflow');
  return millis;
}

function plusMonths(millis: number, months: number): number {
  const f = fieldsOf(millis);
  const total = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = floorMod(total, 12) + 1;
  const day = Math.min(f.day, daysInMonth(year, month));
  return millisOf(year, month, day, millis - millisOf(f.year, f.month, f.day));
}

// ---------------------------------------------------------------- truncation

export type Rounding = (millis: number) => number;

/** A rounding of wall-clock time applied to instants in `zone`. */
function zoned(rounding: Rounding, zone: TimeZone): Rounding {
  if (zone === UTC) return rounding;
  return (t) => zone.toUtc(rounding(t + zone.offsetAt(t)));
}

/** DATE_TRUNC / BUCKET by a period: one calendar unit (day, week from Monday, month, quarter, year) or whole days, months, years. */
export function periodRounding(period: Period, zone: TimeZone = UTC): Rounding {
  return zoned(localPeriodRounding(period), zone);
}

function localPeriodRounding(period: Period): Rounding {
  const { months, days } = period;
  if ((months !== 0) === (days !== 0) || months < 0 || days < 0) {
    throw illegalArgument('Time interval is not supported');
  }
  if (days === 7) return (t) => floorDays(t) - floorMod(weekdayIndex(t), 7) * DAY;
  if (days > 0) return fixedRounding(days * DAY);
  if (months % 12 === 0) {
    const years = months / 12;
    return (t) => {
      const year = fieldsOf(t).year;
      return millisOf(year - floorMod(year, years), 1, 1);
    };
  }
  return (t) => {
    const f = fieldsOf(t);
    const index = f.year * 12 + f.month - 1;
    const start = index - floorMod(index, months);
    return millisOf(Math.floor(start / 12), floorMod(start, 12) + 1, 1);
  };
}

/** Rounds down to a multiple of `size` milliseconds since the (wall-clock) epoch. */
export function fixedRounding(size: number, zone: TimeZone = UTC): Rounding {
  if (size <= 0) throw illegalArgument('Time interval is not supported');
  return zoned((t) => Math.floor(t / size) * size, zone);
}

function floorDays(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** 0 = Monday ... 6 = Sunday. */
function weekdayIndex(t: number): number {
  return floorMod(Math.floor(t / DAY) + 3, 7);
}

// ---------------------------------------------------------------- BUCKET's automatic date rounding

/** Candidate roundings for BUCKET with a bucket count, coarsest first. */
function humanRoundings(zone: TimeZone): Rounding[] {
  return [
    periodRounding(new Period(12, 0), zone),
    periodRounding(new Period(1, 0), zone),
    periodRounding(new Period(0, 7), zone),
    periodRounding(new Period(0, 1), zone),
    ...[12 * 3_600_000, 3 * 3_600_000, 3_600_000, 30 * 60_000, 10 * 60_000, 5 * 60_000, 60_000, 30_000, 10_000, 5_000, 1_000, 100, 50, 10, 1].map((size) => fixedRounding(size, zone)),
  ];
}

/** BUCKET(date, n, from, to): the finest human-friendly rounding giving at most `buckets` buckets over [from, to]. */
export function pickDateRounding(buckets: number, from: number, to: number, zone: TimeZone = UTC): Rounding {
  const candidates = humanRoundings(zone);
  let chosen = candidates[0]!;
  for (const candidate of candidates) {
    if (countBuckets(candidate, from, to, buckets) > buckets) break;
    chosen = candidate;
  }
  return chosen;
}

function countBuckets(rounding: Rounding, from: number, to: number, limit: number): number {
  let count = 0;
  let t = rounding(from);
  const end = rounding(to);
  while (t <= end) {
    count++;
    if (count > limit) return count;
    // Step past the current bucket: the next rounding point after t.
    let next = t + 1;
    let step = 1;
    while (rounding(next) === t) {
      next = t + step;
      step *= 2;
    }
    // Find the exact start of the next bucket.
    let low = t;
    let high = next;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (rounding(mid) === t) low = mid;
      else high = mid;
    }
    t = high;
  }
  return count;
}

// ---------------------------------------------------------------- DATE_DIFF

const DIFF_UNITS: Record<string, string> = {
  year: 'year', years: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', quarters: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', months: 'month', mm: 'month', m: 'month',
  dayofyear: 'day', dy: 'day', y: 'day',
  day: 'day', days: 'day', dd: 'day', d: 'day',
  week: 'week', weeks: 'week', wk: 'week', ww: 'week',
  weekday: 'day', weekdays: 'day', dw: 'day',
  hour: 'hour', hours: 'hour', hh: 'hour',
  minute: 'minute', minutes: 'minute', mi: 'minute', n: 'minute',
  second: 'second', seconds: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', milliseconds: 'millisecond', ms: 'millisecond',
  microsecond: 'microsecond', microseconds: 'microsecond', mcs: 'microsecond',
  nanosecond: 'nanosecond', nanoseconds: 'nanosecond', ns: 'nanosecond',
};

export function dateDiffUnit(text: string): string {
  const unit = DIFF_UNITS[text.toLowerCase()];
  if (unit === undefined) throw invalidArgument(`A value of [YEAR, QUARTER, MONTH, DAYOFYEAR, DAY, WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND] or their aliases is required; received [${text}]`);
  return unit;
}

/** Whole `unit`s from start to end, truncated toward zero (java.time's `until`); calendar units count in `zone`. */
export function dateDiff(unit: string, start: number, end: number, zone: TimeZone = UTC): number {
  switch (unit) {
    case 'nanosecond':
      return (end - start) * 1_000_000;
    case 'microsecond':
      return (end - start) * 1000;
    case 'millisecond':
      return end - start;
    case 'second':
      return Math.trunc((end - start) / 1000);
    case 'minute':
      return Math.trunc((end - start) / 60_000);
    case 'hour':
      return Math.trunc((end - start) / 3_600_000);
    default:
      return dateBasedDiff(unit, start + zone.offsetAt(start), end + zone.offsetAt(end));
  }
}

function dateBasedDiff(unit: string, start: number, end: number): number {
  const startDay = Math.floor(start / DAY);
  const startTime = start - startDay * DAY;
  let endDay = Math.floor(end / DAY);
  const endTime = end - endDay * DAY;
  // A partial last day does not count (LocalDateTime.until).
  if (endDay > startDay && endTime < startTime) endDay--;
  else if (endDay < startDay && endTime > startTime) endDay++;
  const days = endDay - startDay;
  if (unit === 'day') return days;
  if (unit === 'week') return Math.trunc(days / 7);
  const s = fieldsOf(startDay * DAY);
  const e = fieldsOf(endDay * DAY);
  const packed1 = (s.year * 12 + s.month - 1) * 32 + s.day;
  const packed2 = (e.year * 12 + e.month - 1) * 32 + e.day;
  const months = Math.trunc((packed2 - packed1) / 32);
  if (unit === 'month') return months;
  if (unit === 'quarter') return Math.trunc(months / 3);
  return Math.trunc(months / 12);
}

// ---------------------------------------------------------------- DATE_EXTRACT

export function extractField(field: string, instant: number, zone: TimeZone = UTC): number {
  const offset = zone.offsetAt(instant);
  const millis = instant + offset;
  const f = fieldsOf(millis);
  const dayOfYear = Math.floor((floorDays(millis) - millisOf(f.year, 1, 1)) / DAY) + 1;
  switch (field.toUpperCase()) {
    case 'YEAR':
    case 'YEAR_OF_ERA':
      return field.toUpperCase() === 'YEAR' ? f.year : f.year > 0 ? f.year : 1 - f.year;
    case 'MONTH_OF_YEAR':
      return f.month;
    case 'DAY_OF_MONTH':
      return f.day;
    case 'DAY_OF_YEAR':
      return dayOfYear;
    case 'DAY_OF_WEEK':
      return weekdayIndex(millis) + 1;
    case 'HOUR_OF_DAY':
      return f.hour;
    case 'CLOCK_HOUR_OF_DAY':
      return f.hour === 0 ? 24 : f.hour;
    case 'HOUR_OF_AMPM':
      return f.hour % 12;
    case 'CLOCK_HOUR_OF_AMPM':
      return f.hour % 12 === 0 ? 12 : f.hour % 12;
    case 'AMPM_OF_DAY':
      return f.hour < 12 ? 0 : 1;
    case 'MINUTE_OF_HOUR':
      return f.minute;
    case 'MINUTE_OF_DAY':
      return f.hour * 60 + f.minute;
    case 'SECOND_OF_MINUTE':
      return f.second;
    case 'SECOND_OF_DAY':
      return f.hour * 3600 + f.minute * 60 + f.second;
    case 'MILLI_OF_SECOND':
      return f.milli;
    case 'MILLI_OF_DAY':
      return millis - floorDays(millis);
    case 'MICRO_OF_SECOND':
      return f.milli * 1000;
    case 'MICRO_OF_DAY':
      return (millis - floorDays(millis)) * 1000;
    case 'NANO_OF_SECOND':
      return f.milli * 1_000_000;
    case 'NANO_OF_DAY':
      return (millis - floorDays(millis)) * 1_000_000;
    case 'EPOCH_DAY':
      return Math.floor(millis / DAY);
    case 'INSTANT_SECONDS':
      return Math.floor(instant / 1000);
    case 'PROLEPTIC_MONTH':
      return f.year * 12 + f.month - 1;
    case 'ERA':
      return f.year > 0 ? 1 : 0;
    case 'ALIGNED_DAY_OF_WEEK_IN_MONTH':
      return ((f.day - 1) % 7) + 1;
    case 'ALIGNED_DAY_OF_WEEK_IN_YEAR':
      return ((dayOfYear - 1) % 7) + 1;
    case 'ALIGNED_WEEK_OF_MONTH':
      return Math.floor((f.day - 1) / 7) + 1;
    case 'ALIGNED_WEEK_OF_YEAR':
      return Math.floor((dayOfYear - 1) / 7) + 1;
    case 'OFFSET_SECONDS':
      return offset / 1000;
    default:
      throw invalidArgument(`No enum constant java.time.temporal.ChronoField.${field.toUpperCase()}`);
  }
}

// ---------------------------------------------------------------- names

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function monthName(instant: number, zone: TimeZone = UTC): string {
  return MONTHS[fieldsOf(instant + zone.offsetAt(instant)).month - 1]!;
}

export function dayName(instant: number, zone: TimeZone = UTC): string {
  return WEEKDAYS[weekdayIndex(instant + zone.offsetAt(instant))]!;
}

// ---------------------------------------------------------------- Java date patterns

type PatternToken = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

const patternCache = new Map<string, PatternToken[]>();

function tokenizePattern(pattern: string): PatternToken[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: PatternToken[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          break;
        }
        text += pattern[i++];
      }
      if (pattern[i] !== "'") throw illegalArgument(`Pattern ends with an incomplete string literal: ${pattern}`);
      i++;
      tokens.push({ kind: 'literal', text });
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (!'GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZ'.includes(c)) throw illegalArgument(`Unknown pattern letter: ${c}`);
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else if (c === '[' || c === ']') {
      i++;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i++;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

function pad(n: number, width: number): string {
  const text = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${text}` : text;
}

/** ISO week-based year and week of a day. */
function isoWeek(millis: number): { year: number; week: number } {
  const day = Math.floor(millis / DAY);
  const weekday = weekdayIndex(millis);
  const thursday = (day - weekday + 3) * DAY;
  const year = fieldsOf(thursday).year;
  const firstThursdayDay = Math.floor((thursday - millisOf(year, 1, 1)) / DAY);
  return { year, week: Math.floor(firstThursdayDay / 7) + 1 };
}

/** Formats an instant with a java.time pattern (`yyyy-MM-dd'T'HH:mm`) in `zone`, English names. */
export function formatDatePattern(pattern: string, instant: number, zone: TimeZone = UTC): string {
  const offset = zone.offsetAt(instant);
  const millis = instant + offset;
  const f = fieldsOf(millis);
  let out = '';
  for (const token of tokenizePattern(pattern)) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'G':
        out += n === 4 ? (f.year > 0 ? 'Anno Domini' : 'Before Christ') : n === 5 ? (f.year > 0 ? 'A' : 'B') : f.year > 0 ? 'AD' : 'BC';
        break;
      case 'u':
      case 'y': {
        const year = token.letter === 'y' && f.year <= 0 ? 1 - f.year : f.year;
        out += n === 2 ? pad(floorMod(year, 100), 2) : year > 9999 && n === 4 ? `+${year}` : pad(year, n);
        break;
      }
      case 'Y': {
        const year = isoWeek(millis).year;
        out += n === 2 ? pad(floorMod(year, 100), 2) : pad(year, n);
        break;
      }
      case 'w':
        out += pad(isoWeek(millis).week, n);
        break;
      case 'M':
      case 'L':
        out += n >= 5 ? MONTHS[f.month - 1]![0] : n === 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(extractField('DAY_OF_YEAR', millis), n);
        break;
      case 'Q':
      case 'q': {
        const quarter = Math.floor((f.month - 1) / 3) + 1;
        out += n === 3 ? `Q${quarter}` : n === 4 ? `${['1st', '2nd', '3rd', '4th'][quarter - 1]} quarter` : pad(quarter, n);
        break;
      }
      case 'E':
        out += n === 4 ? WEEKDAYS[weekdayIndex(millis)] : n === 5 ? WEEKDAYS[weekdayIndex(millis)]![0] : WEEKDAYS[weekdayIndex(millis)]!.slice(0, 3);
        break;
      case 'e':
      case 'c':
        out += n >= 3 ? (n === 4 ? WEEKDAYS[weekdayIndex(millis)] : WEEKDAYS[weekdayIndex(millis)]!.slice(0, 3)) : pad(weekdayIndex(millis) + 1, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.milli, 3).padEnd(n, '0').slice(0, n);
        break;
      case 'A':
        out += pad(millis - floorDays(millis), n);
        break;
      case 'n':
        out += pad(f.milli * 1_000_000, n);
        break;
      case 'N':
        out += pad((millis - floorDays(millis)) * 1_000_000, n);
        break;
      case 'V':
        out += zone.id;
        break;
      case 'z':
        out += zone === UTC ? (n === 4 ? 'Coordinated Universal Time' : 'UTC') : zone.id;
        break;
      case 'O':
        out += offset === 0 ? 'GMT' : `GMT${formatOffset(offset)}`;
        break;
      case 'X':
        out += n === 1 && offset !== 0 ? formatOffset(offset).slice(0, 3) : formatOffset(offset, true, n !== 2 && n !== 4);
        break;
      case 'x':
        out += n === 1 ? formatOffset(offset, false).slice(0, 3) : formatOffset(offset, false, n !== 2 && n !== 4);
        break;
      case 'Z':
        out += n === 4 ? (offset === 0 ? 'GMT' : `GMT${formatOffset(offset)}`) : n === 5 ? formatOffset(offset) : formatOffset(offset, false, false);
        break;
      default:
        throw illegalArgument(`Unsupported pattern letter: ${token.letter}`);
    }
  }
  return out;
}

interface ParsePlan {
  regex: RegExp;
  setters: ((parts: Partial<Fields> & { offset?: number; pm?: boolean; hour12?: number }, text: string) => void)[];
}

const planCache = new Map<string, ParsePlan>();

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

const localeMonthNames = new Map<string, string[]>();

/** Month names of a locale (`fr`: janvier, ...), full or abbreviated, from Intl. */
function monthNames(locale: string, abbreviated: boolean): string[] {
  if (locale === 'en' || locale === 'root') return abbreviated ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS;
  const key = `${locale}:${abbreviated}`;
  let names = localeMonthNames.get(key);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { month: abbreviated ? 'short' : 'long', timeZone: 'UTC' });
    names = Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
    localeMonthNames.set(key, names);
  }
  return names;
}

function parsePlan(pattern: string, locale: string): ParsePlan {
  const cacheKey = `${locale}\u0000${pattern}`;
  const cached = planCache.get(cacheKey);
  if (cached) return cached;
  let source = '';
  const setters: ParsePlan['setters'] = [];
  const tokens = tokenizePattern(pattern);
  tokens.forEach((token, index) => {
    if (token.kind === 'literal') {
      source += escapeRegex(token.text);
      return;
    }
    const n = token.count;
    // Adjacent numeric fields (`yyyyMMdd`) parse fixed widths.
    const next = tokens[index + 1];
    const fixed = next?.kind === 'field' && /[yuMdHhmsSDk]/.test(next.letter);
    const digits = (min: number, max = 19) => (fixed ? `(\\d{${Math.max(min, n)}})` : `(\\d{${Math.max(min, n)},${Math.max(max, n)}})`);
    switch (token.letter) {
      case 'y':
      case 'u':
      case 'Y':
        if (n === 2) {
          source += '(\\d{2})';
          setters.push((p, t) => (p.year = 2000 + Number(t)));
        } else {
          source += fixed ? `([+-]?\\d{${n}})` : `([+-]?\\d{${Math.max(1, n)},10})`;
          setters.push((p, t) => (p.year = Number(t)));
        }
        break;
      case 'M':
      case 'L':
        if (n >= 3) {
          source += n === 4 ? '(\\p{L}+)' : '(\\p{L}+\\.?)';
          const names = monthNames(locale, n === 3).map((name) => name.toLowerCase());
          setters.push((p, t) => {
            const i = names.indexOf(t.toLowerCase());
            if (i < 0) throw illegalArgument(`unknown month [${t}]`);
            p.month = i + 1;
          });
        } else {
          source += digits(n, 2);
          setters.push((p, t) => (p.month = Number(t)));
        }
        break;
      case 'd':
        source += digits(n, 2);
        setters.push((p, t) => (p.day = Number(t)));
        break;
      case 'E':
        source += n === 4 ? '([A-Za-z]+)' : '([A-Za-z]{3})';
        setters.push(() => undefined);
        break;
      case 'H':
      case 'k':
        source += digits(n, 2);
        setters.push((p, t) => (p.hour = Number(t) % 24));
        break;
      case 'h':
      case 'K':
        source += digits(n, 2);
        setters.push((p, t) => (p.hour12 = Number(t) % 12));
        break;
      case 'a':
        source += '([AaPp][Mm])';
        setters.push((p, t) => (p.pm = t.toLowerCase() === 'pm'));
        break;
      case 'm':
        source += digits(n, 2);
        setters.push((p, t) => (p.minute = Number(t)));
        break;
      case 's':
        source += digits(n, 2);
        setters.push((p, t) => (p.second = Number(t)));
        break;
      case 'S':
        source += `(\\d{${n}})`;
        setters.push((p, t) => (p.milli = Number(t.padEnd(3, '0').slice(0, 3))));
        break;
      case 'X':
      case 'x':
      case 'Z':
      case 'O':
        source += '(Z|(?:GMT|UTC)(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}(?::?\\d{2})?)';
        setters.push((p, t) => (p.offset = offsetMinutes(t)));
        break;
      case 'V':
      case 'z':
        source += '(Z|UTC|GMT)';
        setters.push((p) => (p.offset = 0));
        break;
      default:
        throw illegalArgument(`pattern letter ${token.letter} is not supported for parsing by the local engine`);
    }
  });
  const plan = { regex: new RegExp(`^${source}$`, 'iu'), setters };
  planCache.set(cacheKey, plan);
  return plan;
}

function offsetMinutes(text: string): number {
  const m = /^(?:Z|GMT|UTC)?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(text);
  if (!m || m[1] === undefined) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Parses text with a java.time pattern; missing fields default to 1970-01-01T00:00:00, a missing offset to `zone`'s. */
export function parseDatePattern(pattern: string, text: string, zone: TimeZone = UTC, locale = 'en'): number {
  const plan = parsePlan(pattern, locale);
  const m = plan.regex.exec(text);
  const failure = () => illegalArgument(`failed to parse date field [${text}] with format [${pattern}]`);
  if (!m) throw failure();
  const parts: Partial<Fields> & { offset?: number; pm?: boolean; hour12?: number } = {};
  plan.setters.forEach((set, i) => set(parts, m[i + 1]!));
  // Like Elasticsearch's formatters, a year without a month stands for the year's start.
  if (parts.year !== undefined && parts.month === undefined) {
    const start = millisOf(parts.year, 1, 1);
    return parts.offset === undefined ? zone.toUtc(start) : start - parts.offset * 60_000;
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  let hour = parts.hour ?? 0;
  if (parts.hour12 !== undefined) hour = parts.hour12 + (parts.pm ? 12 : 0);
  const minute = parts.minute ?? 0;
  const second = parts.second ?? 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) throw failure();
  if (day < 1 || day > daysInMonth(year, month)) {
    throw illegalArgument(`failed to parse date field [${text}] with format [${pattern}]`);
  }
  const millis = millisOf(year, month, day, ((hour * 60 + minute) * 60 + second) * 1000 + (parts.milli ?? 0));
  return parts.offset === undefined ? zone.toUtc(millis) : millis - parts.offset * 60_000;
}

// ---------------------------------------------------------------- DATE_UNIT_COUNT

/** Unit lengths in nanoseconds: whole numbers, so counts divide exactly. */
const FIXED_UNITS: Record<string, number> = {
  nanosecond: 1,
  microsecond: 1e3,
  millisecond: 1e6,
  second: 1e9,
  minute: 6e10,
  hour: 3.6e12,
  day: 8.64e13,
  week: 6.048e14,
};

const CALENDAR_MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };

function unitName(text: string): string {
  const lower = text.toLowerCase();
  const name = lower.endsWith('s') ? lower.slice(0, -1) : lower;
  if (FIXED_UNITS[name] === undefined && CALENDAR_MONTHS[name] === undefined) throw invalidArgument(`invalid time unit [${text}]`);
  return name;
}

/** How many `unit`s the `containing` period around `millis` holds (days in that month, weeks in that year, ...). */
export function dateUnitCount(unitText: string, containingText: string, instant: number, zone: TimeZone = UTC): number {
  const millis = instant + zone.offsetAt(instant);
  const unit = unitName(unitText);
  const containing = unitName(containingText);
  const months = CALENDAR_MONTHS[containing];
  const unitMonths = CALENDAR_MONTHS[unit];
  if (months !== undefined) {
    if (unitMonths !== undefined) return Math.floor(months / unitMonths);
    const start = periodRounding(new Period(months, 0))(millis);
    const length = (plusMonths(start, months) - start) * 1e6;
    return Math.floor(length / FIXED_UNITS[unit]!);
  }
  if (unitMonths !== undefined) return 0;
  return Math.floor(FIXED_UNITS[containing]! / FIXED_UNITS[unit]!);
}
