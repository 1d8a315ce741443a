// `huntkit check` over the whole reference corpus, as a user or CI runs it: the bundled CLI
// in a fresh process. Prints the first run (no code cache yet: a fresh install or upgrade),
// then the median of later runs, each with CPU time, for the default (this thread plus a
// worker per spare core) and for one thread; files/s and peak memory. Each figure is
// printed beside its target: the foundation's checks (TOML, document model, schema,
// workspace duplicates: `--select toml,file,hunt,rule`) under 1.5 s, and with the query
// languages' parsing and semantic checks (the default) under 2 s.
// Run: npm run build && node --import tsx test/bench/check.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CORPUS } from '../support/corpus.ts';
import { findTomlFiles } from '../../server/service/files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.cjs');
const runs = Number(process.argv[2] ?? 9);
if (!existsSync(CLI)) throw new Error('build first: npm run build');
// GNU time, where present, reports CPU time and peak resident memory.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const files = findTomlFiles([CORPUS]);
console.log(`corpus: ${files.length} TOML files`);

interface Run {
  wall: number;
  cpu?: number;
  peakKb?: number;
}

function runCheck(extra: string[], cacheFolder: string): Run {
  const args = [CLI, 'check', '--format', 'json', ...extra, CORPUS];
  const env = { ...process.env, HUNTKIT_COMPILE_CACHE: cacheFolder };
  const started = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', '%U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env }) : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const wall = performance.now() - started;
  if (r.status !== 1 && r.status !== 0) throw new Error(`huntkit check failed: ${r.stderr}`);
  if (!TIME) return { wall };
  const [user, system, peakKb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, peakKb };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2) + ' s';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const FOUNDATION = ['--select', 'toml,file,hunt,rule'];
for (const [label, extra, target] of [
  ['all checks, default (main thread + workers)', [], 2000],
  ['all checks, one thread (--workers 0)', ['--workers', '0'], undefined],
  ["the foundation's checks (--select toml,file,hunt,rule), default", FOUNDATION, 1500],
  ["the foundation's checks, one thread", [...FOUNDATION, '--workers', '0'], undefined],
] as const) {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-bench-cache-'));
  try {
    const first = runCheck([...extra], cache);
    const later = Array.from({ length: runs }, () => runCheck([...extra], cache));
    const wall = median(later.map((r) => r.wall));
    const cpu = TIME ? `, CPU ${seconds(median(later.map((r) => r.cpu!)))}` : '';
    const peak = TIME ? `, peak RSS ${(Math.max(...later.map((r) => r.peakKb!)) / 1024).toFixed(0)} MB` : '';
    const verdict = target === undefined ? '' : ` [target < ${seconds(target)}: ${wall < target ? 'met' : 'NOT MET'}]`;
    console.log(
      `huntkit check, ${label}: first run ${seconds(first.wall)}; then median of ${runs} ${seconds(wall)} wall ` +
        `(best ${seconds(Math.min(...later.map((r) => r.wall)))})${cpu}, ${Math.round(files.length / (wall / 1000))} files/s${peak}${verdict}`,
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
console.log("targets: the foundation issue's checks < 1.5 s wall; with the query languages' checks (query-languages issue) < 2 s");
