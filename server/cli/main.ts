// `huntkit`: the command-line face of the same analyses the language server runs.
import { isMainThread } from 'node:worker_threads';
// In a worker thread this module checks its share of files (the bundle is its own worker script).
import '../service/batchCheckWorker.ts';
import { checkCommand } from './check.ts';
import { docsCommand } from './docs.ts';
import { indexCommand } from './refreshIndex.ts';
import { queryCommand } from './query.ts';
import { runCommand } from './run.ts';
import { sampleDataCommand } from './sampleData.ts';
import { searchCommand } from './search.ts';
import { summaryCommand } from './summary.ts';
import { testCommand } from './test.ts';
import { viewCommand } from './view.ts';
import { UsageError, type Command } from './command.ts';

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  docs: docsCommand,
  index: indexCommand,
  query: queryCommand,
  run: runCommand,
  'sample-data': sampleDataCommand,
  search: searchCommand,
  summary: summaryCommand,
  test: testCommand,
  view: viewCommand,
};

const USAGE = `usage: huntkit <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run 'huntkit <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`huntkit: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`huntkit ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`huntkit ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (isMainThread) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
