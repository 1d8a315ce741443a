// What a docs run covers, from the paths a user names: hunt files grouped by the hunting
// directory they belong to, and rule files.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { getStaticTOMLValue, parseTOML, ParseError } from 'toml-eslint-parser';
import { lineColumn } from '../common/diagnostics.ts';
import { documentKind } from '../document/huntRuleDocument.ts';
import { findTomlFiles } from '../service/files.ts';
import type { RuleSource } from './rulePages.ts';

export interface DocTargets {
  /** Hunting directory → the hunt files chosen in it, as `/`-separated paths relative to it. */
  hunts: Map<string, Set<string>>;
  rules: RuleSource[];
  /** Files named explicitly that no doc can be generated for, with the reason. */
  unusable: { path: string; reason: string }[];
}

/**
 * The hunting directory of a file in a `queries` folder (upstream's `<platform>/queries/<name>.toml`):
 * its nearest ancestor named `hunting`, else the folder that holds its platform folder.
 */
export function huntingDirectoryOf(file: string): string | undefined {
  const queries = dirname(resolve(file));
  if (basename(queries) !== 'queries') return undefined;
  for (let dir = dirname(queries); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'hunting') return dir;
  }
  return dirname(dirname(queries));
}

/** Every hunting directory that holds hunt files under `start`, sorted. */
export function findHuntingDirectories(start: string): string[] {
  const found = new Set<string>();
  for (const file of findTomlFiles([start])) {
    const root = huntingDirectoryOf(file);
    if (root) found.add(root);
  }
  return [...found].sort();
}

/**
 * Classifies the TOML files under `paths`: files in a `queries` folder are hunts, files with
 * `[metadata]` and `[rule]` tables are rules, and other TOML files found in folders are skipped.
 * Throws when a path does not exist.
 */
export function findDocTargets(paths: readonly string[]): DocTargets {
  const targets: DocTargets = { hunts: new Map(), rules: [], unusable: [] };
  for (const path of paths) {
    const explicit = !statSync(resolve(path), { throwIfNoEntry: false })?.isDirectory();
    for (const file of findTomlFiles([path])) classify(file, explicit, targets);
  }
  return targets;
}

function classify(file: string, explicit: boolean, targets: DocTargets): void {
  if (!file.endsWith('.toml')) {
    targets.unusable.push({ path: file, reason: 'not a TOML file' });
    return;
  }
  const root = huntingDirectoryOf(file);
  if (root) {
    const selected = targets.hunts.get(root) ?? new Set<string>();
    selected.add(relative(root, file).split(sep).join('/'));
    targets.hunts.set(root, selected);
    return;
  }
  const text = readFileSync(file, 'utf8');
  let document: Record<string, unknown> | undefined;
  let problem: string | undefined;
  try {
    document = getStaticTOMLValue(parseTOML(text)) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof ParseError ? ` at ${lineColumn(text, error.index)}` : '';
    problem = `not valid TOML${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const kind = documentKind(document, text);
  if (kind === 'rule') targets.rules.push(document ? { path: file, document } : { path: file, problem });
  else if (!explicit) return;
  else if (kind === 'hunt') targets.unusable.push({ path: file, reason: 'a hunt outside a `<platform>/queries/` folder: its doc has no place to go' });
  else targets.unusable.push({ path: file, reason: problem ?? 'neither a hunt (in a `<platform>/queries/` folder) nor a rule (`[metadata]` and `[rule]` tables)' });
}
