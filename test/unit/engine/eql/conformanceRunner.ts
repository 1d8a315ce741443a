// Runs Elasticsearch's EQL QA suite (../shared/conformance/eql) through compileEql
// the way the Java harness runs it against a cluster: each suite over its data
// set, `size` 50 unless the case sets one, the data set's tiebreaker, and the
// index mapping Elasticsearch would have (the explicit mapping plus the fields
// dynamic mapping adds from the documents). Shared by the conformance unit test
// and test/bench/conformance-eql.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { EventSequence, QueryOutput } from '../../../../server/engine/contract.ts';
import { EQL_SUITES, loadEqlDataset, loadEqlSuite } from '../../../../server/engine/conformance/eqlSpec.ts';
import type { EqlDataset, EqlSpecCase } from '../../../../server/engine/conformance/eqlSpec.ts';
import { compileEql } from '../../../../server/engine/eql/index.ts';
import type { EqlEngineOptions } from '../../../../server/engine/eql/index.ts';
import { fieldNames, compileFieldAccessor } from '../../../../server/engine/fieldAccess.ts';
import type { IndexMapping, MappedField } from '../../../../server/engine/mapping.ts';
import type { EventDocument, JsonObject } from '../../../../server/engine/values.ts';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { SHARED } from '../../../support/corpus.ts';

export const EQL_CONFORMANCE_DIR = join(SHARED, 'conformance/eql');

/** The harness asks for 50 results unless a case sets `size`. */
const HARNESS_SIZE = 50;

export type CaseOutcome =
  /** The results (and join keys) are one of the expected answers. */
  | 'pass'
  | 'fail'
  /** The query is rejected, as today's Elasticsearch grammar or verifier rejects it. */
  | 'rejected-by-elasticsearch'
  /**
   * The expected ids were recorded for behaviour Elasticsearch has since removed
   * (kept apart from the pass rate, whatever the engine returns): entries the
   * 2020 harness ran in the case-insensitive request mode (`case_insensitive =
   * true`), and `x : null`, which matched a null before `:` became a
   * case-insensitive comparison (upstream now writes those `x == null`).
   */
  | 'legacy-expectation';

export interface CaseResult {
  file: string;
  dataset: string;
  name: string;
  line: number;
  outcome: CaseOutcome;
  /** What went wrong or why the query is rejected. */
  detail?: string;
}

interface PreparedDataset {
  dataset: EqlDataset;
  events: EventDocument[];
  mapping: IndexMapping;
}

/** Runs every suite over its data sets. */
export async function runEqlConformance(): Promise<CaseResult[]> {
  const datasets = new Map<string, PreparedDataset>();
  const results: CaseResult[] = [];
  for (const suite of EQL_SUITES) {
    const cases = await loadEqlSuite(EQL_CONFORMANCE_DIR, suite.file);
    const caseInsensitiveMode = await caseInsensitiveModeCases(suite.file);
    for (const name of suite.datasets) {
      let prepared = datasets.get(name);
      if (!prepared) {
        prepared = await prepareDataset(name);
        datasets.set(name, prepared);
      }
      for (const spec of cases) {
        const result: CaseResult = { file: suite.file, dataset: name, name: spec.name, line: spec.line, ...runCase(spec, prepared) };
        const legacy = legacyReason(spec, caseInsensitiveMode);
        if (legacy && result.outcome !== 'rejected-by-elasticsearch') {
          result.detail = `${legacy}${result.outcome === 'fail' ? `; engine: ${result.detail}` : '; the engine returns the expected ids anyway'}`;
          result.outcome = 'legacy-expectation';
        }
        results.push(result);
      }
    }
  }
  return results;
}

function runCase(spec: EqlSpecCase, prepared: PreparedDataset): Pick<CaseResult, 'outcome' | 'detail'> {
  const options: EqlEngineOptions = {
    clock: fixedClock(0),
    limit: spec.size ?? HARNESS_SIZE,
    timestampField: '@timestamp',
    tiebreakerField: prepared.dataset.spec.tiebreaker,
    mapping: prepared.mapping,
    maxSamplesPerKey: spec.maxSamplesPerKey,
  };
  const compiled = compileEql(spec.query, options);
  if (!compiled.ok) {
    const detail = compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ');
    const byEngine = compiled.diagnostics.some((d) => d.code.startsWith('eql-engine-'));
    // The engine's own rejections mirror Elasticsearch's verifier, except "unsupported", which Elasticsearch runs.
    const elasticsearchRejects = !byEngine || compiled.diagnostics.every((d) => d.code !== 'eql-engine-unsupported');
    return { outcome: elasticsearchRejects ? 'rejected-by-elasticsearch' : 'fail', detail };
  }
  const { prefilter, createSink } = compiled.query;
  const sink = createSink();
  for (const event of prepared.events) if (!prefilter || prefilter(event)) sink.push(event);
  const output = sink.finish();
  return compareOutput(spec, output, prepared.dataset.spec.idField);
}

function compareOutput(spec: EqlSpecCase, output: QueryOutput, idField: string): Pick<CaseResult, 'outcome' | 'detail'> {
  const id = compileFieldAccessor(idField);
  const idOf = (event: EventDocument): number => {
    const value = id.first(event);
    return value === undefined ? -1 : Number(value);
  };
  let ids: number[];
  let keys: string[] = [];
  if (output.kind === 'events') {
    ids = output.events.map(idOf);
  } else if (output.kind === 'sequences') {
    ids = output.sequences.flatMap((s: EventSequence) => s.events.map(idOf));
    keys = output.sequences.flatMap((s) => s.joinKeys.map((k) => (k === null ? 'null' : String(k))));
  } else {
    return { outcome: 'fail', detail: 'a table result' };
  }
  const idsMatch = spec.expectedEventIds.some((expected) => expected.length === ids.length && expected.every((v, i) => v === ids[i]));
  if (!idsMatch) {
    return { outcome: 'fail', detail: `ids ${JSON.stringify(ids)}, expected ${spec.expectedEventIds.map((e) => JSON.stringify(e)).join(' or ')}` };
  }
  if (spec.joinKeys && spec.joinKeys.length > 0) {
    const expected = spec.joinKeys.map((k) => k ?? 'null');
    if (expected.length !== keys.length || expected.some((k, i) => k !== keys[i])) {
      return { outcome: 'fail', detail: `join keys ${JSON.stringify(keys)}, expected ${JSON.stringify(expected)}` };
    }
  }
  return { outcome: 'pass' };
}

/** Names of the cases flagged `case_insensitive = true` (the shared loader drops the flag). */
async function caseInsensitiveModeCases(file: string): Promise<Set<string>> {
  const text = await readFile(join(EQL_CONFORMANCE_DIR, file), 'utf8');
  if (!text.includes('case_insensitive')) return new Set();
  const data = getStaticTOMLValue(parseTOML(text)) as { queries?: { name?: unknown; case_insensitive?: unknown }[] };
  return new Set((data.queries ?? []).filter((q) => q.case_insensitive === true).map((q) => String(q.name)));
}

function legacyReason(spec: EqlSpecCase, caseInsensitiveMode: ReadonlySet<string>): string | undefined {
  if (caseInsensitiveMode.has(spec.name)) return 'expected ids of the removed case-insensitive request mode (`case_insensitive = true`)';
  if (/:\s*null\b/.test(spec.query)) return 'expects the pre-7.12 `x : null` (null check); `:` now compares and gives null';
  return undefined;
}

// ----- data sets -----

async function prepareDataset(name: string): Promise<PreparedDataset> {
  const dataset = await loadEqlDataset(EQL_CONFORMANCE_DIR, name);
  const events = dataset.spec.timestamp === 'filetime-nanos' ? await endgameNanosEvents(dataset) : dataset.indices.flatMap((index) => index.events);
  const mapping = withDynamicFields(mergeMappings(dataset.indices.map((index) => index.mapping)), events);
  return { dataset, events, mapping };
}

/**
 * The nanosecond endgame index as Elasticsearch's DataLoader builds it: the
 * FILETIME digits read as epoch nanoseconds (`@timestamp` is epoch millis with a
 * six-digit fraction), `timestamp` as millis. The shared loader converts the
 * FILETIME instead, which gives different instants.
 */
async function endgameNanosEvents(dataset: EqlDataset): Promise<EventDocument[]> {
  const text = await readFile(join(EQL_CONFORMANCE_DIR, dataset.spec.indices[0]!.data), 'utf8');
  const raw = JSON.parse(text.replace(/("timestamp"\s*:\s*)(\d+)/g, '$1"$2"')) as JsonObject[];
  return raw.map((event) => {
    const digits = String(event.timestamp);
    const millis = digits.slice(0, 12);
    const fraction = digits.slice(12);
    return { ...event, timestamp: Number(BigInt(digits) / 1_000_000n), '@timestamp': fraction === '000000' ? millis : `${millis}.${fraction}` };
  });
}

/** One mapping over several indices (the sample suite): a field keeps its first type, formats of the same field are combined. */
function mergeMappings(mappings: readonly IndexMapping[]): IndexMapping {
  const fields = new Map<string, MappedField>();
  const aliases = new Map<string, string>();
  for (const mapping of mappings) {
    for (const [path, field] of mapping.fields) {
      const existing = fields.get(path);
      if (!existing) fields.set(path, { ...field });
      else if (field.format && existing.format !== field.format) existing.format = existing.format ? `${existing.format}||${field.format}` : field.format;
    }
    for (const [from, to] of mapping.aliases) aliases.set(from, to);
  }
  return { fields, aliases };
}

const DYNAMIC_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{4}\/\d{2}\/\d{2}/;

/** Adds the fields Elasticsearch's dynamic mapping would create for the documents (long, float, boolean, date, keyword). */
function withDynamicFields(mapping: IndexMapping, events: readonly EventDocument[]): IndexMapping {
  const fields = new Map(mapping.fields);
  for (const event of events) {
    for (const name of fieldNames(event)) {
      if (fields.has(name) || mapping.aliases.has(name)) continue;
      const value = compileFieldAccessor(name).first(event);
      if (value === undefined) continue;
      const type =
        typeof value === 'number' ? (Number.isInteger(value) ? 'long' : 'float') : typeof value === 'boolean' ? 'boolean' : DYNAMIC_DATE.test(value) ? 'date' : 'keyword';
      fields.set(name, { path: name, type });
    }
  }
  return { fields, aliases: mapping.aliases };
}

/** Pass rate over the cases that apply to today's Elasticsearch (neither rejected nor legacy expectations). */
export function passRate(results: readonly CaseResult[]): { passed: number; applicable: number; rate: number } {
  const applicable = results.filter((r) => r.outcome === 'pass' || r.outcome === 'fail');
  const passed = applicable.filter((r) => r.outcome === 'pass').length;
  return { passed, applicable: applicable.length, rate: applicable.length === 0 ? 1 : passed / applicable.length };
}
