// `huntkit docs`: hunt docs and the hunting index as upstream generates them, and rule reference pages.
import { resolve } from 'node:path';
import { findDocTargets } from '../docs/docTargets.ts';
import type { DocTargets } from '../docs/docTargets.ts';
import { planHuntingDocs, writeHuntingDocs } from '../docs/generate.ts';
import { selectHuntingDocs } from '../docs/huntDocSelection.ts';
import { planRulePages, writeRulePages } from '../docs/rulePages.ts';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { huntingChanges, reportChanges, reportHuntingProblems, type FileChange } from './docsOutput.ts';
import { displayPath, plural, resolveHuntingDirectory } from './huntingDirectory.ts';

export const docsCommand: Command = {
  usage: `usage: huntkit docs [PATH...] [--dry-run] [--out DIR]

Hunts: PATH is a hunting directory, a platform directory or hunt files
(default: the hunting/ directory under the current directory). Writes each
hunt's <platform>/docs/<name>.md and the hunting directory's index.yml and
index.md exactly as upstream's 'python -m hunting generate-markdown' does.
Rules: PATH is rule TOML files or folders of them (e.g. rules/linux). Writes
each rule's reference page to DIR/<rule file name>.md.
Only files whose content changes are written.

options:
  --dry-run   print the unified diff of what would change and write nothing
  --out DIR   the folder for rule reference pages (required for rules)

Exit status: 1 when a hunt or rule file cannot be read, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, out: { type: 'string', short: 'o' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    const dryRun = values['dry-run'] === true;
    const paths = positionals.length > 0 ? positionals : [resolveHuntingDirectory(undefined, 'name one as PATH')];
    let targets: DocTargets;
    try {
      targets = findDocTargets(paths);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (targets.unusable.length > 0) {
      throw new UsageError(`no doc can be generated for:\n${targets.unusable.map((file) => `  ${displayPath(file.path)}: ${file.reason}`).join('\n')}`);
    }
    if (targets.hunts.size === 0 && targets.rules.length === 0) throw new UsageError(`found no hunt or rule files in ${paths.join(', ')}`);
    if (targets.rules.length > 0 && values.out === undefined) {
      throw new UsageError(`${plural(targets.rules.length, 'rule file')} given: rule reference pages need --out DIR`);
    }
    if (targets.rules.length === 0 && values.out !== undefined) throw new UsageError('--out is for rule reference pages, and no rule files were given');

    let failed = false;
    for (const [root, hunts] of targets.hunts) {
      const plan = selectHuntingDocs(planHuntingDocs(root), hunts);
      failed = reportHuntingProblems(plan) || failed;
      if (!dryRun) writeHuntingDocs(plan);
      reportChanges(displayPath(root), huntingChanges(plan), plan.files.length - plan.changes.length, dryRun);
    }
    if (targets.rules.length > 0) failed = generateRulePages(targets, resolve(values.out!), dryRun) || failed;
    return failed ? 1 : 0;
  },
};

/** True when some rule page could not be generated. */
function generateRulePages(targets: DocTargets, outDir: string, dryRun: boolean): boolean {
  const plan = planRulePages(targets.rules, outDir);
  for (const file of plan.invalid) process.stderr.write(`error: ${displayPath(file.path)}: ${file.problem} (no page generated)\n`);
  for (const collision of plan.collisions) {
    process.stderr.write(`error: ${collision.sourcePaths.map(displayPath).join(' and ')} would both write ${displayPath(collision.outputPath)}; generate them into different folders (no page generated)\n`);
  }
  const changes: FileChange[] = plan.pages.flatMap((page) => (page.status === 'unchanged' ? [] : [{ ...page, path: page.outputPath, status: page.status }]));
  if (!dryRun) writeRulePages(plan);
  reportChanges(`rule pages in ${displayPath(outDir)}`, changes, plan.pages.length - changes.length, dryRun);
  return plan.invalid.length > 0 || plan.collisions.length > 0;
}
