// Huntkit's own requests (preview, docs generation, the hunting library), answered by
// the UI-free docs and library modules.
import { basename, relative } from 'node:path';
import { findDocTargets, findHuntingDirectories } from '../docs/docTargets.ts';
import { planHuntingDocs, writeHuntingDocs } from '../docs/generate.ts';
import { selectHuntingDocs } from '../docs/huntDocSelection.ts';
import { renderPreview } from '../docs/preview.ts';
import { unifiedDiff } from '../docs/textDiff.ts';
import { tactic as tacticById, technique as techniqueById, parentTechniqueId } from '../data/attack.ts';
import { loadHuntLibrary, type HuntRecord } from '../library/huntLibrary.ts';
import { searchHunts } from '../library/search.ts';
import type { GenerateDocsParams, GenerateDocsResult, HuntListParams, HuntListResult, HuntSummaryItem, PreviewResult } from './protocol.ts';

export function preview(text: string, filePath: string): PreviewResult {
  const rendered = renderPreview(text, filePath);
  return { title: rendered.title, html: rendered.html, kind: rendered.kind };
}

export function generateDocs(params: GenerateDocsParams): GenerateDocsResult {
  const result: GenerateDocsResult = { written: [], changed: [], upToDate: 0, diff: '', problems: [] };
  // Folders may hold hunts anywhere below; hunt files name their own hunting directory.
  const targets = findDocTargets(params.paths);
  for (const rule of targets.rules) result.problems.push(`${basename(rule.path)} is a rule: rule reference pages are written by 'huntkit docs --out DIR'.`);
  for (const unusable of targets.unusable) result.problems.push(`${basename(unusable.path)}: ${unusable.reason}`);
  for (const [root, hunts] of targets.hunts) {
    const plan = selectHuntingDocs(planHuntingDocs(root), params.indexOnly ? 'none' : hunts);
    for (const invalid of plan.invalid) result.problems.push(`${invalid.relativePath}: ${invalid.problems.join('; ')} (no doc generated)`);
    result.upToDate += plan.files.length - plan.changes.length;
    for (const change of plan.changes) {
      const path = `${root}/${change.relativePath}`;
      result.changed.push(path);
      if (params.dryRun) result.diff += unifiedDiff(relative(process.cwd(), path), change.before ?? '', change.content);
    }
    if (!params.dryRun) result.written.push(...writeHuntingDocs(plan).map((p) => `${root}/${p}`));
  }
  return result;
}

export function listHunts(params: HuntListParams, workspaceFolders: readonly string[]): HuntListResult {
  const roots = workspaceFolders.flatMap((folder) => findHuntingDirectories(folder));
  let hunts: HuntRecord[] = roots.flatMap((root) => loadHuntLibrary(root).hunts);
  if (params.search) hunts = searchHunts(hunts, params.search);
  return { roots, hunts: hunts.map(summaryOf) };
}

function summaryOf(hunt: HuntRecord): HuntSummaryItem {
  const tactics = new Set<string>();
  for (const id of hunt.mitre) {
    const found = techniqueById(id) ?? techniqueById(parentTechniqueId(id));
    for (const t of found?.tactics ?? []) tactics.add(tacticById(t)?.name ?? t);
  }
  return {
    path: hunt.path,
    name: hunt.name,
    uuid: hunt.uuid,
    platform: hunt.platform,
    integration: hunt.integration,
    language: hunt.language,
    mitre: hunt.mitre,
    tactics: [...tactics].sort(),
    description: hunt.description,
  };
}
