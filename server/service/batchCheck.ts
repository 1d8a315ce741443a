// Checks many files at once, as `huntkit check` does: per-file analysis (spread over
// worker threads for large sets), then the workspace-wide duplicate checks.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defaultCheckWorkers, releasePrestartedWorkers, startWorker } from '../common/workerThreads.ts';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { LineIndex } from '../common/lineIndex.ts';
import { analyzeText, analyzeTextFast } from './analysis.ts';
import { parseHuntRuleDocument } from '../document/huntRuleDocument.ts';
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

/** A file's text, or why it could not be read. */
export type FileText = string | { unreadable: string };

export function readFileText(file: string): FileText {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks a file; `fast` skips source positions when there is nothing to report. */
export function checkOneFile(file: string, fast = true, text: FileText = readFileText(file)): CheckedFile {
  if (typeof text !== 'string') {
    const message = `cannot read file: ${text.unreadable}`;
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
  /** Worker threads to use beside this one; 0 checks in this thread only. Default: one per spare core (up to 3) for large sets. */
  workers?: number;
  /** Paths in messages are shown relative to this folder. */
  cwd?: string;
}

export interface BatchResult {
  /** Files that are hunts or rules. */
  checkedFiles: string[];
  diagnostics: FileDiagnostic[];
}

/**
 * Gives a file checked without positions (it had no findings of its own) the exact spans
 * of its uuid and name, for the duplicate diagnostics: a TOML parse, no new analysis.
 */
function locateIdentity(checked: CheckedFile): void {
  const text = readFileText(checked.file);
  if (typeof text !== 'string') {
    Object.assign(checked, checkOneFile(checked.file, false, text));
    return;
  }
  checked.identity = identityOf(checked.file, parseHuntRuleDocument(text));
  checked.exactSpans = true;
  checked.lineStarts = new LineIndex(text).lineStarts;
}

/** Below this many files a worker thread costs more to start than it saves. */
const PARALLEL_MINIMUM = 400;

export async function checkFiles(files: readonly string[], options: BatchOptions = {}): Promise<BatchResult> {
  const workers = options.workers ?? (files.length >= PARALLEL_MINIMUM ? defaultCheckWorkers() : 0);
  const parallel = workers > 0 && files.length > 1;
  if (!parallel) releasePrestartedWorkers('check');
  const checked = parallel ? await checkInParallel(files, workers) : files.map((f) => checkOneFile(f));
  const cwd = options.cwd ?? process.cwd();
  const huntsAndRules = checked.filter((c) => c.isHuntOrRule);
  const describe = (f: string) => relative(cwd, f);
  let duplicates = duplicateDiagnostics(
    huntsAndRules.map((c) => c.identity),
    describe,
  );
  // Files that share a uuid or name but were checked without positions: locate those values.
  const inexact = huntsAndRules.filter((c) => duplicates.has(c.file) && !c.exactSpans);
  if (inexact.length > 0) {
    for (const c of inexact) locateIdentity(c);
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

/**
 * Each thread pays to load and warm up the code it runs (V8 compiles per thread), so the
 * files are shared out by kind. Workers start on the hunts (found by the upstream layout,
 * `hunting/<platform>/queries/`): their osquery and ES|QL queries and docs need code no
 * EQL or KQL rule does. Meanwhile this thread reads the rules and orders them by query
 * language, EQL first and ES|QL last; it then takes rules from the front and workers from
 * the back until they meet, so all finish together. Last, this thread takes any hunt the
 * workers have not reached (a worker that failed leaves its files to this thread too).
 */
async function checkInParallel(files: readonly string[], workerCount: number): Promise<CheckedFile[]> {
  const workers = Array.from({ length: workerCount }, () => startWorker('check', new URL('./batchCheckWorker.ts', import.meta.url)));
  releasePrestartedWorkers('check');
  const huntIndices: number[] = [];
  const ruleIndices: number[] = [];
  files.forEach((file, i) => (HUNTING_FOLDER.test(file) ? huntIndices : ruleIndices).push(i));
  const hunts: CheckShare = { id: 0, files: huntIndices.map((i) => files[i]), queue: new WorkQueue(huntIndices.length).buffer };
  const huntResults = workers.map((worker) => workerResults(worker, hunts));

  // Read as bytes (outside the JS heap, so the collector need not copy 14 MB of text that
  // lives until its rule's turn) and made text only when checked.
  const contents = new Map(ruleIndices.map((i) => [i, readFileBytes(files[i])]));
  const ranks = new Map(ruleIndices.map((i) => [i, languageRank(contents.get(i)!)]));
  const ruleOrder = [...ruleIndices].sort((a, b) => ranks.get(a)! - ranks.get(b)! || a - b);
  const rules: CheckShare = { id: 1, files: ruleOrder.map((i) => files[i]), queue: new WorkQueue(ruleOrder.length).buffer, last: true };
  const ruleResults = workers.map((worker) => workerResults(worker, rules));

  const out: (CheckedFile | undefined)[] = new Array(files.length);
  const ruleQueue = new WorkQueue(rules.queue);
  for (let k = ruleQueue.takeFront(); k !== undefined; k = ruleQueue.takeFront()) out[ruleOrder[k]] = checkOneFile(files[ruleOrder[k]], true, asText(contents.get(ruleOrder[k])!));
  const huntQueue = new WorkQueue(hunts.queue);
  for (let k = huntQueue.takeFront(); k !== undefined; k = huntQueue.takeFront()) out[huntIndices[k]] = checkOneFile(files[huntIndices[k]]);
  for (const results of await Promise.all(huntResults)) for (const [k, result] of results) out[huntIndices[k]] = result;
  for (const results of await Promise.all(ruleResults)) for (const [k, result] of results) out[ruleOrder[k]] = result;
  return out.map((result, i) => result ?? checkOneFile(files[i]));
}

const HUNTING_FOLDER = /[\\/]hunting[\\/]/;
const LANGUAGE_RANK: Record<string, number> = { eql: 0, esql: 3 };

/** EQL rules first, ES|QL rules last, the rest (KQL, Lucene, machine learning) between. */
function languageRank(content: Buffer | { unreadable: string }): number {
  const language = Buffer.isBuffer(content) ? languageOf(content) : undefined;
  return (language !== undefined ? LANGUAGE_RANK[language] : undefined) ?? 1;
}

const LANGUAGE_KEY = 'language';
const LANGUAGE_VALUE = /^\s*=\s*"(\w+)"/;

/** The value of the first `language = "..."` line. */
function languageOf(bytes: Buffer): string | undefined {
  for (let at = bytes.indexOf(LANGUAGE_KEY); at >= 0; at = bytes.indexOf(LANGUAGE_KEY, at + 1)) {
    if (at > 0 && bytes[at - 1] !== 0x0a) continue;
    const value = LANGUAGE_VALUE.exec(bytes.toString('latin1', at + LANGUAGE_KEY.length, at + LANGUAGE_KEY.length + 48));
    if (value) return value[1];
  }
  return undefined;
}

function readFileBytes(file: string): Buffer | { unreadable: string } {
  try {
    return readFileSync(file);
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
}

function asText(content: Buffer | { unreadable: string }): FileText {
  return Buffer.isBuffer(content) ? content.toString('utf8') : content;
}

/**
 * Positions 0..length-1 that threads take from either end without taking one twice: the
 * next front and back positions share one 64-bit cell, claimed by compare-and-swap.
 */
export class WorkQueue {
  private readonly cell: BigInt64Array;

  constructor(lengthOrBuffer: number | SharedArrayBuffer) {
    if (typeof lengthOrBuffer === 'number') {
      this.cell = new BigInt64Array(new SharedArrayBuffer(8));
      this.cell[0] = BigInt(lengthOrBuffer);
    } else this.cell = new BigInt64Array(lengthOrBuffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.cell.buffer as SharedArrayBuffer;
  }

  takeFront(): number | undefined {
    return this.take(true);
  }

  takeBack(): number | undefined {
    return this.take(false);
  }

  /** The cell holds `front << 32 | end`: positions front..end-1 are still free. */
  private take(front: boolean): number | undefined {
    for (;;) {
      const current = Atomics.load(this.cell, 0);
      const first = Number(current >> 32n);
      const end = Number(current & 0xffffffffn);
      if (first >= end) return undefined;
      const next = front ? current + (1n << 32n) : current - 1n;
      if (Atomics.compareExchange(this.cell, 0, current, next) === current) return front ? first : end - 1;
    }
  }
}

/** What a worker checked of a share, by position in it; nothing if the worker failed. */
function workerResults(worker: Worker, share: CheckShare): Promise<[number, CheckedFile][]> {
  return new Promise((resolve) => {
    const onMessage = (m: { id: number; results: [number, CheckedFile][] }) => {
      if (m.id !== share.id) return;
      worker.off('message', onMessage);
      resolve(m.results);
    };
    worker.on('message', onMessage);
    worker.once('error', () => resolve([]));
    worker.once('exit', () => resolve([]));
    worker.postMessage(share);
  });
}

/** Files for workers to check: they take from the back of the queue, and answer `{ id, results }`. */
export interface CheckShare {
  id: number;
  files: string[];
  /** A WorkQueue over the files. */
  queue: SharedArrayBuffer;
  /** The last share this worker gets: it ends once that is checked. */
  last?: boolean;
}
