// Median parse time of a ~5 KB EQL query made of corpus conditions joined
// with `or` (target: under 0.5 ms).
//   node --import tsx test/bench/parse-eql.ts [target-bytes]
import { performance } from 'node:perf_hooks';
import { corpusQueries } from '../support/corpus.ts';
import { eqlFrontEnd } from '../../server/eql/index.ts';

const targetLength = Number(process.argv[2] ?? 5_000);
const WARMUP = 500;
const RUNS = 5_000;

// Conditions of the corpus's plain event queries (no pipes, no sequences), in corpus order.
const conditions = corpusQueries()
  .filter((q) => q.language === 'eql' && !q.text.includes('|'))
  .map((q) => /^\s*[A-Za-z_]+\s+where\s+([\s\S]+)$/.exec(q.text)?.[1]?.trim())
  .filter((c): c is string => c !== undefined);

let query = 'any where';
for (const condition of conditions) {
  if (query.length >= targetLength) break;
  query += `${query === 'any where' ? ' ' : '\n  or '}(${condition})`;
}

const parsed = eqlFrontEnd.parse(query);
const errors = [...parsed.diagnostics, ...eqlFrontEnd.check(parsed.ast, query, {})].filter((d) => d.severity === 'error');
if (errors.length > 0) {
  console.error(`the benchmark query has errors: ${errors.map((e) => e.message).join('; ')}`);
  process.exit(1);
}

for (let i = 0; i < WARMUP; i++) eqlFrontEnd.parse(query);
const times = new Float64Array(RUNS);
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  eqlFrontEnd.parse(query);
  times[i] = performance.now() - t0;
}
times.sort();
const checkStart = performance.now();
for (let i = 0; i < RUNS; i++) eqlFrontEnd.check(parsed.ast, query, {});
const checkMean = (performance.now() - checkStart) / RUNS;

console.log(`query:        ${query.length} characters (${conditions.length} corpus conditions available)`);
console.log(`parse median: ${times[RUNS >> 1]!.toFixed(3)} ms (p90 ${times[Math.floor(RUNS * 0.9)]!.toFixed(3)} ms, ${RUNS} runs)`);
console.log(`check mean:   ${checkMean.toFixed(3)} ms`);
