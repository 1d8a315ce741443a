// ES|QL conformance: Elasticsearch's csv-spec suites run through the local evaluator.
//
//   node --import tsx test/bench/conformance-esql.ts [--verbose] [file.csv-spec ...]
//
// Prints per-file and overall pass rates over the runnable cases (those whose data
// set is collected and that are not disabled upstream). Cases the local engine
// refuses (unsupported commands, functions, settings) count as failed and are
// listed separately; --verbose lists every case that did not pass, with the reason.
import { ESQL_SPEC_FILES } from '../../server/engine/conformance/csvSpec.ts';
import { runConformance, runnable, type CaseResult } from '../unit/engine/esql/conformanceRunner.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => a.endsWith('.csv-spec'));

const started = performance.now();
const { results, summaries } = await runConformance(files.length > 0 ? files : ESQL_SPEC_FILES);
const seconds = (performance.now() - started) / 1000;

const percent = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
console.log(`${'file'.padEnd(32)} ${'pass'.padStart(5)} / ${'runnable'.padEnd(8)} rate    failed unsupported error  (no data, ignored)`);
let passed = 0;
let total = 0;
for (const s of summaries) {
  const n = runnable(s);
  passed += s.passed;
  total += n;
  console.log(
    `${s.file.padEnd(32)} ${String(s.passed).padStart(5)} / ${String(n).padEnd(8)} ${percent(s.passed, n)} ${String(s.failed).padStart(6)} ${String(s.unsupported).padStart(11)} ${String(s.error).padStart(5)}  (${s.noData}, ${s.ignored})`,
  );
}
console.log(`${'overall'.padEnd(32)} ${String(passed).padStart(5)} / ${String(total).padEnd(8)} ${percent(passed, total)}`);
const all = summaries.reduce((n, s) => n + s.total, 0);
console.log(`(${all} cases in all: ${all - total} cannot run here — data set not collected or disabled upstream; ${seconds.toFixed(1)} s)`);

const withWarnings = results.filter((r) => r.status === 'passed' && r.warningsMatch !== undefined);
console.log(`response warnings: exactly as expected in ${withWarnings.filter((r) => r.warningsMatch).length} of the ${withWarnings.length} passing cases that expect warnings`);

const unsupported = results.filter((r) => r.status === 'unsupported');
if (unsupported.length > 0) {
  console.log(`\nunsupported (${unsupported.length}):`);
  const reasons = new Map<string, CaseResult[]>();
  for (const r of unsupported) reasons.set(r.reason ?? '', [...(reasons.get(r.reason ?? '') ?? []), r]);
  for (const [reason, cases] of [...reasons].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(cases.length).padStart(3)}  ${reason}${verbose ? `: ${cases.map((c) => `${c.file}:${c.line} ${c.name}`).join(', ')}` : ''}`);
  }
}
if (verbose) {
  const mismatched = withWarnings.filter((r) => !r.warningsMatch);
  if (mismatched.length > 0) console.log(`\nwarnings differ (${mismatched.length}): ${mismatched.map((r) => `${r.file}:${r.line} ${r.name}`).join(', ')}`);
  for (const status of ['failed', 'error'] as const) {
    const list = results.filter((r) => r.status === status);
    if (list.length === 0) continue;
    console.log(`\n${status} (${list.length}):`);
    for (const r of list) console.log(`  ${r.file}:${r.line} ${r.name}: ${r.reason}`);
  }
}
