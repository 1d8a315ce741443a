// Columns read from events (the FROM command's output).
//
// Types: a field's type comes from the index mapping when the caller supplies one;
// otherwise the timestamp field (`@timestamp` by default) is a date and every other
// field is `unknown`: its raw JSON leaves (string, number, boolean), converted to the
// type each use needs (`x > now() - 1 day` reads x as a date, `x == 3` as a number,
// `cidr_match(x, ...)` as an ip). A result column that stays unknown gets its type
// from its values: long when all are whole numbers, double when some are not,
// boolean when all are booleans, date when all are ISO-8601 date-times, else keyword.
//
// Multi-values read the way ES|QL reads doc values: keyword, ip and version values
// sorted and deduplicated; numbers, booleans and dates sorted; text in source order.
// Unmapped fields read as keyword (all strings) or numeric (all numbers) fields
// would, except text-like names (`message`, `*.text`), which keep source order.
import type { IndexMapping } from '../mapping.ts';
import { compileFieldAccessor } from '../fieldAccess.ts';
import { parseIsoDate, toBoolean, toEpochMillis, toKeyword, toNumber, type EventDocument, type FieldValue } from '../values.ts';
import { comparatorFor, parseIpValue } from './convert.ts';
import { columnTypeOfField, type EsqlType, type Scalar, type Value } from './types.ts';

export interface SourceOptions {
  mapping?: IndexMapping;
  aliases?: ReadonlyMap<string, string>;
  timestampField?: string;
}

export interface SourceField {
  name: string;
  type: EsqlType;
  read(event: EventDocument): Value;
}

/** Field types that ES|QL cannot read (objects, nested, shapes, ...) become null columns. */
const UNSUPPORTED = 'unsupported';

export class SourceSchema {
  private readonly aliases: Map<string, string>;
  private readonly timestampField: string;

  constructor(private readonly options: SourceOptions) {
    this.aliases = new Map([...(options.mapping?.aliases ?? []), ...(options.aliases ?? [])]);
    this.timestampField = options.timestampField ?? '@timestamp';
  }

  get hasMapping(): boolean {
    return this.options.mapping !== undefined;
  }

  /** Every mapped field ES|QL shows as a column, in mapping order. */
  mappedFieldNames(): string[] {
    const out: string[] = [];
    for (const [name, field] of this.options.mapping?.fields ?? []) {
      const target = field.aliasOf ? this.options.mapping!.fields.get(field.aliasOf) : field;
      if (target && columnTypeOfField(target.type) !== undefined) out.push(name);
    }
    return out;
  }

  private mappedType(name: string): string | undefined {
    const fields = this.options.mapping?.fields;
    if (!fields) return undefined;
    const field = fields.get(name);
    if (!field) return undefined;
    if (field.aliasOf) return fields.get(field.aliasOf)?.type ?? UNSUPPORTED;
    return field.type;
  }

  /** The column type of a source field. */
  typeOf(name: string): EsqlType {
    const mapped = this.mappedType(name);
    if (mapped !== undefined) return columnTypeOfField(mapped) ?? 'null';
    if (name === this.timestampField) return 'date';
    return 'unknown';
  }

  /** A reader of the field's values converted to its column type. */
  field(name: string): SourceField {
    const fields = this.options.mapping?.fields;
    const mapped = fields?.get(name);
    // A multi-field (`languages.long`) indexes its parent's source value.
    const path = mapped?.multiFieldOf ?? mapped?.aliasOf ?? name;
    const fieldType = this.mappedType(name);
    const type = this.typeOf(name);
    const accessor = compileFieldAccessor(path, { aliases: this.aliases });
    const convert = leafConverter(type, fieldType, mapped?.scalingFactor);
    const order = multiValueOrder(type, looksLikeText(name));
    const buffer: FieldValue[] = [];
    const read = (event: EventDocument): Value => {
      buffer.length = 0;
      accessor.collect(event, buffer);
      if (buffer.length === 0) return null;
      if (buffer.length === 1) return convert(buffer[0]!) ?? null;
      const values: Scalar[] = [];
      for (const leaf of buffer) {
        const v = convert(leaf);
        if (v !== undefined) values.push(v);
      }
      return order(values);
    };
    if (type === 'null') return { name, type, read: () => null };
    return { name, type, read };
  }
}

type LeafConverter = (leaf: FieldValue) => Scalar | undefined;

function leafConverter(type: EsqlType, fieldType: string | undefined, scalingFactor: number | undefined): LeafConverter {
  switch (type) {
    case 'keyword':
    case 'text':
    case 'version':
      return toKeyword;
    case 'integer':
    case 'long':
      return (leaf) => {
        const n = toNumber(leaf);
        return n === undefined ? undefined : Math.trunc(n);
      };
    case 'unsigned_long':
      return (leaf) => {
        const n = toNumber(leaf);
        return n === undefined || n < 0 ? undefined : BigInt(Math.trunc(n));
      };
    case 'double':
      return doubleConverter(fieldType, scalingFactor);
    case 'boolean':
      return toBoolean;
    case 'date':
    case 'date_nanos':
      return (leaf) => (typeof leaf === 'string' ? (fastIsoMillis(leaf) ?? toEpochMillis(leaf)) : toEpochMillis(leaf));
    case 'ip':
      return (leaf) => (typeof leaf === 'string' ? parseIpValue(leaf) : undefined);
    case 'geo_point':
    case 'cartesian_point':
      return (leaf) => (typeof leaf === 'string' ? leaf : undefined);
    default:
      return (leaf) => leaf;
  }
}

/** float, half_float and scaled_float store less precision than the double ES|QL reads them as. */
function doubleConverter(fieldType: string | undefined, scalingFactor: number | undefined): LeafConverter {
  switch (fieldType) {
    case 'float':
      return (leaf) => {
        const n = toNumber(leaf);
        return n === undefined ? undefined : Math.fround(n);
      };
    case 'half_float':
      return (leaf) => {
        const n = toNumber(leaf);
        return n === undefined ? undefined : toHalfFloat(n);
      };
    case 'scaled_float': {
      const factor = scalingFactor ?? 1;
      return (leaf) => {
        const n = toNumber(leaf);
        return n === undefined ? undefined : Math.round(n * factor) / factor;
      };
    }
    default:
      return toNumber;
  }
}

function multiValueOrder(type: EsqlType, textLike: boolean): (values: Scalar[]) => Value {
  const collapse = (values: Scalar[]): Value => (values.length === 0 ? null : values.length === 1 ? values[0]! : values);
  switch (type) {
    case 'text':
    case 'geo_point':
    case 'cartesian_point':
      return collapse;
    case 'unknown': {
      // Read as the keyword or numeric field it most likely is (text-like names keep source order).
      if (textLike) return collapse;
      const keywords = multiValueOrder('keyword', false);
      const numbers = multiValueOrder('double', false);
      return (values) => {
        if (values.every((v) => typeof v === 'string')) return keywords(values);
        if (values.every((v) => typeof v === 'number')) return numbers(values);
        return collapse(values);
      };
    }
    case 'keyword':
    case 'ip':
    case 'version': {
      const compare = comparatorFor(type);
      return (values) => collapse(dedupeSorted(values.sort(compare)));
    }
    default: {
      const compare = comparatorFor(type);
      return (values) => collapse(values.sort(compare));
    }
  }
}

/**
 * Where the mapping does not say: ECS keeps free text in `message` and `*.text`
 * multi-fields; other fields are keyword.
 */
export function looksLikeText(name: string): boolean {
  return name === 'message' || name.endsWith('.message') || name.endsWith('.text') || name.endsWith('_text');
}

function dedupeSorted(values: Scalar[]): Scalar[] {
  let w = 0;
  for (let r = 0; r < values.length; r++) if (r === 0 || values[r] !== values[w - 1]) values[w++] = values[r]!;
  values.length = w;
  return values;
}

const ZERO = 48;

function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch millis of the common full form `YYYY-MM-DDTHH:MM:SS[.fff...](Z|±HH:MM)`,
 * read without regular expressions (dates are the hottest values a filter reads);
 * undefined for any other form, which the general parser then handles.
 */
function fastIsoMillis(text: string): number | undefined {
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    at++;
    let scale = 100;
    while (at < text.length) {
      const d = text.charCodeAt(at) - ZERO;
      if (d < 0 || d > 9) break;
      millis += d * scale;
      scale /= 10;
      at++;
    }
    millis = Math.floor(millis);
  }
  let offset = 0;
  const zone = text.charCodeAt(at);
  if (zone === 90 && at + 1 === text.length) offset = 0;
  else if ((zone === 43 || zone === 45) && at + 6 === text.length && text.charCodeAt(at + 3) === 58) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (hours < 0 || minutes < 0) return undefined;
    offset = (zone === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  } else return undefined;
  const result = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls over impossible days (Feb 30): reject those.
  if (new Date(result).getUTCDate() !== day) return undefined;
  return result - offset;
}

/** Rounds to the nearest IEEE half-precision value, what a half_float field stores. */
function toHalfFloat(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 65520) return Math.sign(value) * Infinity;
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), -14);
  const step = 2 ** (exponent - 10);
  const scaled = magnitude / step;
  const floor = Math.floor(scaled);
  const rest = scaled - floor;
  const rounded = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return Math.sign(value) * rounded * step;
}

/** The type an unknown column shows, from the values it holds. */
export function inferColumnType(values: Iterable<Value>): EsqlType {
  let numbers = 0;
  let wholes = 0;
  let booleans = 0;
  let dates = 0;
  let strings = 0;
  for (const value of values) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'number') {
        numbers++;
        if (Number.isInteger(v)) wholes++;
      } else if (typeof v === 'boolean') booleans++;
      else {
        strings++;
        if (typeof v === 'string' && v.includes('T') && parseIsoDate(v) !== undefined) dates++;
      }
    }
  }
  const total = numbers + booleans + strings;
  if (total === 0) return 'null';
  if (numbers === total) return wholes === total ? 'long' : 'double';
  if (booleans === total) return 'boolean';
  if (dates === total) return 'date';
  return 'keyword';
}
