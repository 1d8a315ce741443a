// `huntkit`: the command-line face of the same analyses the language server runs.
import { isMainThread, workerData } from 'node:worker_threads';
import { workerRole } from '../common/workerThreads.ts';
import { UsageError, type Command } from './command.ts';

/**
 * Each command's module loads only when it runs: `huntkit check` then never initializes
 * the engine, the docs generator or their dependencies (about 80 ms of every start).
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'report diagnostics for hunt and rule TOML files', load: async () => (await import('./check.ts')).checkCommand },
  docs: { summary: 'generate hunt docs and the hunting index, or rule reference pages', load: async () => (await import('./docs.ts')).docsCommand },
  index: { summary: "refresh a hunting directory's index.yml and index.md", load: async () => (await import('./refreshIndex.ts')).indexCommand },
  query: { summary: 'run one EQL, ES|QL, KQL or Lucene query over local event files', load: async () => (await import('./query.ts')).queryCommand },
  run: { summary: "run a hunt's queries or a rule's query over local event files", load: async () => (await import('./run.ts')).runCommand },
  'sample-data': { summary: 'write sample ECS events (with true positives for sample hunts and rules)', load: async () => (await import('./sampleData.ts')).sampleDataCommand },
  search: { summary: 'find hunts by ATT&CK tactic or technique, data source or keyword', load: async () => (await import('./search.ts')).searchCommand },
  summary: { summary: 'count hunts by platform, integration or language', load: async () => (await import('./summary.ts')).summaryCommand },
  test: { summary: 'test hunts and rules against example events beside them', load: async () => (await import('./test.ts')).testCommand },
  view: { summary: 'show one hunt by uuid or file, or only its queries', load: async () => (await import('./view.ts')).viewCommand },
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
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`huntkit: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  const command = await entry.load();
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
    // A command resolves when its work is done: once its output is flushed, exit at once.
    // Tearing down the heaps of this thread and any workers would take tens of milliseconds.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
} else {
  // The bundle is also the script of its worker threads: each kind loads its own module.
  const role = workerRole(workerData);
  if (role === 'check') void import('../service/batchCheckWorker.ts');
  else if (role === 'scan') void import('../engine/runner/scanWorker.ts');
}
