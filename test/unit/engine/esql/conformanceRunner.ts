// Runs Elasticsearch's ES|QL csv-spec suites through the local evaluator and
// compares each result with the expected table (shared by the conformance unit
// test and test/bench/conformance-esql.ts).
import { join } from 'node:path';
import { SHARED } from '../../../support/corpus.ts';
import { systemClock } from '../../../../server/engine/clock.ts';
import {
  ESQL_DATASETS,
  ESQL_SPEC_FILES,
  loadCsvSpec,
  loadEsqlDataset,
  sourceIndexPattern,
  type CsvDataset,
  type CsvSpecTest,
  type CsvSpecValue,
} from '../../../../server/engine/conformance/csvSpec.ts';
import type { IndexMapping, MappedField } from '../../../../server/engine/mapping.ts';
import { parseIsoDate } from '../../../../server/engine/values.ts';
import { formatIp, parseIp } from '../../../../server/engine/ip.ts';
import { compileEsqlQuery, type EsqlTable } from '../../../../server/engine/esql/index.ts';

export const ESQL_CONFORMANCE_DIR = join(SHARED, 'conformance/esql');

export type CaseStatus = 'passed' | 'failed' | 'unsupported' | 'error' | 'no-data' | 'ignored';

export interface CaseResult {
  file: string;
  name: string;
  line: number;
  status: CaseStatus;
  /** Why it did not pass. */
  reason?: string;
  /** For a case that expects response warnings: whether ours are exactly those (a secondary measure). */
  warningsMatch?: boolean;
}

export interface FileSummary {
  file: string;
  total: number;
  passed: number;
  failed: number;
  unsupported: number;
  error: number;
  noData: number;
  ignored: number;
}

interface LoadedDataset {
  events: CsvDataset['events'];
  mapping: IndexMapping;
}

/**
 * The mapping a data set is tested with: the CSV header's types (the JSON mappings
 * are older than some CSVs), refined by the JSON mapping where it has the field
 * (float, half_float, scaled_float and their scaling factor).
 */
function datasetMapping(dataset: CsvDataset): IndexMapping {
  const fields = new Map<string, MappedField>();
  for (const column of dataset.columns) {
    if (column.name === '_id') continue;
    const mapped = dataset.mapping?.fields.get(column.name);
    const field: MappedField = mapped ? { ...mapped } : { path: column.name, type: column.type === 'datetime' ? 'date' : column.type };
    if (column.subFieldOf !== undefined) field.multiFieldOf = column.subFieldOf;
    fields.set(column.name, field);
  }
  return { fields, aliases: new Map() };
}

async function loadDatasets(): Promise<Map<string, LoadedDataset>> {
  const out = new Map<string, LoadedDataset>();
  for (const index of Object.keys(ESQL_DATASETS)) {
    const dataset = await loadEsqlDataset(ESQL_CONFORMANCE_DIR, index);
    out.set(index, { events: dataset.events, mapping: datasetMapping(dataset) });
  }
  return out;
}

/** The data set a test reads, `null` for ROW queries, undefined when its data is not collected. */
function datasetFor(test: CsvSpecTest, datasets: Map<string, LoadedDataset>): LoadedDataset | null | undefined {
  const pattern = sourceIndexPattern(test.statement);
  if (pattern === undefined) return null;
  const names = pattern.split(',').map((p) => p.replace(/^"+|"+$/g, ''));
  if (names.length !== 1) return undefined;
  const name = names[0]!;
  if (name.includes('*')) {
    const regex = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const matches = [...datasets.keys()].filter((index) => regex.test(index));
    // A pattern that also matches data sets that are not collected cannot be reproduced.
    return matches.length === 1 && name !== '*' ? datasets.get(matches[0]!) : undefined;
  }
  return datasets.get(name);
}

function normalizeActual(value: unknown, type: string): CsvSpecValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => normalizeActual(v, type));
  if (type === 'datetime' && typeof value === 'string') return parseIsoDate(value) ?? value;
  if (type === 'unsigned_long') return BigInt(value as number | string);
  if ((type === 'long' || type === 'integer') && typeof value === 'number' && !Number.isSafeInteger(value)) return BigInt(Math.round(value));
  return value as CsvSpecValue;
}

function sameValue(expected: CsvSpecValue, actual: CsvSpecValue, type: string): boolean {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
    return expected.every((e, i) => sameValue(e, actual[i]!, type));
  }
  if (expected === actual) return true;
  // The harness compares IPs as addresses (`::0` is `::`).
  if (type === 'ip' && typeof expected === 'string' && typeof actual === 'string') {
    const e = parseIp(expected);
    const a = parseIp(actual);
    return e !== undefined && a !== undefined && formatIp(e) === formatIp(a);
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return true;
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (typeof expected === 'bigint' || typeof actual === 'bigint') {
    try {
      return BigInt(expected as never) === BigInt(actual as never);
    } catch {
      return false;
    }
  }
  return false;
}

function rowKey(row: CsvSpecValue[]): string {
  return JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

function formatRow(row: CsvSpecValue[]): string {
  return rowKey(row);
}

/** Compares a result with the expected table; returns a reason when they differ. */
export function compareTable(test: CsvSpecTest, table: EsqlTable): string | undefined {
  const expectedNames = test.columns.map((c) => c.name);
  const actualNames = table.columns.map((c) => c.name);
  if (rowKey(expectedNames) !== rowKey(actualNames)) return `columns ${rowKey(actualNames)}, expected ${rowKey(expectedNames)}`;
  const actualTypes = table.columns.map((c) => (c.type === 'date' ? 'datetime' : c.type));
  for (let i = 0; i < test.columns.length; i++) {
    const expected = test.columns[i]!.type;
    if (expected !== actualTypes[i]) return `column ${expectedNames[i]} has type ${actualTypes[i]}, expected ${expected}`;
  }
  const actualRows = table.rows.map((row) => row.map((v, i) => normalizeActual(v, test.columns[i]!.type)));
  if (actualRows.length !== test.rows.length) return `${actualRows.length} rows, expected ${test.rows.length}`;
  const matches = (e: CsvSpecValue[], a: CsvSpecValue[]) => e.every((v, i) => sameValue(v, a[i]!, test.columns[i]!.type));
  if (!test.ignoreOrder) {
    for (let r = 0; r < actualRows.length; r++) {
      if (!matches(test.rows[r]!, actualRows[r]!)) return `row ${r + 1} is ${formatRow(actualRows[r]!)}, expected ${formatRow(test.rows[r]!)}`;
    }
    return undefined;
  }
  const remaining = [...actualRows];
  for (const expected of test.rows) {
    const index = remaining.findIndex((a) => matches(expected, a));
    if (index < 0) return `no row matches ${formatRow(expected)}`;
    remaining.splice(index, 1);
  }
  return undefined;
}

/** A warning as the spec files write it: some without the `Line n:m: ` prefix, some with regex escapes or `%25` for `%`. */
function normalizeWarning(text: string): string {
  return text
    .replace(/^Line \d+:\d+: /, '')
    .replaceAll('%25', '%')
    .replace(/\\+(["[\]])/g, '$1');
}

/** Whether the warnings are exactly the expected ones (texts, or Java regexes matched with JavaScript's engine). */
function sameWarnings(test: CsvSpecTest, warnings: string[]): boolean {
  const expected = test.warnings.map(normalizeWarning);
  const patterns = test.warningRegexes.map((w) => new RegExp(w));
  if (warnings.length !== expected.length + patterns.length) return false;
  const remaining = [...warnings];
  for (const text of expected) {
    const i = remaining.findIndex((w) => normalizeWarning(w) === text);
    if (i < 0) return false;
    remaining.splice(i, 1);
  }
  return remaining.every((w) => patterns.some((p) => p.test(w)));
}

function runCase(test: CsvSpecTest, datasets: Map<string, LoadedDataset>): CaseResult {
  const base = { file: test.file, name: test.name, line: test.line };
  if (test.ignored) return { ...base, status: 'ignored' };
  const dataset = datasetFor(test, datasets);
  if (dataset === undefined) return { ...base, status: 'no-data', reason: sourceIndexPattern(test.statement) ?? '' };
  try {
    const compiled = compileEsqlQuery(test.query, { clock: systemClock, ...(dataset ? { mapping: dataset.mapping } : {}) });
    if (!compiled.ok) {
      const diagnostic = compiled.diagnostics[0]!;
      const unsupported = diagnostic.message.includes('not supported by the local engine');
      return { ...base, status: unsupported ? 'unsupported' : 'error', reason: `${diagnostic.code}: ${diagnostic.message}` };
    }
    const { query } = compiled;
    const sink = query.createSink();
    for (const event of dataset?.events ?? []) if (!query.prefilter || query.prefilter(event)) sink.push(event);
    const table = sink.finish() as EsqlTable;
    const reason = compareTable(test, table);
    const result: CaseResult = reason === undefined ? { ...base, status: 'passed' } : { ...base, status: 'failed', reason };
    if (test.warnings.length + test.warningRegexes.length > 0) result.warningsMatch = sameWarnings(test, table.warnings);
    return result;
  } catch (error) {
    return { ...base, status: 'error', reason: `threw ${(error as Error).stack ?? String(error)}` };
  }
}

export async function runConformance(files: readonly string[] = ESQL_SPEC_FILES): Promise<{ results: CaseResult[]; summaries: FileSummary[] }> {
  const datasets = await loadDatasets();
  const results: CaseResult[] = [];
  const summaries: FileSummary[] = [];
  for (const file of files) {
    const tests = await loadCsvSpec(ESQL_CONFORMANCE_DIR, file);
    const fileResults = tests.map((t) => runCase(t, datasets));
    results.push(...fileResults);
    const count = (status: CaseStatus) => fileResults.filter((r) => r.status === status).length;
    summaries.push({
      file,
      total: fileResults.length,
      passed: count('passed'),
      failed: count('failed'),
      unsupported: count('unsupported'),
      error: count('error'),
      noData: count('no-data'),
      ignored: count('ignored'),
    });
  }
  return { results, summaries };
}

/** Cases that can run here: not disabled upstream, with their data collected. */
export function runnable(summary: FileSummary): number {
  return summary.total - summary.noData - summary.ignored;
}
