// What the engine commands print on stderr: query diagnostics with their position,
// read warnings (malformed lines) as file:line, and a one-line run summary.
import { relative } from 'node:path';
import type { QueryDiagnostic, Span } from '../../common/diagnostics.ts';
import { LineIndex } from '../../common/lineIndex.ts';
import type { ReadWarning } from '../../engine/eventReader.ts';
import type { QueryOutput } from '../../engine/contract.ts';
import type { RunStats } from '../../engine/runner/index.ts';
import { countOf, outputSize } from './render.ts';

/** Read warnings printed per run; the rest are counted. */
const SHOWN_WARNINGS = 20;

export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

/**
 * Diagnostics as `label:line:col: severity [code] message`; `text` is what the spans
 * point into (after `toText` maps them), and `showLine` adds the line with a caret under the spot.
 */
export function formatDiagnostics(label: string, text: string, diagnostics: readonly QueryDiagnostic[], toText: (span: Span) => Span = (s) => s, showLine = false): string {
  const lines = new LineIndex(text);
  let out = '';
  for (const d of diagnostics) {
    const span = toText(d.span);
    const at = lines.positionAt(span.start);
    out += `${label}:${at.line + 1}:${at.character + 1}: ${d.severity} [${d.code}] ${d.message}\n`;
    if (showLine) {
      const start = lines.lineStarts[at.line];
      const end = at.line + 1 < lines.lineStarts.length ? lines.lineStarts[at.line + 1] : text.length;
      const source = text.slice(start, end).replace(/\r?\n$/, '');
      const width = Math.max(1, Math.min(span.end, start + source.length) - span.start);
      out += `  ${source}\n  ${' '.repeat(at.character)}${'^'.repeat(width)}\n`;
    }
  }
  return out;
}

/** Prints the first read warnings of a run as they come; `finish` tells how many more there were. */
export function warningPrinter(): { onWarning: (warning: ReadWarning) => void; finish: () => void } {
  let count = 0;
  return {
    onWarning(warning) {
      count++;
      if (count > SHOWN_WARNINGS) return;
      const where = warning.line === undefined ? `${displayPath(warning.file)}@${warning.offset}` : `${displayPath(warning.file)}:${warning.line}`;
      process.stderr.write(`${where}: warning: ${warning.message} (skipped)\n`);
    },
    finish() {
      if (count > SHOWN_WARNINGS) process.stderr.write(`… and ${count - SHOWN_WARNINGS} more warnings\n`);
      count = 0;
    },
  };
}

/** `3 events (41 matched of 20,000 events read from 5 files in 0.4 s, 2 threads)`. */
export function runSummary(output: QueryOutput, stats: RunStats): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const threads = stats.workers > 0 ? `, ${stats.workers} threads` : '';
  const files = stats.files === 1 ? '1 file' : `${n(stats.files)} files`;
  return `${countOf(output.kind, outputSize(output))} (${n(stats.matched)} matched of ${n(stats.events)} events read from ${files} in ${(stats.elapsedMs / 1000).toFixed(2)} s${threads})`;
}
