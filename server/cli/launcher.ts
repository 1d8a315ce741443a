// The `huntkit` executable: loads the CLI bundle through V8's code cache. A cold start
// spends about as long parsing and compiling the 6 MB bundle's functions as checking
// hundreds of files; the cache, written when a command first runs, skips that on every
// later run of the same command. Any failure to read or write the cache only costs speed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';

const BUNDLE = join(__dirname, 'cli-main.cjs');

/** Where the cache lives; `HUNTKIT_COMPILE_CACHE=off` (or Node's `NODE_DISABLE_COMPILE_CACHE`) turns it off. */
function cacheFolder(): string | undefined {
  const setting = process.env.HUNTKIT_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  return setting || join(tmpdir(), 'huntkit-compile-cache');
}

/**
 * One cache per command (and one for worker threads): the cache holds the functions a run
 * compiled, so `huntkit --help` must not leave a thin cache behind for `huntkit check`.
 */
function cacheFile(folder: string, bundleVersion: string): string {
  const role = isMainThread ? (process.argv[2] ?? 'none').replace(/[^\w-]/g, '_').slice(0, 32) : `worker-${(workerData as { huntkitRole?: string } | null)?.huntkitRole ?? 'any'}`;
  const key = createHash('sha256').update(process.version).update(process.arch).update(process.execArgv.join(' ')).update(bundleVersion).digest('hex').slice(0, 20);
  return join(folder, `${key}-${role}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a concurrent run never reads half a cache.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch {
    // An unwritable cache folder only means the next run starts cold too.
  }
}

function launch(): void {
  const folder = cacheFolder();
  if (!folder) {
    Module.createRequire(__filename)(BUNDLE);
    return;
  }
  // The bundle keeps its shebang-free CommonJS form; it runs exactly as `require` would run it.
  const source = readFileSync(BUNDLE, 'utf8');
  const stat = statSync(BUNDLE);
  const file = cacheFile(folder, `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`);
  const cachedData = readCache(file);
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const needsCache = !cachedData || script.cachedDataRejected === true;
  if (needsCache) process.once('exit', () => writeCache(file, script.createCachedData()));
  const bundleModule = new Module(BUNDLE, module);
  bundleModule.filename = BUNDLE;
  bundleModule.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const bundleRequire = Module.createRequire(BUNDLE);
  run.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, BUNDLE, __dirname);
}

launch();
