// Test helper: compiles an ES|QL query and runs it over in-memory events the way
// the engine's runner does (prefilter, then the sink).
import assert from 'node:assert/strict';
import { fixedClock } from '../../../../server/engine/clock.ts';
import { compileEsql, type EsqlEngineOptions, type EsqlTable } from '../../../../server/engine/esql/index.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

export const NOW = '2024-05-01T12:00:00.000Z';

export function runEsql(query: string, events: EventDocument[] = [], options: Partial<EsqlEngineOptions> = {}): EsqlTable {
  const compiled = compileEsql(query, { clock: fixedClock(NOW), ...options });
  if (!compiled.ok) assert.fail(`did not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const sink = compiled.query.createSink();
  for (const event of events) if (!compiled.query.prefilter || compiled.query.prefilter(event)) sink.push(event);
  return sink.finish() as EsqlTable;
}

/** Column names and types as `name:type`. */
export function header(table: EsqlTable): string[] {
  return table.columns.map((c) => `${c.name}:${c.type}`);
}
