// Schema checks for detection rule TOML files (`[metadata]`, `[rule]`, `[transform]`),
// after upstream's rule dataclasses and the rule tests that every upstream rule passes.
import { DiagnosticSink, type QueryDiagnostic } from '../common/diagnostics.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { METADATA_FIELDS, RULE_FIELDS, RULE_TYPES, TIMELINE_TEMPLATES, TRANSFORM_FIELDS } from './ruleFields.ts';
import { checkThreat } from './ruleThreat.ts';
import { checkTable, openTable, optional, quote, required, string, table, type Fields, type ShapeContext } from './shape.ts';
import { TomlTree, type TomlNode } from './tomlTree.ts';
import { compareVersions, isCalendarDate, timeSpanMs } from './values.ts';

/** Risk score band of each severity, from upstream's TestRiskScoreMismatch. */
export const SEVERITY_RISK_BANDS: Readonly<Record<string, readonly [number, number]>> = {
  low: [0, 21],
  medium: [22, 47],
  high: [48, 73],
  critical: [74, 100],
};

const FILE_FIELDS: Fields = {
  metadata: required(table(METADATA_FIELDS)),
  rule: required(openTable),
  transform: optional(table(TRANSFORM_FIELDS)),
};

const DEPRECATED_METADATA_FIELDS: Fields = { ...METADATA_FIELDS, deprecation_date: required(METADATA_FIELDS.deprecation_date.shape) };
const DEPRECATED_RULE_FIELDS: Fields = { rule_id: RULE_FIELDS.query.rule_id, name: required(string()) };

/** The two tables of a rule, for checks that read a few keys of each. */
class RuleTables {
  constructor(
    readonly tree: TomlTree,
    readonly sink: DiagnosticSink,
    readonly rule: TomlNode,
    readonly metadata: TomlNode | undefined,
  ) {}

  ruleKey(key: string): TomlNode | undefined {
    return this.tree.child(this.rule, key);
  }
  ruleString(key: string): TomlNode | undefined {
    return stringNode(this.tree.child(this.rule, key));
  }
  metadataKey(key: string): TomlNode | undefined {
    return this.metadata && this.tree.child(this.metadata, key);
  }
  metadataString(key: string): TomlNode | undefined {
    return stringNode(this.metadataKey(key));
  }
}

function stringNode(node: TomlNode | undefined): TomlNode | undefined {
  return node?.kind === 'string' ? node : undefined;
}

export function checkRule(doc: HuntRuleDocument): QueryDiagnostic[] {
  if (!doc.toml.value) return [];
  const sink = new DiagnosticSink();
  const tree = new TomlTree(doc.toml);
  const context: ShapeContext = { tree, sink, prefix: 'rule', unknownKeySeverity: 'error' };
  const rule = tree.node(['rule']);
  const metadata = tree.node(['metadata']);
  if (rule?.kind !== 'table' || (metadata && metadata.kind !== 'table')) {
    checkTable(tree.root, FILE_FIELDS, 'a rule file', context);
    return sink.items;
  }
  const tables = new RuleTables(tree, sink, rule, metadata);
  if (tables.metadataKey('maturity')?.value === 'deprecated') {
    checkDeprecatedRule(tables, context);
    return sink.items;
  }
  checkTable(tree.root, FILE_FIELDS, 'a rule file', context);
  const typeValue = tables.ruleKey('type')?.value;
  const type = RULE_TYPES.find((t) => t === typeValue);
  if (type) checkTable(rule, RULE_FIELDS[type], `[rule] of ${type.startsWith('e') ? 'an' : 'a'} \`${type}\` rule`, context);
  // Without a known type, which keys are allowed is unknown: check the shared ones only.
  else checkTable(rule, RULE_FIELDS.query, '[rule]', { ...context, unknownKeySeverity: undefined });

  checkSeverityBand(tables);
  checkDates(tables);
  checkMinStackComments(tables);
  checkBuildingBlockTiming(tables);
  checkIndexOrDataView(tables);
  checkTimeline(tables);
  checkTags(tables);
  checkLicense(tables);
  if (type === 'esql') checkEsqlRule(tables);
  if (type === 'threat_match') checkThreatMatch(tables);
  if (type === 'threshold') checkThresholdFieldCount(tables);
  const threat = tables.ruleKey('threat');
  if (threat?.kind === 'array') checkThreat(tree, threat, sink);
  return sink.items;
}

/**
 * Upstream loads a deprecated rule as a plain dict, without its schema: it only
 * requires the deprecation date, equal to the last update.
 */
function checkDeprecatedRule(tables: RuleTables, context: ShapeContext): void {
  const loose = { ...context, unknownKeySeverity: undefined };
  if (tables.metadata) checkTable(tables.metadata, DEPRECATED_METADATA_FIELDS, '[metadata] of a deprecated rule', loose);
  checkTable(tables.rule, DEPRECATED_RULE_FIELDS, '[rule]', loose);
  const deprecated = tables.metadataString('deprecation_date');
  const updated = tables.metadataString('updated_date');
  if (deprecated && updated && deprecated.value !== updated.value) {
    tables.sink.error(deprecated.span, 'rule-deprecation-date-mismatch', `\`deprecation_date\` must equal \`updated_date\` (${updated.value})`);
  }
}

function checkSeverityBand(tables: RuleTables): void {
  const severity = tables.ruleString('severity');
  const risk = tables.ruleKey('risk_score');
  const band = severity && Object.hasOwn(SEVERITY_RISK_BANDS, severity.value as string) ? SEVERITY_RISK_BANDS[severity.value as string] : undefined;
  if (!band || risk?.kind !== 'integer') return;
  const score = Number(risk.value);
  if (score < 0 || score > 100 || (score >= band[0] && score <= band[1])) return;
  const fitting = Object.entries(SEVERITY_RISK_BANDS).find(([, [low, high]]) => score >= low && score <= high)![0];
  tables.sink.error(risk.span, 'rule-severity-risk-mismatch', `risk_score ${score} does not fit severity \`${severity!.value}\` (${band[0]}-${band[1]}); ${score} is a \`${fitting}\` score`);
}

function checkDates(tables: RuleTables): void {
  const created = tables.metadataString('creation_date');
  const updated = tables.metadataString('updated_date');
  if (!created || !updated || !isCalendarDate(created.value as string) || !isCalendarDate(updated.value as string)) return;
  // YYYY/MM/DD strings compare like the dates they spell.
  if ((updated.value as string) < (created.value as string)) {
    tables.sink.error(updated.span, 'rule-updated-before-created', `\`updated_date\` ${updated.value} is before \`creation_date\` ${created.value}`);
  }
}

function checkMinStackComments(tables: RuleTables): void {
  const version = tables.metadataString('min_stack_version');
  if (version && !tables.metadataKey('min_stack_comments')) {
    tables.sink.error(version.keySpan ?? version.span, 'rule-missing-key', '`min_stack_version` needs a `min_stack_comments` explaining why the rule requires that stack');
  }
}

/** Building blocks must look back at least `now-119m` every 60m or more, unless `bypass_bbr_timing`. */
function checkBuildingBlockTiming(tables: RuleTables): void {
  const building = tables.ruleString('building_block_type');
  if (!building || tables.metadataKey('bypass_bbr_timing')?.value === true) return;
  const { sink } = tables;
  const from = tables.ruleString('from');
  const interval = tables.ruleString('interval');
  const bypass = 'or set `bypass_bbr_timing = true` in [metadata]';
  if (!from || !interval) {
    const missing = [from ? undefined : '`from` (now-119m or earlier)', interval ? undefined : '`interval` (60m or more)'].filter(Boolean).join(' and ');
    sink.error(building.span, 'rule-bbr-timing', `a building block rule needs ${missing}, ${bypass}`);
    return;
  }
  const fromValue = from.value as string;
  const lookback = fromValue.startsWith('now-') ? timeSpanMs(fromValue.slice(4)) : undefined;
  if (lookback !== undefined && lookback < 119 * 60_000) {
    sink.error(from.span, 'rule-bbr-timing', `a building block rule must look back at least \`now-119m\`, not ${quote(fromValue)}, ${bypass}`);
  }
  const every = timeSpanMs(interval.value as string);
  if (every !== undefined && every < 60 * 60_000) {
    sink.error(interval.span, 'rule-bbr-timing', `a building block rule must run at most every \`60m\`, not every ${quote(interval.value)}, ${bypass}`);
  }
}

function checkIndexOrDataView(tables: RuleTables): void {
  const index = tables.ruleKey('index');
  const dataView = tables.ruleString('data_view_id');
  if (Array.isArray(index?.value) && index.value.length > 0 && dataView?.value) {
    tables.sink.error(dataView.keySpan ?? dataView.span, 'rule-index-and-data-view', 'set either `index` or `data_view_id`, not both');
  }
}

function checkTimeline(tables: RuleTables): void {
  const id = tables.ruleString('timeline_id');
  const title = tables.ruleString('timeline_title');
  if (!id && !title) return;
  const { sink } = tables;
  if (!id || !title) {
    const present = (id ?? title)!;
    sink.error(present.keySpan ?? present.span, 'rule-timeline-mismatch', '`timeline_id` and `timeline_title` go together: set both or neither');
    return;
  }
  const expected = TIMELINE_TEMPLATES.get(id.value as string);
  if (!expected) sink.error(id.span, 'rule-timeline-mismatch', `${quote(id.value)} is not one of the Elastic timeline templates`);
  else if (title.value !== expected) sink.error(title.span, 'rule-timeline-mismatch', `timeline ${id.value} is titled ${quote(expected)}, not ${quote(title.value)}`);
}

function checkTags(tables: RuleTables): void {
  const tags = tables.ruleKey('tags');
  if (!Array.isArray(tags?.value)) return;
  const seen = new Set<unknown>();
  tags.value.forEach((value, index) => {
    if (typeof value === 'string' && seen.has(value)) tables.sink.error(tables.tree.child(tags, index)!.span, 'rule-duplicate-tag', `tag ${quote(value)} is listed twice`);
    seen.add(value);
  });
}

/** Upstream allows only the v2 Elastic License for Elastic-licensed rules. */
function checkLicense(tables: RuleTables): void {
  const license = tables.ruleString('license');
  const value = license?.value as string | undefined;
  if (license && value!.toLowerCase().includes('elastic license') && value !== 'Elastic License v2') {
    tables.sink.error(license.span, 'rule-license', `an Elastic-licensed rule must use \`Elastic License v2\`, not ${quote(value)}`);
  }
}

const ESQL_METADATA_OR_AGGREGATION = /(from\s+(?:\S+\s*,\s*)*\S+\s+metadata\s+(?:_id|_version|_index)(?:,\s*(?:_id|_version|_index)){2})|(\bstats\b.*?\bby\b)/s;

/** Upstream's ES|QL rule requirements: no `index`; metadata fields or an aggregation; a `keep`. */
function checkEsqlRule(tables: RuleTables): void {
  const { sink } = tables;
  const index = tables.ruleKey('index');
  if (Array.isArray(index?.value) && index.value.length > 0) {
    sink.error(index.keySpan ?? index.span, 'rule-esql-index', "an ES|QL rule names its indices in the query's FROM command, not in `index`");
  }
  const query = tables.ruleString('query');
  if (!query) return;
  const text = (query.value as string).toLowerCase();
  const span = query.keySpan ?? query.span;
  if (!ESQL_METADATA_OR_AGGREGATION.test(text)) {
    sink.error(span, 'rule-esql-missing-metadata', 'a non-aggregating ES|QL rule query must read `metadata _id, _version, _index` in its FROM command (or aggregate with `stats ... by`)');
  }
  if (!/\|\s*keep\b/.test(text)) {
    sink.error(span, 'rule-esql-missing-keep', 'an ES|QL rule query must have a `keep` command listing the fields its alerts carry');
  }
}

function checkThreatMatch(tables: RuleTables): void {
  const { tree, sink } = tables;
  const threatQuery = tables.ruleString('threat_query');
  if (threatQuery && !tables.ruleKey('threat_language')) {
    sink.error(threatQuery.keySpan ?? threatQuery.span, 'rule-missing-key', '`threat_query` needs a `threat_language` (`kuery` or `lucene`)');
  }
  const mapping = tables.ruleKey('threat_mapping');
  if (mapping?.kind !== 'array') return;
  tree.children(mapping).forEach((group, g) => {
    const entriesNode = group.kind === 'table' ? tree.child(group, 'entries') : undefined;
    if (entriesNode?.kind !== 'array') return;
    const entries = tree.children(entriesNode).map((entry) => {
      const item = (entry.value ?? {}) as Record<string, unknown>;
      return { field: item.field, value: item.value, negate: item.negate === true, span: entry.span };
    });
    if (entries.length > 0 && entries.every((e) => e.negate)) {
      sink.error(entries[0].span, 'rule-threat-mapping-negate', `threat_mapping[${g}] has only negated (DOES NOT MATCH) entries; add at least one matching entry to the group`);
    }
    for (const e of entries) {
      if (e.negate && entries.some((o) => !o.negate && o.field === e.field && o.value === e.value)) {
        sink.error(e.span, 'rule-threat-mapping-negate', `threat_mapping[${g}] both matches and negates ${quote(e.field)} against ${quote(e.value)}`);
      }
    }
  });
}

/** Before stack 9.2 a threshold groups by at most 3 fields; from 9.2 by up to 5 (the schema's own cap). */
function checkThresholdFieldCount(tables: RuleTables): void {
  const threshold = tables.ruleKey('threshold');
  const fields = threshold?.kind === 'table' ? tables.tree.child(threshold, 'field') : undefined;
  if (!Array.isArray(fields?.value)) return;
  const count = fields.value.length;
  const version = tables.metadataString('min_stack_version')?.value as string | undefined;
  if (count > 3 && count <= 5 && (!version || compareVersions(version, '9.2.0') < 0)) {
    tables.sink.error(fields.span, 'rule-too-many-items', `a threshold groups by at most 3 fields before stack 9.2, not ${count}; reduce them or set \`min_stack_version = "9.2.0"\``);
  }
}
