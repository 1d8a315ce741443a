// Checks across a set of documents: identifiers that must be unique in a repository
// (hunt `uuid` and `name`, rule `rule_id` and `name`), reported on every file involved.
import { lineColumn, type QueryDiagnostic } from '../common/diagnostics.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';

export interface WorkspaceDocument {
  /** How messages name the file, e.g. a workspace-relative path. */
  path: string;
  document: HuntRuleDocument;
}

interface UniqueKey {
  kind: 'hunt' | 'rule';
  table: string;
  key: string;
  code: string;
  what: string;
  /** Documents whose value takes part (all when absent). */
  applies?: (document: HuntRuleDocument) => boolean;
}

/** A deprecated rule may hand its name on to the rule that replaces it (upstream does this). */
const isActiveRule = (document: HuntRuleDocument) => document.entry('metadata', 'maturity')?.value !== 'deprecated';

const UNIQUE_KEYS: readonly UniqueKey[] = [
  { kind: 'hunt', table: 'hunt', key: 'uuid', code: 'hunt-duplicate-uuid', what: 'hunt uuid' },
  { kind: 'hunt', table: 'hunt', key: 'name', code: 'hunt-duplicate-name', what: 'hunt name' },
  { kind: 'rule', table: 'rule', key: 'rule_id', code: 'rule-duplicate-rule-id', what: 'rule_id' },
  { kind: 'rule', table: 'rule', key: 'name', code: 'rule-duplicate-name', what: 'rule name', applies: isActiveRule },
];

interface Occurrence {
  path: string;
  document: HuntRuleDocument;
  value: string;
}

/**
 * Diagnostics for values that several documents share, keyed by document path (only
 * paths with findings appear). Each occurrence is underlined at its value and names
 * the other files with the line:column of their copy.
 */
export function checkWorkspace(documents: readonly WorkspaceDocument[]): Map<string, QueryDiagnostic[]> {
  const result = new Map<string, QueryDiagnostic[]>();
  for (const unique of UNIQUE_KEYS) {
    const byValue = new Map<string, Occurrence[]>();
    for (const { path, document } of documents) {
      if (document.kind !== unique.kind || (unique.applies && !unique.applies(document))) continue;
      const value = document.entry(unique.table, unique.key)?.value;
      if (typeof value !== 'string' || value === '') continue;
      let list = byValue.get(value);
      if (!list) byValue.set(value, (list = []));
      list.push({ path, document, value });
    }
    for (const occurrences of byValue.values()) {
      if (occurrences.length < 2) continue;
      for (const occurrence of occurrences) {
        const others = occurrences
          .filter((o) => o !== occurrence)
          .map((o) => `${o.path} (${lineColumn(o.document.toml.text, o.document.entry(unique.table, unique.key)!.valueSpan.start)})`);
        const diagnostic: QueryDiagnostic = {
          span: occurrence.document.entry(unique.table, unique.key)!.valueSpan,
          severity: 'error',
          code: unique.code,
          message: `${unique.what} \`${occurrence.value}\` is also used by ${others.join(', ')}`,
        };
        let list = result.get(occurrence.path);
        if (!list) result.set(occurrence.path, (list = []));
        list.push(diagnostic);
      }
    }
  }
  return result;
}
