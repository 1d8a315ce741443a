// Text-table and JSON renderings of hunt lists and summaries, for the CLI and the UI.
import type { HuntRecord } from './huntLibrary.ts';
import type { SummaryBreakdown, SummaryRow } from './summary.ts';

/** Left-aligned columns under a dashed rule; cells are flattened to one line. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows].map((row) => headers.map((_, column) => oneLine(row[column] ?? '')));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => width(row[column]))));
  const line = (row: readonly string[]) => row.map((cell, column) => cell + ' '.repeat(widths[column] - width(cell))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

export function huntTable(hunts: readonly HuntRecord[]): string {
  return formatTable(
    ['Name', 'UUID', 'Location', 'Platform', 'MITRE'],
    hunts.map((hunt) => [hunt.name, hunt.uuid, hunt.relativePath, hunt.platform, hunt.mitre.join(', ')]),
  );
}

const SUMMARY_HEADERS: Record<SummaryBreakdown, string> = {
  platform: 'Platform (Folder)',
  integration: 'Integration',
  language: 'Language',
};

export function summaryTable(rows: readonly SummaryRow[], breakdown: SummaryBreakdown): string {
  return formatTable([SUMMARY_HEADERS[breakdown], 'Hunt Count'], rows.map((row) => [row.key, String(row.count)]));
}

/** Hunts as JSON, with paths relative to the hunting directory so output does not depend on where it lives. */
export function huntsJson(hunts: readonly HuntRecord[]): string {
  const plain = hunts.map(({ path: _absolute, relativePath, ...hunt }) => ({ path: relativePath, ...hunt }));
  return JSON.stringify(plain, null, 2) + '\n';
}

export function summaryJson(rows: readonly SummaryRow[], breakdown: SummaryBreakdown): string {
  return JSON.stringify({ breakdown, counts: rows }, null, 2) + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Width in code points: close enough for the Latin text hunts are written in. */
function width(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
