// The part of a hunting docs plan that a run over some hunt files covers.
import type { DocFile, HuntingDocsPlan } from './generate.ts';

/**
 * The plan narrowed to the docs of the chosen hunts (relative paths, `'all'` or `'none'`) and the
 * index files, which always cover the whole library. Invalid files are kept only when chosen.
 */
export function selectHuntingDocs(plan: HuntingDocsPlan, hunts: ReadonlySet<string> | 'all' | 'none'): HuntingDocsPlan {
  const chosen = (relativePath: string) => hunts === 'all' || (hunts !== 'none' && hunts.has(relativePath));
  const keep = (file: DocFile) => file.kind !== 'hunt-doc' || chosen(file.sourcePath!);
  return {
    ...plan,
    files: plan.files.filter(keep),
    changes: plan.changes.filter(keep),
    invalid: plan.invalid.filter((file) => chosen(file.relativePath)),
  };
}
