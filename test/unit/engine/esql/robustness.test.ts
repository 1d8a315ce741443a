// Whatever the query, compiling and running it never throws: problems come back
// as compile diagnostics or as response warnings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../../server/engine/clock.ts';
import { compileEsql } from '../../../../server/engine/esql/index.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { fuzzCases } from '../../esql/fuzzCases.ts';

const events: EventDocument[] = [
  { '@timestamp': '2024-01-01T00:00:00Z', a: 1, b: 'x', c: [1, 2], d: { e: 'y' }, message: 'hello world' },
  { a: 'q', b: null, c: 3.5, d: [{ e: 'z' }, { e: 1 }] },
];

test('fuzzed queries compile or fail with diagnostics, and compiled ones run', () => {
  let compiled = 0;
  for (const text of fuzzCases(4000, 7)) {
    let result;
    try {
      result = compileEsql(text, { clock: fixedClock(0) });
      if (!result.ok) {
        assert.ok(result.diagnostics.length > 0, text);
        continue;
      }
      compiled++;
      const sink = result.query.createSink();
      for (const event of events) if (!result.query.prefilter || result.query.prefilter(event)) sink.push(event);
      const output = sink.finish();
      assert.equal(output.kind, 'table', text);
    } catch (error) {
      assert.fail(`${JSON.stringify(text)} threw ${(error as Error).stack}`);
    }
  }
  assert.ok(compiled > 50, `${compiled} fuzzed queries compiled`);
});
