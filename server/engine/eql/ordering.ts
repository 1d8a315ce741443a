// Event order, as Elasticsearch EQL sorts: by the timestamp field, then the
// tiebreaker field, then the order events arrived in (the local stand-in for
// Elasticsearch's implicit `_shard_doc` tiebreaker).
import type { EventDocument } from '../values.ts';
import { compareStrings } from './eqlValues.ts';
import type { EqlValue } from './eqlValues.ts';
import type { FieldCatalog, TypedField } from './fieldTypes.ts';

export interface Ordinal {
  /** Epoch milliseconds (floored). */
  ms: number;
  /** Nanoseconds within the millisecond (date_nanos timestamps). */
  ns: number;
  tiebreaker: EqlValue;
  /** Arrival position. */
  seq: number;
}

export class OrdinalReader {
  private readonly timestamp: TypedField;
  private readonly tiebreaker: TypedField | undefined;

  constructor(catalog: FieldCatalog, timestampField: string, tiebreakerField: string | undefined) {
    this.timestamp = catalog.field(timestampField);
    this.tiebreaker = tiebreakerField === undefined ? undefined : catalog.field(tiebreakerField);
  }

  /** The event's ordinal; undefined when it has no readable timestamp (such events take no part in ordered results). */
  read(event: EventDocument, seq: number): Ordinal | undefined {
    const instant = this.timestamp.instant(event);
    if (!instant) return undefined;
    return { ms: instant.ms, ns: instant.ns, tiebreaker: this.tiebreaker ? this.tiebreaker.docValue(event) : null, seq };
  }
}

/** Whether an instant lies within the optional [from, to] epoch-millisecond range of a run. */
export function inTimeRange(ordinal: { ms: number; ns: number }, from: number | undefined, to: number | undefined): boolean {
  if (from !== undefined && ordinal.ms < from) return false;
  if (to !== undefined && (ordinal.ms > to || (ordinal.ms === to && ordinal.ns > 0))) return false;
  return true;
}

/** Sequence order (Elasticsearch's `Ordinal`): a missing tiebreaker sorts after every present one. */
export function compareOrdinals(a: Ordinal, b: Ordinal): number {
  return compareTimes(a, b) || compareTiebreakers(a.tiebreaker, b.tiebreaker, false) || a.seq - b.seq;
}

/** Event-query order: the search sorts ascending with missing tiebreakers first. */
export function compareEventOrdinals(a: Ordinal, b: Ordinal): number {
  return compareTimes(a, b) || compareTiebreakers(a.tiebreaker, b.tiebreaker, true) || a.seq - b.seq;
}

export function compareTimes(a: { ms: number; ns: number }, b: { ms: number; ns: number }): number {
  return a.ms !== b.ms ? (a.ms < b.ms ? -1 : 1) : a.ns !== b.ns ? (a.ns < b.ns ? -1 : 1) : 0;
}

/** Nanoseconds from `a` to `b`, as a (possibly inexact beyond 2^53) number. */
export function nanosBetween(a: { ms: number; ns: number }, b: { ms: number; ns: number }): number {
  return (b.ms - a.ms) * 1_000_000 + (b.ns - a.ns);
}

function compareTiebreakers(a: EqlValue, b: EqlValue, nullsFirst: boolean): number {
  if (a === b) return 0;
  if (a === null) return nullsFirst ? -1 : 1;
  if (b === null) return nullsFirst ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  // Mixed types cannot share a mapped field; keep a stable order.
  return typeof a < typeof b ? -1 : 1;
}
