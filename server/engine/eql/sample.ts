// The stateful stage of a `sample` query, following Elasticsearch's
// SampleIterator: events are grouped by join key (order does not matter), a key
// qualifies when every term has events for it, and each key yields up to
// `max_samples_per_key` samples, each a set of distinct events, one per term,
// chosen by backtracking over the first events of each term in arrival order.
// Samples come out in composite-aggregation order of their keys.
import type { EventSequence, QuerySink } from '../contract.ts';
import type { EventDocument } from '../values.ts';
import type { Condition } from './expressions.ts';
import { compareJoinKeys } from './joinKeys.ts';
import type { JoinKey, KeyReader } from './joinKeys.ts';
import { applyWindow, windowReach } from './limits.ts';
import type { ResultWindow } from './limits.ts';

export interface SampleTerm {
  condition: Condition;
  keys: KeyReader;
}

export interface SamplePlan {
  terms: readonly SampleTerm[];
  maxSamplesPerKey: number;
  window: ResultWindow;
}

interface KeyGroup {
  key: JoinKey;
  /** Per term, the first events with this key, in arrival order. */
  events: EventDocument[][];
}

export function createSampleSink(plan: SamplePlan): QuerySink {
  const groups = new Map<string, KeyGroup>();
  const termCount = plan.terms.length;
  // Elasticsearch fetches this many events per term and key to assemble the samples from.
  const perTermCap = termCount * plan.maxSamplesPerKey;
  return {
    push(event) {
      for (let t = 0; t < termCount; t++) {
        const term = plan.terms[t]!;
        if (!term.condition(event)) continue;
        for (const key of term.keys.read(event)) {
          let group = groups.get(key.id);
          if (!group) groups.set(key.id, (group = { key, events: Array.from({ length: termCount }, () => []) }));
          const list = group.events[t]!;
          if (list.length < perTermCap) list.push(event);
        }
      }
    },
    finish() {
      const complete = [...groups.values()].filter((group) => group.events.every((list) => list.length > 0)).sort((a, b) => compareJoinKeys(a.key, b.key));
      const reach = plan.window.fromEnd ? Infinity : windowReach(plan.window);
      const samples: EventSequence[] = [];
      for (const group of complete) {
        if (samples.length >= reach) break;
        for (const events of matchSamples(group.events, plan.maxSamplesPerKey)) {
          if (samples.length >= reach) break;
          samples.push({ joinKeys: [...group.key.values], events });
        }
      }
      return { kind: 'sequences', sequences: applyWindow(samples, plan.window) };
    },
  };
}

/** Up to `max` combinations of distinct events, one per term, in backtracking order. */
function matchSamples(perTerm: readonly EventDocument[][], max: number): EventDocument[][] {
  const results: EventDocument[][] = [];
  const partial: EventDocument[] = [];
  const visit = (term: number): void => {
    for (const event of perTerm[term]!) {
      if (partial.includes(event)) continue;
      partial.push(event);
      if (term === perTerm.length - 1) results.push([...partial]);
      else visit(term + 1);
      partial.pop();
      if (results.length === max) return;
    }
  };
  if (max > 0) visit(0);
  return results;
}
