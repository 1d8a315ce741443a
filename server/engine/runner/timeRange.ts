// The run's time range (`--from`/`--to`), applied before the query: an event is in
// range when some value of its timestamp field lies within [from, to], as an
// Elasticsearch range filter on a (possibly multi-valued) date field; an event
// without a timestamp is out of range whenever a range is set.
import type { EngineOptions } from '../contract.ts';
import { compileFieldAccessor } from '../fieldAccess.ts';
import { toEpochMillis, type EventDocument, type FieldValue } from '../values.ts';

/** `2024-05-01T10:00:00.000Z`: the form timestamps usually take, which orders chronologically as text. */
function isCanonicalIso(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(19) === 46 /* . */;
}

function canonicalIso(millis: number): string | undefined {
  if (!Number.isFinite(millis)) return undefined;
  const text = new Date(millis).toISOString();
  return isCanonicalIso(text) ? text : undefined;
}

/** The range test, or undefined when the options set no range. */
export function compileTimeRange(options: Pick<EngineOptions, 'from' | 'to' | 'timestampField' | 'aliases'>): ((event: EventDocument) => boolean) | undefined {
  if (options.from === undefined && options.to === undefined) return undefined;
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  // Canonical ISO text compares as text, sparing a date parse per event.
  const fromText = from === -Infinity ? '' : canonicalIso(from);
  const toText = to === Infinity ? '\uffff' : canonicalIso(to);
  const timestamp = compileFieldAccessor(options.timestampField ?? '@timestamp', { aliases: options.aliases });
  const values: FieldValue[] = [];
  const inRange = (value: FieldValue): boolean => {
    if (typeof value === 'string' && fromText !== undefined && toText !== undefined && isCanonicalIso(value)) return value >= fromText && value <= toText;
    const millis = toEpochMillis(value);
    return millis !== undefined && millis >= from && millis <= to;
  };
  return (event) => {
    values.length = 0;
    timestamp.collect(event, values);
    for (let i = 0; i < values.length; i++) if (inRange(values[i])) return true;
    return false;
  };
}

/** The stateless part of a run, done wherever events are read: time range, then the query's prefilter. */
export function combineFilters(
  inRange: ((event: EventDocument) => boolean) | undefined,
  prefilter: ((event: EventDocument) => boolean) | undefined,
): ((event: EventDocument) => boolean) | undefined {
  if (inRange && prefilter) return (event) => inRange(event) && prefilter(event);
  return inRange ?? prefilter;
}
