// Starts a worker thread running one of our modules, bundled or from sources.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  if (Object.keys(workerData).length === 0) {
    const prestarted = takePrestartedWorker(role);
    if (prestarted) return prestarted;
  }
  const data = { ...workerData, huntkitRole: role };
  if (typeof __HUNTKIT_BUNDLE__ !== 'undefined') {
    const script = basename(__filename) === 'cli-main.cjs' ? join(__dirname, 'cli.cjs') : __filename;
    return new Worker(script, { workerData: data });
  }
  const source = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerModule.href)}); })`;
  return new Worker(source, { eval: true, workerData: data });
}

const PRESTARTED = Symbol.for('huntkit.prestartedWorkers');

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
