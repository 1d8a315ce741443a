// Whether a hunt's committed doc matches what its current (possibly unsaved) text would generate.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { huntFromTable, readHunt } from '../library/hunt.ts';
import { huntMarkdown } from './huntMarkdown.ts';

export interface HuntDocFreshness {
  /** `<platform>/docs/<name>.md` beside the hunt's `queries` folder, as planHuntingDocs places it. */
  docPath: string;
  expected: string;
  /** The doc on disk, or undefined when it does not exist yet. */
  actual: string | undefined;
  upToDate: boolean;
}

/**
 * Undefined when the file is not inside a `queries` folder or `huntText` is not a valid hunt.
 * `parsedHunt`, the `[hunt]` table as a caller already parsed it from `huntText`, saves a
 * second TOML parse; it is used only when the text has no `\r` (upstream reads with
 * universal newlines, which can change multi-line strings).
 */
export function huntDocFreshness(huntFilePath: string, huntText: string, parsedHunt?: Record<string, unknown>): HuntDocFreshness | undefined {
  const queriesFolder = dirname(huntFilePath);
  const fileName = basename(huntFilePath);
  if (basename(queriesFolder) !== 'queries' || !fileName.endsWith('.toml')) return undefined;
  const { hunt } = parsedHunt && !huntText.includes('\r') ? huntFromTable(parsedHunt) : readHunt(huntText);
  if (!hunt) return undefined;
  const docPath = join(dirname(queriesFolder), 'docs', `${fileName.slice(0, -'.toml'.length)}.md`);
  const expected = huntMarkdown(hunt, fileName);
  const actual = readIfExists(docPath);
  return { docPath, expected, actual, upToDate: actual === expected };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // Missing or unreadable: either way there is no committed doc to compare with.
    return undefined;
  }
}
