// `huntkit check` over the whole reference corpus: wall time of the bundled CLI (what a user
// or CI waits for) and, in-process, files/s and peak memory of the same check.
// Run: npm run build && node --import tsx test/bench/check.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORPUS } from '../support/corpus.ts';
import { findTomlFiles } from '../../server/service/files.ts';
import { checkFiles } from '../../server/service/batchCheck.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.cjs');
const runs = Number(process.argv[2] ?? 5);
if (!existsSync(CLI)) throw new Error('build first: npm run build');

const files = findTomlFiles([CORPUS]);
console.log(`corpus: ${files.length} TOML files`);

const walls: number[] = [];
let peakKb = 0;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  // GNU time, where present, reports the CLI's peak resident memory.
  const timed = existsSync('/usr/bin/time');
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'check', '--format', 'json', CORPUS], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [CLI, 'check', '--format', 'json', CORPUS], { encoding: 'utf8', maxBuffer: 1 << 28 });
  walls.push(performance.now() - started);
  if (timed) peakKb = Math.max(peakKb, Number(r.stderr.trim().split('\n').pop()));
  if (r.status !== 1 && r.status !== 0) throw new Error(`huntkit check failed: ${r.stderr}`);
}
walls.sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)];
console.log(`huntkit check (bundled CLI, ${runs} runs): median ${(median / 1000).toFixed(2)} s wall, best ${(walls[0] / 1000).toFixed(2)} s; ${Math.round(files.length / (median / 1000))} files/s; peak RSS ${peakKb ? (peakKb / 1024).toFixed(0) + ' MB' : 'n/a'}  (targets: < 1.5 s foundation, < 2 s with query checks)`);

for (const workers of [1, 2]) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await checkFiles(files, { workers });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(
    `in-process, ${workers} worker${workers === 1 ? '' : 's'}: ${(wall / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (main thread), ` +
      `${Math.round(files.length / (wall / 1000))} files/s, ${result.diagnostics.length} diagnostics, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}
