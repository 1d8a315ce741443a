// `huntkit run`: runs a hunt's queries, or a rule's query, over local event files.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LANGUAGE_NAMES, unrunnableReason } from '../engine/runner/index.ts';
import { parseHuntRuleDocument } from '../document/huntRuleDocument.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { ResultPrinter, type QueryJob } from './engineOutput/execute.ts';
import { formatDiagnostics } from './engineOutput/messages.ts';
import { queryContext } from './engineOutput/queryContext.ts';
import { RUN_OPTIONS, RUN_OPTIONS_USAGE, runSettings } from './engineOutput/runOptions.ts';

export const runCommand: Command = {
  usage: `usage: huntkit run FILE --data DIR [--query N] [options]

Runs the queries of a hunt (each runnable one in turn, or only query N,
counting from 0), or the query of a detection rule, over the event files in
DIR with Elasticsearch's semantics. A rule's index list selects the files for
EQL, KQL and Lucene; ES|QL reads the indices its FROM names. osquery SQL
queries are skipped: they run on endpoints, not over event data.

  --query N           only the hunt's query N (0-based)
${RUN_OPTIONS_USAGE}

Exit status: 1 when a query has errors or cannot run locally (skipped osquery
SQL aside), 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { ...RUN_OPTIONS, query: { type: 'string', short: 'q' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the hunt or rule file to run' : `expected one file, got ${positionals.length}`);
    const file = positionals[0];
    const settings = runSettings(values);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const document = parseHuntRuleDocument(text);
    const syntaxError = document.toml.syntaxError;
    if (syntaxError) {
      process.stderr.write(formatDiagnostics(file, text, [{ span: syntaxError.span, severity: 'error', code: 'toml-syntax', message: syntaxError.message }]));
      return 1;
    }
    if (document.kind === 'other') throw new UsageError(`${file} is neither a hunt (no [hunt] table) nor a rule ([metadata] and [rule])`);

    // A rule's threat_query runs against its threat indices for indicator matching, not on its own.
    const queries = document.kind === 'rule' ? document.queries.filter((q) => q.index === 0) : document.queries;
    if (queries.length === 0) {
      process.stderr.write(`huntkit run: ${file} has no query\n`);
      return 1;
    }
    let selected = queries;
    if (values.query !== undefined) {
      const n = Number(values.query);
      if (!Number.isInteger(n) || n < 0 || n >= queries.length) {
        throw new UsageError(`--query must be between 0 and ${queries.length - 1} for ${file} (it has ${queries.length} ${queries.length === 1 ? 'query' : 'queries'})`);
      }
      selected = [queries[n]];
    }

    const printer = new ResultPrinter(settings);
    const results: Record<string, unknown>[] = [];
    const context = queryContext(document);
    if (context.partialRuleType) printer.note(`${basename(file)}: a ${context.partialRuleType} rule: only its query runs here, not the rest of the rule's logic`);
    let failed = false;
    for (const query of selected) {
      const title = document.kind === 'hunt' && selected.length > 1 ? `${basename(file)} · query ${query.index}` : undefined;
      const entry = { file, query: query.index };
      const reason = query.language === undefined ? 'its language cannot be told' : unrunnableReason(query.language);
      if (query.language === undefined || reason !== undefined) {
        const label = query.language === undefined ? '' : ` (${LANGUAGE_NAMES[query.language]})`;
        printer.title(title && `${title}${label}`);
        printer.note(`${basename(file)}: query ${query.index} skipped: ${reason}`);
        results.push({ ...entry, language: query.language ?? null, skipped: reason });
        // osquery SQL is expected in hunts and only skipped, unless asked for by number.
        if (query.language !== 'osquery' || values.query !== undefined) failed = true;
        continue;
      }
      const job: QueryJob = {
        title: title && `${title} (${LANGUAGE_NAMES[query.language]})`,
        language: query.language,
        text: query.text,
        index: context.index,
        options: query.language === 'eql' ? context.eqlOptions : undefined,
        source: { label: file, text, toText: (span) => query.toDocumentSpan(span) },
      };
      const result = await printer.run(job);
      if (!result.ok) failed = true;
      results.push({ ...entry, ...result.json });
    }
    printer.finish(results);
    return failed ? 1 : 0;
  },
};
