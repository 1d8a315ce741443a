// What a file says about running its queries besides the query text: a rule's index
// list and, for EQL rules, the field overrides Kibana passes with the query.
// (`timestamp_override` is not applied: it names the field for the rule's look-back
// window, which local runs replace with --from/--to.)
import type { EngineOptions } from '../../engine/contract.ts';
import type { HuntRuleDocument } from '../../document/huntRuleDocument.ts';

export interface QueryContext {
  index?: string[];
  eqlOptions?: Partial<EngineOptions>;
  /** For rule types whose alerts need more than their query (thresholds, new terms, indicator matches): the type. */
  partialRuleType?: string;
}

const PARTIAL_RULE_TYPES = new Set(['threshold', 'new_terms', 'threat_match']);

export function queryContext(document: HuntRuleDocument): QueryContext {
  if (document.kind !== 'rule') return {};
  const rule = (document.toml.value?.rule ?? {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const eqlOptions: Partial<EngineOptions> = {};
  const category = text(rule.event_category_override);
  if (category) eqlOptions.aliases = new Map([['event.category', category]]);
  const tiebreaker = text(rule.tiebreaker_field);
  if (tiebreaker) eqlOptions.tiebreakerField = tiebreaker;
  const timestamp = text(rule.timestamp_field);
  if (timestamp) eqlOptions.timestampField = timestamp;
  const type = text(rule.type);
  return { index: strings(rule.index), eqlOptions, partialRuleType: type && PARTIAL_RULE_TYPES.has(type) ? type : undefined };
}
