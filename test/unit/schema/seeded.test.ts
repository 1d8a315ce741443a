// Seeded errors: a valid document with one change, and exactly the diagnostics that change must cause.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEPRECATED_RULE,
  EQL_RULE,
  ESQL_RULE,
  HUNT,
  ML_RULE,
  NEW_TERMS_RULE,
  THREAT,
  THREAT_MATCH_RULE,
  THRESHOLD_RULE,
  check,
  edit,
  expected,
  found,
  rule,
  type ExpectedDiagnostic,
} from './fixtures.ts';

interface Case {
  name: string;
  text: string;
  expect: ExpectedDiagnostic[];
  /** A fragment the message of the (first) diagnostic must contain. */
  message?: string;
}

const ESQL_QUERY = `from logs-endpoint.events.process-* metadata _id, _version, _index
| where process.name == "test.exe"
| keep process.name, host.id`;

const cases: Case[] = [
  // Hunts
  { name: 'hunt without a required key', text: edit(HUNT, 'license = "Elastic License v2"\n', ''), expect: [{ code: 'hunt-missing-key', at: 'hunt' }], message: '`license`' },
  { name: 'hunt with an unknown key', text: edit(HUNT, 'notes =', 'severity = "high"\nnotes ='), expect: [{ code: 'hunt-unknown-key', at: 'severity', severity: 'warning' }] },
  { name: 'hunt with an unknown top-level table', text: HUNT + '\n[extra]\nx = 1\n', expect: [{ code: 'hunt-unknown-key', at: 'extra', severity: 'warning' }] },
  { name: 'hunt language as a string', text: edit(HUNT, 'language = ["ES|QL"]', 'language = "ES|QL"'), expect: [{ code: 'hunt-wrong-type', at: '"ES|QL"' }], message: 'must be an array of strings, not a string' },
  { name: 'hunt with an empty author', text: edit(HUNT, 'author = "Elastic"', 'author = ""'), expect: [{ code: 'hunt-empty-value', at: '""' }] },
  { name: 'hunt with no integration', text: edit(HUNT, 'integration = ["windows"]', 'integration = []'), expect: [{ code: 'hunt-empty-value', at: '[]' }] },
  { name: 'hunt uuid in upper case', text: edit(HUNT, '4f878255-53b8', '4F878255-53B8'), expect: [{ code: 'hunt-invalid-uuid', at: '"4F878255-53B8-4914-9a7d-4b668bd2ea6a"' }] },
  { name: 'hunt with no query', text: edit(HUNT, HUNT.slice(HUNT.indexOf('query = [')), 'query = []\n'), expect: [{ code: 'hunt-empty-query', at: '[]' }] },
  { name: 'hunt with a blank query', text: edit(HUNT, HUNT.slice(HUNT.indexOf('query = [')), 'query = ["  "]\n'), expect: [{ code: 'hunt-empty-query', at: '"  "' }] },
  {
    name: 'Elastic ES|QL hunt query without stats-by or keep',
    text: edit(HUNT, '| stats cc = count(*) by process.name', '| where process.name == "x.exe"'),
    expect: [{ code: 'hunt-esql-needs-stats-or-keep', at: `'''\nfrom logs-windows.sysmon_operational-*\n| where process.name == "x.exe"\n'''` }],
  },
  { name: 'hunt in an unknown language', text: edit(HUNT, '["ES|QL"]', '["SPL"]'), expect: [{ code: 'hunt-unknown-language', at: '"SPL"', severity: 'warning' }] },
  { name: 'hunt with an empty mitre list', text: edit(HUNT, 'mitre = ["T1055"]', 'mitre = []'), expect: [{ code: 'hunt-no-mitre', at: '[]', severity: 'warning' }] },
  { name: 'hunt without mitre', text: edit(HUNT, 'mitre = ["T1055"]\n', ''), expect: [{ code: 'hunt-no-mitre', at: 'hunt', severity: 'warning' }] },
  { name: 'hunt technique that does not exist', text: edit(HUNT, '"T1055"', '"T1999"'), expect: [{ code: 'hunt-unknown-technique', at: '"T1999"', severity: 'warning' }] },
  { name: 'hunt technique id badly written', text: edit(HUNT, '"T1055"', '"t1055"'), expect: [{ code: 'hunt-unknown-technique', at: '"t1055"' }] },
  {
    name: 'hunt technique revoked by MITRE',
    text: edit(HUNT, '"T1055"', '"T1574.002"'),
    expect: [{ code: 'hunt-revoked-technique', at: '"T1574.002"', severity: 'warning' }],
    message: 'use T1574.001 (DLL) instead',
  },
  { name: 'hunt technique deprecated by MITRE', text: edit(HUNT, '"T1055"', '"T1026"'), expect: [{ code: 'hunt-deprecated-technique', at: '"T1026"', severity: 'warning' }] },
  { name: 'hunt with an ATLAS technique and a tactic', text: edit(HUNT, '"T1055"', '"AML.T0051.000", "TA0005"'), expect: [] },

  // Rules: keys and types
  { name: 'rule without severity', text: edit(EQL_RULE, 'severity = "medium"\n', ''), expect: [{ code: 'rule-missing-key', at: 'rule', after: '[rule]' }], message: '`severity`' },
  { name: 'EQL rule with a machine learning key', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\nanomaly_threshold = 50'), expect: [{ code: 'rule-unknown-key', at: 'anomaly_threshold' }] },
  { name: 'rule with an unknown top-level table', text: EQL_RULE + '\n[extra]\nx = 1\n', expect: [{ code: 'rule-unknown-key', at: 'extra' }] },
  { name: 'risk_score as a string', text: edit(EQL_RULE, 'risk_score = 47', 'risk_score = "47"'), expect: [{ code: 'rule-wrong-type', at: '"47"' }] },
  { name: 'author as a string', text: edit(EQL_RULE, 'author = ["Elastic"]', 'author = "Elastic"'), expect: [{ code: 'rule-wrong-type', at: '"Elastic"' }] },
  { name: 'creation_date as a TOML date', text: edit(EQL_RULE, 'creation_date = "2023/01/11"', 'creation_date = 2023-01-11'), expect: [{ code: 'rule-wrong-type', at: '2023-01-11' }], message: 'not a date-time' },
  { name: 'unknown severity', text: edit(EQL_RULE, 'severity = "medium"', 'severity = "severe"'), expect: [{ code: 'rule-invalid-value', at: '"severe"' }] },
  { name: 'EQL rule in KQL', text: edit(EQL_RULE, 'language = "eql"', 'language = "kuery"'), expect: [{ code: 'rule-invalid-value', at: '"kuery"' }] },
  { name: 'rule type without a schema', text: edit(EQL_RULE, 'type = "eql"', 'type = "saved_query"'), expect: [{ code: 'rule-invalid-value', at: '"saved_query"' }] },
  { name: 'threat framework other than ATT&CK or ATLAS', text: edit(EQL_RULE, '"MITRE ATT&CK"', '"MITRE D3FEND"'), expect: [{ code: 'rule-invalid-value', at: '"MITRE D3FEND"' }] },
  { name: 'risk_score above 100', text: edit(EQL_RULE, 'risk_score = 47', 'risk_score = 101'), expect: [{ code: 'rule-out-of-range', at: '101' }] },
  { name: 'max_signals of 0', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\nmax_signals = 0'), expect: [{ code: 'rule-out-of-range', at: '0', after: 'max_signals' }] },
  { name: 'indicator match rule without indices', text: edit(THREAT_MATCH_RULE, 'threat_index = ["logs-ti_*"]', 'threat_index = []'), expect: [{ code: 'rule-empty-value', at: '[]' }] },
  {
    name: 'alert suppression on four fields',
    text: edit(EQL_RULE, '[[rule.threat]]', '[rule.alert_suppression]\ngroup_by = ["a", "b", "c", "d"]\nmissing_fields_strategy = "suppress"\n\n[[rule.threat]]'),
    expect: [{ code: 'rule-too-many-items', at: '["a", "b", "c", "d"]' }],
  },

  {
    name: 'alert suppression in dotted keys without its strategy',
    text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\nalert_suppression.group_by = ["host.id"]'),
    expect: [{ code: 'rule-missing-key', at: 'alert_suppression.group_by' }],
    message: '`missing_fields_strategy` in `rule.alert_suppression`',
  },
  { name: 'empty field name in an inline table', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\ninvestigation_fields = { field_names = ["host.id", ""] }'), expect: [{ code: 'rule-empty-value', at: '""' }] },
  { name: 'unknown operating system in an inline array', text: edit(EQL_RULE, 'maturity = "production"', 'maturity = "production"\nos_type_list = ["windows", "solaris"]'), expect: [{ code: 'rule-invalid-value', at: '"solaris"' }] },

  // Rules: value formats and cross-field rules
  { name: 'date with dashes', text: edit(EQL_RULE, 'creation_date = "2023/01/11"', 'creation_date = "2023-01-11"'), expect: [{ code: 'rule-invalid-date', at: '"2023-01-11"' }] },
  { name: 'date that does not exist', text: edit(EQL_RULE, 'creation_date = "2023/01/11"', 'creation_date = "2023/02/30"'), expect: [{ code: 'rule-invalid-date', at: '"2023/02/30"' }] },
  { name: 'updated before created', text: edit(EQL_RULE, 'updated_date = "2024/05/31"', 'updated_date = "2022/12/31"'), expect: [{ code: 'rule-updated-before-created', at: '"2022/12/31"' }] },
  {
    name: 'min_stack_version not a version',
    text: edit(EQL_RULE, 'maturity = "production"', 'maturity = "production"\nmin_stack_comments = "New fields."\nmin_stack_version = "9.x"'),
    expect: [{ code: 'rule-invalid-version', at: '"9.x"' }],
  },
  { name: 'min_stack_version without comments', text: edit(EQL_RULE, 'maturity = "production"', 'maturity = "production"\nmin_stack_version = "9.3.0"'), expect: [{ code: 'rule-missing-key', at: 'min_stack_version' }] },
  { name: 'rule_id in upper case', text: edit(EQL_RULE, '"1dee0500-4aeb', '"1DEE0500-4aeb'), expect: [{ code: 'rule-invalid-uuid', at: '"1DEE0500-4aeb-44ca-b24b-4a285d7b6ba1"' }] },
  { name: 'rule_id grandfathered by upstream', text: edit(EQL_RULE, '"1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"', '"7eb54028-ca72-4eb7-8185-b6864572347db"'), expect: [] },
  { name: 'rule name ending in a period', text: edit(EQL_RULE, 'name = "Suspicious Test Process"', 'name = "Suspicious Test Process."'), expect: [{ code: 'rule-invalid-name', at: '"Suspicious Test Process."' }] },
  { name: 'from without a unit', text: edit(EQL_RULE, 'from = "now-9m"', 'from = "now-9"'), expect: [{ code: 'rule-invalid-date-math', at: '"now-9"' }] },
  { name: 'interval in words', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\ninterval = "5 minutes"'), expect: [{ code: 'rule-invalid-interval', at: '"5 minutes"' }] },
  { name: 'medium severity with a high risk score', text: edit(EQL_RULE, 'risk_score = 47', 'risk_score = 73'), expect: [{ code: 'rule-severity-risk-mismatch', at: '73' }], message: '73 is a `high` score' },
  { name: 'building block without an interval', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\nbuilding_block_type = "default"'), expect: [{ code: 'rule-bbr-timing', at: '"default"' }] },
  {
    name: 'building block looking back one hour',
    text: edit(edit(EQL_RULE, 'from = "now-9m"', 'from = "now-60m"'), 'type = "eql"', 'type = "eql"\nbuilding_block_type = "default"\ninterval = "60m"'),
    expect: [{ code: 'rule-bbr-timing', at: '"now-60m"' }],
  },
  {
    name: 'building block timing bypassed',
    text: edit(edit(EQL_RULE, 'maturity = "production"', 'maturity = "production"\nbypass_bbr_timing = true'), 'type = "eql"', 'type = "eql"\nbuilding_block_type = "default"'),
    expect: [],
  },
  { name: 'index and data view together', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\ndata_view_id = "security-default"'), expect: [{ code: 'rule-index-and-data-view', at: 'data_view_id' }] },
  { name: 'ES|QL rule with index', text: edit(ESQL_RULE, 'type = "esql"', 'type = "esql"\nindex = ["logs-*"]'), expect: [{ code: 'rule-esql-index', at: 'index', after: 'type = "esql"' }] },
  { name: 'ES|QL rule without metadata fields', text: edit(ESQL_RULE, ' metadata _id, _version, _index', ''), expect: [{ code: 'rule-esql-missing-metadata', at: 'query', after: 'type = "esql"' }] },
  { name: 'ES|QL rule without keep', text: edit(ESQL_RULE, '\n| keep process.name, host.id', ''), expect: [{ code: 'rule-esql-missing-keep', at: 'query', after: 'type = "esql"' }] },
  { name: 'aggregating ES|QL rule without metadata fields', text: edit(ESQL_RULE, ESQL_QUERY, 'from logs-* | stats c = count(*) by host.id | keep c, host.id'), expect: [] },
  {
    name: 'threat mapping group that only negates',
    text: edit(THREAT_MATCH_RULE, 'value = "threat.indicator.ip"', 'value = "threat.indicator.ip"\nnegate = true'),
    expect: [{ code: 'rule-threat-mapping-negate', at: 'rule.threat_mapping.entries' }],
  },
  { name: 'threat query without its language', text: edit(THREAT_MATCH_RULE, 'threat_language = "kuery"\n', ''), expect: [{ code: 'rule-missing-key', at: 'threat_query' }] },
  { name: 'timeline id without title', text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\ntimeline_id = "e70679c2-6cde-4510-9764-4823df18f7db"'), expect: [{ code: 'rule-timeline-mismatch', at: 'timeline_id' }] },
  {
    name: 'timeline title of another template',
    text: edit(EQL_RULE, 'type = "eql"', 'type = "eql"\ntimeline_id = "e70679c2-6cde-4510-9764-4823df18f7db"\ntimeline_title = "Generic Process Timeline"'),
    expect: [{ code: 'rule-timeline-mismatch', at: '"Generic Process Timeline"' }],
    message: '`Comprehensive Process Timeline`',
  },
  { name: 'tag listed twice', text: edit(EQL_RULE, '"OS: Windows"]', '"OS: Windows", "Domain: Endpoint"]'), expect: [{ code: 'rule-duplicate-tag', at: '"Domain: Endpoint"', after: '"OS: Windows"' }] },
  { name: 'Elastic License v1', text: edit(EQL_RULE, 'license = "Elastic License v2"', 'license = "Elastic License"'), expect: [{ code: 'rule-license', at: '"Elastic License"' }] },
  { name: 'threshold on four fields before 9.2', text: edit(THRESHOLD_RULE, 'field = ["host.id", "user.name"]', 'field = ["a", "b", "c", "d"]'), expect: [{ code: 'rule-too-many-items', at: '["a", "b", "c", "d"]' }] },
  {
    name: 'threshold on four fields from 9.2',
    text: edit(edit(THRESHOLD_RULE, 'field = ["host.id", "user.name"]', 'field = ["a", "b", "c", "d"]'), 'maturity = "production"', 'maturity = "production"\nmin_stack_comments = "Wider threshold."\nmin_stack_version = "9.2.0"'),
    expect: [],
  },
  { name: 'threshold value of 0', text: edit(THRESHOLD_RULE, 'value = 25', 'value = 0'), expect: [{ code: 'rule-out-of-range', at: '0', after: 'value = ' }] },
  { name: 'new terms with another field key', text: edit(NEW_TERMS_RULE, 'field = "new_terms_fields"', 'field = "terms"'), expect: [{ code: 'rule-invalid-value', at: '"terms"' }] },
  { name: 'new terms history window not date math', text: edit(NEW_TERMS_RULE, 'value = "now-7d"', 'value = "7d"'), expect: [{ code: 'rule-invalid-date-math', at: '"7d"' }] },
  { name: 'new terms rule without its table', text: edit(NEW_TERMS_RULE, NEW_TERMS_RULE.slice(NEW_TERMS_RULE.indexOf('[rule.new_terms]'), NEW_TERMS_RULE.indexOf('[[rule.threat]]')), ''), expect: [{ code: 'rule-missing-key', at: 'rule', after: '[rule]' }] },
  { name: 'machine learning rule with an index', text: edit(ML_RULE, 'type = "machine_learning"', 'type = "machine_learning"\nindex = ["logs-*"]'), expect: [{ code: 'rule-unknown-key', at: 'index' }] },
  { name: 'machine learning rule without a threshold', text: edit(ML_RULE, 'anomaly_threshold = 75\n', ''), expect: [{ code: 'rule-missing-key', at: 'rule', after: '[rule]' }] },
  { name: 'osquery transform without a query', text: EQL_RULE + '\n[[transform.osquery]]\nlabel = "Processes"\n', expect: [{ code: 'rule-missing-key', at: 'transform.osquery' }] },
  { name: 'deprecated rule loaded loosely', text: edit(DEPRECATED_RULE, 'risk_score = 47', 'risk_score = 999\nlegacy = true'), expect: [] },
  { name: 'deprecated rule deprecated on another day', text: edit(DEPRECATED_RULE, 'deprecation_date = "2024/05/31"', 'deprecation_date = "2024/06/01"'), expect: [{ code: 'rule-deprecation-date-mismatch', at: '"2024/06/01"' }] },
  { name: 'deprecated rule without a deprecation date', text: edit(DEPRECATED_RULE, 'deprecation_date = "2024/05/31"\n', ''), expect: [{ code: 'rule-missing-key', at: 'metadata' }] },

  // Rules: ATT&CK mappings
  { name: 'unknown tactic', text: edit(EQL_RULE, 'id = "TA0009"', 'id = "TA0099"'), expect: [{ code: 'rule-unknown-tactic', at: '"TA0099"' }] },
  { name: 'tactic misnamed', text: edit(EQL_RULE, 'name = "Collection"', 'name = "Collect"'), expect: [{ code: 'rule-tactic-name-mismatch', at: '"Collect"' }] },
  {
    name: 'tactic mapped twice',
    text: rule(`index = ["logs-*"]\nlanguage = "eql"\ntype = "eql"\nquery = "process where true"\n`, THREAT + '\n' + THREAT),
    expect: [{ code: 'rule-duplicate-tactic', at: '"Collection"', after: 'reference = "https://attack.mitre.org/tactics/TA0009/"' }],
  },
  { name: 'sub-technique listed as a technique', text: edit(EQL_RULE, 'id = "T1114"\n', 'id = "T1114.001"\n'), expect: [{ code: 'rule-invalid-technique-id', at: '"T1114.001"' }] },
  { name: 'technique that does not exist', text: edit(EQL_RULE, 'id = "T1114"\n', 'id = "T1999"\n'), expect: [{ code: 'rule-unknown-technique', at: '"T1999"', severity: 'warning' }] },
  {
    name: 'technique revoked by MITRE',
    text: edit(edit(edit(EQL_RULE, 'id = "TA0009"', 'id = "TA0010"'), 'name = "Collection"', 'name = "Exfiltration"'), 'tactics/TA0009/', 'tactics/TA0010/')
      .replace('id = "T1114"\nname = "Email Collection"\nreference = "https://attack.mitre.org/techniques/T1114/"', 'id = "T1002"\nname = "Data Compressed"\nreference = "https://attack.mitre.org/techniques/T1002/"'),
    expect: [{ code: 'rule-revoked-technique', at: '"T1002"', severity: 'warning' }],
    message: 'use T1560 (Archive Collected Data) instead',
  },
  {
    name: 'sub-technique that does not exist',
    text: edit(edit(EQL_RULE, 'id = "T1114.001"', 'id = "T1114.011"'), 'T1114/001/', 'T1114/011/'),
    expect: [{ code: 'rule-unknown-technique', at: '"T1114.011"', severity: 'warning' }],
  },
  {
    name: 'sub-technique revoked by MITRE',
    text: rule(
      `index = ["logs-*"]\nlanguage = "eql"\ntype = "eql"\nquery = "file where true"\n`,
      `[[rule.threat]]\nframework = "MITRE ATT&CK"\n[[rule.threat.technique]]\nid = "T1547"\nname = "Boot or Logon Autostart Execution"\nreference = "https://attack.mitre.org/techniques/T1547/"\n[[rule.threat.technique.subtechnique]]\nid = "T1547.011"\nname = "Plist Modification"\nreference = "https://attack.mitre.org/techniques/T1547/011/"\n\n[rule.threat.tactic]\nid = "TA0003"\nname = "Persistence"\nreference = "https://attack.mitre.org/tactics/TA0003/"\n`,
    ),
    expect: [{ code: 'rule-revoked-technique', at: '"T1547.011"', severity: 'warning' }],
    message: 'use T1647 (Plist File Modification) instead',
  },
  {
    name: 'technique deprecated by MITRE',
    text: rule(
      `index = ["logs-*"]\nlanguage = "eql"\ntype = "eql"\nquery = "network where true"\n`,
      `[[rule.threat]]\nframework = "MITRE ATT&CK"\n[[rule.threat.technique]]\nid = "T1026"\nname = "Multiband Communication"\nreference = "https://attack.mitre.org/techniques/T1026/"\n\n[rule.threat.tactic]\nid = "TA0011"\nname = "Command and Control"\nreference = "https://attack.mitre.org/tactics/TA0011/"\n`,
    ),
    expect: [{ code: 'rule-deprecated-technique', at: '"T1026"', severity: 'warning' }],
  },
  { name: 'technique misnamed', text: edit(EQL_RULE, 'name = "Email Collection"', 'name = "Email Harvesting"'), expect: [{ code: 'rule-technique-name-mismatch', at: '"Email Harvesting"' }] },
  { name: 'sub-technique misnamed', text: edit(EQL_RULE, 'name = "Local Email Collection"', 'name = "Local Mail"'), expect: [{ code: 'rule-technique-name-mismatch', at: '"Local Mail"' }] },
  {
    name: 'technique under another tactic',
    text: edit(edit(edit(EQL_RULE, 'id = "TA0009"', 'id = "TA0002"'), 'name = "Collection"', 'name = "Execution"'), 'tactics/TA0009/', 'tactics/TA0002/'),
    expect: [{ code: 'rule-technique-tactic-mismatch', at: '"T1114"' }],
    message: 'it belongs to Collection',
  },
  {
    name: 'sub-technique under another technique',
    text: edit(EQL_RULE, 'id = "T1114.001"', 'id = "T1059.001"'),
    expect: [
      { code: 'rule-subtechnique-parent-mismatch', at: '"T1059.001"' },
      { code: 'rule-technique-name-mismatch', at: '"Local Email Collection"' },
      { code: 'rule-reference-mismatch', at: '"https://attack.mitre.org/techniques/T1114/001/"' },
    ],
  },
  { name: 'tactic reference outside ATT&CK', text: edit(EQL_RULE, '"https://attack.mitre.org/tactics/TA0009/"', '"https://example.com/TA0009/"'), expect: [{ code: 'rule-invalid-reference', at: '"https://example.com/TA0009/"' }] },
  { name: 'technique reference to another technique', text: edit(EQL_RULE, 'techniques/T1114/"', 'techniques/T1115/"'), expect: [{ code: 'rule-reference-mismatch', at: '"https://attack.mitre.org/techniques/T1115/"' }] },
  { name: 'references without their trailing slash', text: edit(edit(EQL_RULE, 'techniques/T1114/"', 'techniques/T1114"'), 'tactics/TA0009/"', 'tactics/TA0009"'), expect: [] },
  {
    name: 'ATLAS mapping',
    text: rule(
      `index = ["logs-*"]\nlanguage = "eql"\ntype = "eql"\nquery = "process where true"\n`,
      `[[rule.threat]]\nframework = "MITRE ATLAS"\n[[rule.threat.technique]]\nid = "AML.T0051"\nname = "LLM Prompt Injection"\nreference = "https://atlas.mitre.org/techniques/AML.T0051/"\n\n[rule.threat.tactic]\nid = "AML.TA0005"\nname = "Execution"\nreference = "https://atlas.mitre.org/tactics/AML.TA0005/"\n`,
    ),
    expect: [],
  },
];

describe('seeded schema errors', () => {
  test('the base documents are clean', () => {
    for (const text of [HUNT, EQL_RULE, ESQL_RULE, THRESHOLD_RULE, NEW_TERMS_RULE, THREAT_MATCH_RULE, ML_RULE, DEPRECATED_RULE]) {
      assert.deepEqual(found(check(text)), []);
    }
  });
  for (const c of cases) {
    test(c.name, () => {
      const diagnostics = check(c.text);
      assert.deepEqual(found(diagnostics), expected(c.text, c.expect));
      if (c.message) assert.ok(diagnostics[0].message.includes(c.message), `message ${JSON.stringify(diagnostics[0].message)} lacks ${JSON.stringify(c.message)}`);
    });
  }
});

/** Codes whose cases live in workspace.test.ts (they need several documents). */
const WORKSPACE_CODES = ['hunt-duplicate-uuid', 'hunt-duplicate-name', 'rule-duplicate-rule-id', 'rule-duplicate-name'];

/** Hunt codes the README documents that come from the document layer, not the schema. */
const NOT_SCHEMA_CODES = ['hunt-stray-sql-line', 'hunt-doc-out-of-date'];

test('every documented code has a seeded case', () => {
  const documented = [...readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8').matchAll(/^\| `((?:hunt|rule)-[a-z-]+)` \|/gm)].map((m) => m[1]).filter((code) => !NOT_SCHEMA_CODES.includes(code));
  assert.ok(documented.length >= 50, `README.md lists ${documented.length} codes`);
  const seeded = new Set([...cases.flatMap((c) => c.expect.map((e) => e.code)), ...WORKSPACE_CODES]);
  assert.deepEqual(documented.filter((code) => !seeded.has(code)), []);
});
