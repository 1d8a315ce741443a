// The sink of a pure filter query (KQL, Lucene): the newest `limit` matching events,
// newest first. Elasticsearch itself orders a plain query by relevance score, which
// means nothing for keyword filters; the places a detection engineer sees these
// results (Discover, the rule preview, alerts) show them by `@timestamp`, newest
// first, so that is the order here. Events with equal timestamps keep their file
// order; events without a timestamp come last. Memory stays bounded by `limit`
// (a heap of the newest events seen so far).
import type { QuerySink } from '../contract.ts';
import { compileFieldAccessor } from '../fieldAccess.ts';
import { toEpochMillis, type EventDocument, type FieldValue } from '../values.ts';

export const DEFAULT_EVENT_LIMIT = 100;

export interface LatestEventsOptions {
  limit?: number;
  timestampField?: string;
  aliases?: ReadonlyMap<string, string>;
}

interface Ranked {
  event: EventDocument;
  /** The newest timestamp of the event (a multi-valued field sorts by its maximum in descending order); -Infinity when missing. */
  time: number;
  arrival: number;
}

/** Whether `a` ranks below `b`: older, or as old and later in the files. */
function ranksBelow(a: Ranked, b: Ranked): boolean {
  return a.time < b.time || (a.time === b.time && a.arrival > b.arrival);
}

export function createLatestEventsSink(options: LatestEventsOptions = {}): QuerySink {
  const limit = Math.max(0, options.limit ?? DEFAULT_EVENT_LIMIT);
  const timestamp = compileFieldAccessor(options.timestampField ?? '@timestamp', { aliases: options.aliases });
  const values: FieldValue[] = [];
  // A min-heap on rank: the root is the event the next better one evicts.
  const heap: Ranked[] = [];
  let arrivals = 0;

  const timeOf = (event: EventDocument): number => {
    values.length = 0;
    timestamp.collect(event, values);
    let newest = -Infinity;
    for (const value of values) {
      const millis = toEpochMillis(value);
      if (millis !== undefined && millis > newest) newest = millis;
    }
    return newest;
  };

  const siftUp = (index: number) => {
    const item = heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!ranksBelow(item, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = item;
  };

  const siftDown = (index: number) => {
    const item = heap[index];
    const n = heap.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= n) break;
      if (child + 1 < n && ranksBelow(heap[child + 1], heap[child])) child++;
      if (!ranksBelow(heap[child], item)) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = item;
  };

  return {
    push(event) {
      if (limit === 0) return;
      const ranked: Ranked = { event, time: timeOf(event), arrival: arrivals++ };
      if (heap.length < limit) {
        heap.push(ranked);
        siftUp(heap.length - 1);
      } else if (ranksBelow(heap[0], ranked)) {
        heap[0] = ranked;
        siftDown(0);
      }
    },
    finish() {
      const sorted = [...heap].sort((a, b) => (ranksBelow(a, b) ? 1 : ranksBelow(b, a) ? -1 : 0));
      return { kind: 'events', events: sorted.map((r) => r.event) };
    },
  };
}
