// Which diagnostic codes to report, as `huntkit check --select/--ignore` take them: exact
// codes, or prefixes ending at a dash (`kql` is every `kql-*` code, `hunt-doc` every
// `hunt-doc-*`). A check skips the work whose every code is left out: without `eql`,
// no EQL query is parsed.
import type { QueryLanguage } from './language.ts';

/** The first part of every diagnostic code, by what reports it. */
export const CODE_FAMILIES = ['toml', 'file', 'internal', 'hunt', 'rule', 'eql', 'esql', 'kql', 'lucene', 'osquery'] as const;

/** The family of each query language's codes. */
export const LANGUAGE_CODE_FAMILY: Record<QueryLanguage, string> = { eql: 'eql', esql: 'esql', kuery: 'kql', lucene: 'lucene', osquery: 'osquery' };

/** Plain data, so it can be posted to worker threads. Empty `select` selects every code. */
export interface CodeFilter {
  select: readonly string[];
  ignore: readonly string[];
}

export const EVERY_CODE: CodeFilter = { select: [], ignore: [] };

const ENTRY = /^[a-z]+(?:-[a-z0-9]+)*$/;

/**
 * A comma-separated list of codes and prefixes, checked: an entry that no code could match
 * (a typo, or a language name such as `kuery` for `kql`) would otherwise silently select
 * nothing. Throws an Error that says what is wrong.
 */
export function parseCodeList(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('expected a comma-separated list of codes or prefixes, e.g. `kql,rule-unknown-key`');
  for (const entry of entries) {
    const family = entry.split('-')[0];
    if (!ENTRY.test(entry) || !(CODE_FAMILIES as readonly string[]).includes(family)) {
      throw new Error(`\`${entry}\` is not a diagnostic code or prefix: codes start with ${CODE_FAMILIES.join(', ')}`);
    }
  }
  return entries;
}

/** `entry` is `code` or a prefix of it ending at a dash. */
function matches(entry: string, code: string): boolean {
  return code === entry || (code.startsWith(entry) && code.charCodeAt(entry.length) === 0x2d /* - */);
}

export function reportsCode(filter: CodeFilter, code: string): boolean {
  if (filter.select.length > 0 && !filter.select.some((entry) => matches(entry, code))) return false;
  return !filter.ignore.some((entry) => matches(entry, code));
}

/** Whether any code starting with `prefix` (e.g. `kql`, `hunt-doc-out-of-date`) may be reported. */
export function mayReport(filter: CodeFilter, prefix: string): boolean {
  const selected = filter.select.length === 0 || filter.select.some((entry) => matches(entry, prefix) || matches(prefix, entry));
  return selected && !filter.ignore.some((entry) => matches(entry, prefix));
}

export function reportsEveryCode(filter: CodeFilter): boolean {
  return filter.select.length === 0 && filter.ignore.length === 0;
}

/** The diagnostics whose codes `filter` reports. */
export function reported<T extends { code: string }>(filter: CodeFilter, diagnostics: T[]): T[] {
  return reportsEveryCode(filter) ? diagnostics : diagnostics.filter((d) => reportsCode(filter, d.code));
}
