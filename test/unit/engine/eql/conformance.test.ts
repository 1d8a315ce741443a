import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passRate, runEqlConformance } from './conformanceRunner.ts';

/**
 * Known failures, with why. test_data.json stands in for Elasticsearch's
 * endgame-140.data (not in ../shared); read as date_nanos, its events 67-70 are
 * 50 ms apart, so `maxspan=500ms` finds the sequence the suite says is absent.
 */
const KNOWN_FAILURES: ReadonlyMap<string, string> = new Map([['test_queries.toml sequencesOnDifferentEventTypes7 [endgame-140-nanos]', 'substitute data set']]);

test("Elasticsearch's EQL QA suite: at least 95% of the cases Elasticsearch runs pass, and no failure is new", async () => {
  const results = await runEqlConformance();
  const failures = results.filter((r) => r.outcome === 'fail');
  const listing = failures.map((r) => `${r.file}:${r.line} ${r.name} [${r.dataset}]: ${r.detail}`).join('\n');
  const { passed, applicable, rate } = passRate(results);
  assert.ok(rate >= 0.95, `pass rate ${passed}/${applicable}; failures:\n${listing}`);
  const unexpected = failures.filter((r) => !KNOWN_FAILURES.has(`${r.file} ${r.name} [${r.dataset}]`));
  assert.deepEqual(unexpected.map((r) => `${r.file} ${r.name} [${r.dataset}]: ${r.detail}`), [], `new failures:\n${listing}`);
  // Coverage must not shrink by rejecting more: these are the counts when every case above runs.
  assert.ok(applicable >= 325, `only ${applicable} cases ran`);
  assert.ok(passed >= 324, `${passed} passed`);
  const sequenceSuites = ['test_extra.toml', 'test_missing_events.toml', 'test_sample.toml', 'test_sample_multi.toml'];
  assert.deepEqual(
    sequenceSuites.map((file) => passRate(results.filter((r) => r.file === file)).rate),
    [1, 1, 1, 1],
    'every sequence, missing-event and sample case passes',
  );
});
