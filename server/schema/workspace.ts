// Checks across a set of files: identifiers that must be unique in a repository
// (hunt `uuid` and `name`, rule `rule_id` and `name`), reported on every file involved.
// Works on small serialisable identities, so the language server can hold a whole
// workspace's and `huntkit check` can gather them from worker threads.
import { lineColumn, type QueryDiagnostic, type Span } from '../common/diagnostics.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { detached } from '../common/strings.ts';

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

export interface IdentityValue {
  /** The diagnostic code a duplicate of this value gets, e.g. `hunt-duplicate-uuid`. */
  code: string;
  what: string;
  value: string;
  span: Span;
  /** 1-based `line:column` of the value, for messages in other files. */
  at: string;
  /** The document kind the value belongs to. */
  kind: 'hunt' | 'rule';
}

/** What must be unique about one file. */
export interface FileIdentity {
  /** How messages name the file, e.g. a workspace-relative path. */
  path: string;
  values: IdentityValue[];
}

export function identityOf(path: string, document: HuntRuleDocument): FileIdentity {
  const values: IdentityValue[] = [];
  for (const unique of UNIQUE_KEYS) {
    if (document.kind !== unique.kind || (unique.applies && !unique.applies(document))) continue;
    const entry = document.entry(unique.table, unique.key);
    if (!entry || typeof entry.value !== 'string' || entry.value === '') continue;
    // Identities outlive their documents (a workspace's are all held): keep no file text with them.
    values.push({ code: unique.code, what: unique.what, value: detached(entry.value), span: entry.valueSpan, at: lineColumn(document.toml.text, entry.valueSpan.start), kind: unique.kind });
  }
  return { path, values };
}

/**
 * Diagnostics for values that several files share, keyed by path (only paths with
 * findings appear). Each occurrence is underlined at its value and names the other
 * files with the line:column of their copy.
 */
export function duplicateDiagnostics(identities: Iterable<FileIdentity>, describe: (path: string) => string = (p) => p): Map<string, QueryDiagnostic[]> {
  const byValue = new Map<string, { path: string; value: IdentityValue }[]>();
  for (const identity of identities) {
    for (const value of identity.values) {
      const id = `${value.code}\u0000${value.value}`;
      let list = byValue.get(id);
      if (!list) byValue.set(id, (list = []));
      list.push({ path: identity.path, value });
    }
  }
  const result = new Map<string, QueryDiagnostic[]>();
  for (const occurrences of byValue.values()) {
    if (occurrences.length < 2) continue;
    for (const occurrence of occurrences) {
      const others = occurrences.filter((o) => o !== occurrence).map((o) => `${describe(o.path)} (${o.value.at})`);
      const { value } = occurrence;
      let list = result.get(occurrence.path);
      if (!list) result.set(occurrence.path, (list = []));
      list.push({ span: value.span, severity: 'error', code: value.code, message: `${value.what} \`${value.value}\` is also used by ${others.join(', ')}` });
    }
  }
  return result;
}

export interface WorkspaceDocument {
  path: string;
  document: HuntRuleDocument;
}

/** Duplicates among parsed documents (a convenience over identityOf + duplicateDiagnostics). */
export function checkWorkspace(documents: readonly WorkspaceDocument[]): Map<string, QueryDiagnostic[]> {
  return duplicateDiagnostics(documents.map(({ path, document }) => identityOf(path, document)));
}
