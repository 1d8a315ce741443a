// Finding hunt and rule files on disk.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', '.venv', '__pycache__']);

/** Every `.toml` file under the given paths (files are taken as they are), sorted for stable output. */
export function findTomlFiles(paths: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (SKIPPED_DIRECTORIES.has(name)) continue;
      const path = join(dir, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory()) walk(path);
      else if (name.endsWith('.toml')) found.add(path);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    const stats = statSync(abs, { throwIfNoEntry: false });
    if (!stats) throw new Error(`no such file or directory: ${p}`);
    if (stats.isDirectory()) walk(abs);
    else found.add(abs);
  }
  return [...found].sort();
}
