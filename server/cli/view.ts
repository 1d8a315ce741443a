// `huntkit view`: one hunt, found by uuid or file, as TOML or JSON, or just its queries.
import { existsSync, readFileSync } from 'node:fs';
import { readHunt } from '../library/hunt.ts';
import { findHuntByUuid } from '../library/search.ts';
import { oneOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { displayPath, loadHuntingLibrary } from './huntingDirectory.ts';

const FORMATS = ['toml', 'json'] as const;

export const viewCommand: Command = {
  usage: `usage: huntkit view (--uuid ID | FILE) [--format toml|json] [--query-only] [--path HUNTING_DIR]

Prints a hunt: its file as written (toml, the default) or its fields as JSON.
  --uuid ID            the hunt with this uuid in the hunting directory
  --query-only         only the queries: each as Kibana takes it, separated by a
                       blank line (toml), or a JSON array of strings (json)
  --path HUNTING_DIR   where --uuid looks (default: the hunting directory under the current directory)

Exit status: 1 when the hunt is not found or cannot be read, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      uuid: { type: 'string', short: 'u' },
      format: { type: 'string', short: 'f' },
      'query-only': { type: 'boolean', short: 'q' },
      path: { type: 'string' },
    });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    const format = oneOf('format', values.format, FORMATS, 'toml');
    if (positionals.length > 1) throw new UsageError(`expected one hunt file, got ${positionals.length}`);
    if (values.uuid !== undefined && positionals.length > 0) throw new UsageError('give either --uuid or a FILE, not both');
    if (values.uuid === undefined && positionals.length === 0) throw new UsageError('give the hunt to show: --uuid ID or a FILE');
    if (values.path !== undefined && values.uuid === undefined) throw new UsageError('--path goes with --uuid');

    let file: string;
    if (values.uuid !== undefined) {
      const library = loadHuntingLibrary(values.path);
      const record = findHuntByUuid(library.hunts, values.uuid.trim());
      if (!record) {
        process.stderr.write(`huntkit view: no hunt with uuid ${values.uuid} in ${displayPath(library.root)}\n`);
        return 1;
      }
      file = record.path;
    } else {
      file = positionals[0];
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    }

    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`huntkit view: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const { hunt, problems } = readHunt(text);
    if (!hunt) {
      process.stderr.write(`huntkit view: ${displayPath(file)} is not a valid hunt:\n${problems.map((problem) => `  ${problem}\n`).join('')}`);
      return 1;
    }
    if (values['query-only']) {
      if (format === 'json') process.stdout.write(JSON.stringify(hunt.query, null, 2) + '\n');
      else process.stdout.write(hunt.query.map((query) => query.replace(/\n*$/, '\n')).join('\n'));
    } else if (format === 'json') process.stdout.write(JSON.stringify(hunt, null, 2) + '\n');
    else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return 0;
  },
};
