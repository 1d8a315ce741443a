// Index patterns resolved against a data directory: each event file stands for
// the index or data stream named by its base name without the data extensions
// (`logs-endpoint.events.file-default.ndjson.gz` is `logs-endpoint.events.file-default`).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export type EventFileFormat = 'ndjson' | 'json';

export interface EventFile {
  path: string;
  /** The index / data stream name the file stands for. */
  index: string;
  /** `ndjson`: one JSON object per line; `json`: a JSON array of objects (or concatenated objects). */
  format: EventFileFormat;
  compressed: boolean;
}

const DATA_EXTENSIONS: ReadonlyArray<{ suffix: string; format: EventFileFormat; compressed: boolean }> = [
  { suffix: '.ndjson.gz', format: 'ndjson', compressed: true },
  { suffix: '.jsonl.gz', format: 'ndjson', compressed: true },
  { suffix: '.json.gz', format: 'json', compressed: true },
  { suffix: '.ndjson', format: 'ndjson', compressed: false },
  { suffix: '.jsonl', format: 'ndjson', compressed: false },
  { suffix: '.json', format: 'json', compressed: false },
];

/** The index name, format and compression of an event file name; undefined for other files. */
export function describeEventFile(fileName: string): Omit<EventFile, 'path'> | undefined {
  for (const { suffix, format, compressed } of DATA_EXTENSIONS) {
    if (fileName.endsWith(suffix) && fileName.length > suffix.length) {
      return { index: fileName.slice(0, -suffix.length), format, compressed };
    }
  }
  return undefined;
}

interface PatternTerm {
  exclude: boolean;
  matches: (index: string) => boolean;
}

/**
 * Compiles an index expression as Elasticsearch reads it: comma-separated names
 * with `*` wildcards; a `-name` term removes what the terms before it matched;
 * a remote `cluster:` prefix is dropped (everything here is local); the `::data`
 * selector is the default and `::failures` selects nothing (no failure store locally).
 */
export function compileIndexPattern(expression: string): (index: string) => boolean {
  const terms: PatternTerm[] = [];
  for (const raw of expression.split(',')) {
    let term = raw.trim();
    if (term === '') continue;
    const exclude = term.startsWith('-') && terms.length > 0;
    if (exclude) term = term.slice(1);
    let selector = 'data';
    const selectorAt = term.indexOf('::');
    if (selectorAt >= 0) {
      selector = term.slice(selectorAt + 2);
      term = term.slice(0, selectorAt);
    }
    const clusterEnd = term.indexOf(':');
    if (clusterEnd >= 0) term = term.slice(clusterEnd + 1);
    terms.push({ exclude, matches: selector === 'failures' ? () => false : wildcardMatcher(term) });
  }
  return (index) => {
    let included = false;
    for (const term of terms) {
      if (included === term.exclude && term.matches(index)) included = !term.exclude;
    }
    return included;
  };
}

function wildcardMatcher(pattern: string): (index: string) => boolean {
  if (!pattern.includes('*')) return (index) => index === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return (index) => regex.test(index);
}

/** The event files in `dataDir` (not recursive) whose index matches the expression, sorted by path. */
export async function resolveIndexPattern(dataDir: string, expression: string): Promise<EventFile[]> {
  const matches = compileIndexPattern(expression);
  const names = (await readdir(dataDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  const out: EventFile[] = [];
  for (const name of names) {
    const described = describeEventFile(name);
    if (described && matches(described.index)) out.push({ path: join(dataDir, name), ...described });
  }
  return out;
}
