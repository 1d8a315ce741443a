// Valid hunt and rule documents for the schema tests, and helpers to seed errors into them.
import assert from 'node:assert/strict';
import type { QueryDiagnostic, Severity } from '../../../server/common/diagnostics.ts';
import { parseHuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';
import { checkHunt } from '../../../server/schema/hunt.ts';
import { checkRule } from '../../../server/schema/rule.ts';

export const HUNT = `[hunt]
author = "Elastic"
description = "Finds processes that rarely inject remote threads."
integration = ["windows"]
uuid = "4f878255-53b8-4914-9a7d-4b668bd2ea6a"
name = "Low Occurrence Rate of CreateRemoteThread"
language = ["ES|QL"]
license = "Elastic License v2"
notes = ["Add the target image to the aggregation."]
mitre = ["T1055"]
query = [
'''
from logs-windows.sysmon_operational-*
| stats cc = count(*) by process.name
'''
]
`;

const METADATA = `[metadata]
creation_date = "2023/01/11"
integration = ["endpoint"]
maturity = "production"
updated_date = "2024/05/31"
`;

const COMMON = `author = ["Elastic"]
description = "Detects a test process."
from = "now-9m"
license = "Elastic License v2"
name = "Suspicious Test Process"
risk_score = 47
rule_id = "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"
severity = "medium"
tags = ["Domain: Endpoint", "OS: Windows"]
timestamp_override = "event.ingested"
`;

export const THREAT = `[[rule.threat]]
framework = "MITRE ATT&CK"
[[rule.threat.technique]]
id = "T1114"
name = "Email Collection"
reference = "https://attack.mitre.org/techniques/T1114/"
[[rule.threat.technique.subtechnique]]
id = "T1114.001"
name = "Local Email Collection"
reference = "https://attack.mitre.org/techniques/T1114/001/"

[rule.threat.tactic]
id = "TA0009"
name = "Collection"
reference = "https://attack.mitre.org/tactics/TA0009/"
`;

/** A rule document: shared metadata and keys, the type's own keys, then tables (by default one threat mapping). */
export function rule(typeKeys: string, tables: string = THREAT): string {
  return `${METADATA}\n[rule]\n${COMMON}${typeKeys}\n${tables}`;
}

export const EQL_RULE = rule(`index = ["logs-endpoint.events.process-*"]
language = "eql"
type = "eql"
query = '''
process where process.name == "test.exe"
'''
`);

export const ESQL_RULE = rule(`language = "esql"
type = "esql"
query = '''
from logs-endpoint.events.process-* metadata _id, _version, _index
| where process.name == "test.exe"
| keep process.name, host.id
'''
`);

export const THRESHOLD_RULE = rule(
  `index = ["logs-endpoint.events.process-*"]
language = "kuery"
type = "threshold"
query = "process.name:test.exe"
`,
  `[rule.threshold]
field = ["host.id", "user.name"]
value = 25

${THREAT}`,
);

export const NEW_TERMS_RULE = rule(
  `index = ["logs-endpoint.events.process-*"]
language = "kuery"
type = "new_terms"
query = "process.name:test.exe"
`,
  `[rule.new_terms]
field = "new_terms_fields"
value = ["host.id", "user.name"]
[[rule.new_terms.history_window_start]]
field = "history_window_start"
value = "now-7d"

${THREAT}`,
);

export const THREAT_MATCH_RULE = rule(
  `index = ["logs-endpoint.events.network-*"]
language = "kuery"
type = "threat_match"
query = "destination.ip:*"
threat_index = ["logs-ti_*"]
threat_indicator_path = "threat.indicator"
threat_language = "kuery"
threat_query = "threat.indicator.ip:*"
`,
  `[[rule.threat_mapping]]
[[rule.threat_mapping.entries]]
field = "destination.ip"
type = "mapping"
value = "threat.indicator.ip"

${THREAT}`,
);

export const ML_RULE = rule(`anomaly_threshold = 75
machine_learning_job_id = ["test_rare_process"]
type = "machine_learning"
`);

export const DEPRECATED_RULE = EQL_RULE.replace('maturity = "production"', 'maturity = "deprecated"\ndeprecation_date = "2024/05/31"\ndeprecated_reason = "Replaced."');

/** `text` with the single occurrence of `from` replaced by `to`. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `seed text must occur once: ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export interface ExpectedDiagnostic {
  code: string;
  /** The underlined text; the first occurrence at or after `after`. */
  at: string;
  after?: string;
  severity?: Severity;
}

export interface Found {
  code: string;
  severity: Severity;
  start: number;
  end: number;
}

export function check(text: string): QueryDiagnostic[] {
  const doc = parseHuntRuleDocument(text);
  assert.equal(doc.toml.syntaxError, undefined, 'seeded documents must stay valid TOML');
  assert.notEqual(doc.kind, 'other');
  return doc.kind === 'hunt' ? checkHunt(doc) : checkRule(doc);
}

export function found(diagnostics: readonly QueryDiagnostic[]): Found[] {
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, start: d.span.start, end: d.span.end })).sort(byPosition);
}

export function expected(text: string, expectations: readonly ExpectedDiagnostic[]): Found[] {
  return expectations
    .map((e) => {
      const from = e.after === undefined ? 0 : text.indexOf(e.after);
      assert.ok(from >= 0, `anchor not found: ${e.after}`);
      const start = text.indexOf(e.at, from);
      assert.ok(start >= 0, `expected text not found: ${e.at}`);
      return { code: e.code, severity: e.severity ?? 'error', start, end: start + e.at.length };
    })
    .sort(byPosition);
}

function byPosition(a: Found, b: Found): number {
  return a.start - b.start || a.code.localeCompare(b.code);
}
