// Elasticsearch's EQL QA suite through the local engine.
//
//   node --import tsx test/bench/conformance-eql.ts [--verbose]
//
// Prints the pass rate per spec file and data set, and overall. The rate counts
// the cases today's Elasticsearch runs: cases its grammar or verifier rejects
// (the 2020-era test_queries.toml still holds `join`, `| filter`, `descendant of`,
// `field : other_field`, ...) and cases whose expected ids assume behaviour
// Elasticsearch has removed are listed apart. --verbose lists those too.
import { passRate, runEqlConformance } from '../unit/engine/eql/conformanceRunner.ts';
import type { CaseResult } from '../unit/engine/eql/conformanceRunner.ts';

const verbose = process.argv.includes('--verbose');
const started = performance.now();
const results = await runEqlConformance();
const seconds = (performance.now() - started) / 1000;

const groups = new Map<string, CaseResult[]>();
for (const result of results) {
  const key = `${result.file} [${result.dataset}]`;
  groups.set(key, [...(groups.get(key) ?? []), result]);
}

const count = (rs: readonly CaseResult[], outcome: CaseResult['outcome']) => rs.filter((r) => r.outcome === outcome).length;
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const width = Math.max(...[...groups.keys()].map((k) => k.length));

console.log(`${'suite [data set]'.padEnd(width)}  passed/run   rate    rejected  legacy`);
for (const [key, rs] of groups) {
  const { passed, applicable, rate } = passRate(rs);
  console.log(
    `${key.padEnd(width)}  ${`${passed}/${applicable}`.padStart(10)}  ${percent(rate).padStart(6)}  ${String(count(rs, 'rejected-by-elasticsearch')).padStart(8)}  ${String(count(rs, 'legacy-expectation')).padStart(6)}`,
  );
}
const overall = passRate(results);
console.log(
  `${'overall'.padEnd(width)}  ${`${overall.passed}/${overall.applicable}`.padStart(10)}  ${percent(overall.rate).padStart(6)}  ${String(count(results, 'rejected-by-elasticsearch')).padStart(8)}  ${String(count(results, 'legacy-expectation')).padStart(6)}`,
);
const legacy = results.filter((r) => r.outcome === 'legacy-expectation');
const legacyPassing = legacy.filter((r) => r.detail?.includes('returns the expected ids anyway')).length;
console.log(`legacy expectations: ${legacy.length}, of which the engine meets ${legacyPassing}`);
console.log(`including them: ${overall.passed + legacyPassing}/${overall.applicable + legacy.length} (${percent((overall.passed + legacyPassing) / (overall.applicable + legacy.length))})`);
console.log(`${results.length} case runs in ${seconds.toFixed(1)} s`);

const show = (outcome: CaseResult['outcome'], title: string) => {
  const listed = results.filter((r) => r.outcome === outcome);
  if (listed.length === 0) return;
  console.log(`\n${title} (${listed.length}):`);
  for (const r of listed) console.log(`  ${r.file}:${r.line} ${r.name} [${r.dataset}]: ${r.detail ?? ''}`);
};
show('fail', 'Failures');
if (verbose) {
  show('legacy-expectation', 'Legacy expectations');
  show('rejected-by-elasticsearch', 'Rejected (as Elasticsearch rejects them)');
}
