import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusAvailable, corpusQueries } from '../../../support/corpus.ts';
import { compileKql } from '../../../../server/engine/kql/index.ts';
import { compileLucene } from '../../../../server/engine/lucene/index.ts';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

const EVENTS: EventDocument[] = [
  { '@timestamp': '2024-01-01T00:00:00Z', event: { category: ['process'], type: ['start'], action: 'exec' }, process: { name: 'bash', args: ['bash', '-i'], command_line: 'bash -i' }, host: { os: { type: 'linux' } } },
  { '@timestamp': '2024-01-01T00:00:01Z', 'event.category': 'network', 'destination.ip': '10.0.0.1', 'destination.port': 4444, user: { name: ['root', 'admin'] } },
  { message: 'no timestamp', winlog: { event_id: '4624', event_data: { LogonType: '3' } } },
];

test('every KQL and Lucene query of the corpus compiles and runs over events', { skip: !corpusAvailable() }, () => {
  const queries = corpusQueries().filter((q) => q.language === 'kuery' || q.language === 'lucene');
  assert.ok(queries.length > 700, `${queries.length} queries`);
  const failures: string[] = [];
  for (const q of queries) {
    const compiled = (q.language === 'kuery' ? compileKql : compileLucene)(q.text, { clock: fixedClock('2024-01-02T00:00:00Z') });
    if (!compiled.ok) {
      failures.push(`${q.file}: ${compiled.diagnostics.map((d) => d.code).join(', ')}`);
      continue;
    }
    for (const event of EVENTS) compiled.query.prefilter?.(event);
  }
  assert.deepEqual(failures, []);
});
