// Reading speed of the engine's event reader against a bare baseline.
//
//   node --import tsx test/bench/read-baseline.ts [--events N]
//
// Generates (once, reused from .bench/) a sample data set of N events (default
// 1,000,000), then measures, each in a fresh child process so peak RSS is its own:
//   baseline  readline over the files + JSON.parse per line (nothing else)
//   reader    readEventBatches (chunked reads, newline split, JSON.parse)
//   ranges    readNdjsonRange over byte ranges of each file in 2 worker threads
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { generateSampleData } from '../../server/engine/sampleData/generate.ts';
import { planByteRanges, readEventBatches, readNdjsonRange, type ByteRange } from '../../server/engine/eventReader.ts';
import { readAndParseLines } from '../support/readBaseline.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SELF = fileURLToPath(import.meta.url);

interface Measurement {
  events: number;
  seconds: number;
  /** CPU time of the whole process (all threads): the fairer figure on a shared machine. */
  cpuSeconds: number;
  maxRssMb: number;
}

async function dataFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.ndjson')).sort().map((name) => join(dir, name));
}

async function reader(files: string[]): Promise<number> {
  let events = 0;
  for (const file of files) for await (const batch of readEventBatches(file)) events += batch.length;
  return events;
}

async function countRange(file: string, range: ByteRange): Promise<number> {
  let events = 0;
  for await (const batch of readNdjsonRange(file, range)) events += batch.length;
  return events;
}

/** Each file split into byte ranges shared by `threads` workers. */
async function ranges(files: string[], threads: number): Promise<number> {
  const work: Array<{ file: string; range: ByteRange }> = [];
  for (const file of files) for (const range of await planByteRanges(file, threads)) work.push({ file, range });
  const perWorker = Array.from({ length: threads }, (_, i) => work.filter((_, k) => k % threads === i));
  const counts = await Promise.all(
    perWorker.map(
      (items) =>
        new Promise<number>((done, fail) => {
          // Worker threads do not inherit tsx's loader: register it before loading this file.
          const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
          const worker = new Worker(bootstrap, { eval: true, workerData: items });
          worker.once('message', (n: number) => done(n));
          worker.once('error', fail);
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function measure(mode: string, dir: string): Promise<void> {
  const files = await dataFiles(dir);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const events = mode === 'baseline' ? await readAndParseLines(files) : mode === 'reader' ? await reader(files) : await ranges(files, 2);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const result: Measurement = { events, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

function runChild(mode: string, dir: string): Measurement {
  const child = spawnSync(process.execPath, [...process.execArgv, SELF, '--measure', mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--measure') return measure(args[1], args[2]);
  const eventsFlag = args.indexOf('--events');
  const count = eventsFlag >= 0 ? Number(args[eventsFlag + 1]) : 1_000_000;
  const dir = join(ROOT, '.bench', `sample-${count}`);
  const marker = `${dir}.summary`;
  if (!existsSync(marker)) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const summary = await generateSampleData(dir, { events: count, seed: 1 });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const bytes = summary.files.reduce((sum, f) => sum + f.bytes, 0);
    const rss = process.resourceUsage().maxRSS / 1024;
    writeFileSync(
      marker,
      `${summary.events} events, ${(bytes / 1e6).toFixed(0)} MB, generated in ${seconds.toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU), peak RSS ${rss.toFixed(0)} MB\n`,
    );
  }
  console.log(`data: ${dir} (${readFileSync(marker, 'utf8').trim()})`);
  const results: Array<[string, Measurement]> = [];
  for (const mode of ['baseline', 'reader', 'ranges']) {
    const m = runChild(mode, dir);
    results.push([mode, m]);
    const perSecond = (seconds: number) => Math.round(m.events / seconds).toLocaleString('en-US');
    console.log(
      `${mode.padEnd(9)} ${m.events} events in ${m.seconds.toFixed(2)} s = ${perSecond(m.seconds)} events/s ` +
        `(CPU ${m.cpuSeconds.toFixed(2)} s = ${perSecond(m.cpuSeconds)} events per CPU-second), peak RSS ${m.maxRssMb.toFixed(0)} MB`,
    );
  }
  const rate = (mode: string) => {
    const m = results.find(([name]) => name === mode)![1];
    return m.events / m.seconds;
  };
  const cpuRate = (mode: string) => {
    const m = results.find(([name]) => name === mode)![1];
    return m.events / m.cpuSeconds;
  };
  console.log(
    `reader/baseline ${(rate('reader') / rate('baseline')).toFixed(2)}x wall, ${(cpuRate('reader') / cpuRate('baseline')).toFixed(2)}x CPU; ` +
      `2-thread ranges/baseline ${(rate('ranges') / rate('baseline')).toFixed(2)}x wall`,
  );
}

if (isMainThread) {
  await main();
} else {
  const items = workerData as Array<{ file: string; range: ByteRange }>;
  let events = 0;
  for (const { file, range } of items) events += await countRange(file, range);
  parentPort!.postMessage(events);
}
