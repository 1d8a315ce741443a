// The stateful stage of an event query (`<category> where <condition>`): the
// events that passed the filter, in timestamp/tiebreaker order, cut to the
// head/tail window. Only the window's reach is kept while events stream in.
import type { QuerySink } from '../contract.ts';
import type { EventDocument } from '../values.ts';
import { applyWindow, BoundedCollector, windowReach } from './limits.ts';
import type { ResultWindow } from './limits.ts';
import { compareEventOrdinals } from './ordering.ts';
import type { Ordinal, OrdinalReader } from './ordering.ts';

interface OrderedEvent {
  event: EventDocument;
  ordinal: Ordinal;
}

const compareOrdered = (a: OrderedEvent, b: OrderedEvent): number => compareEventOrdinals(a.ordinal, b.ordinal);

export function createEventQuerySink(ordinals: OrdinalReader, window: ResultWindow): QuerySink {
  const collector = new BoundedCollector<OrderedEvent>(windowReach(window), compareOrdered, window.fromEnd);
  let seq = 0;
  return {
    push(event) {
      const ordinal = ordinals.read(event, seq++);
      if (ordinal) collector.add({ event, ordinal });
    },
    finish() {
      return { kind: 'events', events: applyWindow(collector.sorted(), window).map((o) => o.event) };
    },
  };
}
