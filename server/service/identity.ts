// What makes a hunt or rule unique in a workspace, and the duplicates among many files.
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';

export interface IdentityKey {
  /** `hunt.uuid`, `hunt.name`, `rule.rule_id`, `rule.name`. */
  key: 'hunt.uuid' | 'hunt.name' | 'rule.rule_id' | 'rule.name';
  value: string;
  span: Span;
}

/** Small and serialisable, so it can cross worker threads and stay in memory for a whole workspace. */
export interface FileIdentity {
  file: string;
  keys: IdentityKey[];
}

export function identityOf(file: string, document: HuntRuleDocument): FileIdentity {
  const keys: IdentityKey[] = [];
  const add = (key: IdentityKey['key']) => {
    const [table, name] = key.split('.');
    const entry = document.entry(table, name);
    if (entry && typeof entry.value === 'string' && entry.value.trim() !== '') keys.push({ key, value: entry.value, span: entry.valueSpan });
  };
  if (document.kind === 'hunt') {
    add('hunt.uuid');
    add('hunt.name');
  } else if (document.kind === 'rule') {
    add('rule.rule_id');
    add('rule.name');
  }
  return { file, keys };
}

const DUPLICATE_CODES: Record<IdentityKey['key'], string> = {
  'hunt.uuid': 'hunt-duplicate-uuid',
  'hunt.name': 'hunt-duplicate-name',
  'rule.rule_id': 'rule-duplicate-rule-id',
  'rule.name': 'rule-duplicate-name',
};

/** Diagnostics for every file that shares a uuid, rule_id or name with another, keyed by file. */
export function duplicateDiagnostics(identities: Iterable<FileIdentity>, describe: (file: string) => string = (f) => f): Map<string, QueryDiagnostic[]> {
  const byValue = new Map<string, { file: string; span: Span }[]>();
  for (const identity of identities) {
    for (const k of identity.keys) {
      // uuids compare case-insensitively; names exactly, as upstream does.
      const value = k.key.endsWith('name') ? k.value : k.value.toLowerCase();
      const id = `${k.key}\u0000${value}`;
      let list = byValue.get(id);
      if (!list) byValue.set(id, (list = []));
      list.push({ file: identity.file, span: k.span });
    }
  }
  const result = new Map<string, QueryDiagnostic[]>();
  for (const [id, places] of byValue) {
    if (places.length < 2) continue;
    const [key, value] = id.split('\u0000') as [IdentityKey['key'], string];
    const field = key.split('.')[1];
    for (const place of places) {
      const others = places.filter((p) => p !== place).map((p) => describe(p.file));
      const list = result.get(place.file) ?? [];
      list.push({
        span: place.span,
        severity: 'error',
        code: DUPLICATE_CODES[key],
        message: `Duplicate ${field} ${JSON.stringify(value)}: also used by ${others.join(', ')}.`,
      });
      result.set(place.file, list);
    }
  }
  return result;
}
