// Loaders for Elasticsearch's ES|QL QA suites: `*.csv-spec` test files and the
// CSV data sets they query, read the way the Java harness reads them
// (SpecReader, CsvSpecReader, CsvTestUtils, CsvTestsDataLoader).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventDocument, JsonValue } from '../values.ts';
import { parseIsoDate } from '../values.ts';
import { parseMappingText, type IndexMapping } from '../mapping.ts';

/** A decoded expected cell: numbers for numeric types (bigint beyond 2^53 and for unsigned_long), epoch millis for dates, epoch nanos for date_nanos, text otherwise. */
export type CsvSpecValue = null | string | number | bigint | boolean | CsvSpecValue[];

export interface CsvSpecColumn {
  name: string;
  /** Canonical type name: short forms expanded (`l` → `long`), `string` → `keyword`, `date` → `datetime`. */
  type: string;
}

export interface CsvSpecTest {
  /** Spec file name, e.g. `where-like.csv-spec`. */
  file: string;
  /** 1-based line of the test's name. */
  line: number;
  /** Name without the `#[…]` instructions. */
  name: string;
  /** Disabled by a name ending in `-Ignore`. */
  ignored: boolean;
  /** `#[skip:FROM-TO, reason:…]`: the versions on which the test is skipped (open ends absent). */
  skip?: { from?: string; to?: string; reason?: string };
  requiredCapabilities: string[];
  /** The whole query as sent, `SET …;` prefix included (`\;` unescaped). */
  query: string;
  /** The query without its `SET` statements. */
  statement: string;
  /** `SET name = value` settings, string values decoded. */
  settings: Record<string, string>;
  warnings: string[];
  warningRegexes: string[];
  ignoreOrder: boolean;
  columns: CsvSpecColumn[];
  rows: CsvSpecValue[][];
}

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  i: 'integer',
  l: 'long',
  ul: 'unsigned_long',
  d: 'double',
  k: 'keyword',
  s: 'keyword',
  string: 'keyword',
  txt: 'text',
  n: 'null',
  bool: 'boolean',
  date: 'datetime',
  dt: 'datetime',
  v: 'version',
  short: 'integer',
  byte: 'integer',
  counter_integer: 'integer',
  counter_long: 'long',
  counter_double: 'double',
  counter_float: 'float',
};

export function canonicalColumnType(type: string): string {
  const lower = type.trim().toLowerCase();
  return TYPE_ALIASES[lower] ?? lower;
}

function isSkippedLine(line: string): boolean {
  return line === '' || line.startsWith('//') || line.startsWith('#');
}

/** Parses a `.csv-spec` file into its tests. Throws with file and line on a structural error. */
export function parseCsvSpec(text: string, file: string): CsvSpecTest[] {
  const tests: CsvSpecTest[] = [];
  const lines = text.split('\n');
  let current: { nameLine: number; rawName: string } | undefined;
  let capabilities: string[] = [];
  let queryLines: string[] = [];
  let test: CsvSpecTest | undefined;
  let resultLines: string[] = [];

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (isSkippedLine(line)) continue;
    const lineNumber = index + 1;
    if (!current) {
      current = { nameLine: lineNumber, rawName: line };
      continue;
    }
    if (!test) {
      const lower = line.toLowerCase();
      if (lower.startsWith('required_capability:')) {
        capabilities.push(line.slice('required_capability:'.length).trim());
      } else if (/^(skip_flattened_rewrite|skip_columnar|request_stored|approximate|schema::)/i.test(line)) {
        // Harness switches for other execution modes.
      } else if (line.endsWith(';') && !line.endsWith('\\;')) {
        const last = line.slice(0, -1).trim();
        if (last !== '') queryLines.push(last);
        test = startTest(file, current.nameLine, current.rawName, capabilities, queryLines.join('\n').replaceAll('\\;', ';'));
        capabilities = [];
        queryLines = [];
      } else {
        queryLines.push(line);
      }
      continue;
    }
    const lower = line.toLowerCase();
    if (lower.startsWith('warning:')) test.warnings.push(line.slice('warning:'.length).trim());
    else if (lower.startsWith('warningregex:')) test.warningRegexes.push(line.slice('warningregex:'.length).trim());
    else if (lower.startsWith('ignoreorder:')) test.ignoreOrder = lower.slice('ignoreorder:'.length).trim() === 'true';
    else if (line.startsWith(';')) {
      try {
        readExpectedResults(test, resultLines, `${file}:${current.nameLine}`);
      } catch (error) {
        // Upstream decodes results only when a test runs; a disabled test may be malformed
        // (one missing its query `;` swallows the next test, as it does upstream).
        if (!test.ignored) throw error;
      }
      tests.push(test);
      current = undefined;
      test = undefined;
      resultLines = [];
    } else resultLines.push(line);
  }
  if (current) throw new Error(`${file}:${current.nameLine}: test "${current.rawName}" has no end`);
  return tests;
}

function startTest(file: string, line: number, rawName: string, capabilities: string[], query: string): CsvSpecTest {
  const hash = rawName.indexOf('#');
  const name = hash < 0 ? rawName : rawName.slice(0, hash).trim();
  const test: CsvSpecTest = {
    file,
    line,
    name,
    ignored: name.endsWith('-Ignore'),
    requiredCapabilities: capabilities,
    query,
    ...splitSettings(query),
    warnings: [],
    warningRegexes: [],
    ignoreOrder: false,
    columns: [],
    rows: [],
  };
  const instructions = hash < 0 ? undefined : /\[(.*?)\]/.exec(rawName.slice(hash + 1));
  if (instructions) {
    const pairs = new Map(
      instructions[1].split(',').map((pair) => {
        const colon = pair.indexOf(':');
        return [pair.slice(0, colon).trim(), pair.slice(colon + 1).trim()] as const;
      }),
    );
    const range = pairs.get('skip');
    if (range !== undefined) {
      const [from, to] = range.split('-').map((v) => v.trim());
      test.skip = {};
      if (from) test.skip.from = from;
      if (to) test.skip.to = to;
      const reason = pairs.get('reason');
      if (reason) test.skip.reason = reason;
    }
  }
  return test;
}

const SET_STATEMENT = /^\s*set\s+([\w.]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*?)\s*;/i;

function splitSettings(query: string): { statement: string; settings: Record<string, string> } {
  const settings: Record<string, string> = {};
  let rest = query;
  for (let m = SET_STATEMENT.exec(rest); m; m = SET_STATEMENT.exec(rest)) {
    settings[m[1]] = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2];
    rest = rest.slice(m[0].length);
  }
  return { statement: rest.trim(), settings };
}

function readExpectedResults(test: CsvSpecTest, lines: string[], where: string): void {
  if (lines.length === 0) throw new Error(`${where}: test ${test.name} has no result header`);
  test.columns = splitPipeCells(lines[0]).map((cell) => {
    // `::` inside a column name is a cast, not the name/type separator.
    const colon = cell.replaceAll('::', '\0\0').lastIndexOf(':');
    if (colon < 0) throw new Error(`${where}: result header cell "${cell}" has no type`);
    return { name: cell.slice(0, colon).trim(), type: canonicalColumnType(cell.slice(colon + 1)) };
  });
  test.rows = lines.slice(1).map((line) => splitPipeCells(line).map((cell, i) => decodeExpectedCell(cell, test.columns[i]?.type ?? 'keyword')));
}

/** Splits a result line on `|` outside double quotes, dropping the quotes (SuperCSV with quote `"`), then trims each cell. */
function splitPipeCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === '|' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function decodeExpectedCell(cell: string, type: string): CsvSpecValue {
  if (cell.toLowerCase() === 'null') return null;
  if (cell.startsWith('[') && cell.endsWith(']')) {
    const values = splitUnescapedCommas(cell.slice(1, -1)).map((v) => decodeValue(v.trim().replaceAll('\\,', ','), type));
    return values.length === 1 ? values[0] : values;
  }
  return decodeValue(cell, type);
}

function splitUnescapedCommas(text: string): string[] {
  return text.split(/(?<!\\),/);
}

/** Decodes one value of an ES type the way the harness's type converters do. */
export function decodeValue(text: string, type: string): CsvSpecValue {
  switch (type) {
    case 'integer':
    case 'long':
      return integerValue(text);
    case 'unsigned_long':
      return BigInt(text);
    case 'double':
      return Number(text);
    case 'float':
      return Math.fround(Number(text));
    case 'half_float':
      return toHalfFloat(Number(text));
    case 'scaled_float':
      return Math.round(Number(text) * 100) / 100;
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'datetime': {
      const millis = parseIsoDate(text);
      return millis === undefined ? text : millis;
    }
    case 'date_nanos':
      return isoToEpochNanos(text) ?? text;
    case 'null':
      return null;
    default:
      return text;
  }
}

function integerValue(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** Rounds to the nearest IEEE half-precision value (what a `half_float` field stores). */
export function toHalfFloat(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 65520) return Math.sign(value) * Infinity;
  // Below 2^-14 halves are subnormal with a fixed step of 2^-24.
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), -14);
  const step = 2 ** (exponent - 10);
  return Math.sign(value) * roundHalfEven(magnitude / step) * step;
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function isoToEpochNanos(text: string): bigint | undefined {
  const millis = parseIsoDate(text);
  if (millis === undefined) return undefined;
  const fraction = /[.,](\d{1,9})/.exec(text.slice(text.indexOf('T')))?.[1] ?? '';
  const subMillis = BigInt(fraction.padEnd(9, '0').slice(3));
  return BigInt(millis) * 1_000_000n + subMillis;
}

/** The index pattern a query reads (`FROM employees` → `employees`); undefined for `ROW`, `SHOW`, …. */
export function sourceIndexPattern(statement: string): string | undefined {
  const m = /^\s*(?:from|ts|metrics)\s+([^\s|,]+(?:\s*,\s*[^\s|,]+)*)/i.exec(statement);
  return m ? m[1].replace(/\s+/g, '') : undefined;
}

// ---------------------------------------------------------------------------
// CSV data sets

export interface CsvDataColumn {
  name: string;
  /** Canonical type name (see `canonicalColumnType`). */
  type: string;
  /** For a dotted sub-field column of a data set loaded without sub-fields: its parent column. */
  subFieldOf?: string;
}

export interface CsvDataset {
  index: string;
  columns: CsvDataColumn[];
  /**
   * One document per row: null cells left out, multi-values as arrays, numbers and
   * booleans decoded, other values as text; the `_id` column (document ids) left out.
   */
  events: EventDocument[];
  mapping?: IndexMapping;
}

export interface CsvDatasetOptions {
  /**
   * Sub-field columns (`languages.long`) are not sent as source but derived by
   * Elasticsearch from their parent (the harness's `noSubfields()`): leave them out of the documents.
   */
  noSubfields?: boolean;
}

/** Parses a CSV data file (`name:type` header; `[a,b]` multi-values; `\,` escaped commas; empty = null). */
export function parseCsvDataset(text: string, index: string, options: CsvDatasetOptions = {}): CsvDataset {
  let columns: CsvDataColumn[] | undefined;
  const events: EventDocument[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (isSkippedLine(line)) continue;
    const entries = splitDataLine(line, `${index}:${i + 1}`);
    if (!columns) {
      const names = entries.map((entry) => entry.slice(0, entry.indexOf(':')).trim());
      columns = entries.map((entry, c) => {
        const colon = entry.indexOf(':');
        if (colon < 0) throw new Error(`${index}:${i + 1}: column "${entry}" has no type`);
        const column: CsvDataColumn = { name: names[c], type: canonicalColumnType(entry.slice(colon + 1)) };
        const parent = names[c].slice(0, names[c].lastIndexOf('.'));
        if (options.noSubfields && names[c].includes('.') && names.includes(parent)) column.subFieldOf = parent;
        return column;
      });
      continue;
    }
    if (entries.length !== columns.length) {
      throw new Error(`${index}:${i + 1}: expected ${columns.length} entries, found ${entries.length}`);
    }
    const event: EventDocument = {};
    entries.forEach((entry, c) => {
      const column = columns![c];
      // `_id` names the document (metadata), it is not a field of it.
      if (entry === '' || column.subFieldOf !== undefined || column.name === '_id') return;
      const values = entry.includes(',') ? splitUnescapedCommas(entry).map((v) => v.trim()) : [entry];
      const decoded = values.map((v) => sourceValue(v.replaceAll('\\,', ','), column.type));
      event[column.name] = decoded.length === 1 ? decoded[0] : decoded;
    });
    events.push(event);
  }
  return { index, columns: columns ?? [], events };
}

/** A CSV value as JSON source: numbers and booleans decoded, everything else (dates, IPs, versions) kept as text. */
function sourceValue(text: string, type: string): JsonValue {
  switch (type) {
    case 'integer':
    case 'long':
    case 'unsigned_long':
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float': {
      const n = Number(text);
      return Number.isNaN(n) ? text : n;
    }
    case 'boolean':
      return text.toLowerCase() === 'true';
    default:
      return text;
  }
}

/**
 * Splits a data line on commas, keeping a bracketed multi-value as one entry
 * (its brackets removed, its commas kept) and skipping `\,`.
 */
function splitDataLine(line: string, where: string): string[] {
  const entries: string[] = [];
  let multi: string[] | undefined;
  for (const raw of line.split(/(?<!\\),/)) {
    const entry = raw.trim();
    if (multi) {
      if (entry.endsWith(']')) {
        multi.push(entry.slice(0, -1).trim());
        entries.push(multi.join(','));
        multi = undefined;
      } else {
        if (entry === '') throw new Error(`${where}: empty value inside a multi-value`);
        multi.push(entry);
      }
    } else if (entry.startsWith('[')) {
      if (entry.endsWith(']')) entries.push(entry.slice(1, -1).trim());
      else multi = [entry.slice(1).trim()];
    } else if (entry.endsWith(']')) {
      throw new Error(`${where}: \`]\` without an opening \`[\``);
    } else entries.push(entry);
  }
  if (multi) throw new Error(`${where}: multi-value not closed`);
  return entries;
}

export interface EsqlDatasetSpec {
  index: string;
  /** CSV data file relative to the ES|QL conformance folder. */
  data: string;
  /** Mapping file relative to the ES|QL conformance folder. */
  mapping: string;
  noSubfields: boolean;
}

/** The data sets collected in the conformance folder (`CsvTestsDataLoader`'s table, restricted to them). */
export const ESQL_DATASETS: Readonly<Record<string, EsqlDatasetSpec>> = {
  employees: { index: 'employees', data: 'data/employees.csv', mapping: 'index/mappings/mapping-default.json', noSubfields: true },
  hosts: { index: 'hosts', data: 'data/hosts.csv', mapping: 'mapping-hosts.json', noSubfields: false },
  apps: { index: 'apps', data: 'apps.csv', mapping: 'mapping-apps.json', noSubfields: false },
};

/** The csv-spec suites in the conformance folder. */
export const ESQL_SPEC_FILES: readonly string[] = [
  'conditional.csv-spec',
  'date.csv-spec',
  'dissect.csv-spec',
  'drop.csv-spec',
  'eval.csv-spec',
  'grok.csv-spec',
  'ip.csv-spec',
  'keep.csv-spec',
  'math.csv-spec',
  'mv_expand.csv-spec',
  'null.csv-spec',
  'rename.csv-spec',
  'stats.csv-spec',
  'stats_count_distinct.csv-spec',
  'string.csv-spec',
  'where-like.csv-spec',
];

export async function loadCsvSpec(esqlDir: string, file: string): Promise<CsvSpecTest[]> {
  return parseCsvSpec(await readFile(join(esqlDir, file), 'utf8'), file);
}

export async function loadEsqlDataset(esqlDir: string, index: string): Promise<CsvDataset> {
  const spec = ESQL_DATASETS[index];
  if (!spec) throw new Error(`unknown ES|QL data set "${index}"; known: ${Object.keys(ESQL_DATASETS).join(', ')}`);
  const dataset = parseCsvDataset(await readFile(join(esqlDir, spec.data), 'utf8'), index, { noSubfields: spec.noSubfields });
  dataset.mapping = parseMappingText(await readFile(join(esqlDir, spec.mapping), 'utf8'));
  return dataset;
}
