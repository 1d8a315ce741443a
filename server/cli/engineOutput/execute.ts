// Runs one query for `huntkit run` / `huntkit query` and prints it in the chosen
// format: tables (with a title per query and a summary) on stdout; for json, ndjson
// and csv, stdout carries only the data and titles and summaries go to stderr.
import type { QueryDiagnostic, Span } from '../../common/diagnostics.ts';
import type { QueryLanguage } from '../../common/language.ts';
import { QueryCompileError, runQuery } from '../../engine/runner/index.ts';
import { displayPath, formatDiagnostics, runSummary, warningPrinter } from './messages.ts';
import { jsonOutput, renderOutput } from './render.ts';
import type { RunSettings } from './runOptions.ts';

export interface QueryJob {
  /** Shown above the query's results, e.g. `hunt.toml · query 2 (ES|QL)`; none for a lone query. */
  title?: string;
  language: QueryLanguage;
  text: string;
  /** Index patterns for queries without their own source; the settings' --index wins. */
  index?: readonly string[];
  /** Extra engine options the query's file sets (EQL timestamp/tiebreaker fields, field aliases). */
  options?: Partial<RunSettings['options']>;
  /** Where diagnostics point: a label (file name), the text the spans map into, and the mapping. */
  source: { label: string; text: string; toText?: (span: Span) => Span; showLine?: boolean };
}

export interface JobResult {
  ok: boolean;
  /** This query's entry in the `json` document. */
  json: Record<string, unknown>;
}

export class ResultPrinter {
  private readonly warnings = warningPrinter();

  constructor(private readonly settings: RunSettings) {
    // `huntkit query … | head` closes stdout early: that ends the output, it is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }

  title(text: string | undefined): void {
    if (text === undefined) return;
    if (this.settings.format === 'table') process.stdout.write(`\n== ${text}\n`);
    else process.stderr.write(`== ${text}\n`);
  }

  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }

  private diagnostics(job: QueryJob, diagnostics: readonly QueryDiagnostic[]): void {
    const { label, text, toText, showLine } = job.source;
    process.stderr.write(formatDiagnostics(label, text, diagnostics, toText, showLine));
  }

  async run(job: QueryJob): Promise<JobResult> {
    const { settings } = this;
    this.title(job.title);
    const base = { language: job.language };
    try {
      const result = await runQuery({
        language: job.language,
        text: job.text,
        index: settings.index ?? job.index,
        dataDir: settings.dataDir,
        options: { ...settings.options, ...job.options },
        workers: settings.workers,
        onWarning: this.warnings.onWarning,
      });
      this.warnings.finish();
      if (result.stats.files === 0) this.note(`no event files in ${displayPath(settings.dataDir)} match the index pattern ${result.stats.pattern}`);
      const summary = runSummary(result.output, result.stats);
      if (settings.format === 'table') {
        process.stdout.write(renderOutput(result.output, 'table') + summary + '\n');
      } else {
        if (settings.format !== 'json') process.stdout.write(renderOutput(result.output, settings.format));
        this.note(summary);
      }
      const stats = { ...result.stats, elapsedMs: Math.round(result.stats.elapsedMs) };
      return { ok: true, json: { ...base, ...jsonOutput(result.output), stats } };
    } catch (error) {
      this.warnings.finish();
      if (!(error instanceof QueryCompileError)) throw error;
      this.diagnostics(job, error.diagnostics);
      return { ok: false, json: { ...base, error: { diagnostics: error.diagnostics } } };
    }
  }

  /** For the json format: the whole document, once every query ran. */
  finish(results: readonly Record<string, unknown>[]): void {
    if (this.settings.format === 'json') process.stdout.write(JSON.stringify({ results }, null, 2) + '\n');
  }
}
