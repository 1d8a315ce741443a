// Loads every hunt under a hunting directory (upstream layout: `<platform>/queries/<name>.toml`).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readHunt } from './hunt.ts';
import type { Hunt } from './hunt.ts';
import { compareCodePoints } from './codePointOrder.ts';

export interface HuntRecord extends Hunt {
  /** Absolute path of the TOML file. */
  path: string;
  /** Path below the hunting directory with `/` separators, e.g. `aws/queries/x.toml`. */
  relativePath: string;
  /** The folder that holds `queries/` (`aws` above): upstream's platform and index section. */
  platform: string;
}

export interface InvalidHuntFile {
  path: string;
  relativePath: string;
  problems: string[];
}

export interface HuntLibrary {
  root: string;
  /** In code-point order of `relativePath`. */
  hunts: HuntRecord[];
  invalid: InvalidHuntFile[];
}

/**
 * Every `queries/*.toml` at any depth below `root` (upstream's `rglob("queries/*.toml")`),
 * as `/`-separated relative paths in code-point order, so that results never depend on
 * the order the file system lists a directory in.
 */
export function huntFilePaths(root: string): string[] {
  const found: string[] = [];
  const walk = (relativeDir: string) => {
    const entries = readdirSync(join(root, relativeDir), { withFileTypes: true });
    const inQueries = relativeDir.split('/').pop() === 'queries';
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (inQueries && entry.isFile() && entry.name.endsWith('.toml')) found.push(relative);
    }
  };
  walk('');
  return found.sort(compareCodePoints);
}

/** The platform folder of a hunt file: the parent of its `queries` folder, or the hunting directory's own name at top level. */
export function huntPlatform(root: string, relativePath: string): string {
  const parts = relativePath.split('/');
  return parts.length >= 3 ? parts[parts.length - 3] : basename(resolve(root));
}

export function loadHuntLibrary(root: string): HuntLibrary {
  const hunts: HuntRecord[] = [];
  const invalid: InvalidHuntFile[] = [];
  for (const relativePath of huntFilePaths(root)) {
    const path = join(root, ...relativePath.split('/'));
    const { hunt, problems } = readHunt(readFileSync(path, 'utf8'));
    if (hunt) hunts.push({ ...hunt, path, relativePath, platform: huntPlatform(root, relativePath) });
    else invalid.push({ path, relativePath, problems });
  }
  return { root, hunts, invalid };
}
