// Speed and memory of the query engine against a bare baseline.
//
//   node --import tsx test/bench/engine.ts [--events N]
//
// Generates (once, reused from .bench/) a sample data set of N events (default
// 1,000,000), then, each in a fresh child process so peak RSS is its own:
//   baseline    readline over the query's files + JSON.parse per line, nothing else
//   (a) the DNF plugin EQL rule, (b) the DPKG/RPM ES|QL hunt's first query,
//   (c) a two-term EQL sequence, each single-threaded and with 2 worker threads,
//   with events/s and the ratio to the baseline over the same files in this run
//   (each figure the best of two runs).
// Then a large-file memory check: a ~1 GB NDJSON file made by repeating the file
// events, filtered by a KQL query; target peak RSS < 300 MB. Skip it with
// HUNTKIT_BENCH_SKIP_LARGE=1 (it needs ~1 GB of disk in .bench/).
//
// Measurements run this file bundled the way the CLI ships (esbuild, CommonJS, the
// bundle its own worker script): from TypeScript sources every worker thread would
// spend seconds compiling modules through tsx first, which users never pay.
// Ratios are given for wall time and for CPU time (all threads): on a shared
// machine the CPU figure is the steadier one.
import { spawnSync } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';
import { build } from 'esbuild';
import { createReadStream, existsSync, mkdirSync, readFileSync, statfsSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { fixedClock } from '../../server/engine/clock.ts';
import { resolveIndexPattern } from '../../server/engine/indexPattern.ts';
import { generateSampleData } from '../../server/engine/sampleData/generate.ts';
import { parseHuntRuleDocument } from '../../server/document/huntRuleDocument.ts';
import type { QueryLanguage } from '../../server/common/language.ts';
import { runQuery } from '../../server/engine/runner/index.ts';
import { readAndParseLines } from '../support/readBaseline.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SELF = fileURLToPath(import.meta.url);
const BUNDLE = join(ROOT, '.bench', 'engine-bench.cjs');
const NOW = '2026-08-21T12:00:00Z';
const LARGE_BYTES = 1_000_000_000;
/** Each query measurement is the best of this many runs. */
const RUNS = 2;

interface Job {
  label: string;
  language: QueryLanguage;
  text: string;
  index: string;
}

interface Measurement {
  events: number;
  matched?: number;
  results?: number;
  workers?: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  error?: string;
}

// ---- child: one measurement -------------------------------------------------

async function measure(spec: { mode: 'baseline' | 'query'; dir: string; job?: Job; workers?: number }): Promise<void> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result: Partial<Measurement> = {};
  try {
    if (spec.mode === 'baseline') {
      const files = (await resolveIndexPattern(spec.dir, spec.job!.index)).map((f) => f.path);
      result.events = await readAndParseLines(files);
    } else {
      const job = spec.job!;
      const run = await runQuery({ language: job.language, text: job.text, index: job.index, dataDir: spec.dir, options: { clock: fixedClock(NOW) }, workers: spec.workers, parallelThreshold: 0 });
      const output = run.output;
      result.events = run.stats.events;
      result.matched = run.stats.matched;
      result.workers = run.stats.workers;
      result.results = output.kind === 'events' ? output.events.length : output.kind === 'sequences' ? output.sequences.length : output.rows.length;
    }
  } catch (error) {
    result.events = 0;
    result.error = error instanceof Error ? error.message : String(error);
  }
  const cpu = process.cpuUsage(cpuStart);
  result.seconds = (performance.now() - start) / 1000;
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  result.maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(result));
}

/** This file as the CLI bundle is built (see scripts/build.mjs). */
async function bundle(): Promise<void> {
  await build({
    entryPoints: [SELF],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['esbuild'],
    define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname', __HUNTKIT_BUNDLE__: 'true' },
    banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  });
}

function runChild(spec: object): Measurement {
  const child = spawnSync(process.execPath, [BUNDLE, '--measure', JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

/** The faster of `runs` measurements: other load on the machine only ever slows a run down. */
function bestOf(runs: number, spec: object): Measurement {
  let best = runChild(spec);
  for (let i = 1; i < runs; i++) {
    const next = runChild(spec);
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

// ---- parent: data, jobs, report ---------------------------------------------

async function sampleData(count: number): Promise<string> {
  const dir = join(ROOT, '.bench', `sample-${count}`);
  const marker = `${dir}.summary`;
  if (!existsSync(marker)) {
    const start = performance.now();
    const summary = await generateSampleData(dir, { events: count, seed: 1 });
    const bytes = summary.files.reduce((sum, f) => sum + f.bytes, 0);
    writeFileSync(marker, `${summary.events} events, ${(bytes / 1e6).toFixed(0)} MB, generated in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
  console.log(`data: ${dir} (${readFileSync(marker, 'utf8').trim()})`);
  return dir;
}

function jobs(): Job[] {
  const rule = parseHuntRuleDocument(readFileSync(join(ROOT, 'samples/workspace/rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml'), 'utf8'));
  const ruleIndex = ((rule.toml.value?.rule as { index?: string[] }).index ?? []).join(',');
  const hunt = parseHuntRuleDocument(readFileSync(join(ROOT, 'samples/workspace/hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml'), 'utf8'));
  return [
    { label: '(a) EQL rule: DNF plugin file creation', language: 'eql', text: rule.queries[0].text, index: ruleIndex },
    { label: '(b) ES|QL hunt: DPKG/RPM, query 0', language: 'esql', text: hunt.queries[0].text, index: 'logs-endpoint.events.file-*' },
    {
      label: '(c) EQL two-term sequence (DNF plugin, then its configuration)',
      language: 'eql',
      text:
        'sequence by host.name with maxspan=5m [file where event.action == "creation" and file.path : "/usr/lib/python*/site-packages/dnf-plugins/*"] [file where event.action == "creation" and file.path : "/etc/dnf/plugins/*"]',
      index: 'logs-endpoint.events.file-*',
    },
  ];
}

function line(label: string, m: Measurement, base?: Measurement): string {
  if (m.error) return `  ${label.padEnd(10)} FAILED: ${m.error}`;
  const perSecond = Math.round(m.events / m.seconds).toLocaleString('en-US').padStart(9);
  const ratio = base ? ` = ${(base.seconds / m.seconds).toFixed(2)}x baseline (CPU ${(base.cpuSeconds / m.cpuSeconds).toFixed(2)}x)` : '';
  const found = m.results === undefined ? '' : `, ${m.results} results of ${m.matched} matched${m.workers === 0 && label.includes('workers') ? ' (workers not used: nothing to filter)' : ''}`;
  return `  ${label.padEnd(10)} ${m.seconds.toFixed(2).padStart(6)} s ${perSecond} events/s${ratio}, CPU ${m.cpuSeconds.toFixed(2)} s, peak RSS ${m.maxRssMb.toFixed(0)} MB${found}`;
}

async function largeFile(source: string): Promise<string | undefined> {
  const dir = join(ROOT, '.bench', 'large');
  const file = join(dir, 'logs-large-default.ndjson');
  if (existsSync(file) && statSync(file).size >= LARGE_BYTES) return dir;
  const free = statfsSync(ROOT);
  if (free.bavail * free.bsize < 2 * LARGE_BYTES) return undefined;
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(file);
  let written = 0;
  while (written < LARGE_BYTES) {
    for await (const chunk of createReadStream(source)) {
      if (!out.write(chunk)) await once(out, 'drain');
      written += (chunk as Buffer).length;
    }
  }
  out.end();
  await once(out, 'finish');
  return dir;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--measure') return measure(JSON.parse(args[1]));
  const eventsFlag = args.indexOf('--events');
  const dir = await sampleData(eventsFlag >= 0 ? Number(args[eventsFlag + 1]) : 1_000_000);
  await bundle();

  const baselines = new Map<string, Measurement>();
  for (const job of jobs()) {
    let base = baselines.get(job.index);
    if (!base) {
      base = bestOf(RUNS, { mode: 'baseline', dir, job });
      baselines.set(job.index, base);
    }
    console.log(`\n${job.label}: ${base.events.toLocaleString('en-US')} events of ${job.index}`);
    console.log(line('baseline', base));
    console.log(line('1 thread', bestOf(RUNS, { mode: 'query', dir, job, workers: 1 }), base));
    console.log(line('2 workers', bestOf(RUNS, { mode: 'query', dir, job, workers: 2 }), base));
  }

  console.log('\nlarge-file memory check');
  if (process.env.HUNTKIT_BENCH_SKIP_LARGE === '1') {
    console.log('  skipped (HUNTKIT_BENCH_SKIP_LARGE=1)');
    return;
  }
  const large = await largeFile(join(dir, 'logs-endpoint.events.file-default.ndjson'));
  if (!large) {
    console.log('  skipped: less than 2 GB free on disk');
    return;
  }
  const job: Job = { label: 'KQL filter', language: 'kuery', text: 'event.action:(creation or rename) and file.path:/etc/dnf/plugins/*', index: 'logs-large-*' };
  console.log(`  ${(statSync(join(large, 'logs-large-default.ndjson')).size / 1e9).toFixed(2)} GB, ${job.language}: ${job.text}`);
  const base = runChild({ mode: 'baseline', dir: large, job });
  console.log(line('baseline', base));
  const single = runChild({ mode: 'query', dir: large, job, workers: 1 });
  console.log(line('1 thread', single, base));
  console.log(line('2 workers', runChild({ mode: 'query', dir: large, job, workers: 2 }), base));
  console.log(`  peak RSS single-threaded ${single.maxRssMb.toFixed(0)} MB (target < 300 MB): ${single.maxRssMb < 300 ? 'met' : 'NOT met'}`);
}

// Bundled, this file is also the worker script of the runs it measures: only the main thread runs the bench.
if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
