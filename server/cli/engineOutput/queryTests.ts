// Tests for hunts and rules: example events beside the file, and which of them the
// query must find.
//
//   rules/linux/foo.toml            the rule (or hunt)
//   rules/linux/foo.test.ndjson     its test events (or foo.test.json, a JSON array)
//   rules/linux/foo.test.toml       optional settings
//
// An event the query must return carries `"huntkit.expect": true` (for a hunt, a list
// of query numbers, `[0, 2]`, when only some of its queries must return it). The key
// is removed before the query sees the event. When some events are marked, a query
// passes when it returns exactly the marked events (in a sequence or alone): marked
// ones are true positives it must find, unmarked ones noise it must not. When no event
// is marked, a query passes when it returns something. ES|QL tables have no events to
// compare: they pass with at least one row, or with the row count the settings expect.
//
// foo.test.toml:
//   now = "2024-05-01T12:00:00Z"   # the clock for now() and date math; default: one
//                                  # minute after the newest test event
//   [[expect]]
//   query = 1                      # the hunt's query number (default 0)
//   count = 3                      # exactly this many events, sequences or rows
//
// Every event file stands for every index: the query's index pattern is not applied.
import { existsSync, readFileSync } from 'node:fs';
import type { QueryLanguage } from '../../common/language.ts';
import type { EngineOptions, QueryOutput } from '../../engine/contract.ts';
import { fixedClock, parseNowOption } from '../../engine/clock.ts';
import { readEvents, type ReadWarning } from '../../engine/eventReader.ts';
import { compileFieldAccessor } from '../../engine/fieldAccess.ts';
import { LANGUAGE_NAMES, QueryCompileError, runQueryOnEvents, unrunnableReason } from '../../engine/runner/index.ts';
import { toEpochMillis, type EventDocument, type JsonValue } from '../../engine/values.ts';
import { parseHuntRuleDocument } from '../../document/huntRuleDocument.ts';
import { parseTomlModel } from '../../document/tomlModel.ts';
import { formatDiagnostics } from './messages.ts';
import { queryContext } from './queryContext.ts';
import { countOf, outputSize, resultNoun } from './render.ts';

export const EXPECT_KEY = 'huntkit.expect';
const DATA_SUFFIXES = ['.test.ndjson', '.test.jsonl', '.test.json'];
/** Results asked for in a test: enough for every test event to be returned. */
const TEST_LIMIT = 10_000;

export interface TestSubject {
  /** The hunt or rule file. */
  file: string;
  dataFile: string;
  settingsFile?: string;
}

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface QueryTestResult {
  subject: TestSubject;
  /** The query's number in the file; -1 when the test could not get as far as a query. */
  query: number;
  language?: QueryLanguage;
  /** `query 0 (EQL)`. */
  name: string;
  status: TestStatus;
  /** One line: why it failed or was skipped, or what passed. */
  message: string;
  /** Further lines: diagnostics, missing and unexpected events. */
  details: string[];
  elapsedMs: number;
}

/** The hunts and rules among `tomlFiles` that have test events beside them. */
export function findTestSubjects(tomlFiles: readonly string[]): TestSubject[] {
  const subjects: TestSubject[] = [];
  for (const file of tomlFiles) {
    if (file.endsWith('.test.toml')) continue;
    const base = file.slice(0, -'.toml'.length);
    const dataFile = DATA_SUFFIXES.map((suffix) => base + suffix).find((path) => existsSync(path));
    if (!dataFile) continue;
    const settingsFile = existsSync(`${base}.test.toml`) ? `${base}.test.toml` : undefined;
    subjects.push(settingsFile ? { file, dataFile, settingsFile } : { file, dataFile });
  }
  return subjects;
}

interface TestSettings {
  now?: number;
  counts: Map<number, number>;
}

/** Which queries must return an event: all of them, some by number, or none. */
type Expectation = 'all' | ReadonlySet<number> | null;

interface TestEvent {
  event: EventDocument;
  expect: Expectation;
  /** How messages name the event: `#3 (event.id abc)`. */
  label: string;
}

const eventId = compileFieldAccessor('event.id');

export async function runSubjectTests(subject: TestSubject): Promise<QueryTestResult[]> {
  const started = performance.now();
  const broken = (message: string, details: string[] = []): QueryTestResult[] => [
    { subject, query: -1, name: 'test setup', status: 'failed', message, details, elapsedMs: performance.now() - started },
  ];

  let text: string;
  try {
    text = readFileSync(subject.file, 'utf8');
  } catch (error) {
    return broken(`cannot read ${subject.file}: ${(error as Error).message}`);
  }
  const document = parseHuntRuleDocument(text);
  if (document.toml.syntaxError) return broken(`${subject.file} is not valid TOML: ${document.toml.syntaxError.message}`);
  if (document.kind === 'other') return broken(`${subject.file} is neither a hunt nor a rule`);

  const settings = subject.settingsFile ? readSettings(subject.settingsFile) : { counts: new Map<number, number>() };
  if (typeof settings === 'string') return broken(settings);

  const warnings: ReadWarning[] = [];
  const loaded = await loadTestEvents(subject.dataFile, warnings);
  if (typeof loaded === 'string') return broken(loaded);
  if (warnings.length > 0) {
    return broken(
      `${subject.dataFile} has unreadable events`,
      warnings.map((w) => `${w.line === undefined ? `byte ${w.offset}` : `line ${w.line}`}: ${w.message}`),
    );
  }
  const events = loaded;
  const clock = fixedClock(settings.now ?? defaultNow(events.map((e) => e.event)));
  const anyMarked = events.some((e) => e.expect !== null);
  const context = queryContext(document);
  const queries = document.kind === 'rule' ? document.queries.filter((q) => q.index === 0) : document.queries;

  const results: QueryTestResult[] = [];
  for (const query of queries) {
    const queryStarted = performance.now();
    const name = `query ${query.index}${query.language ? ` (${LANGUAGE_NAMES[query.language]})` : ''}`;
    const result = (status: TestStatus, message: string, details: string[] = []): QueryTestResult => ({
      subject,
      query: query.index,
      language: query.language,
      name,
      status,
      message,
      details,
      elapsedMs: performance.now() - queryStarted,
    });
    const reason = query.language === undefined ? 'its language cannot be told' : unrunnableReason(query.language);
    if (query.language === undefined || reason !== undefined) {
      results.push(result('skipped', reason ?? 'not runnable'));
      continue;
    }
    const options: EngineOptions = { clock, limit: TEST_LIMIT, ...(query.language === 'eql' ? context.eqlOptions : undefined) };
    let output: QueryOutput;
    try {
      output = runQueryOnEvents(query.language, query.text, events.map((e) => e.event), options).output;
    } catch (error) {
      if (!(error instanceof QueryCompileError)) throw error;
      const lines = formatDiagnostics(subject.file, text, error.diagnostics, (span) => query.toDocumentSpan(span)).trimEnd().split('\n');
      results.push(result('failed', 'the query has errors', lines));
      continue;
    }
    const verdict = judge(output, events, query.index, anyMarked, settings.counts.get(query.index));
    results.push(result(verdict.pass ? 'passed' : 'failed', verdict.message, verdict.details));
  }
  return results;
}

interface Verdict {
  pass: boolean;
  message: string;
  details: string[];
}

function judge(output: QueryOutput, events: readonly TestEvent[], query: number, anyMarked: boolean, count: number | undefined): Verdict {
  const size = outputSize(output);
  const problems: string[] = [];
  const details: string[] = [];
  if (count !== undefined && size !== count) problems.push(`expected ${countOf(output.kind, count)}, got ${size}`);
  const returned = returnedEvents(output, events);
  if (anyMarked && returned !== undefined) {
    const expected = events.filter((e) => e.expect === 'all' || (e.expect instanceof Set && e.expect.has(query)));
    const missing = expected.filter((e) => !returned.has(e));
    const unexpected = events.filter((e) => returned.has(e) && !expected.includes(e));
    if (missing.length > 0) problems.push(`${described(missing.length, 'expected')} not returned`);
    if (unexpected.length > 0) problems.push(`${described(unexpected.length, 'unexpected')} returned`);
    for (const e of missing) details.push(`missing: event ${e.label}`);
    for (const e of unexpected) details.push(`unexpected: event ${e.label}`);
    if (problems.length > 0) return { pass: false, message: problems.join(', '), details };
    const message = expected.length === 0 ? `no ${resultNoun(output.kind, 0)}, as expected` : `${countOf(output.kind, size)}: the ${described(expected.length, 'expected')} and no other`;
    return { pass: true, message, details };
  }
  if (count === undefined && size === 0) problems.push(`expected results, got no ${resultNoun(output.kind, 0)}`);
  return problems.length > 0 ? { pass: false, message: problems.join(', '), details } : { pass: true, message: countOf(output.kind, size), details };
}

/** `2 expected events`. */
function described(n: number, adjective: string): string {
  return `${n} ${adjective} ${resultNoun('events', n)}`;
}

/** The test events an output returned (alone or inside sequences); undefined for tables. */
function returnedEvents(output: QueryOutput, events: readonly TestEvent[]): Set<TestEvent> | undefined {
  if (output.kind === 'table') return undefined;
  const byObject = new Map(events.map((e) => [e.event, e]));
  // An evaluator may return copies: fall back to comparing the JSON.
  let byJson: Map<string, TestEvent> | undefined;
  const found = new Set<TestEvent>();
  const list = output.kind === 'events' ? output.events : output.sequences.flatMap((s) => s.events);
  for (const event of list) {
    let test = byObject.get(event);
    if (!test) {
      byJson ??= new Map(events.map((e) => [JSON.stringify(e.event), e]));
      test = byJson.get(JSON.stringify(event));
    }
    if (test) found.add(test);
  }
  return found;
}

async function loadTestEvents(path: string, warnings: ReadWarning[]): Promise<TestEvent[] | string> {
  const out: TestEvent[] = [];
  for await (const event of readEvents(path, { onWarning: (w) => warnings.push(w) })) {
    const number = out.length + 1;
    const mark = takeMark(event);
    const expect = expectation(mark);
    if (expect === undefined) return `${path}: event #${number}: "${EXPECT_KEY}" must be true, false or a list of query numbers, got ${JSON.stringify(mark)}`;
    const id = eventId.first(event);
    out.push({ event, expect, label: id === undefined ? `#${number}` : `#${number} (event.id ${id})` });
  }
  return out;
}

/** Removes the mark from the event (written `"huntkit.expect"` or nested as `"huntkit": {"expect": …}`) and returns it. */
function takeMark(event: EventDocument): JsonValue | undefined {
  if (EXPECT_KEY in event) {
    const mark = event[EXPECT_KEY];
    delete event[EXPECT_KEY];
    return mark;
  }
  const nested = event.huntkit;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested) && 'expect' in nested) {
    const mark = nested.expect;
    delete nested.expect;
    if (Object.keys(nested).length === 0) delete event.huntkit;
    return mark;
  }
  return undefined;
}

function expectation(mark: JsonValue | undefined): Expectation | undefined {
  if (mark === undefined || mark === false) return null;
  if (mark === true) return 'all';
  const numbers = Array.isArray(mark) ? mark : [mark];
  if (numbers.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return new Set(numbers as number[]);
  return undefined;
}

/** One minute after the newest event, so that windows looking back from now() cover the test data. */
function defaultNow(events: readonly EventDocument[]): number {
  const timestamp = compileFieldAccessor('@timestamp');
  let newest = -Infinity;
  for (const event of events) {
    for (const value of timestamp.values(event)) {
      const millis = toEpochMillis(value);
      if (millis !== undefined && millis > newest) newest = millis;
    }
  }
  return Number.isFinite(newest) ? newest + 60_000 : Date.now();
}

function readSettings(path: string): TestSettings | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot read ${path}: ${(error as Error).message}`;
  }
  const model = parseTomlModel(text);
  if (!model.value) return `${path} is not valid TOML: ${model.syntaxError?.message ?? 'unknown error'}`;
  const { now, expect, ...rest } = model.value as { now?: unknown; expect?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `${path}: unknown key ${unknown.map((k) => `\`${k}\``).join(', ')} (expected \`now\` and \`[[expect]]\`)`;
  const settings: TestSettings = { counts: new Map() };
  if (now !== undefined) {
    const nowText = now instanceof Date ? now.toISOString() : now;
    if (typeof nowText !== 'string') return `${path}: \`now\` must be an ISO-8601 date-time string`;
    try {
      settings.now = parseNowOption(nowText);
    } catch (error) {
      return `${path}: ${(error as Error).message.replace('--now', '`now`')}`;
    }
  }
  if (expect !== undefined) {
    if (!Array.isArray(expect)) return `${path}: \`expect\` must be an array of tables, written [[expect]]`;
    for (const entry of expect as unknown[]) {
      const { query = 0, count } = (entry ?? {}) as { query?: unknown; count?: unknown };
      if (!Number.isInteger(query) || (query as number) < 0) return `${path}: [[expect]] \`query\` must be a query number (0, 1, …)`;
      if (!Number.isInteger(count) || (count as number) < 0) return `${path}: [[expect]] needs \`count\`, a whole number`;
      settings.counts.set(query as number, count as number);
    }
  }
  return settings;
}
