// Fields as the evaluator reads them: each source value coerced to the kind the
// index mapping gives the field (keyword, long, date, ip, version, ...), the way
// Elasticsearch indexes a source value into a field of that type. Without a
// mapping a field is `dynamic` (its JSON type decides) and only the timestamp
// field is known to be a date.
import { compileFieldAccessor } from '../fieldAccess.ts';
import type { FieldAccessor } from '../fieldAccess.ts';
import type { IndexMapping, MappedField } from '../mapping.ts';
import { toBoolean, toKeyword, toLong, toNumber } from '../values.ts';
import type { EventDocument, FieldValue, JsonValue } from '../values.ts';
import { compileDateFormat } from './dateFormats.ts';
import type { Instant } from './dateFormats.ts';
import { compareStrings, compareVersions, ipKey } from './eqlValues.ts';
import type { EqlValue, ValueKind } from './eqlValues.ts';

export interface TypedField {
  /** The name as written in the query. */
  readonly name: string;
  readonly kind: ValueKind;
  /**
   * Writes the field's values in an event to out[0..n) and returns n; values
   * are coerced to `kind`, and those the type cannot hold are dropped, as
   * indexing would drop them. (Counting instead of pushing keeps reused arrays
   * from being resized on every event.)
   */
  collect(event: EventDocument, out: EqlValue[]): number;
  /**
   * The value a script reads: the first doc value, which is the smallest as
   * Elasticsearch sorts doc values; null when the field has none.
   */
  docValue(event: EventDocument): EqlValue;
  /** The field's instant in an event for date fields (the timestamp); the earliest of several. */
  instant(event: EventDocument): Instant | undefined;
}

export interface FieldCatalogOptions {
  mapping?: IndexMapping;
  aliases?: ReadonlyMap<string, string>;
  timestampField: string;
}

/** Looks fields up in the mapping (when there is one) and builds typed readers, one per field name. */
export class FieldCatalog {
  private readonly fields = new Map<string, TypedField>();
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(private readonly options: FieldCatalogOptions) {
    const aliases = new Map(options.mapping?.aliases ?? []);
    for (const [from, to] of options.aliases ?? []) aliases.set(from, to);
    this.aliases = aliases;
  }

  get hasMapping(): boolean {
    return this.options.mapping !== undefined;
  }

  /** The mapping entry of a field (aliases resolved); undefined when unmapped or there is no mapping. */
  private mapped(name: string): MappedField | undefined {
    const fields = this.options.mapping?.fields;
    if (!fields) return undefined;
    const entry = fields.get(name);
    if (entry?.type === 'alias' && entry.aliasOf) return fields.get(entry.aliasOf);
    if (entry) return entry;
    const target = this.aliases.get(name);
    return target === undefined ? undefined : fields.get(target);
  }

  /** Whether Elasticsearch would know the field: always true without a mapping. */
  isKnown(name: string): boolean {
    return !this.hasMapping || this.mapped(name) !== undefined;
  }

  field(name: string): TypedField {
    let field = this.fields.get(name);
    if (!field) {
      field = this.build(name);
      this.fields.set(name, field);
    }
    return field;
  }

  private build(name: string): TypedField {
    const accessor = compileFieldAccessor(name, { aliases: this.aliases });
    const mapped = this.mapped(name);
    const kind = mapped ? kindOfMappedType(mapped.type) : name === this.options.timestampField ? 'date' : 'dynamic';
    const dateParser = compileDateFormat(mapped?.format);
    const read = readerFor(kind, (value) => dateParser(value));
    const nullValue = mapped?.nullValue === undefined || mapped.nullValue === null ? null : read(mapped.nullValue as FieldValue);
    const segments = accessor.path.split('.');
    const readRaw = nestedPathReader(segments, accessor);
    const raw: FieldValue[] = [];
    const collect = (event: EventDocument, out: EqlValue[]): number => {
      const found = readRaw(event, raw);
      let n = 0;
      for (let i = 0; i < found; i++) {
        const value = read(raw[i]!);
        if (value !== null) out[n++] = value;
      }
      if (nullValue !== null && hasExplicitNull(event, segments, 0)) out[n++] = nullValue;
      return n;
    };
    const all: EqlValue[] = [];
    const order = kind === 'version' ? (a: EqlValue, b: EqlValue) => compareVersions(String(a), String(b)) : compareDocValues;
    return {
      name,
      kind,
      collect,
      docValue(event) {
        const n = collect(event, all);
        if (n === 0) return null;
        let smallest = all[0]!;
        for (let i = 1; i < n; i++) if (order(all[i]!, smallest) < 0) smallest = all[i]!;
        return smallest;
      },
      instant(event) {
        const found = readRaw(event, raw);
        let earliest: Instant | undefined;
        for (let i = 0; i < found; i++) {
          const instant = dateParser(raw[i]!);
          if (instant && (!earliest || instant.ms < earliest.ms || (instant.ms === earliest.ms && instant.ns < earliest.ns))) earliest = instant;
        }
        return earliest;
      },
    };
  }
}

/**
 * The raw values of a dotted path (written to out[0..n), n returned) with the
 * shared accessor's semantics, faster for the usual shape of an event: each
 * level an object holding the next segment under its own key, no dotted keys
 * along the way, and a scalar (or an array of scalars) at the end. Anything else
 * (dotted keys, arrays of objects) goes to the shared accessor, which handles
 * every shape.
 */
function nestedPathReader(segments: readonly string[], accessor: FieldAccessor): (event: EventDocument, out: FieldValue[]) => number {
  const depth = segments.length;
  // alternatives[i]: the dotted keys that could also continue the path at level i (`a.b`, `a.b.c`, ...).
  const alternatives = segments.map((_, i) => segments.slice(i + 1).map((__, j) => segments.slice(i, i + j + 2).join('.')));
  const general: FieldValue[] = [];
  const viaAccessor = (event: EventDocument, out: FieldValue[]): number => {
    general.length = 0;
    accessor.collect(event, general);
    for (let i = 0; i < general.length; i++) out[i] = general[i]!;
    return general.length;
  };
  return (event, out) => {
    let node: JsonValue | undefined = event;
    for (let i = 0; i < depth; i++) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return viaAccessor(event, out);
      const here: { [key: string]: JsonValue | undefined } = node;
      const alts = alternatives[i]!;
      for (let a = 0; a < alts.length; a++) if (here[alts[a]!] !== undefined) return viaAccessor(event, out);
      const next: JsonValue | undefined = here[segments[i]!];
      if (next === undefined || typeof next === 'function') return 0;
      node = next;
    }
    if (node === null) return 0;
    if (typeof node !== 'object') {
      out[0] = node;
      return 1;
    }
    if (!Array.isArray(node)) return 0;
    let n = 0;
    for (let i = 0; i < node.length; i++) {
      const item = node[i]!;
      if (item === null) continue;
      if (typeof item === 'object') return viaAccessor(event, out);
      out[n++] = item;
    }
    return n;
  };
}

/** Doc-value order: numbers and dates numerically, text in code-point order, false before true. */
function compareDocValues(a: EqlValue, b: EqlValue): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === typeof b) return a! < b! ? -1 : a! > b! ? 1 : 0;
  return typeof a < typeof b ? -1 : 1;
}

/** The value kind of a mapping type; object, nested and unknown types are `dynamic`. */
function kindOfMappedType(type: string): ValueKind {
  switch (type) {
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
    case 'text':
    case 'match_only_text':
      return 'keyword';
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'unsigned_long':
      return 'long';
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'date_nanos':
      return 'date_nanos';
    case 'ip':
      return 'ip';
    case 'version':
      return 'version';
  }
  return 'dynamic';
}

/** How a source value becomes a value of a kind; null when the type cannot hold it. */
function readerFor(kind: ValueKind, parseDate: (value: FieldValue) => Instant | undefined): (value: FieldValue) => EqlValue {
  switch (kind) {
    case 'keyword':
      return (value) => (typeof value === 'string' ? value : toKeyword(value));
    case 'long':
      return (value) => toLong(value) ?? null;
    case 'double':
    case 'number':
      return (value) => toNumber(value) ?? null;
    case 'boolean':
      return (value) => toBoolean(value) ?? null;
    case 'date':
      return (value) => parseDate(value)?.ms ?? null;
    case 'date_nanos':
      return (value) => {
        const instant = parseDate(value);
        return instant ? BigInt(instant.ms) * 1_000_000n + BigInt(instant.ns) : null;
      };
    case 'ip':
      return (value) => (typeof value === 'string' ? (ipKey(value) ?? null) : null);
    case 'version':
      return (value) => (typeof value === 'string' ? value : toKeyword(value));
    case 'null':
      return () => null;
    case 'dynamic':
      return (value) => value;
  }
}

/** Whether the source holds an explicit `null` at the dotted path (nested, dotted or mixed keys), which `null_value` replaces. */
function hasExplicitNull(node: JsonValue | undefined, segments: readonly string[], level: number): boolean {
  if (node === undefined) return false;
  if (Array.isArray(node)) return node.some((item) => (level === segments.length ? item === null : hasExplicitNull(item, segments, level)));
  if (level === segments.length) return node === null;
  if (node === null || typeof node !== 'object') return false;
  for (let end = level + 1; end <= segments.length; end++) {
    const key = segments.slice(level, end).join('.');
    if (Object.hasOwn(node, key) && hasExplicitNull(node[key], segments, end)) return true;
  }
  return false;
}
