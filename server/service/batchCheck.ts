// Checks many files at once, as `huntkit check` does: per-file analysis (spread over
// worker threads for large sets), then the workspace-wide duplicate checks.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { LineIndex } from '../common/lineIndex.ts';
import { analyzeText, analyzeTextFast } from './analysis.ts';
import { duplicateDiagnostics, identityOf, type FileIdentity } from '../schema/workspace.ts';
import { SEVERITY_RANK, toFileDiagnostic, type FileDiagnostic } from './lspTypes.ts';

/** One file's result, small enough to post from a worker. */
export interface CheckedFile {
  file: string;
  isHuntOrRule: boolean;
  diagnostics: QueryDiagnostic[];
  identity: FileIdentity;
  /** False when the file was checked without source positions (it had nothing to report). */
  exactSpans: boolean;
  /** Empty unless there are exact spans to place. */
  lineStarts: number[];
}

/** Checks a file; `fast` skips source positions when there is nothing to report. */
export function checkOneFile(file: string, fast = true): CheckedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const message = `cannot read file: ${error instanceof Error ? error.message : String(error)}`;
    return { file, isHuntOrRule: true, diagnostics: [{ span: { start: 0, end: 0 }, severity: 'error', code: 'file-unreadable', message }], identity: { path: file, values: [] }, exactSpans: true, lineStarts: [0] };
  }
  const analysis = fast ? analyzeTextFast(text, file) : analyzeText(text, file);
  const isHuntOrRule = analysis.document.kind !== 'other';
  const exactSpans = analysis.document.toml.exactSpans;
  return {
    file,
    isHuntOrRule,
    diagnostics: isHuntOrRule ? analysis.diagnostics : [],
    identity: identityOf(file, analysis.document),
    exactSpans,
    lineStarts: exactSpans ? new LineIndex(text).lineStarts : [],
  };
}

export interface BatchOptions {
  /** Worker threads to use; 0 or 1 checks in this thread. Default: one per core for large sets. */
  workers?: number;
  /** Paths in messages are shown relative to this folder. */
  cwd?: string;
}

export interface BatchResult {
  /** Files that are hunts or rules. */
  checkedFiles: string[];
  diagnostics: FileDiagnostic[];
}

const FILES_PER_WORKER_MINIMUM = 200;

export async function checkFiles(files: readonly string[], options: BatchOptions = {}): Promise<BatchResult> {
  // Each worker loads and warms up its own copy of the code, and V8's compiler and GC threads
  // need a core too: on two cores one thread is fastest (measured), so leave a core spare.
  const workers = options.workers ?? (files.length >= 2 * FILES_PER_WORKER_MINIMUM ? Math.min(availableParallelism() - 1, 4) : 1);
  const checked = workers > 1 ? await checkInWorkers(files, workers) : files.map((f) => checkOneFile(f));
  const cwd = options.cwd ?? process.cwd();
  const huntsAndRules = checked.filter((c) => c.isHuntOrRule);
  const describe = (f: string) => relative(cwd, f);
  let duplicates = duplicateDiagnostics(
    huntsAndRules.map((c) => c.identity),
    describe,
  );
  // Files that share a uuid or name but were checked without positions: check them again exactly.
  const inexact = huntsAndRules.filter((c) => duplicates.has(c.file) && !c.exactSpans);
  if (inexact.length > 0) {
    for (const c of inexact) Object.assign(c, checkOneFile(c.file, false));
    duplicates = duplicateDiagnostics(
      huntsAndRules.map((c) => c.identity),
      describe,
    );
  }
  const diagnostics: FileDiagnostic[] = [];
  for (const c of huntsAndRules) {
    const lines = new LineIndex(c.lineStarts);
    for (const d of [...c.diagnostics, ...(duplicates.get(c.file) ?? [])]) diagnostics.push(toFileDiagnostic(c.file, lines, d));
  }
  diagnostics.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  return { checkedFiles: huntsAndRules.map((c) => c.file), diagnostics };
}

declare const __HUNTKIT_BUNDLE__: boolean | undefined;

/** The bundled CLI is its own worker script; from source (tests, tsx) the worker registers tsx and loads the TypeScript module. */
function startWorker(workerData: unknown): Worker {
  if (typeof __HUNTKIT_BUNDLE__ !== 'undefined') return new Worker(__filename, { workerData });
  const source = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./batchCheckWorker.ts', import.meta.url).href)}); })`;
  return new Worker(source, { eval: true, workerData });
}

async function checkInWorkers(files: readonly string[], count: number): Promise<CheckedFile[]> {
  // Interleave so each worker gets a similar mix of large and small files.
  const shares: string[][] = Array.from({ length: count }, () => []);
  files.forEach((f, i) => shares[i % count].push(f));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<CheckedFile[]>((resolve, reject) => {
          const worker = startWorker({ huntkitCheckFiles: share });
          worker.once('message', (m: CheckedFile[]) => resolve(m));
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`check worker exited with code ${code}`)));
        }),
    ),
  );
  return results.flat();
}
