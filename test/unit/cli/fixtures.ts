// Writable temp copies of corpus parts for CLI tests, and file snapshots to see what a command touched.
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';

export const CORPUS_HUNTING = join(CORPUS, 'hunting');

interface TestContext {
  after(fn: () => void): void;
}

/** An empty temp folder removed after the test. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temp folder holding a writable copy of the corpus `hunting/` folder; returns the folder. */
export function withHuntingCopy(t: TestContext): string {
  const dir = tempDir(t);
  copyWritable(CORPUS_HUNTING, join(dir, 'hunting'));
  return dir;
}

export function copyWritable(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const makeWritable = (path: string) => {
    const isDirectory = statSync(path).isDirectory();
    chmodSync(path, isDirectory ? 0o755 : 0o644);
    if (isDirectory) for (const name of readdirSync(path)) makeWritable(join(path, name));
  };
  makeWritable(to);
}

/** Every file below `root` (relative, `/`-separated) with its content. */
export function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const name of readdirSync(join(root, relative)).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** Files added, removed or changed between two snapshots, sorted. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
