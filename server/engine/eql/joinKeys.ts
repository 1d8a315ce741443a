// Join keys of sequence and sample terms. An event's key values are what
// Elasticsearch extracts for each `by` field; a multi-valued field gives one key
// per value (several multi-valued fields give their cartesian product, without
// duplicates). A key field without a value drops the event from the term unless
// the field is optional (`?field`), whose missing value joins as null.
import type { EventDocument, FieldValue } from '../values.ts';
import { compareStrings, formatEpochNanos, formatIpKey, valueToString } from './eqlValues.ts';
import type { EqlValue, ValueKind } from './eqlValues.ts';
import type { TypedField } from './fieldTypes.ts';

export interface JoinKey {
  /** Identity of the values (equal keys have equal ids). */
  readonly id: string;
  /** The values as Elasticsearch returns them in `join_keys`. */
  readonly values: readonly (FieldValue | null)[];
}

export interface KeyField {
  /** Undefined for an optional field that is not mapped: always null. */
  field: TypedField | undefined;
  optional: boolean;
}

/**
 * Sequences return keys as the fields API formats them (dates as ISO text);
 * samples as composite-aggregation keys (dates as epoch milliseconds).
 */
export type KeyStyle = 'sequence' | 'sample';

const NO_KEY: JoinKey = { id: '', values: [] };

export class KeyReader {
  private readonly scratch: EqlValue[] = [];

  constructor(
    private readonly fields: readonly KeyField[],
    private readonly style: KeyStyle,
  ) {}

  /** The event's keys; empty when a required key field has no value. */
  read(event: EventDocument): JoinKey[] {
    if (this.fields.length === 0) return [NO_KEY];
    let partial: (FieldValue | null)[][] = [[]];
    for (const { field, optional } of this.fields) {
      const values = this.valuesOf(field, event);
      if (values.length === 0) {
        if (!optional) return [];
        for (const key of partial) key.push(null);
        continue;
      }
      if (values.length === 1) {
        for (const key of partial) key.push(values[0]!);
        continue;
      }
      const next: (FieldValue | null)[][] = [];
      for (const value of values) for (const key of partial) next.push([...key, value]);
      partial = next;
    }
    const seen = new Set<string>();
    const keys: JoinKey[] = [];
    for (const values of partial) {
      const id = keyId(values);
      if (seen.has(id)) continue;
      seen.add(id);
      keys.push({ id, values });
    }
    return keys;
  }

  /** Distinct output values of a key field in an event. */
  private valuesOf(field: TypedField | undefined, event: EventDocument): FieldValue[] {
    if (!field) return [];
    const scratch = this.scratch;
    const n = field.collect(event, scratch);
    const out: FieldValue[] = [];
    for (let i = 0; i < n; i++) {
      const shown = outputValue(scratch[i]!, field.kind, this.style);
      if (shown !== null && !out.includes(shown)) out.push(shown);
    }
    return out;
  }
}

function outputValue(value: EqlValue, kind: ValueKind, style: KeyStyle): FieldValue | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return style === 'sample' ? Number(value / 1_000_000n) : formatEpochNanos(value);
  if (kind === 'ip' && typeof value === 'string') return formatIpKey(value);
  if (kind === 'date' && typeof value === 'number') return style === 'sample' ? value : valueToString(value, 'date');
  return value;
}

function keyId(values: readonly (FieldValue | null)[]): string {
  let id = '';
  for (const value of values) {
    if (value === null) id += 'n|';
    else if (typeof value === 'string') id += `s${value.length}:${value}|`;
    else if (typeof value === 'number') id += `d${value}|`;
    else id += value ? 'b1|' : 'b0|';
  }
  return id;
}

/** Composite-aggregation order of keys: position by position, null first. */
export function compareJoinKeys(a: JoinKey, b: JoinKey): number {
  for (let i = 0; i < a.values.length; i++) {
    const c = compareKeyValues(a.values[i] ?? null, b.values[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

function compareKeyValues(a: FieldValue | null, b: FieldValue | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a < typeof b ? -1 : 1;
}
