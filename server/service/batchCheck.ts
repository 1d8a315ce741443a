// Checks many files at once, as `huntkit check` does: per-file analysis (spread over
// worker threads for large sets), then the workspace-wide duplicate checks.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defaultCheckWorkers, releasePrestartedWorkers, startWorker } from '../common/workerThreads.ts';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { LineIndex } from '../common/lineIndex.ts';
import { detached } from '../common/strings.ts';
import type { QueryLanguage } from '../common/language.ts';
import { analyzeText, analyzeTextFast, checkedQueries, documentDiagnostics, queryKey, runQuery, type QueryResult } from './analysis.ts';
import { EVERY_CODE, LANGUAGE_CODE_FAMILY, mayReport, reported, type CodeFilter } from '../common/codeFilter.ts';
import { frontEnds } from './frontEnds.ts';
import { parseHuntRuleDocument, parseHuntRuleDocumentValuesOnly } from '../document/huntRuleDocument.ts';
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

/** Why a file could not be read. */
type Unreadable = { unreadable: string };

/** A file's text, or why it could not be read. */
export type FileText = string | Unreadable;

function readOrSayWhy<T>(read: () => T): T | Unreadable {
  try {
    return read();
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
}

export function readFileText(file: string): FileText {
  return readOrSayWhy(() => readFileSync(file, 'utf8'));
}

function readFileBytes(file: string): Buffer | Unreadable {
  return readOrSayWhy(() => readFileSync(file));
}

export interface CheckFileOptions {
  /** Skip source positions when there is nothing to report (default true). */
  fast?: boolean;
  /** The file's text (or why it could not be read), when already read. */
  text?: FileText;
  /** Results of its queries already run elsewhere (see analysis.ts). */
  queryResults?: Map<string, QueryResult>;
  /** The codes to report; work only the others need is skipped (see analysis.ts). */
  codes?: CodeFilter;
}

export function checkOneFile(file: string, { fast = true, text = readFileText(file), queryResults, codes = EVERY_CODE }: CheckFileOptions = {}): CheckedFile {
  if (typeof text !== 'string') {
    const message = `cannot read file: ${text.unreadable}`;
    const diagnostics = reported(codes, [{ span: { start: 0, end: 0 }, severity: 'error' as const, code: 'file-unreadable', message }]);
    return { file, isHuntOrRule: true, diagnostics, identity: { path: file, values: [] }, exactSpans: true, lineStarts: [0] };
  }
  const analysis = fast ? analyzeTextFast(text, file, queryResults, codes) : analyzeText(text, file, queryResults, codes);
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
  /** The codes to report (default: all); checks that only feed codes left out are skipped. */
  codes?: CodeFilter;
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
function locateIdentity(checked: CheckedFile, codes: CodeFilter): void {
  const text = readFileText(checked.file);
  if (typeof text !== 'string') {
    Object.assign(checked, checkOneFile(checked.file, { fast: false, text, codes }));
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
  const codes = options.codes ?? EVERY_CODE;
  if (!parallel) releasePrestartedWorkers('check');
  const checked = parallel ? await checkInParallel(files, workers, codes) : files.map((f) => checkOneFile(f, { codes }));
  const cwd = options.cwd ?? process.cwd();
  const huntsAndRules = checked.filter((c) => c.isHuntOrRule);
  const describe = (f: string) => relative(cwd, f);
  const reportedDuplicates = () => {
    const found = new Map<string, QueryDiagnostic[]>();
    for (const [file, list] of duplicateDiagnostics(huntsAndRules.map((c) => c.identity), describe)) {
      const shown = reported(codes, list);
      if (shown.length > 0) found.set(file, shown);
    }
    return found;
  };
  let duplicates = reportedDuplicates();
  // Files that share a uuid or name but were checked without positions: locate those values.
  const inexact = huntsAndRules.filter((c) => duplicates.has(c.file) && !c.exactSpans);
  if (inexact.length > 0) {
    for (const c of inexact) locateIdentity(c, codes);
    duplicates = reportedDuplicates();
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
 * Each thread pays to load and warm up the code it runs (V8 compiles and tunes per thread),
 * so the work is split by stage rather than by file. Workers first check the hunts whole
 * (found by the upstream layout, `hunting/<platform>/queries/`: their osquery and ES|QL
 * queries and docs need code no rule does). Meanwhile this thread reads the rules, parses
 * their TOML and checks their schema, and sends their queries to the workers as it finds
 * them, grouped by language, KQL last: once its own stage is done it takes queries back
 * from the end until it meets the workers. Each hunt and query is claimed (compare-and-swap
 * on a shared flag) by exactly one thread. Last, this thread puts each rule's diagnostics
 * together, parsing again with positions only the rules that have any. What a failed
 * worker claimed is done here.
 *
 * Without query checks (`codes` reports no query language's codes) there are no queries to
 * hand over: once done with the hunts, the workers check rules whole, from the end, while
 * this thread checks them from the start.
 */
async function checkInParallel(files: readonly string[], workerCount: number, codes: CodeFilter): Promise<CheckedFile[]> {
  const workers = Array.from({ length: workerCount }, () => startWorker('check', new URL('./batchCheckWorker.ts', import.meta.url)));
  releasePrestartedWorkers('check');
  const hunts = files.filter((file) => HUNTING_FOLDER.test(file));
  const huntClaims = new Int32Array(new SharedArrayBuffer(4 * Math.max(hunts.length, 1)));
  const jobClaims = new Int32Array(new SharedArrayBuffer(4 * (files.length * 8 + 64)));
  const checksQueries = Object.values(LANGUAGE_CODE_FAMILY).some((family) => mayReport(codes, family));
  const rules = checksQueries ? [] : files.filter((file) => !HUNTING_FOLDER.test(file));
  const ruleClaims = new Int32Array(new SharedArrayBuffer(4 * Math.max(rules.length, 1)));
  const answers = workers.map((worker) => answerOf(worker));
  const start: CheckMessage = { hunts, huntClaims: huntClaims.buffer, jobClaims: jobClaims.buffer, rules, ruleClaims: ruleClaims.buffer, codes };
  for (const worker of workers) worker.postMessage(start);
  const out = new Map<string, CheckedFile>();
  const checkHere = (file: string) => checkOneFile(file, { codes });
  if (!checksQueries) {
    // The workers claim from the end: the first rule this thread cannot claim ends its share.
    for (const [k, file] of rules.entries()) {
      if (Atomics.compareExchange(ruleClaims, k, 0, CLAIMED_BY_MAIN) !== 0) break;
      out.set(file, checkHere(file));
    }
    for (const worker of workers) worker.postMessage({ end: true } satisfies CheckMessage);
    for (const answer of await Promise.all(answers)) {
      for (const [k, checked] of answer.hunts) out.set(hunts[k], checked);
      for (const [k, checked] of answer.rules) out.set(rules[k], checked);
    }
    return files.map((file) => out.get(file) ?? checkHere(file));
  }

  const jobs: QueryJob[] = [];
  const unsent: QueryJob[] = [];
  const send = () => {
    if (unsent.length === 0) return;
    for (const worker of workers) worker.postMessage({ jobs: unsent } satisfies CheckMessage);
    unsent.length = 0;
  };
  const staged: (StagedFile | CheckedFile)[] = [];
  // Rules that share a query share its job: found by text first (no long composite keys to
  // build, hash and keep), then by language and minimum stack version.
  const jobsByText = new Map<string, QueryJob[]>();
  for (const { file, content } of rulesInStageOrder(files)) {
    if (!Buffer.isBuffer(content)) {
      staged.push(checkOneFile(file, { text: content, codes }));
      continue;
    }
    const text = content.toString('utf8');
    const document = parseHuntRuleDocumentValuesOnly(text);
    // Not TOML the fast parser takes, or not a rule: checked here as a whole.
    if (!document || document.kind === 'other') {
      staged.push(checkOneFile(file, { text, codes }));
      continue;
    }
    const ruleJobs: QueryJob[] = [];
    for (const { query, minStackVersion } of checkedQueries(document, codes)) {
      const language = query.language!;
      const queryText = detached(query.text);
      const sameText = jobsByText.get(queryText);
      let job = sameText?.find((j) => j.language === language && j.minStackVersion === minStackVersion);
      if (!job) {
        job = { id: jobs.length, language, minStackVersion, text: queryText };
        if (sameText) sameText.push(job);
        else jobsByText.set(queryText, [job]);
        jobs.push(job);
        if (job.id < jobClaims.length) unsent.push(job);
        if (unsent.length >= JOBS_PER_MESSAGE) send();
      }
      ruleJobs.push(job);
    }
    // Only what the last stage needs is kept (the text as bytes): the parsed values die young.
    staged.push({ file, bytes: content, identity: identityOf(file, document), jobs: ruleJobs, own: documentDiagnostics(document, file, codes) });
  }
  send();
  for (const worker of workers) worker.postMessage({ end: true } satisfies CheckMessage);

  const jobResults: (QueryDiagnostic[] | undefined)[] = new Array(jobs.length);
  // Take queries from the end until one is already claimed: the workers claim in order.
  for (let id = jobs.length - 1; id >= 0; id--) {
    if (id < jobClaims.length && Atomics.compareExchange(jobClaims, id, 0, CLAIMED_BY_MAIN) !== 0) break;
    jobResults[id] = runJob(jobs[id]).diagnostics;
  }
  for (const answer of await Promise.all(answers)) {
    for (const [id, diagnostics] of answer.jobs) jobResults[id] = diagnostics;
    for (const [k, checked] of answer.hunts) out.set(hunts[k], checked);
  }
  for (const job of jobs) jobResults[job.id] ??= runJob(job).diagnostics;
  for (const s of staged) out.set(s.file, isStaged(s) ? assemble(s, jobResults as QueryDiagnostic[][], codes) : s);
  return files.map((file) => out.get(file) ?? checkHere(file));
}

/** A rule between the stages: its own diagnostics found, its queries out as jobs. */
interface StagedFile {
  file: string;
  bytes: Buffer;
  identity: FileIdentity;
  jobs: QueryJob[];
  /** Its diagnostics apart from the queries' (schema). */
  own: QueryDiagnostic[];
}

function isStaged(s: StagedFile | CheckedFile): s is StagedFile {
  return 'own' in s;
}

/**
 * A file's diagnostics from its stages; a file with any `codes` reports is parsed again for
 * their exact positions (which filters its queries' diagnostics as analysis does).
 */
function assemble(s: StagedFile, jobResults: readonly QueryDiagnostic[][], codes: CodeFilter): CheckedFile {
  const hasFindings = s.own.length > 0 || s.jobs.some((job) => reported(codes, jobResults[job.id]).length > 0);
  if (!hasFindings) return { file: s.file, isHuntOrRule: true, diagnostics: [], identity: s.identity, exactSpans: false, lineStarts: [] };
  const queryResults = new Map(s.jobs.map((job) => [queryKey(job.language, job.minStackVersion, job.text), { ast: undefined, diagnostics: jobResults[job.id] }]));
  return checkOneFile(s.file, { fast: false, text: s.bytes.toString('utf8'), queryResults, codes });
}

/** A query for a worker to run. */
export interface QueryJob {
  id: number;
  language: QueryLanguage;
  minStackVersion: string | undefined;
  text: string;
}

/**
 * What this thread posts to a check worker: first the hunts to check whole, the rules to
 * check whole (only without query checks), the claim flags (of hunts and rules, by
 * position, and of queries, by id) and the codes to report; then queries; then the end.
 */
export type CheckMessage =
  | { hunts: string[]; huntClaims: SharedArrayBuffer; jobClaims: SharedArrayBuffer; rules: string[]; ruleClaims: SharedArrayBuffer; codes: CodeFilter }
  | { jobs: QueryJob[] }
  | { end: true };

/** A worker's answer once it has run out of work: the hunts, rules and queries it claimed, by position and id. */
export interface CheckAnswer {
  hunts: [number, CheckedFile][];
  rules: [number, CheckedFile][];
  jobs: [number, QueryDiagnostic[]][];
}

const JOBS_PER_MESSAGE = 64;
export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

export function runJob(job: QueryJob): QueryResult {
  return runQuery(frontEnds[job.language], job.text, job.minStackVersion);
}

/** What a worker answered; nothing if it failed. */
function answerOf(worker: Worker): Promise<CheckAnswer> {
  return new Promise((resolve) => {
    worker.once('message', (m: CheckAnswer) => resolve(m));
    worker.once('error', () => resolve({ hunts: [], rules: [], jobs: [] }));
    worker.once('exit', () => resolve({ hunts: [], rules: [], jobs: [] }));
  });
}

const HUNTING_FOLDER = /[\\/]hunting[\\/]/;
const LANGUAGE_RANK: Record<string, number> = { esql: 0, eql: 1 };

/**
 * Rules in the order their queries go out: by query language, ES|QL, EQL, and KQL and the
 * rest last, which this thread takes back once its own stage is done. They are read as
 * bytes to find their language (outside the JS heap, so the collector need not copy 14 MB
 * of text that lives until its turn).
 */
function rulesInStageOrder(files: readonly string[]): { file: string; content: Buffer | Unreadable }[] {
  const rules: { file: string; content: Buffer | Unreadable; rank: number; index: number }[] = [];
  for (const [index, file] of files.entries()) {
    if (HUNTING_FOLDER.test(file)) continue;
    const content = readFileBytes(file);
    rules.push({ file, content, rank: languageRank(content), index });
  }
  return rules.sort((a, b) => a.rank - b.rank || a.index - b.index);
}

/** ES|QL rules first, then EQL, then the rest (KQL, Lucene, machine learning). */
function languageRank(content: Buffer | Unreadable): number {
  const language = Buffer.isBuffer(content) ? languageOf(content) : undefined;
  return (language !== undefined ? LANGUAGE_RANK[language] : undefined) ?? 2;
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

