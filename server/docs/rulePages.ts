// Reference pages for detection rules, one Markdown file per rule in an output folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ruleMarkdown } from './ruleMarkdown.ts';

export interface RuleSource {
  path: string;
  /** The parsed rule file, when it is valid TOML. */
  document?: Record<string, unknown>;
  /** Why the file could not be read, when it is not. */
  problem?: string;
}

export interface RulePage {
  sourcePath: string;
  outputPath: string;
  content: string;
  status: 'create' | 'update' | 'unchanged';
  /** What is on disk now (absent for `create`). */
  before?: string;
}

export interface RulePagesPlan {
  outDir: string;
  pages: RulePage[];
  invalid: { path: string; problem: string }[];
  /** Rules whose files share a name (a live rule and its `_deprecated/` namesake): their pages would overwrite each other, so none is written. */
  collisions: { outputPath: string; sourcePaths: string[] }[];
}

/** `rules/linux/x.toml` → `x.md`. */
export function rulePageName(rulePath: string): string {
  return `${basename(rulePath).replace(/\.toml$/, '')}.md`;
}

export function planRulePages(rules: readonly RuleSource[], outDir: string): RulePagesPlan {
  const invalid: RulePagesPlan['invalid'] = [];
  const byOutput = new Map<string, RuleSource[]>();
  for (const rule of rules) {
    if (!rule.document) {
      invalid.push({ path: rule.path, problem: rule.problem ?? 'not a rule' });
      continue;
    }
    const outputPath = join(outDir, rulePageName(rule.path));
    byOutput.set(outputPath, [...(byOutput.get(outputPath) ?? []), rule]);
  }
  const pages: RulePage[] = [];
  const collisions: RulePagesPlan['collisions'] = [];
  for (const [outputPath, sources] of byOutput) {
    if (sources.length > 1) {
      collisions.push({ outputPath, sourcePaths: sources.map((source) => source.path) });
      continue;
    }
    const content = ruleMarkdown(sources[0].document!);
    const before = readIfExists(outputPath);
    const status = before === undefined ? 'create' : before === content ? 'unchanged' : 'update';
    pages.push({ sourcePath: sources[0].path, outputPath, content, status, ...(before === undefined ? {} : { before }) });
  }
  return { outDir, pages, invalid, collisions };
}

/** Writes the pages that are new or changed and returns their paths. */
export function writeRulePages(plan: RulePagesPlan): string[] {
  const changed = plan.pages.filter((page) => page.status !== 'unchanged');
  if (changed.length > 0) mkdirSync(plan.outDir, { recursive: true });
  for (const page of changed) writeFileSync(page.outputPath, page.content, 'utf8');
  return changed.map((page) => page.outputPath);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
