// Elasticsearch's ES|QL csv-spec suites through the local evaluator: the number of
// passing cases per file must not drop below the floors measured when they were set
// (test/bench/conformance-esql.ts prints the details).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { ESQL_CONFORMANCE_DIR, runConformance } from './conformanceRunner.ts';

const PASS_FLOORS: Record<string, number> = {
  'conditional.csv-spec': 37,
  'date.csv-spec': 171,
  'dissect.csv-spec': 31,
  'drop.csv-spec': 20,
  'eval.csv-spec': 15,
  'grok.csv-spec': 40,
  'ip.csv-spec': 50,
  'keep.csv-spec': 45,
  'math.csv-spec': 164,
  'mv_expand.csv-spec': 30,
  'null.csv-spec': 82,
  'rename.csv-spec': 32,
  'stats.csv-spec': 342,
  'stats_count_distinct.csv-spec': 22,
  'string.csv-spec': 248,
  'where-like.csv-spec': 121,
};

test('csv-spec pass counts stay at or above their floors', { skip: !existsSync(ESQL_CONFORMANCE_DIR) && 'conformance suites not available', timeout: 120_000 }, async () => {
  const { results, summaries } = await runConformance();
  assert.deepEqual(summaries.map((s) => s.file).sort(), Object.keys(PASS_FLOORS).sort());
  const below = summaries
    .filter((s) => s.passed < PASS_FLOORS[s.file]!)
    .map((s) => {
      const lost = results.filter((r) => r.file === s.file && r.status !== 'passed' && r.status !== 'no-data' && r.status !== 'ignored');
      return `${s.file}: ${s.passed} < ${PASS_FLOORS[s.file]}; not passing: ${lost.map((r) => `${r.name} (${r.reason})`).join('; ')}`;
    });
  assert.deepEqual(below, []);
  // Nothing may crash: a thrown exception is a bug, not a semantic difference.
  assert.deepEqual(results.filter((r) => r.reason?.startsWith('threw')).map((r) => `${r.file}:${r.line} ${r.name}`), []);
});
