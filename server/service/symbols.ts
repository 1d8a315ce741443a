// Document outline: the hunt or rule by name, with its queries and their languages.
import type { Span } from '../common/diagnostics.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { languageLabel } from './languageLabel.ts';

export type OutlineKind = 'hunt' | 'rule' | 'query';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

export function documentOutline(document: HuntRuleDocument): OutlineSymbol[] {
  if (document.kind === 'other' || !document.toml.value) return [];
  const table = document.kind === 'hunt' ? 'hunt' : 'rule';
  const nameEntry = document.entry(table, 'name');
  const header = document.toml.tables.find((t) => t.path.length === 1 && t.path[0] === table);
  const start = header?.span.start ?? nameEntry?.valueSpan.start ?? 0;
  const name = typeof nameEntry?.value === 'string' ? nameEntry.value : `(unnamed ${document.kind})`;
  const children = document.queries.map((q) => ({
    name: document.kind === 'hunt' ? `Query ${q.index + 1}` : q.path[q.path.length - 1] === 'threat_query' ? 'Threat query' : 'Query',
    detail: languageLabel(q.language),
    kind: 'query' as const,
    span: q.valueSpan,
    selectionSpan: q.valueSpan,
    children: [],
  }));
  const end = Math.max(document.toml.text.length, start);
  const selectionSpan = nameEntry?.valueSpan ?? header?.span ?? { start, end: start };
  return [
    {
      name,
      detail: document.kind === 'hunt' ? 'hunt' : `${ruleType(document)} rule`,
      kind: document.kind,
      span: { start: Math.min(start, selectionSpan.start), end },
      selectionSpan,
      children,
    },
  ];
}

function ruleType(document: HuntRuleDocument): string {
  const type = document.entry('rule', 'type')?.value;
  return typeof type === 'string' ? type : 'unknown';
}
