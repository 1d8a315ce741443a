// Rule reference pages, checked on real corpus rules and on small hand-made ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { CORPUS } from '../../support/corpus.ts';
import { nestMarkdown, ruleMarkdown } from '../../../server/docs/ruleMarkdown.ts';

function loadRule(relativePath: string): Record<string, any> {
  return getStaticTOMLValue(parseTOML(readFileSync(join(CORPUS, relativePath), 'utf8'))) as Record<string, any>;
}

const markdown = new MarkdownIt();

/** `##` headings as `level text`, in page order. */
function headings(page: string): string[] {
  const tokens = markdown.parse(page, {});
  return tokens.flatMap((token, i) => (token.type === 'heading_open' ? [`${token.tag} ${tokens[i + 1].content}`] : []));
}

function fences(page: string): { info: string; content: string }[] {
  return markdown.parse(page, {}).filter((token) => token.type === 'fence').map((token) => ({ info: token.info, content: token.content }));
}

const DNF = 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml';

test('DNF plugin rule: metadata block with values from the rule and Kibana defaults', () => {
  const document = loadRule(DNF);
  const page = ruleMarkdown(document);
  const description = document.rule.description.trim();
  const expectedStart = [
    '# DNF Package Manager Plugin File Creation',
    description,
    '**Rule type**: eql',
    '**Rule indices**:\n\n* logs-endpoint.events.file*\n* logs-sentinel_one_cloud_funnel.*\n* endgame-*',
    '**Severity**: low',
    '**Risk score**: 21',
    '**Runs every**: 5m',
    '**Searches indices from**: now-9m ([Date Math format](https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math), [Additional look-back time](https://www.elastic.co/guide/en/security/current/rules-ui-create.html#rule-schedule))',
    '**Maximum alerts per execution**: 100',
    '**References**:\n\n* [https://pwnshift.github.io/2020/10/01/persistence.html](https://pwnshift.github.io/2020/10/01/persistence.html)\n* [https://www.elastic.co/security-labs/sequel-on-persistence-mechanisms](https://www.elastic.co/security-labs/sequel-on-persistence-mechanisms)',
    '**Tags**:\n\n' + document.rule.tags.map((tag: string) => `* ${tag}`).join('\n'),
    '**Rule authors**:\n\n* Elastic',
    '**Rule license**: Elastic License v2',
    '## Investigation guide',
  ].join('\n\n');
  assert.ok(page.startsWith(expectedStart + '\n\n'), page.slice(0, 3000));
  assert.equal(document.rule.tags.length, 9);
  assert.ok(!page.includes('**Version**'), 'rule files carry no version');
});

test('DNF plugin rule: guide and setup nest under their sections; the query is fenced as eql', () => {
  const document = loadRule(DNF);
  const page = ruleMarkdown(document);
  assert.deepEqual(headings(page), [
    'h1 DNF Package Manager Plugin File Creation',
    'h2 Investigation guide',
    'h3 Triage and analysis',
    'h4 Investigating DNF Package Manager Plugin File Creation',
    'h4 Possible investigation steps',
    'h4 False positive analysis',
    'h4 Response and remediation',
    'h2 Setup',
    'h3 Elastic Defend Integration Setup',
    'h4 Prerequisite Requirements:',
    'h4 The following steps should be executed in order to add the Elastic Defend integration on a Linux System:',
    'h2 Rule query',
    'h2 Framework: MITRE ATT&CK',
  ]);
  assert.deepEqual(fences(page), [{ info: 'eql', content: document.rule.query }]);
  assert.ok(page.includes('## Setup\n\nThis rule requires data coming in from Elastic Defend.\n'), 'the setup text\'s own "## Setup" heading is dropped');
});

test('DNF plugin rule: every tactic, technique and sub-technique with name, id and link', () => {
  const page = ruleMarkdown(loadRule(DNF));
  const mapping = page.slice(page.indexOf('## Framework: MITRE ATT&CK\n\n') + '## Framework: MITRE ATT&CK\n\n'.length);
  const item = (kind: string, name: string, id: string, url: string) => `* ${kind}:\n    * Name: ${name}\n    * ID: ${id}\n    * Reference URL: [${url}](${url})`;
  assert.equal(
    mapping,
    [
      item('Tactic', 'Persistence', 'TA0003', 'https://attack.mitre.org/tactics/TA0003/'),
      item('Technique', 'Create or Modify System Process', 'T1543', 'https://attack.mitre.org/techniques/T1543/'),
      item('Technique', 'Event Triggered Execution', 'T1546', 'https://attack.mitre.org/techniques/T1546/'),
      item('Sub-technique', 'Installer Packages', 'T1546.016', 'https://attack.mitre.org/techniques/T1546/016/'),
      item('Technique', 'Hijack Execution Flow', 'T1574', 'https://attack.mitre.org/techniques/T1574/'),
      item('Tactic', 'Defense Evasion', 'TA0005', 'https://attack.mitre.org/tactics/TA0005/'),
      item('Technique', 'Hijack Execution Flow', 'T1574', 'https://attack.mitre.org/techniques/T1574/'),
      item('Tactic', 'Privilege Escalation', 'TA0004', 'https://attack.mitre.org/tactics/TA0004/'),
      item('Technique', 'Event Triggered Execution', 'T1546', 'https://attack.mitre.org/techniques/T1546/'),
      item('Sub-technique', 'Installer Packages', 'T1546.016', 'https://attack.mitre.org/techniques/T1546/016/'),
      item('Technique', 'Hijack Execution Flow', 'T1574', 'https://attack.mitre.org/techniques/T1574/'),
    ].join('\n\n') + '\n',
  );
});

test('machine learning rule: jobs and anomaly threshold instead of a query', () => {
  const page = ruleMarkdown(loadRule('rules/ml/resource_development_ml_linux_anomalous_compiler_activity.toml'));
  assert.ok(page.includes('\n\n**Rule type**: machine_learning\n\n**Machine learning jobs**:\n\n* v3_linux_rare_user_compiler_ea\n\n**Anomaly score threshold**: 50\n\n**Severity**: low\n\n'), page.slice(0, 1500));
  assert.ok(page.includes('\n\n**Runs every**: 15m\n\n**Searches indices from**: now-45m ('));
  assert.ok(!page.includes('**Rule indices**'));
  assert.deepEqual(fences(page), []);
});

test('threshold rule: threshold value, group-by fields and cardinality', () => {
  const document = loadRule('rules_building_block/discovery_suspicious_proc_enumeration.toml');
  const page = ruleMarkdown(document);
  assert.ok(
    page.includes(
      '**Threshold**: 1\n\n**Threshold fields**:\n\n* host.id\n* process.pid\n* process.name\n\n**Threshold cardinality**:\n\n* at least 100 unique values of file.path\n\n**Severity**:',
    ),
    page.slice(0, 2000),
  );
  assert.deepEqual(fences(page).at(-1), { info: 'kuery', content: document.rule.query });
});

test('deprecated rule: a notice under the description', () => {
  const page = ruleMarkdown(loadRule('rules/_deprecated/apm_null_user_agent.toml'));
  assert.match(page, /^# Web Application Suspicious Activity: No User Agent\n\n[^\n]+\n\n> \*\*Deprecated\*\* since 2022\/09\/13\.\n\n\*\*Rule type\*\*/);
});

test('a minimal rule gets Kibana defaults, "None" for missing lists, and catalog names for bare ATT&CK ids', () => {
  const page = ruleMarkdown(
    {
      metadata: { maturity: 'production' },
      rule: {
        name: 'Minimal',
        description: 'Finds things.',
        type: 'esql',
        language: 'esql',
        severity: 'medium',
        risk_score: 47,
        author: ['Someone'],
        license: 'MIT',
        tags: ['Use Case: Test'],
        query: 'from logs-* | where note == "```"\n',
        threat: [{ framework: 'MITRE ATT&CK', tactic: { id: 'TA0002' }, technique: [{ id: 'T1059', subtechnique: [{ id: 'T1059.001' }] }] }],
      },
    },
    { version: 3 },
  );
  assert.equal(
    page,
    [
      '# Minimal',
      'Finds things.',
      '**Rule type**: esql',
      '**Severity**: medium',
      '**Risk score**: 47',
      '**Runs every**: 5m',
      '**Searches indices from**: now-6m ([Date Math format](https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math), [Additional look-back time](https://www.elastic.co/guide/en/security/current/rules-ui-create.html#rule-schedule))',
      '**Maximum alerts per execution**: 100',
      '**References**: None',
      '**Tags**:\n\n* Use Case: Test',
      '**Version**: 3',
      '**Rule authors**:\n\n* Someone',
      '**Rule license**: MIT',
      '## Rule query',
      '````esql\nfrom logs-* | where note == "```"\n````',
      '## Framework: MITRE ATT&CK',
      '* Tactic:\n    * Name: Execution\n    * ID: TA0002\n    * Reference URL: [https://attack.mitre.org/tactics/TA0002](https://attack.mitre.org/tactics/TA0002)',
      '* Technique:\n    * Name: Command and Scripting Interpreter\n    * ID: T1059\n    * Reference URL: [https://attack.mitre.org/techniques/T1059](https://attack.mitre.org/techniques/T1059)',
      '* Sub-technique:\n    * Name: PowerShell\n    * ID: T1059.001\n    * Reference URL: [https://attack.mitre.org/techniques/T1059/001](https://attack.mitre.org/techniques/T1059/001)',
    ].join('\n\n') + '\n',
  );
  assert.deepEqual(fences(page), [{ info: 'esql', content: 'from logs-* | where note == "```"\n' }]);
});

test('a document without a [rule] table still renders', () => {
  assert.equal(ruleMarkdown({}).split('\n\n')[0], '# Untitled rule');
});

test('nestMarkdown shifts headings to below the parent level and leaves code blocks alone', () => {
  assert.equal(nestMarkdown('# Top\ntext\n```\n# not a heading\n```\n### Deeper', 2), '### Top\ntext\n```\n# not a heading\n```\n##### Deeper');
  assert.equal(nestMarkdown('#### Low\n##### Lower', 2), '### Low\n#### Lower');
  assert.equal(nestMarkdown('no headings', 2), 'no headings');
});
