// The leaf queries KQL and the Lucene query string both compile to in Elasticsearch
// (term/match, wildcard, range, exists), evaluated against event sources with no
// index mapping; the KQL and the Lucene evaluators share them. Keyword semantics: values compare exactly and case-sensitively.
// Without a mapping a field's type is read from each JSON value:
//   - a JSON number is a numeric field: the query value is compared as a number;
//   - a JSON boolean is a boolean field (`true`/`false`);
//   - a string is a keyword, except that the timestamp field (and any string that is
//     an ISO-8601 date-time, as ECS date fields are) is also a date, and a string that
//     is an IP address is also an ip (so `source.ip:10.0.0.0/8` is a CIDR match).
// A multi-valued field matches when any of its values does.
import type { Clock } from '../clock.ts';
import type { CompileResult, EngineOptions } from '../contract.ts';
import { createLatestEventsSink } from '../runner/latestEvents.ts';
import { resolveDateMath } from '../clock.ts';
import { compileFieldAccessor } from '../fieldAccess.ts';
import { cidrContains, compareIp, parseCidr, parseIp, type CidrBlock, type IpAddress } from '../ip.ts';
import { parseIsoDate, toEpochMillis, toNumber, type EventDocument, type FieldValue, type JsonValue } from '../values.ts';

export type EventPredicate = (event: EventDocument) => boolean;
export type LeafTest = (value: FieldValue) => boolean;

export interface FieldQueryContext {
  clock: Clock;
  aliases?: ReadonlyMap<string, string>;
  /** The field that is always a date (`@timestamp` unless the options say otherwise). */
  timestampField: string;
}

/** Where a leaf query looks: one field, every field whose dotted name matches a wildcard pattern, or every field. */
export type FieldTarget = { kind: 'field'; name: string } | { kind: 'pattern'; pattern: GlobPattern } | { kind: 'all' };

export const matchAll: EventPredicate = () => true;

/** A KQL or Lucene query: a pure filter whose results are the newest matching events. */
export function filterQuery(language: 'kuery' | 'lucene', predicate: EventPredicate, options: EngineOptions): CompileResult {
  return {
    ok: true,
    query: {
      language,
      prefilter: predicate === matchAll ? undefined : predicate,
      createSink: () => createLatestEventsSink({ limit: options.limit, timestampField: options.timestampField, aliases: options.aliases }),
    },
  };
}
export const matchNone: EventPredicate = () => false;

// ---- wildcard patterns ------------------------------------------------------

/** `*` matches any run of characters (newlines included), `?` exactly one code point. */
export const ANY_STRING = Symbol('*');
export const ANY_CHAR = Symbol('?');
export type GlobToken = string | typeof ANY_STRING | typeof ANY_CHAR;
export type GlobPattern = readonly GlobToken[];

/** A KQL wildcard value (the decoded text between its `*`s) as a pattern. */
export function starPattern(parts: readonly string[]): GlobPattern {
  const out: GlobToken[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(ANY_STRING);
    if (part !== '') out.push(part);
  });
  return out;
}

/** Whether the pattern is a lone `*`. */
export function isLoneStar(pattern: GlobPattern): boolean {
  return pattern.length === 1 && pattern[0] === ANY_STRING;
}

/** A case-sensitive matcher for a wildcard pattern, with fast paths for the usual prefix/suffix/infix shapes. */
export function compileGlob(pattern: GlobPattern): (text: string) => boolean {
  const literal = (t: GlobToken | undefined): t is string => typeof t === 'string';
  const n = pattern.length;
  if (pattern.every(literal)) {
    const whole = pattern.join('');
    return (text) => text === whole;
  }
  if (!pattern.includes(ANY_CHAR)) {
    const [first, second, third] = pattern;
    if (n === 1) return () => true;
    if (n === 2 && literal(first)) return (text) => text.startsWith(first);
    if (n === 2 && literal(second)) return (text) => text.endsWith(second);
    if (n === 3 && literal(second) && first === ANY_STRING && third === ANY_STRING) return (text) => text.includes(second);
    if (n === 3 && literal(first) && literal(third)) {
      const min = first.length + third.length;
      return (text) => text.length >= min && text.startsWith(first) && text.endsWith(third);
    }
  }
  const source = pattern
    .map((t) => (t === ANY_STRING ? '.*' : t === ANY_CHAR ? '.' : escapeRegExp(t)))
    .join('');
  const regex = new RegExp(`^(?:${source})$`, 'su');
  return (text) => regex.test(text);
}

/** Escapes the characters with a meaning in a (`u`-flag) regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

// ---- dates ------------------------------------------------------------------

/** An ISO-8601 date-time as ECS date fields hold them (a date alone is not enough to call a string a date). */
const ISO_DATE_TIME = /^[+-]?\d{4,9}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
/** A date written with at least a day, the least a value needs to be compared as a date outside the timestamp field. */
const ISO_DAY_OR_FINER = /^[+-]?\d{4,9}-\d{2}-\d{2}/;

export function looksLikeDateTime(text: string): boolean {
  return ISO_DATE_TIME.test(text);
}

/**
 * Epoch millis of a date query value, read as Elasticsearch reads range bounds:
 * date math (`now-1d/d`, `2024-05-01||+1M`) against the clock, ISO-8601 text or
 * epoch millis. With `roundUp`, a partial date stands for the last millisecond it
 * covers (`2024-05` → 2024-05-31T23:59:59.999Z) and `/unit` rounds to the unit's end.
 */
export function parseDateBound(text: string, clock: Clock, roundUp: boolean): number | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('now') || trimmed.includes('||')) return resolveDateMath(trimmed, clock, { roundUp });
  const millis = toEpochMillis(trimmed);
  if (millis === undefined || !roundUp || parseIsoDate(trimmed) === undefined) return millis;
  return lastMillisecondOf(trimmed, millis);
}

/** The last millisecond of the period a partial ISO date names (itself when it names a millisecond). */
function lastMillisecondOf(text: string, start: number): number {
  const m = /^[+-]?\d{4,9}(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?)?)?/.exec(text);
  if (!m || m[6] !== undefined) return start;
  const date = new Date(start);
  if (m[1] === undefined) date.setUTCFullYear(date.getUTCFullYear() + 1);
  else if (m[2] === undefined) date.setUTCMonth(date.getUTCMonth() + 1);
  else if (m[3] === undefined) date.setUTCDate(date.getUTCDate() + 1);
  else if (m[4] === undefined) date.setUTCHours(date.getUTCHours() + 1);
  else if (m[5] === undefined) date.setUTCMinutes(date.getUTCMinutes() + 1);
  else date.setUTCSeconds(date.getUTCSeconds() + 1);
  return date.getTime() - 1;
}

// ---- leaf tests -------------------------------------------------------------

/**
 * An exact match of one query value (a KQL value or phrase, a Lucene term or phrase):
 * the value itself for keywords; numeric equality for numbers; `true`/`false` for
 * booleans; the whole period a date names for dates (`@timestamp:2024-05-01` is that
 * day, as Kibana's range from the value to itself is); address or CIDR containment for IPs.
 */
export function termTest(value: string, dateField: boolean, context: FieldQueryContext): LeafTest {
  const number = toNumber(value);
  const boolean = value === 'true' ? true : value === 'false' ? false : undefined;
  const ip = ipQuery(value);
  const dates = dateField || ISO_DAY_OR_FINER.test(value) ? dateWindow(value, value, true, true, context.clock) : undefined;
  return (leaf) => {
    if (typeof leaf === 'string') {
      if (leaf === value) return true;
      if (ip !== undefined && ip(leaf)) return true;
      if (dates !== undefined && (dateField || looksLikeDateTime(leaf))) {
        const millis = toEpochMillis(leaf);
        return millis !== undefined && millis >= dates.lower && millis <= dates.upper;
      }
      return false;
    }
    if (typeof leaf === 'number') {
      if (dateField && dates !== undefined) return leaf >= dates.lower && leaf <= dates.upper;
      return leaf === number;
    }
    return leaf === boolean;
  };
}

/** Whether `termTest(value)` is plain string equality (no number, boolean, IP or date reading applies). */
export function isPlainKeyword(value: string, dateField: boolean): boolean {
  return (
    !dateField &&
    toNumber(value) === undefined &&
    value !== 'true' &&
    value !== 'false' &&
    ipQuery(value) === undefined &&
    !ISO_DAY_OR_FINER.test(value)
  );
}

/** For a value that is an IP or a CIDR block, a test of string leaves that are addresses. */
function ipQuery(value: string): ((leaf: string) => boolean) | undefined {
  if (value.includes('/')) {
    const block: CidrBlock | undefined = parseCidr(value);
    if (!block) return undefined;
    return (leaf) => {
      const address = parseIp(leaf);
      return address !== undefined && cidrContains(block, address);
    };
  }
  // Equal IPv4 text is already equal as a string; IPv6 has several spellings of one address.
  if (!value.includes(':')) return undefined;
  const address = parseIp(value);
  if (!address) return undefined;
  return (leaf) => {
    if (!leaf.includes(':')) return false;
    const other = parseIp(leaf);
    return other !== undefined && compareIp(other, address) === 0;
  };
}

/** A wildcard match: on keyword (string) values only, as Elasticsearch refuses wildcards on other types. */
export function wildcardTest(pattern: GlobPattern): LeafTest {
  const matches = compileGlob(pattern);
  return (leaf) => typeof leaf === 'string' && matches(leaf);
}

export interface RangeBounds {
  /** Null for an open side. */
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
}

/**
 * A range over one field: numbers compare as numbers; the timestamp field and
 * ISO-8601 date-time strings compare as dates (bounds may use date math, rounded the
 * way Elasticsearch rounds each side); addresses compare as IPs when both bounds are
 * addresses; other strings compare as keywords, by code point.
 */
export function rangeTest(bounds: RangeBounds, dateField: boolean, context: FieldQueryContext): LeafTest {
  const { lower, upper, includeLower, includeUpper } = bounds;
  const numeric = numericRange(bounds);
  const dates = dateWindow(lower, upper, includeLower, includeUpper, context.clock);
  const ips = ipRange(bounds);
  const keyword = keywordRange(bounds);
  return (leaf) => {
    if (typeof leaf === 'number') {
      if (dateField) return dates !== undefined && leaf >= dates.lower && leaf <= dates.upper;
      return numeric(leaf);
    }
    if (typeof leaf !== 'string') return false;
    if (dates !== undefined && (dateField || looksLikeDateTime(leaf))) {
      const millis = toEpochMillis(leaf);
      return millis !== undefined && millis >= dates.lower && millis <= dates.upper;
    }
    if (dateField) return false;
    if (ips !== undefined) {
      const address = parseIp(leaf);
      if (address !== undefined) return ips(address);
    }
    return keyword(leaf);
  };
}

function numericRange({ lower, upper, includeLower, includeUpper }: RangeBounds): (n: number) => boolean {
  const low = lower === null ? -Infinity : toNumber(lower);
  const high = upper === null ? Infinity : toNumber(upper);
  if (low === undefined || high === undefined) return () => false;
  return (n) => (includeLower ? n >= low : n > low) && (includeUpper ? n <= high : n < high);
}

interface DateWindow {
  lower: number;
  upper: number;
}

/** Inclusive epoch-millis bounds, as Elasticsearch's date range turns exclusive bounds into inclusive ones. */
function dateWindow(lower: string | null, upper: string | null, includeLower: boolean, includeUpper: boolean, clock: Clock): DateWindow | undefined {
  let low = -Infinity;
  let high = Infinity;
  if (lower !== null) {
    const millis = parseDateBound(lower, clock, !includeLower);
    if (millis === undefined) return undefined;
    low = includeLower ? millis : millis + 1;
  }
  if (upper !== null) {
    const millis = parseDateBound(upper, clock, includeUpper);
    if (millis === undefined) return undefined;
    high = includeUpper ? millis : millis - 1;
  }
  return { lower: low, upper: high };
}

function ipRange({ lower, upper, includeLower, includeUpper }: RangeBounds): ((ip: IpAddress) => boolean) | undefined {
  const low = lower === null ? null : parseIp(lower);
  const high = upper === null ? null : parseIp(upper);
  if (low === undefined || high === undefined || (low === null && high === null)) return undefined;
  return (ip) => {
    if (low !== null) {
      const c = compareIp(ip, low);
      if (includeLower ? c < 0 : c <= 0) return false;
    }
    if (high !== null) {
      const c = compareIp(ip, high);
      if (includeUpper ? c > 0 : c >= 0) return false;
    }
    return true;
  };
}

function keywordRange({ lower, upper, includeLower, includeUpper }: RangeBounds): (text: string) => boolean {
  return (text) => {
    if (lower !== null) {
      const c = compareCodePoints(text, lower);
      if (includeLower ? c < 0 : c <= 0) return false;
    }
    if (upper !== null) {
      const c = compareCodePoints(text, upper);
      if (includeUpper ? c > 0 : c >= 0) return false;
    }
    return true;
  };
}

/** Keyword order: UTF-8 byte order, which is code point order (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

// ---- leaf queries over events -----------------------------------------------

/** Whether the target holds a value passing `test` (any value of a multi-valued field). */
export function fieldQuery(target: FieldTarget, test: LeafTest, context: FieldQueryContext): EventPredicate {
  if (target.kind === 'field') {
    const accessor = compileFieldAccessor(target.name, { aliases: context.aliases });
    const values: FieldValue[] = [];
    return (event) => {
      values.length = 0;
      accessor.collect(event, values);
      for (let i = 0; i < values.length; i++) if (test(values[i])) return true;
      return false;
    };
  }
  if (target.kind === 'pattern') {
    const nameMatches = compileGlob(target.pattern);
    return (event) => someLeafWithName(event, '', (name, leaf) => nameMatches(name) && test(leaf));
  }
  return (event) => someLeaf(event, test);
}

/** The per-field test depends on whether the field is the timestamp field; `all` targets are tested as plain values. */
export function isDateTarget(target: FieldTarget, context: FieldQueryContext): boolean {
  return target.kind === 'field' && (context.aliases?.get(target.name) ?? target.name) === (context.aliases?.get(context.timestampField) ?? context.timestampField);
}

/** Elasticsearch's `exists`: the field has a non-null value (for an object, some non-null value below it). */
export function existsQuery(target: FieldTarget, context: FieldQueryContext): EventPredicate {
  if (target.kind === 'all') return (event) => someLeaf(event, () => true);
  if (target.kind === 'pattern') {
    const nameMatches = compileGlob(target.pattern);
    return (event) => someLeafWithName(event, '', (name) => nameMatches(name) || hasMatchingAncestor(name, nameMatches));
  }
  const path = context.aliases?.get(target.name) ?? target.name;
  const accessor = compileFieldAccessor(path);
  const prefix = `${path}.`;
  // The usual case (a leaf value at the path) is one lookup; objects and dotted keys fall back to a walk.
  return (event) => accessor.first(event) !== undefined || someLeafWithName(event, '', (name) => name.startsWith(prefix));
}

function hasMatchingAncestor(name: string, matches: (name: string) => boolean): boolean {
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    if (matches(name.slice(0, dot))) return true;
  }
  return false;
}

/** Whether any leaf value of the document passes `test`, stopping at the first that does. */
export function someLeaf(node: JsonValue, test: LeafTest): boolean {
  if (node === null) return false;
  if (typeof node !== 'object') return test(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (someLeaf(node[i], test)) return true;
    return false;
  }
  for (const key in node) {
    if (someLeaf(node[key], test)) return true;
  }
  return false;
}

/** Like `someLeaf`, with each leaf's dotted field name. */
function someLeafWithName(node: JsonValue, name: string, test: (name: string, leaf: FieldValue) => boolean): boolean {
  if (node === null) return false;
  if (typeof node !== 'object') return test(name, node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (someLeafWithName(node[i], name, test)) return true;
    return false;
  }
  for (const key in node) {
    if (someLeafWithName(node[key], name === '' ? key : `${name}.${key}`, test)) return true;
  }
  return false;
}

// ---- boolean combinations ---------------------------------------------------

export function allOf(predicates: EventPredicate[]): EventPredicate {
  if (predicates.length === 0) return matchAll;
  if (predicates.length === 1) return predicates[0];
  if (predicates.length === 2) {
    const [a, b] = predicates;
    return (event) => a(event) && b(event);
  }
  return (event) => {
    for (let i = 0; i < predicates.length; i++) if (!predicates[i](event)) return false;
    return true;
  };
}

export function anyOf(predicates: EventPredicate[]): EventPredicate {
  if (predicates.length === 0) return matchNone;
  if (predicates.length === 1) return predicates[0];
  if (predicates.length === 2) {
    const [a, b] = predicates;
    return (event) => a(event) || b(event);
  }
  return (event) => {
    for (let i = 0; i < predicates.length; i++) if (predicates[i](event)) return true;
    return false;
  };
}

export function not(predicate: EventPredicate): EventPredicate {
  return (event) => !predicate(event);
}

/** Leaf tests joined by `or` over one field: one scan of the field's values, plain keywords (see `isPlainKeyword`) looked up in a set. */
export function anyLeafTest(tests: LeafTest[], plainKeywords: readonly string[] = []): LeafTest {
  const set = plainKeywords.length > 0 ? new Set(plainKeywords) : undefined;
  const rest = tests.length === 1 ? tests[0] : undefined;
  return (leaf) => {
    if (set !== undefined && typeof leaf === 'string' && set.has(leaf)) return true;
    if (rest !== undefined) return rest(leaf);
    for (let i = 0; i < tests.length; i++) if (tests[i](leaf)) return true;
    return false;
  };
}
