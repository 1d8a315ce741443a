// Runs every benchmark in turn and prints its figures (`npm run bench`; `npm run bench -- check engine` for some).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const BENCHES: Record<string, string> = {
  check: 'check.ts',
  'parse-eql': 'parse-eql.ts',
  'parse-esql': 'parse-esql.ts',
  'fuzz-eql': 'fuzz-eql.ts',
  'fuzz-esql': 'fuzz-esql.ts',
  'fuzz-kql': 'fuzz-kql.ts',
  'conformance-eql': 'conformance-eql.ts',
  'conformance-esql': 'conformance-esql.ts',
  'read-baseline': 'read-baseline.ts',
  engine: 'engine.ts',
};

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(BENCHES)) {
  const file = BENCHES[name];
  if (!file) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
  console.log(`\n=== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, file)], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
