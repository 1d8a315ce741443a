// Starts a worker thread running one of our modules, bundled or from sources.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

declare const __HUNTKIT_BUNDLE__: boolean | undefined;

/**
 * `role` names the work (the launcher keeps one code cache per role); `workerModule` is the
 * module's own URL, for runs from sources. A bundle is its own worker script, and the
 * module acts on seeing its role in `workerData`: the CLI bundle starts through its
 * launcher (`cli.cjs`) so its workers get the code cache too. From sources (tests, tsx),
 * worker threads do not inherit tsx's loader: the worker registers it (found from this
 * module, whatever the working directory) before loading the TypeScript module.
 */
export function startWorker(role: string, workerModule: URL, workerData: Record<string, unknown> = {}): Worker {
  // Workers started early carry their role alone: only a request without data of its own can take one.
  if (Object.keys(workerData).length === 0) {
    const prestarted = takePrestartedWorker(role);
    if (prestarted) return prestarted;
  }
  const data = { ...workerData, huntkitRole: role };
  if (typeof __HUNTKIT_BUNDLE__ !== 'undefined') return new Worker(bundledWorkerScript(), { workerData: data });
  const source = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerModule.href)}); })`;
  return new Worker(source, { eval: true, workerData: data });
}

/** In a bundle: the CLI bundle's workers start through its launcher, any other bundle is its own worker script. */
function bundledWorkerScript(): string {
  const name = basename(__filename);
  return name === 'cli-main.cjs' ? join(__dirname, 'cli.cjs') : __filename;
}

/** `huntkit check` on a large set: worker threads beside the main one, one per spare core, at most 3. */
export function defaultCheckWorkers(): number {
  return Math.min(availableParallelism() - 1, 3);
}

const PRESTARTED = Symbol.for('huntkit.prestartedWorkers');

/**
 * Starts `count` workers for `role` before they are asked for, so they load the bundle while
 * this thread does (the CLI launcher does this for `huntkit check`). They stay unreferenced
 * until startWorker hands them out; releasePrestartedWorkers stops the ones not needed.
 */
export function prestartWorkers(role: string, count: number): void {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(bundledWorkerScript(), { workerData: { huntkitRole: role } });
    worker.unref();
    // A worker that fails before it is used is simply not used (its threadId becomes -1).
    worker.on('error', () => undefined);
    workers.push(worker);
  }
  (globalThis as Record<symbol, unknown>)[PRESTARTED] = new Map([[role, workers]]);
}

function prestartedPool(role: string): Worker[] | undefined {
  return ((globalThis as Record<symbol, unknown>)[PRESTARTED] as Map<string, Worker[]> | undefined)?.get(role);
}

/** A worker the CLI launcher started early for `role` (see launcher.ts), still running. */
function takePrestartedWorker(role: string): Worker | undefined {
  const pool = prestartedPool(role);
  for (let worker = pool?.shift(); worker; worker = pool?.shift()) {
    if (worker.threadId === -1) continue;
    worker.ref();
    return worker;
  }
  return undefined;
}

/** Stops the early-started workers for `role` that were not needed. */
export function releasePrestartedWorkers(role: string): void {
  const pool = prestartedPool(role);
  for (let worker = pool?.shift(); worker; worker = pool?.shift()) void worker.terminate();
}

/** The role a worker thread was started for (undefined on the main thread). */
export function workerRole(workerData: unknown): string | undefined {
  const role = (workerData as { huntkitRole?: unknown } | null)?.huntkitRole;
  return typeof role === 'string' ? role : undefined;
}

/** URL of tsx's ESM API module, read from its package exports (its CommonJS twin cannot register from a worker). */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api'].import.default)).href;
}

export const SAVE_CODE_CACHE = Symbol.for('huntkit.saveCodeCache');

/**
 * Writes this thread's code cache now, if the launcher (launcher.ts) has one to write. For a
 * worker that has finished: the main thread may exit, stopping it, as soon as it answers.
 */
export function saveCodeCache(): void {
  ((globalThis as Record<symbol, unknown>)[SAVE_CODE_CACHE] as (() => void) | undefined)?.();
}
