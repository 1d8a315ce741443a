// A threat hunt as upstream's `hunting` package defines it: the `[hunt]` table of a hunt TOML file.
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';

export interface Hunt {
  author: string;
  description: string;
  integration: string[];
  uuid: string;
  name: string;
  language: string[];
  license: string;
  query: string[];
  notes: string[];
  mitre: string[];
  references: string[];
}

export interface HuntReadResult {
  /** Absent when the file is not a valid hunt; `problems` then says why. */
  hunt?: Hunt;
  problems: string[];
}

const REQUIRED_STRINGS = ['author', 'description', 'uuid', 'name', 'license'] as const;
const REQUIRED_LISTS = ['integration', 'language', 'query'] as const;
const OPTIONAL_LISTS = ['notes', 'mitre', 'references'] as const;
const KNOWN_KEYS = new Set<string>([...REQUIRED_STRINGS, ...REQUIRED_LISTS, ...OPTIONAL_LISTS]);

/**
 * Upstream reads hunt files in Python's universal-newline mode, so `\r\n` and a
 * lone `\r` reach the TOML parser (and every generated doc) as `\n`.
 */
export function universalNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Parses a hunt TOML file and checks it has the fields, and only the fields, upstream's `Hunt` accepts. */
export function readHunt(text: string): HuntReadResult {
  let document: unknown;
  try {
    document = getStaticTOMLValue(parseTOML(universalNewlines(text)));
  } catch (error) {
    return { problems: [`not valid TOML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const table = isRecord(document) ? document.hunt : undefined;
  if (!isRecord(table)) return { problems: ['no [hunt] table'] };
  return huntFromTable(table);
}

/** Checks a parsed `[hunt]` table. */
export function huntFromTable(table: Record<string, unknown>): HuntReadResult {
  const problems: string[] = [];
  for (const key of Object.keys(table)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown hunt field \`${key}\``);
  }
  const text = (key: (typeof REQUIRED_STRINGS)[number]): string => {
    const value = table[key];
    if (typeof value === 'string') return value;
    problems.push(value === undefined ? `missing required field \`${key}\`` : `\`${key}\` must be a string`);
    return '';
  };
  const list = (key: (typeof REQUIRED_LISTS)[number] | (typeof OPTIONAL_LISTS)[number], required: boolean): string[] => {
    const value = table[key];
    if (value === undefined) {
      if (required) problems.push(`missing required field \`${key}\``);
      return [];
    }
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    problems.push(`\`${key}\` must be a list of strings`);
    return [];
  };
  const hunt: Hunt = {
    author: text('author'),
    description: text('description'),
    integration: list('integration', true),
    uuid: text('uuid'),
    name: text('name'),
    language: list('language', true),
    license: text('license'),
    query: list('query', true),
    notes: list('notes', false),
    mitre: list('mitre', false),
    references: list('references', false),
  };
  if (Array.isArray(table.query) && table.query.length === 0) problems.push('`query` must list at least one query');
  if (table.uuid === '') problems.push('`uuid` must not be empty');
  return problems.length > 0 ? { problems } : { hunt, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
