// Loaders for Elasticsearch's EQL QA suite (TOML spec files and the data they
// run over), following /work/shared/conformance/README.md and the Java harness:
// which data set each suite uses, its tiebreaker and id field, and how the endgame
// events get `@timestamp` (from Windows FILETIME) and the `event.category` /
// `event.sequence` aliases (from the mapping).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import type { EventDocument } from '../values.ts';
import { parseMappingText, type IndexMapping } from '../mapping.ts';

export interface EqlSpecCase {
  /** Suite file name, e.g. `test_queries.toml`. */
  file: string;
  /** 1-based line of the case's `[[queries]]` header. */
  line: number;
  name: string;
  query: string;
  /**
   * Acceptable results, each the ids of the returned events in order (sequence and
   * sample members flattened; -1 marks a missing event of a `![…]` step). One list
   * unless the query is non-deterministic.
   */
  expectedEventIds: number[][];
  /** Join keys of the returned sequences/samples, flattened; null is a null key (not the string "null"). */
  joinKeys?: (string | null)[];
  /** Request `size`, when the case sets it. */
  size?: number;
  /** Request `max_samples_per_key`, when the case sets it. */
  maxSamplesPerKey?: number;
  description?: string;
}

/** Reads one EQL spec TOML file. Throws with the file name when it does not parse. */
export function parseEqlSpecToml(text: string, file: string): EqlSpecCase[] {
  let ast;
  try {
    ast = parseTOML(nullArrayElementsAsTables(text));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const data = getStaticTOMLValue(ast) as { queries?: Record<string, unknown>[] };
  const headerLines = ast.body[0].body
    .filter((node) => node.type === 'TOMLTable' && node.kind === 'array' && node.resolvedKey[0] === 'queries')
    .map((node) => node.loc.start.line);
  return (data.queries ?? []).map((entry, index) => toCase(entry, file, headerLines[index] ?? 0));
}

function toCase(entry: Record<string, unknown>, file: string, line: number): EqlSpecCase {
  const where = `${file}:${line}`;
  if (typeof entry.name !== 'string') throw new Error(`${where}: case without a name`);
  if (typeof entry.query !== 'string') throw new Error(`${where}: case ${entry.name} has no query`);
  const ids = entry.expected_event_ids;
  if (!Array.isArray(ids)) throw new Error(`${where}: case ${entry.name} has no expected_event_ids`);
  const expectedEventIds = ids.length > 0 && Array.isArray(ids[0]) ? (ids as unknown[][]).map(toIds) : [toIds(ids)];
  const out: EqlSpecCase = { file, line, name: entry.name, query: entry.query, expectedEventIds };
  if (Array.isArray(entry.join_keys)) {
    // A bare `null` reaches here as an empty inline table (see nullArrayElementsAsTables).
    out.joinKeys = entry.join_keys.map((key) => (typeof key === 'object' && key !== null ? null : String(key)));
  }
  if (entry.size !== undefined) out.size = Number(entry.size);
  if (entry.max_samples_per_key !== undefined) out.maxSamplesPerKey = Number(entry.max_samples_per_key);
  if (typeof entry.description === 'string') out.description = entry.description;
  return out;
}

function toIds(list: unknown[]): number[] {
  return list.map((id) => Number(id));
}

/**
 * `test_extra.toml` writes bare `null` inside arrays, which TOML 1.0 has no
 * literal for. Each such array element becomes `{}` padded to the same length
 * (so positions in parse errors still point at the source), outside strings and comments.
 */
function nullArrayElementsAsTables(text: string): string {
  let out = '';
  let copiedTo = 0;
  let i = 0;
  let lastSignificant = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '"' || c === "'") {
      const fence = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + fence.length;
      for (;;) {
        const close = text.indexOf(fence, j);
        if (close < 0) {
          j = text.length;
          break;
        }
        // Basic strings escape with backslashes; literal strings have no escapes.
        let backslashes = 0;
        for (let k = close - 1; c === '"' && text[k] === '\\'; k--) backslashes++;
        if (backslashes % 2 === 0) {
          j = close + fence.length;
          break;
        }
        j = close + 1;
      }
      i = j;
      lastSignificant = c;
      continue;
    }
    if (text.startsWith('null', i) && (lastSignificant === '[' || lastSignificant === ',') && !/[\w-]/.test(text[i + 4] ?? '')) {
      out += text.slice(copiedTo, i) + '{}  ';
      copiedTo = i + 4;
      i += 4;
      lastSignificant = '}';
      continue;
    }
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  return out + text.slice(copiedTo);
}

export interface EqlIndexSpec {
  index: string;
  /** Data file relative to the EQL conformance folder (a JSON array of events). */
  data: string;
  /** Mapping file relative to the EQL conformance folder. */
  mapping: string;
}

export interface EqlDatasetSpec {
  name: string;
  /** The indices a query runs over (the sample suite runs over three). */
  indices: EqlIndexSpec[];
  /** How `@timestamp` is obtained: already in the source, or from the endgame FILETIME `timestamp`. */
  timestamp: 'source' | 'filetime-millis' | 'filetime-nanos';
  /** Tiebreaker field for events with equal timestamps, when the harness sets one. */
  tiebreaker?: string;
  /** Field whose value identifies an event in `expected_event_ids`. */
  idField: string;
}

const ENDGAME_INDEX = { index: 'endgame-140', data: 'test_data.json', mapping: 'data/endgame-140.mapping' };

/** The data sets of the Java harness (`DataLoader`), by index name. */
export const EQL_DATASETS: Readonly<Record<string, EqlDatasetSpec>> = {
  'endgame-140': { name: 'endgame-140', indices: [ENDGAME_INDEX], timestamp: 'filetime-millis', tiebreaker: 'serial_event_id', idField: 'serial_event_id' },
  'endgame-140-nanos': {
    name: 'endgame-140-nanos',
    indices: [{ ...ENDGAME_INDEX, index: 'endgame-140-nanos', mapping: 'data/endgame-140-nanos.mapping' }],
    timestamp: 'filetime-nanos',
    tiebreaker: 'serial_event_id',
    idField: 'serial_event_id',
  },
  extra: { name: 'extra', indices: [{ index: 'extra', data: 'data/extra.data', mapping: 'data/extra.mapping' }], timestamp: 'source', tiebreaker: 'sequence', idField: 'sequence' },
  'missing-events': {
    name: 'missing-events',
    indices: [{ index: 'missing-events', data: 'data/missing-events.data', mapping: 'data/missing-events.mapping' }],
    timestamp: 'source',
    tiebreaker: 'sequence',
    idField: 'sequence',
  },
  sample: {
    name: 'sample',
    indices: [1, 2, 3].map((n) => ({ index: `sample${n}`, data: `data/sample${n}.data`, mapping: `data/sample${n}.mapping` })),
    timestamp: 'source',
    idField: 'id',
  },
  'sample-multi': {
    name: 'sample-multi',
    indices: [{ index: 'sample-multi', data: 'data/sample-multi.data', mapping: 'data/sample-multi.mapping' }],
    timestamp: 'source',
    idField: 'id',
  },
};

export interface EqlSuiteSpec {
  file: string;
  /** Data sets the harness runs the suite over (test_queries.toml runs over both endgame variants). */
  datasets: string[];
}

export const EQL_SUITES: readonly EqlSuiteSpec[] = [
  { file: 'test_queries.toml', datasets: ['endgame-140', 'endgame-140-nanos'] },
  { file: 'additional_test_queries.toml', datasets: ['endgame-140'] },
  { file: 'test_queries_date.toml', datasets: ['endgame-140'] },
  { file: 'test_queries_date_nanos.toml', datasets: ['endgame-140-nanos'] },
  { file: 'test_extra.toml', datasets: ['extra'] },
  { file: 'test_missing_events.toml', datasets: ['missing-events'] },
  { file: 'test_sample.toml', datasets: ['sample'] },
  { file: 'test_sample_multi.toml', datasets: ['sample-multi'] },
];

/** Reads a suite file from the EQL conformance folder. */
export async function loadEqlSuite(eqlDir: string, file: string): Promise<EqlSpecCase[]> {
  return parseEqlSpecToml(await readFile(join(eqlDir, file), 'utf8'), file);
}

export interface EqlIndexData {
  index: string;
  events: EventDocument[];
  mapping: IndexMapping;
}

export interface EqlDataset {
  spec: EqlDatasetSpec;
  indices: EqlIndexData[];
  timestampField: '@timestamp';
}

/** Loads a data set's events and mappings; throws if a fixture file is malformed. */
export async function loadEqlDataset(eqlDir: string, name: string): Promise<EqlDataset> {
  const spec = EQL_DATASETS[name];
  if (!spec) throw new Error(`unknown EQL data set "${name}"; known: ${Object.keys(EQL_DATASETS).join(', ')}`);
  const indices: EqlIndexData[] = [];
  for (const index of spec.indices) {
    const mapping = parseMappingText(await readFile(join(eqlDir, index.mapping), 'utf8'));
    const events = spec.timestamp === 'source' ? await readFixtureEvents(join(eqlDir, index.data)) : await readEndgameEvents(join(eqlDir, index.data), spec.timestamp);
    indices.push({ index: index.index, events, mapping });
  }
  return { spec, indices, timestampField: '@timestamp' };
}

/** Reads a fixture's JSON array of events (Elasticsearch's loader accepts line and block comments in them). */
async function readFixtureEvents(path: string): Promise<EventDocument[]> {
  const parsed = JSON.parse(stripJsonComments(await readFile(path, 'utf8'))) as unknown;
  if (!Array.isArray(parsed) || parsed.some((event) => typeof event !== 'object' || event === null || Array.isArray(event))) {
    throw new Error(`${path}: expected a JSON array of objects`);
  }
  return parsed as EventDocument[];
}

/** Blanks out line (`//`) and block comments outside strings, keeping line breaks. */
export function stripJsonComments(text: string): string {
  let out = '';
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      const close = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i);
      const end = close < 0 ? text.length : block ? close + 2 : close;
      out += text.slice(copiedTo, i) + text.slice(i, end).replace(/[^\n]/g, ' ');
      copiedTo = end;
      i = end - 1;
    }
  }
  return out + text.slice(copiedTo);
}

/** 100-ns ticks between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** Epoch milliseconds of a Windows FILETIME (as exact decimal digits). */
export function filetimeToEpochMillis(filetime: bigint): number {
  return Number((filetime - FILETIME_UNIX_EPOCH) / 10_000n);
}

/** Epoch nanoseconds of a Windows FILETIME. */
export function filetimeToEpochNanos(filetime: bigint): bigint {
  return (filetime - FILETIME_UNIX_EPOCH) * 100n;
}

/** ISO-8601 text with nanosecond precision, as Elasticsearch prints `date_nanos`. */
export function formatEpochNanos(nanos: bigint): string {
  const millis = nanos / 1_000_000n;
  const iso = new Date(Number(millis)).toISOString();
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

/**
 * The endgame events with `@timestamp` derived from the FILETIME `timestamp`
 * (epoch millis for `endgame-140`, nanosecond ISO text for `endgame-140-nanos`).
 * FILETIME values exceed 2^53, so they are read as exact digits before JSON.parse rounds them.
 */
async function readEndgameEvents(path: string, timestamp: 'filetime-millis' | 'filetime-nanos'): Promise<EventDocument[]> {
  const text = await readFile(path, 'utf8');
  const exact = JSON.parse(text.replace(/("timestamp"\s*:\s*)(\d+)/g, '$1"$2"')) as EventDocument[];
  return exact.map((event) => {
    const ticks = BigInt(event.timestamp as string);
    const at = timestamp === 'filetime-millis' ? filetimeToEpochMillis(ticks) : formatEpochNanos(filetimeToEpochNanos(ticks));
    return { ...event, timestamp: Number(ticks), '@timestamp': at };
  });
}
