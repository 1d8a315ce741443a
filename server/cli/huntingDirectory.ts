// Where the hunting library is when a command is not told, and paths as the user sees them.
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { findHuntingDirectories } from '../docs/docTargets.ts';
import { loadHuntLibrary, type HuntLibrary } from '../library/huntLibrary.ts';
import { UsageError } from './command.ts';

/**
 * `given` if it is a directory; otherwise the one hunting directory under the current
 * directory. `howToName` tells the user how to pick one when there are none or several.
 */
export function resolveHuntingDirectory(given: string | undefined, howToName: string): string {
  if (given !== undefined) {
    if (!statSync(given, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${given} is not a directory`);
    return resolve(given);
  }
  const found = findHuntingDirectories('.');
  if (found.length === 0) throw new UsageError(`found no hunting directory (with <platform>/queries/*.toml files) under the current directory; ${howToName}`);
  if (found.length > 1) throw new UsageError(`found ${found.length} hunting directories (${found.map(displayPath).join(', ')}); ${howToName}`);
  return found[0];
}

/** A path relative to the current directory, with `/` separators. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path).split(sep).join('/') || '.';
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The hunts of `--path` (or the one hunting directory under the current one); unreadable files are reported and left out. */
export function loadHuntingLibrary(given: string | undefined): HuntLibrary {
  const library = loadHuntLibrary(resolveHuntingDirectory(given, 'name one with --path'));
  if (library.invalid.length > 0) {
    const files = library.invalid.map((file) => displayPath(file.path)).join(', ');
    process.stderr.write(`warning: left out ${plural(library.invalid.length, 'hunt file')} that cannot be read (${files}); 'huntkit check' says why\n`);
  }
  return library;
}
