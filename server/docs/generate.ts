// Everything `generate-markdown` would write for a hunting directory, compared with what is on disk.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadHuntLibrary } from '../library/huntLibrary.ts';
import type { HuntRecord, InvalidHuntFile } from '../library/huntLibrary.ts';
import { duplicateUuids } from '../library/search.ts';
import { huntMarkdown } from './huntMarkdown.ts';
import { huntIndexMarkdown, huntIndexYaml, updateHuntIndex } from './huntIndex.ts';
import type { HuntIndex } from './huntIndex.ts';
import { readHuntIndex } from './huntIndexReader.ts';

export type DocFileKind = 'hunt-doc' | 'index-yml' | 'index-md';

export interface DocFile {
  kind: DocFileKind;
  /** Path below the hunting directory with `/` separators, e.g. `aws/docs/x.md`. */
  relativePath: string;
  content: string;
  /** For a hunt doc, the hunt file it is generated from. */
  sourcePath?: string;
}

export interface DocChange extends DocFile {
  status: 'create' | 'update';
  /** What is on disk now (absent for `create`). */
  before?: string;
}

export interface HuntingDocsPlan {
  root: string;
  /** Every file the generator owns, in the order upstream writes them. */
  files: DocFile[];
  /** The files whose content on disk differs from `files` (or that are missing). */
  changes: DocChange[];
  /** Hunt files that could not be read: they get no doc and their index entry is left as it is. */
  invalid: InvalidHuntFile[];
  /** Uuids declared by several hunts: the index keeps only the last of them. */
  duplicateUuids: Map<string, HuntRecord[]>;
  /** Why the existing index.yml could not be read (it is then rebuilt from the hunt files alone). */
  indexProblem?: { line: number; message: string };
  /** Docs in a `docs/` folder that no hunt file generates (upstream never deletes them either). */
  orphanDocs: string[];
}

/** Where the doc of a hunt file lives: `<platform>/docs/<name>.md` beside `<platform>/queries/<name>.toml`. */
export function huntDocPath(huntRelativePath: string): string {
  const parts = huntRelativePath.split('/');
  const stem = parts[parts.length - 1].replace(/\.toml$/, '');
  return [...parts.slice(0, -2), 'docs', `${stem}.md`].join('/');
}

export function planHuntingDocs(root: string): HuntingDocsPlan {
  const library = loadHuntLibrary(root);
  const files: DocFile[] = library.hunts.map((hunt) => ({
    kind: 'hunt-doc',
    relativePath: huntDocPath(hunt.relativePath),
    content: huntMarkdown(hunt, hunt.relativePath.split('/').pop()!),
    sourcePath: hunt.relativePath,
  }));

  let existingIndex: HuntIndex = new Map();
  let indexProblem: HuntingDocsPlan['indexProblem'];
  const indexText = readIfExists(join(root, 'index.yml'));
  if (indexText !== undefined) {
    const read = readHuntIndex(indexText);
    if ('index' in read) existingIndex = read.index;
    else indexProblem = { line: read.line, message: read.error };
  }
  // Upstream writes the index only after processing at least one hunt.
  if (library.hunts.length > 0) {
    const index = updateHuntIndex(existingIndex, library.hunts);
    files.push({ kind: 'index-yml', relativePath: 'index.yml', content: huntIndexYaml(index) });
    files.push({ kind: 'index-md', relativePath: 'index.md', content: huntIndexMarkdown(index) });
  }

  const changes: DocChange[] = [];
  for (const file of files) {
    const before = readIfExists(join(root, ...file.relativePath.split('/')));
    if (before === undefined) changes.push({ ...file, status: 'create' });
    else if (before !== file.content) changes.push({ ...file, status: 'update', before });
  }

  return {
    root,
    files,
    changes,
    invalid: library.invalid,
    duplicateUuids: duplicateUuids(library.hunts),
    indexProblem,
    orphanDocs: orphanDocs(root, files, library.invalid),
  };
}

/** Writes the changed files (creating `docs/` folders as needed) and returns their relative paths. */
export function writeHuntingDocs(plan: HuntingDocsPlan): string[] {
  for (const change of plan.changes) {
    const path = join(plan.root, ...change.relativePath.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, change.content, 'utf8');
  }
  return plan.changes.map((change) => change.relativePath);
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function orphanDocs(root: string, files: readonly DocFile[], invalid: readonly InvalidHuntFile[]): string[] {
  const owned = new Set([...files.map((file) => file.relativePath), ...invalid.map((file) => huntDocPath(file.relativePath))]);
  const docFolders = new Set(files.filter((file) => file.kind === 'hunt-doc').map((file) => dirname(file.relativePath)));
  const orphans: string[] = [];
  for (const folder of docFolders) {
    const path = join(root, ...folder.split('/'));
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      const relativePath = `${folder}/${name}`;
      if (name.endsWith('.md') && !owned.has(relativePath)) orphans.push(relativePath);
    }
  }
  return orphans;
}
