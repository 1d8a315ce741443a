// The snippets expand (placeholders accepted as they are) to TOML that parses, that
// Huntkit's rule and hunt schema checks accept, and whose queries get their grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parseHuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';
import { checkHunt } from '../../../server/schema/hunt.ts';
import { checkRule } from '../../../server/schema/rule.ts';
import { tokenize, tokenOf } from '../syntaxes/textmate.ts';
import { expandSnippet } from './expandSnippet.ts';

interface Snippet {
  scope: string;
  prefix: string;
  description: string;
  body: string[];
}

const SNIPPETS: Record<string, Snippet> = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../snippets/huntkit.code-snippets'), 'utf8'));
const VARIABLES = { UUID: '6f3b2c1e-8d4a-4f7b-9c2e-1a5d7e9b3c40', CURRENT_YEAR: '2026', CURRENT_MONTH: '03', CURRENT_DATE: '07' };

function byPrefix(prefix: string): Snippet {
  const snippet = Object.values(SNIPPETS).find((s) => s.prefix === prefix);
  assert.ok(snippet, `no snippet with prefix ${prefix}`);
  return snippet;
}

function expand(prefix: string, typed: Record<number, string> = {}): string {
  return expandSnippet(byPrefix(prefix).body.join('\n'), VARIABLES, typed);
}

function parse(text: string): Record<string, any> {
  return getStaticTOMLValue(parseTOML(text)) as Record<string, any>;
}

/** Schema diagnostics worth a user's attention (errors and warnings), as `code: message`. */
function problems(diagnostics: { severity: string; code: string; message: string }[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`);
}

test('the snippet file holds the hunt, the seven rule types and the threat block, all for TOML', () => {
  assert.deepEqual(
    Object.values(SNIPPETS).map((s) => s.prefix),
    ['hunt', 'rule-query', 'rule-eql', 'rule-esql', 'rule-threshold', 'rule-new-terms', 'rule-threat-match', 'rule-machine-learning', 'rule-threat'],
  );
  for (const snippet of Object.values(SNIPPETS)) assert.equal(snippet.scope, 'toml', snippet.prefix);
});

test('the hunt snippet expands to a hunt with every key upstream requires and an ES|QL query', () => {
  const text = expand('hunt');
  const hunt = parse(text).hunt;
  assert.deepEqual(Object.keys(hunt), ['author', 'description', 'integration', 'uuid', 'name', 'language', 'license', 'notes', 'mitre', 'query']);
  assert.equal(hunt.uuid, VARIABLES.UUID);
  assert.deepEqual(hunt.language, ['ES|QL']);
  assert.equal(hunt.query.length, 1);
  assert.match(hunt.query[0], /^from logs-endpoint\.events\.process-\*\n\| where /);
  assert.deepEqual(problems(checkHunt(parseHuntRuleDocument(text))), []);
});

const RULES: { prefix: string; type: string; language?: string; tables: string[] }[] = [
  { prefix: 'rule-query', type: 'query', language: 'kuery', tables: [] },
  { prefix: 'rule-eql', type: 'eql', language: 'eql', tables: [] },
  { prefix: 'rule-esql', type: 'esql', language: 'esql', tables: [] },
  { prefix: 'rule-threshold', type: 'threshold', language: 'kuery', tables: ['threshold'] },
  { prefix: 'rule-new-terms', type: 'new_terms', language: 'kuery', tables: ['new_terms'] },
  { prefix: 'rule-threat-match', type: 'threat_match', language: 'kuery', tables: ['threat_mapping'] },
  { prefix: 'rule-machine-learning', type: 'machine_learning', tables: [] },
];

for (const { prefix, type, language, tables } of RULES) {
  test(`${prefix} expands to a ${type} rule that passes the rule schema checks`, () => {
    const text = expand(prefix);
    const data = parse(text);
    assert.ok(byPrefix(prefix).description.includes(`\`${type}\``), 'the description names the rule type');
    assert.deepEqual(data.metadata, { creation_date: '2026/03/07', integration: ['endpoint'], maturity: 'production', updated_date: '2026/03/07' });
    assert.equal(data.rule.type, type);
    assert.equal(data.rule.rule_id, VARIABLES.UUID);
    assert.equal(data.rule.language, language);
    for (const table of tables) assert.ok(data.rule[table], `[rule.${table}] is missing`);
    assert.deepEqual(problems(checkRule(parseHuntRuleDocument(text))), []);
  });
}

test('each rule type carries its own required keys', () => {
  const threshold = parse(expand('rule-threshold')).rule.threshold;
  assert.deepEqual(threshold, { field: ['host.id', 'user.name'], value: 25 });
  const newTerms = parse(expand('rule-new-terms')).rule.new_terms;
  assert.deepEqual(newTerms, { field: 'new_terms_fields', value: ['host.id', 'process.command_line'], history_window_start: [{ field: 'history_window_start', value: 'now-7d' }] });
  const threatMatch = parse(expand('rule-threat-match')).rule;
  assert.deepEqual(threatMatch.threat_index, ['logs-ti_*']);
  assert.equal(threatMatch.threat_language, 'kuery');
  assert.equal(threatMatch.threat_query, '@timestamp >= "now-30d/d" and event.category:threat and threat.indicator.file.hash.sha256:*\n');
  assert.deepEqual(threatMatch.threat_mapping, [{ entries: [{ field: 'file.hash.sha256', type: 'mapping', value: 'threat.indicator.file.hash.sha256' }] }]);
  const ml = parse(expand('rule-machine-learning')).rule;
  assert.equal(ml.anomaly_threshold, 75);
  assert.equal(ml.machine_learning_job_id, 'job_id');
  assert.equal(ml.query, undefined);
  const esql = parse(expand('rule-esql')).rule;
  assert.equal(esql.index, undefined);
  assert.match(esql.query, /metadata _id, _version, _index\n[\s\S]*\n\| keep [^\n]*_id, _version, _index\n$/);
});

test('the threat block maps a tactic, a technique and a sub-technique with matching URLs', () => {
  const threat = parse(expand('rule-threat')).rule.threat;
  assert.deepEqual(threat, [
    {
      framework: 'MITRE ATT&CK',
      technique: [
        {
          id: 'T1059',
          name: 'Command and Scripting Interpreter',
          reference: 'https://attack.mitre.org/techniques/T1059/',
          subtechnique: [{ id: 'T1059.001', name: 'PowerShell', reference: 'https://attack.mitre.org/techniques/T1059/001/' }],
        },
      ],
      tactic: { id: 'TA0002', name: 'Execution', reference: 'https://attack.mitre.org/tactics/TA0002/' },
    },
  ]);
});

test('typing other ids into the threat block updates the sub-technique id and every URL', () => {
  const typed = { 1: 'T1548', 2: 'Abuse Elevation Control Mechanism', 3: '002', 4: 'Bypass User Account Control', 5: 'TA0004', 6: 'Privilege Escalation' };
  const text = expand('rule-threat-match') + '\n' + expand('rule-threat', typed);
  const threat = parse(text).rule.threat[0];
  assert.equal(threat.technique[0].reference, 'https://attack.mitre.org/techniques/T1548/');
  assert.deepEqual(threat.technique[0].subtechnique[0], { id: 'T1548.002', name: 'Bypass User Account Control', reference: 'https://attack.mitre.org/techniques/T1548/002/' });
  assert.equal(threat.tactic.reference, 'https://attack.mitre.org/tactics/TA0004/');
  // The catalog agrees with every id, name and URL.
  assert.deepEqual(problems(checkRule(parseHuntRuleDocument(text))), []);
});

test('the queries of expanded snippets are highlighted with their language', async () => {
  const cases: [string, string, string][] = [
    ['hunt', 'from', 'meta.embedded.block.esql'],
    ['rule-query', 'event.category', 'meta.embedded.block.kql'],
    ['rule-eql', 'process where', 'meta.embedded.block.eql'],
    ['rule-esql', 'from', 'meta.embedded.block.esql'],
    ['rule-threat-match', 'file.hash.sha256:*', 'meta.embedded.block.kql'],
  ];
  for (const [prefix, start, scope] of cases) {
    const text = expand(prefix);
    const tokens = await tokenize('source.toml', text);
    const first = tokenOf(tokens, text, start.split(/[ :]/)[0], { from: "'''" });
    assert.ok(first.scopes.includes(scope), `${prefix}: ${first.text} has ${first.scopes.join(' ')}`);
  }
  const threatMatch = expand('rule-threat-match');
  const tokens = await tokenize('source.toml', threatMatch);
  assert.ok(tokenOf(tokens, threatMatch, '@timestamp').scopes.includes('meta.embedded.block.kql'));
});
