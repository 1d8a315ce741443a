// Running EQL queries over in-memory events the way the engine's runner does:
// the prefilter on every event, the survivors pushed to a fresh sink.
import assert from 'node:assert/strict';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { QueryOutput } from '../../../../server/engine/contract.ts';
import { compileEql } from '../../../../server/engine/eql/index.ts';
import type { EqlEngineOptions } from '../../../../server/engine/eql/index.ts';
import type { QueryDiagnostic } from '../../../../server/common/diagnostics.ts';
import type { EventDocument, JsonValue } from '../../../../server/engine/values.ts';

export function runEql(query: string, events: readonly EventDocument[], options: Partial<EqlEngineOptions> = {}): QueryOutput {
  const compiled = compileEql(query, { clock: fixedClock(0), ...options });
  if (!compiled.ok) assert.fail(`does not compile: ${query}\n${compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`);
  const sink = compiled.query.createSink();
  for (const event of events) if (!compiled.query.prefilter || compiled.query.prefilter(event)) sink.push(event);
  return sink.finish();
}

/** The `id` of each returned event, sequences and samples flattened; -1 for a missing-event placeholder. */
export function ids(output: QueryOutput): number[] {
  const idOf = (event: EventDocument) => (typeof event.id === 'number' ? event.id : -1);
  if (output.kind === 'events') return output.events.map(idOf);
  if (output.kind === 'sequences') return output.sequences.flatMap((s) => s.events.map(idOf));
  return assert.fail('unexpected table output');
}

export function joinKeys(output: QueryOutput): JsonValue[][] {
  return output.kind === 'sequences' ? output.sequences.map((s) => s.joinKeys) : assert.fail('not a sequence output');
}

/** The ids matched by an event query. */
export function matching(query: string, events: readonly EventDocument[], options: Partial<EqlEngineOptions> = {}): number[] {
  return ids(runEql(query, events, { limit: 1000, ...options }));
}

export function compileErrors(query: string, options: Partial<EqlEngineOptions> = {}): QueryDiagnostic[] {
  const compiled = compileEql(query, { clock: fixedClock(0), ...options });
  return compiled.ok ? [] : compiled.diagnostics;
}

/** An event with an id, a `@timestamp` of `second` seconds after the epoch, a category and fields. */
export function event(id: number, second: number, category: string, fields: Record<string, JsonValue> = {}): EventDocument {
  return { id, '@timestamp': new Date(second * 1000).toISOString(), event: { category }, ...fields };
}
