// `huntkit query`: runs one query given on the command line over local event files.
import { readFileSync } from 'node:fs';
import type { QueryLanguage } from '../common/language.ts';
import { unrunnableReason } from '../engine/runner/index.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { ResultPrinter } from './engineOutput/execute.ts';
import { RUN_OPTIONS, RUN_OPTIONS_USAGE, runSettings } from './engineOutput/runOptions.ts';

const LANGUAGES: Readonly<Record<string, QueryLanguage>> = { eql: 'eql', esql: 'esql', kuery: 'kuery', kql: 'kuery', lucene: 'lucene' };

export const queryCommand: Command = {
  usage: `usage: huntkit query --language eql|esql|kuery|lucene --data DIR [options] QUERY

Runs QUERY (one argument: quote it; - reads it from standard input) over the
event files in DIR with Elasticsearch's semantics.

  --language LANG     eql, esql, kuery (or kql) or lucene
${RUN_OPTIONS_USAGE}

Exit status: 1 when the query has errors, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { ...RUN_OPTIONS, language: { type: 'string', short: 'l' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (values.language === undefined) throw new UsageError('--language is required: eql, esql, kuery or lucene');
    const language = LANGUAGES[values.language.toLowerCase()];
    if (!language) throw new UsageError(`--language must be one of eql, esql, kuery, lucene (got '${values.language}')`);
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'give the query to run (quoted, or - to read it from standard input)' : `expected the query as one argument (quote it), got ${positionals.length}`);
    }
    const settings = runSettings(values);
    const text = positionals[0] === '-' ? readFileSync(0, 'utf8') : positionals[0];
    const reason = unrunnableReason(language);
    if (reason !== undefined) {
      process.stderr.write(`huntkit query: ${reason}\n`);
      return 1;
    }
    const printer = new ResultPrinter(settings);
    const result = await printer.run({ language, text, source: { label: 'query', text, showLine: true } });
    printer.finish([result.json]);
    return result.ok ? 0 : 1;
  },
};
