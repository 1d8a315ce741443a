// `huntkit check`: the language server's diagnostics for every hunt and rule under some paths.
import { relative } from 'node:path';
import { findTomlFiles } from '../service/files.ts';
import { checkFiles } from '../service/batchCheck.ts';
import type { FileDiagnostic } from '../service/lspTypes.ts';
import { toSarif } from './sarif.ts';
import { oneOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { EVERY_CODE, parseCodeList, type CodeFilter } from '../common/codeFilter.ts';

const FORMATS = ['text', 'json', 'sarif'] as const;

export const checkCommand: Command = {
  usage: `usage: huntkit check [PATH...] [--format text|json|sarif] [--select CODES] [--ignore CODES] [--workers N]

Finds hunt and rule TOML files under PATHs (default: .) and prints the
diagnostics the Huntkit language server publishes.
--select CODES: report only these codes (comma-separated; a prefix ending at
a dash takes every code it starts, e.g. kql, rule-threat); --ignore CODES:
leave these out. Checks that only feed codes left out are skipped: with
--select toml,file,hunt,rule no query is parsed.
--workers N: worker threads beside the main one (0: the main thread only);
by default one per spare core, up to 3, for 400 files or more.
Exit status: 1 when any error-level diagnostic exists, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', short: 'f' }, workers: { type: 'string' }, select: { type: 'string' }, ignore: { type: 'string' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    const format = oneOf('format', values.format, FORMATS, 'text');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new UsageError('--workers takes a whole number');
    const codes = codeFilter(values.select, values.ignore);
    let files: string[];
    try {
      files = findTomlFiles(positionals.length ? positionals : ['.']);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const result = await checkFiles(files, { workers, codes });
    const cwd = process.cwd();
    const shown = result.diagnostics.map((d) => ({ ...d, file: relative(cwd, d.file) || d.file }));
    if (format === 'json') process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
    else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(shown), null, 2) + '\n');
    else process.stdout.write(formatText(shown, result.checkedFiles.length));
    return shown.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

function codeFilter(select: string | undefined, ignore: string | undefined): CodeFilter {
  const list = (option: string, text: string | undefined) => {
    if (text === undefined) return [];
    try {
      return parseCodeList(text);
    } catch (error) {
      throw new UsageError(`--${option}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return select === undefined && ignore === undefined ? EVERY_CODE : { select: list('select', select), ignore: list('ignore', ignore) };
}

function formatText(diagnostics: FileDiagnostic[], fileCount: number): string {
  const lines = diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}`);
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(`${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${count('error')} errors, ${count('warning')} warnings, ${count('information') + count('hint')} notes`);
  return lines.join('\n') + '\n';
}
