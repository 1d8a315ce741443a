// The `huntkit` executable: loads the CLI bundle through V8's code cache. A cold start
// spends about as long parsing and compiling the 6 MB bundle's functions as checking
// hundreds of files; the cache, written when a command first runs, skips that on every
// later run of the same command. Any failure to read or write the cache only costs speed.
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import { defaultCheckWorkers, prestartWorkers, SAVE_CODE_CACHE, workerRole } from '../common/workerThreads.ts';

const BUNDLE = join(__dirname, 'cli-main.cjs');

/** Where the cache lives; `HUNTKIT_COMPILE_CACHE=off` (or Node's `NODE_DISABLE_COMPILE_CACHE`) turns it off. */
function cacheFolder(): string | undefined {
  const setting = process.env.HUNTKIT_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  return setting || join(tmpdir(), 'huntkit-compile-cache');
}

/**
 * A cache holds the functions its run compiled. So there is one per command (and per kind of
 * worker thread): `huntkit --help` must not leave a thin cache behind for `huntkit check`.
 * And a short run (a check of a few files) writes a `.thin` cache, used only until a long
 * run (at least LONG_RUN_MS), which gains most from a full cache, writes the full one.
 */
function cacheFiles(folder: string, bundleVersion: string): { full: string; thin: string } {
  const role = isMainThread ? (process.argv[2] ?? 'none').replace(/[^\w-]/g, '_').slice(0, 32) : `worker-${workerRole(workerData) ?? 'any'}`;
  const key = fnv1a64(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${bundleVersion}`).padStart(20, '0');
  return { full: join(folder, `${key}-${role}.v8cache`), thin: join(folder, `${key}-${role}.thin.v8cache`) };
}

/**
 * FNV-1a, 64-bit, in hex: enough to tell builds, Node versions and flags apart in a file
 * name, without loading node:crypto (several milliseconds of every start, in every thread).
 */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) hash = BigInt.asUintN(64, (hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return hash.toString(16);
}

const LONG_RUN_MS = 1000;

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Caches of other builds, Node versions or flags: removed when a day old, so tmp does not fill up. */
const STALE_MS = 24 * 60 * 60 * 1000;

function pruneStale(folder: string, keep: string): void {
  const key = basename(keep).slice(0, 20);
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.v8cache') || name.startsWith(key)) continue;
    const path = join(folder, name);
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    pruneStale(dirname(file), file);
    // Write then rename, so a concurrent run never reads half a cache.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch {
    // An unwritable cache folder only means the next run starts cold too.
  }
}

/**
 * A CLI run is short: V8's default eagerness to optimize (tuned for long-lived pages and
 * servers) spends more CPU compiling functions with TurboFan than the run gets back, and
 * on two cores that compiling competes with the checking itself. A larger interrupt budget
 * optimizes only the functions that stay hot (measured on `huntkit check` over the
 * corpus with Node 20: about a third less CPU in all). Set before any of the bundle is
 * compiled; V8 flags are per process, so worker threads share it. V8 12 replaced the flag
 * (and added the Maglev tier, which changes the trade-off), so it is set for V8 10 and 11 only.
 */
const V8_FLAGS = '--interrupt-budget=800000';

function tuneV8(): void {
  const v8Major = Number(process.versions.v8.split('.')[0]);
  if (!isMainThread || v8Major < 10 || v8Major > 11) return;
  if (process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) return;
  setFlagsFromString(V8_FLAGS);
}

/**
 * `huntkit check` checks large sets in worker threads as well as this one; starting them
 * here lets them load the bundle while this thread does (about a quarter of a second each).
 * They are let go if the set turns out small (batchCheck.ts).
 */
function prestartCheckWorkers(): void {
  if (!isMainThread || process.argv[2] !== 'check') return;
  const { values } = parseArgs({ args: process.argv.slice(3), options: { workers: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true });
  if (values.help) return;
  const asked = typeof values.workers === 'string' ? Number(values.workers) : undefined;
  prestartWorkers('check', asked === undefined ? defaultCheckWorkers() : Math.min(asked || 0, 16));
}

/**
 * The cache for this bundle, command and thread: what to compile with, and `keep`, which
 * arranges to write the script's cache when this run has one worth writing (at exit, or
 * earlier when a worker says it is done).
 */
function openCodeCache(folder: string): { cachedData: Buffer | undefined; keep(script: Script): void } {
  const stat = statSync(BUNDLE);
  const files = cacheFiles(folder, `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`);
  const full = readCache(files.full);
  const cachedData = full ?? readCache(files.thin);
  return {
    cachedData,
    keep(script) {
      const usable = cachedData !== undefined && script.cachedDataRejected !== true;
      if (usable && full) return;
      let saved = false;
      const save = () => {
        if (saved) return;
        saved = true;
        if (performance.now() >= LONG_RUN_MS) writeCache(files.full, script.createCachedData());
        else if (!usable) writeCache(files.thin, script.createCachedData());
      };
      process.once('exit', save);
      // A worker thread is stopped, without its 'exit' event, when the main thread exits first:
      // a worker that is done calls this before it answers (see saveCodeCache in workerThreads.ts).
      (globalThis as Record<symbol, unknown>)[SAVE_CODE_CACHE] = save;
    },
  };
}

function launch(): void {
  tuneV8();
  prestartCheckWorkers();
  const folder = cacheFolder();
  // The build writes the bundle already wrapped as a CommonJS module function (the wrapper
  // `require` would add): compiling it then needs no 6 MB concatenated copy of its text.
  // It is ASCII-only: Latin-1 decodes that three times faster than UTF-8 (`isAscii` is
  // missing before Node 18.15).
  const bytes = readFileSync(BUNDLE);
  const source = bytes.toString(typeof isAscii === 'function' && isAscii(bytes) ? 'latin1' : 'utf8');
  const cache = folder ? openCodeCache(folder) : undefined;
  const script = new Script(source, { filename: BUNDLE, cachedData: cache?.cachedData });
  cache?.keep(script);
  const bundleModule = new Module(BUNDLE, module);
  bundleModule.filename = BUNDLE;
  bundleModule.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const bundleRequire = Module.createRequire(BUNDLE);
  run.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, BUNDLE, __dirname);
}

launch();
