// `huntkit index`: refreshes a hunting directory's index.yml and index.md from its hunt files.
import { planHuntingDocs, writeHuntingDocs } from '../docs/generate.ts';
import { selectHuntingDocs } from '../docs/huntDocSelection.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { huntingChanges, reportChanges, reportHuntingProblems } from './docsOutput.ts';
import { displayPath, resolveHuntingDirectory } from './huntingDirectory.ts';

export const indexCommand: Command = {
  usage: `usage: huntkit index [HUNTING_DIR] [--dry-run]

Updates HUNTING_DIR/index.yml and index.md (default: the hunting/ directory
under the current directory) from the hunt files, as upstream does: existing
entries keep their place, new hunts go last, entries of deleted hunts stay.
Hunt docs are left alone ('huntkit docs' writes them).

options:
  --dry-run   print the unified diff of what would change and write nothing

Exit status: 1 when a hunt file cannot be read or there are none, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`expected one hunting directory, got ${positionals.length}`);
    const root = resolveHuntingDirectory(positionals[0], 'name one as HUNTING_DIR');
    const library = planHuntingDocs(root);
    const failed = reportHuntingProblems(library);
    const plan = selectHuntingDocs(library, 'none');
    if (plan.files.length === 0) {
      process.stderr.write(`error: ${displayPath(root)} holds no readable hunt file (<platform>/queries/*.toml); the index is left as it is\n`);
      return 1;
    }
    const dryRun = values['dry-run'] === true;
    if (!dryRun) writeHuntingDocs(plan);
    reportChanges(displayPath(root), huntingChanges(plan), plan.files.length - plan.changes.length, dryRun);
    return failed ? 1 : 0;
  },
};
