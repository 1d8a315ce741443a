// Query results as text: an aligned table for people, JSON, NDJSON and CSV for tools.
//   table   events and sequences show a few telling columns (timestamp, action, host,
//           user, process …) that the results have; ES|QL rows show their columns.
//           Long values are cut with `…`; multi-values read `[a, b]`.
//   ndjson  one object per line: an event's source; an ES|QL row keyed by column;
//           `{"sequence":{"join_keys":[…],"events":[…]}}` for an EQL sequence.
//   csv     RFC 4180 (CRLF line ends, quotes doubled); events get a column per field.
//   json    see `jsonOutput`: one document per query, gathered by the command.
import type { QueryOutput } from '../../engine/contract.ts';
import { compileFieldAccessor, fieldNames, type FieldAccessor } from '../../engine/fieldAccess.ts';
import type { EventDocument } from '../../engine/values.ts';

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Fields a hunter looks at first, in the order they are shown when present. */
const TELLING_FIELDS = [
  '@timestamp',
  'event.category',
  'event.action',
  'host.name',
  'user.name',
  'process.name',
  'process.command_line',
  'file.path',
  'registry.path',
  'source.ip',
  'destination.ip',
  'destination.port',
  'dns.question.name',
  'url.full',
  'message',
];
const MAX_TABLE_COLUMNS = 8;
const MAX_CELL = 60;

// ---- values -----------------------------------------------------------------

/** A value as one line of text: multi-values as `[a, b]`, objects as JSON. */
function valueText(value: unknown, missing: string): string {
  if (value === null || value === undefined) return missing;
  if (Array.isArray(value)) {
    if (value.length === 0) return missing;
    if (value.length === 1) return valueText(value[0], missing);
    return `[${value.map((v) => valueText(v, 'null')).join(', ')}]`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function tableCell(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return oneLine.length > MAX_CELL ? `${oneLine.slice(0, MAX_CELL - 1)}…` : oneLine;
}

const accessors = new Map<string, FieldAccessor>();

function eventValue(event: EventDocument, field: string): unknown {
  let accessor = accessors.get(field);
  if (!accessor) {
    accessor = compileFieldAccessor(field);
    accessors.set(field, accessor);
  }
  const values = accessor.values(event);
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}

/** Every field the events have, telling ones first, then in order of first appearance. */
function allFields(events: readonly EventDocument[]): string[] {
  const seen = new Set<string>();
  for (const event of events) for (const name of fieldNames(event)) seen.add(name);
  return [...TELLING_FIELDS.filter((f) => seen.has(f)), ...[...seen].filter((f) => !TELLING_FIELDS.includes(f))];
}

/** The columns a table of events shows: the telling fields present, else the first fields found. */
function tableFields(events: readonly EventDocument[]): string[] {
  const fields = allFields(events);
  const telling = fields.filter((f) => TELLING_FIELDS.includes(f));
  return (telling.length >= 3 ? telling : fields).slice(0, MAX_TABLE_COLUMNS);
}

function alignedRows(header: string[], rows: string[][], indent = ''): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

// ---- formats ----------------------------------------------------------------

export function renderTable(output: QueryOutput): string {
  const lines: string[] = [];
  if (output.kind === 'events') {
    if (output.events.length === 0) return '';
    const fields = tableFields(output.events);
    lines.push(...alignedRows(fields, output.events.map((e) => fields.map((f) => tableCell(valueText(eventValue(e, f), ''))))));
  } else if (output.kind === 'sequences') {
    const events = output.sequences.flatMap((s) => s.events);
    const fields = tableFields(events);
    const cells = (e: EventDocument) => fields.map((f) => tableCell(valueText(eventValue(e, f), '')));
    // One alignment for every sequence, so the blocks read as one table.
    const aligned = alignedRows(fields, events.map(cells), '  ');
    let row = 1;
    output.sequences.forEach((sequence, i) => {
      const keys = sequence.joinKeys.length > 0 ? `  join keys: ${sequence.joinKeys.map((k) => valueText(k, 'null')).join(', ')}` : '';
      lines.push(`sequence ${i + 1}${keys}`, aligned[0]);
      for (let k = 0; k < sequence.events.length; k++) lines.push(aligned[row++]);
    });
  } else {
    if (output.columns.length === 0) return '';
    const header = output.columns.map((c) => c.name);
    lines.push(...alignedRows(header, output.rows.map((r) => r.map((v) => tableCell(valueText(v, 'null'))))));
  }
  return lines.join('\n') + '\n';
}

export function renderNdjson(output: QueryOutput): string {
  let out = '';
  if (output.kind === 'events') {
    for (const event of output.events) out += JSON.stringify(event) + '\n';
  } else if (output.kind === 'sequences') {
    for (const s of output.sequences) out += JSON.stringify({ sequence: { join_keys: s.joinKeys, events: s.events } }) + '\n';
  } else {
    for (const row of output.rows) out += JSON.stringify(Object.fromEntries(output.columns.map((c, i) => [c.name, row[i] ?? null]))) + '\n';
  }
  return out;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

export function renderCsv(output: QueryOutput): string {
  if (output.kind === 'table') {
    return csvLine(output.columns.map((c) => c.name)) + output.rows.map((r) => csvLine(r.map((v) => valueText(v, '')))).join('');
  }
  if (output.kind === 'events') {
    const fields = allFields(output.events);
    if (fields.length === 0) return '';
    return csvLine(fields) + output.events.map((e) => csvLine(fields.map((f) => valueText(eventValue(e, f), '')))).join('');
  }
  const fields = allFields(output.sequences.flatMap((s) => s.events));
  let out = csvLine(['sequence', 'join_keys', ...fields]);
  output.sequences.forEach((s, i) => {
    const keys = s.joinKeys.map((k) => valueText(k, 'null')).join(', ');
    for (const e of s.events) out += csvLine([String(i + 1), keys, ...fields.map((f) => valueText(eventValue(e, f), ''))]);
  });
  return out;
}

/** A query's output inside the `json` document: `events`, `sequences` (`join_keys`, `events`) or `columns` + `values`, as Elasticsearch names them. */
export function jsonOutput(output: QueryOutput): Record<string, unknown> {
  if (output.kind === 'events') return { kind: 'events', events: output.events };
  if (output.kind === 'sequences') return { kind: 'sequences', sequences: output.sequences.map((s) => ({ join_keys: s.joinKeys, events: s.events })) };
  return { kind: 'table', columns: output.columns, values: output.rows };
}

const NOUNS: Readonly<Record<QueryOutput['kind'], [string, string]>> = { events: ['event', 'events'], sequences: ['sequence', 'sequences'], table: ['row', 'rows'] };

/** `event`/`events`, `row`/`rows`: what the output's kind calls `n` results. */
export function resultNoun(kind: QueryOutput['kind'], n: number): string {
  return NOUNS[kind][n === 1 ? 0 : 1];
}

/** `1 event`, `3 rows`: a number of results of the output's kind. */
export function countOf(kind: QueryOutput['kind'], n: number): string {
  return `${n.toLocaleString('en-US')} ${resultNoun(kind, n)}`;
}

export function outputSize(output: QueryOutput): number {
  return output.kind === 'events' ? output.events.length : output.kind === 'sequences' ? output.sequences.length : output.rows.length;
}

export function renderOutput(output: QueryOutput, format: Exclude<OutputFormat, 'json'>): string {
  return format === 'table' ? renderTable(output) : format === 'ndjson' ? renderNdjson(output) : renderCsv(output);
}
