// The keys a detection rule TOML may hold, per rule type, after upstream's dataclasses
// (elastic/detection-rules detection_rules/rule.py: RuleMeta, BaseRuleData and its
// subclasses, RuleTransform) and the value types of schemas/definitions.py.
import {
  boolean,
  either,
  integer,
  listOf,
  nonEmptyString,
  openTable,
  optional,
  quote,
  required,
  string,
  table,
  type Fields,
  type ShapeContext,
} from './shape.ts';
import type { TomlNode } from './tomlTree.ts';
import { INTERVAL_PATTERN, FROM_PATTERN, KNOWN_BAD_RULE_IDS, RULE_NAME_PATTERN, SEMVER_PATTERN, UUID_PATTERN, isCalendarDate } from './values.ts';

export const RULE_TYPES = ['query', 'eql', 'esql', 'threshold', 'threat_match', 'machine_learning', 'new_terms'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const MATURITIES = ['development', 'experimental', 'beta', 'production', 'deprecated'] as const;
export const FILTER_LANGUAGES = ['eql', 'esql', 'kuery', 'lucene'] as const;

export const TIMELINE_TEMPLATES: ReadonlyMap<string, string> = new Map([
  ['db366523-f1c6-4c1f-8731-6ce5ed9e5717', 'Generic Endpoint Timeline'],
  ['91832785-286d-4ebe-b884-1a208d111a70', 'Generic Network Timeline'],
  ['76e52245-7519-4251-91ab-262fb1a1728c', 'Generic Process Timeline'],
  ['495ad7a7-316e-4544-8a0f-9c098daee76e', 'Generic Threat Match Timeline'],
  ['4d4c0b59-ea83-483f-b8c1-8c360ee53c5c', 'Comprehensive File Timeline'],
  ['e70679c2-6cde-4510-9764-4823df18f7db', 'Comprehensive Process Timeline'],
  ['300afc76-072d-4261-864d-4149714bf3f1', 'Comprehensive Network Timeline'],
  ['3e47ef71-ebfc-4520-975c-cb27fc090799', 'Comprehensive Registry Timeline'],
  ['3e827bab-838a-469f-bd1e-5e19a2bff2fd', 'Alerts Involving a Single User Timeline'],
  ['4434b91a-94ca-4a89-83cb-a37cdc0532b7', 'Alerts Involving a Single Host Timeline'],
]);

function checkDate(node: TomlNode, context: ShapeContext): void {
  const value = node.value as string;
  if (!isCalendarDate(value)) {
    context.sink.error(node.span, 'rule-invalid-date', `${quote(value)} is not a date written YYYY/MM/DD (e.g. \`2024/05/31\`)`);
  }
}

function checkRuleId(node: TomlNode, context: ShapeContext): void {
  const value = node.value as string;
  if (!UUID_PATTERN.test(value) && !KNOWN_BAD_RULE_IDS.has(value)) {
    context.sink.error(node.span, 'rule-invalid-uuid', `\`rule_id\` must be a lowercase UUID such as \`1dee0500-4aeb-44ca-b24b-4a285d7b6ba1\`, not ${quote(value)}`);
  }
}

const date = string({ check: checkDate });
const strings = listOf(string());
const nonEmptyStrings = listOf(nonEmptyString);

export const METADATA_FIELDS: Fields = {
  creation_date: required(date),
  updated_date: required(date),
  deprecation_date: optional(date),
  bypass_bbr_timing: optional(boolean),
  comments: optional(string()),
  integration: optional(either(string(), strings)),
  maturity: optional(string({ oneOf: MATURITIES })),
  min_stack_version: optional(string({ pattern: { regex: SEMVER_PATTERN, code: 'rule-invalid-version', expected: 'a stack version such as `8.19.0`' } })),
  min_stack_comments: optional(string()),
  os_type_list: optional(listOf(string({ oneOf: ['windows', 'linux', 'macos'] }))),
  query_schema_validation: optional(boolean),
  related_endpoint_rules: optional(strings),
  promotion: optional(boolean),
  extended: optional(openTable),
};

const alertSuppressionDuration = table({
  unit: required(string({ oneOf: ['s', 'm', 'h'] })),
  value: required(integer({ min: 1 })),
});

const alertSuppression = table({
  group_by: required(listOf(nonEmptyString, { minItems: 1, maxItems: 3 })),
  duration: optional(alertSuppressionDuration),
  missing_fields_strategy: required(string({ oneOf: ['suppress', 'doNotSuppress'] })),
});

// Ids, names and reference URLs are checked against the ATT&CK catalog in ruleThreat.ts.
const threatEntryFields: Fields = { id: required(string()), name: required(string()), reference: required(string()) };

const threatMapping = table({
  framework: required(string({ oneOf: ['MITRE ATT&CK', 'MITRE ATLAS'] })),
  tactic: required(table(threatEntryFields)),
  technique: optional(listOf(table({ ...threatEntryFields, subtechnique: optional(listOf(table(threatEntryFields))) }))),
});

const BASE_FIELDS: Fields = {
  name: required(string({ pattern: { regex: RULE_NAME_PATTERN, code: 'rule-invalid-name', expected: 'a name that starts with a letter or digit and ends with a letter, digit, `)` or `]`' } })),
  author: required(strings),
  description: required(string()),
  from: optional(string({ pattern: { regex: FROM_PATTERN, code: 'rule-invalid-date-math', expected: 'a relative start such as `now-9m` (now-<number><unit>, unit one of y M w d h H m s)' } })),
  investigation_fields: optional(table({ field_names: required(nonEmptyStrings) })),
  related_integrations: optional(listOf(table({ package: required(nonEmptyString), version: required(nonEmptyString), integration: optional(nonEmptyString) }))),
  required_fields: optional(listOf(table({ name: required(nonEmptyString), type: required(nonEmptyString), ecs: required(boolean) }))),
  revision: optional(integer()),
  setup: optional(string()),
  risk_score: required(integer({ min: 0, max: 100 })),
  rule_id: required(string({ check: checkRuleId })),
  severity: required(string({ oneOf: SEVERITIES })),
  type: required(string({ oneOf: RULE_TYPES })),
  actions: optional(listOf(openTable)),
  building_block_type: optional(string({ oneOf: ['default'] })),
  enabled: optional(boolean),
  exceptions_list: optional(listOf(openTable)),
  false_positives: optional(strings),
  filters: optional(listOf(openTable)),
  interval: optional(string({ pattern: { regex: INTERVAL_PATTERN, code: 'rule-invalid-interval', expected: 'an interval such as `5m` (a number then s, m, h or d)' } })),
  license: optional(string()),
  // Upstream's tests cap max_signals at 1000.
  max_signals: optional(integer({ min: 1, max: 1000 })),
  meta: optional(openTable),
  note: optional(string()),
  references: optional(strings),
  risk_score_mapping: optional(listOf(table({ field: required(string()), operator: optional(string({ oneOf: ['equals'] })), value: optional(string()) }))),
  rule_name_override: optional(string()),
  severity_mapping: optional(
    listOf(table({ field: required(string()), operator: optional(string({ oneOf: ['equals'] })), value: optional(string()), severity: optional(string()) })),
  ),
  tags: optional(strings),
  threat: optional(listOf(threatMapping)),
  throttle: optional(string()),
  timeline_id: optional(string()),
  timeline_title: optional(string()),
  timestamp_override: optional(string()),
  to: optional(string()),
  version: optional(integer({ min: 1 })),
};

const QUERY_FIELDS: Fields = {
  ...BASE_FIELDS,
  query: required(string()),
  language: required(string({ oneOf: FILTER_LANGUAGES })),
  alert_suppression: optional(alertSuppression),
  index: optional(strings),
  data_view_id: optional(string()),
};

const threatMapEntry = table({
  field: required(nonEmptyString),
  type: required(string({ oneOf: ['mapping'] })),
  value: required(nonEmptyString),
  negate: optional(boolean),
});

/** Allowed `[rule]` keys of each rule type. */
export const RULE_FIELDS: Readonly<Record<RuleType, Fields>> = {
  query: QUERY_FIELDS,
  eql: {
    ...QUERY_FIELDS,
    language: required(string({ oneOf: ['eql'] })),
    timestamp_field: optional(string()),
    event_category_override: optional(string()),
    tiebreaker_field: optional(string()),
  },
  esql: { ...QUERY_FIELDS, language: required(string({ oneOf: ['esql'] })) },
  threshold: {
    ...QUERY_FIELDS,
    threshold: required(
      table({
        field: required(listOf(nonEmptyString, { maxItems: 5 })),
        value: required(integer({ min: 1 })),
        cardinality: optional(listOf(table({ field: required(string()), value: required(integer({ min: 1 })) }))),
      }),
    ),
    alert_suppression: optional(table({ duration: required(alertSuppressionDuration) })),
  },
  new_terms: {
    ...QUERY_FIELDS,
    new_terms: required(
      table({
        field: required(string({ oneOf: ['new_terms_fields'] })),
        value: required(listOf(nonEmptyString, { minItems: 1, maxItems: 3 })),
        history_window_start: required(
          listOf(
            table({
              field: required(string({ oneOf: ['history_window_start'] })),
              value: required(string({ pattern: { regex: FROM_PATTERN, code: 'rule-invalid-date-math', expected: 'a relative start such as `now-7d`' } })),
            }),
            { minItems: 1, maxItems: 1 },
          ),
        ),
      }),
    ),
  },
  threat_match: {
    ...QUERY_FIELDS,
    concurrent_searches: optional(integer({ min: 1 })),
    items_per_search: optional(integer({ min: 1 })),
    threat_mapping: required(listOf(table({ entries: required(listOf(threatMapEntry, { minItems: 1 })) }), { minItems: 1 })),
    threat_filters: optional(listOf(openTable)),
    threat_query: optional(string()),
    threat_language: optional(string({ oneOf: FILTER_LANGUAGES })),
    threat_index: required(listOf(string(), { minItems: 1 })),
    threat_indicator_path: optional(string()),
  },
  machine_learning: {
    ...BASE_FIELDS,
    anomaly_threshold: required(integer({ min: 0, max: 100 })),
    machine_learning_job_id: required(either(nonEmptyString, listOf(nonEmptyString, { minItems: 1 }))),
    alert_suppression: optional(alertSuppression),
  },
};

const investigateProvider = table({
  excluded: required(boolean),
  field: required(string()),
  queryType: required(string({ oneOf: ['phrase', 'range'] })),
  value: required(string()),
  valueType: required(string({ oneOf: ['string', 'boolean'] })),
});

export const TRANSFORM_FIELDS: Fields = {
  osquery: optional(listOf(table({ label: required(string()), query: required(string()), ecs_mapping: optional(openTable) }))),
  investigate: optional(
    listOf(
      table({
        label: required(string()),
        description: optional(string()),
        providers: required(listOf(listOf(investigateProvider))),
        relativeFrom: optional(string()),
        relativeTo: optional(string()),
      }),
    ),
  ),
};
