import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { huntkit } from '../../support/cli.ts';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-engine-test-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const RULE = `[metadata]
creation_date = "2024/01/01"
maturity = "production"
updated_date = "2024/01/01"

[rule]
author = ["Elastic"]
description = "Bash run as root."
index = ["logs-endpoint.events.process-*"]
language = "kuery"
license = "Elastic License v2"
name = "Root shell"
risk_score = 21
rule_id = "0b0a1c7e-1f5e-4bde-9a63-5a3f0d3b2c11"
severity = "low"
type = "query"
query = '''
event.category:process and process.name:bash and user.name:root
'''
`;

const HUNT = `[hunt]
author = "Elastic"
description = "Shells and their children."
integration = ["endpoint"]
uuid = "5c0e9a3e-4d7b-4a55-9a55-1b8f0f3e7a01"
name = "Shells"
language = ["ES|QL", "EQL"]
license = "Elastic License v2"
notes = ["x"]
mitre = ["T1059"]
query = [
'''
from logs-endpoint.events.process-* | where process.name == "bash" | stats c = count(*) by user.name | sort user.name
''',
'''
process where process.name == "curl"
'''
]
`;

const event = (id: string, fields: object, expect?: unknown) =>
  JSON.stringify({ '@timestamp': `2024-05-01T10:00:0${id.slice(-1)}Z`, event: { id, category: ['process'] }, ...fields, ...(expect === undefined ? {} : { 'huntkit.expect': expect }) });

test('test: marked events must be returned and the others not; PASS and exit 0', () => {
  const dir = workspace({
    'rules/root_shell.toml': RULE,
    'rules/root_shell.test.ndjson': [
      event('e1', { process: { name: 'bash' }, user: { name: 'root' } }, true),
      event('e2', { process: { name: 'bash' }, user: { name: 'alice' } }),
      event('e3', { process: { name: 'bash' }, user: { name: 'root' }, huntkit: { expect: true } }),
    ].join('\n'),
    'rules/untested.toml': RULE.replace('0b0a1c7e', '1b0a1c7e'),
  });
  const r = huntkit(['test'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, 'PASS rules/root_shell.toml query 0 (KQL): 2 events: the 2 expected events and no other\n1 test: 1 passed, 0 failed, 0 skipped\n');
});

test('test: a missing true positive and an unexpected match fail with the events named; exit 1', () => {
  const dir = workspace({
    'root_shell.toml': RULE,
    'root_shell.test.ndjson': [
      event('e1', { process: { name: 'Bash' }, user: { name: 'root' } }, true),
      event('e2', { process: { name: 'bash' }, user: { name: 'root' } }, false),
    ].join('\n'),
  });
  const r = huntkit(['test', 'root_shell.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    'FAIL root_shell.toml query 0 (KQL): 1 expected event not returned, 1 unexpected event returned\n' +
      '     missing: event #1 (event.id e1)\n' +
      '     unexpected: event #2 (event.id e2)\n' +
      '1 test: 0 passed, 1 failed, 0 skipped\n',
  );
});

test('test --format junit: one suite per file, failures with their details', () => {
  const dir = workspace({
    'root_shell.toml': RULE,
    'root_shell.test.ndjson': event('e1', { process: { name: 'sh' }, user: { name: 'root' } }, true),
  });
  const r = huntkit(['test', '--format', 'junit'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="huntkit" tests="1" failures="1" skipped="0" time="[\d.]+">\n/);
  assert.match(r.stdout, /<testsuite name="root_shell\.toml" tests="1" failures="1" skipped="0" time="[\d.]+">/);
  assert.match(
    r.stdout,
    /<testcase classname="root_shell\.toml" name="query 0 \(KQL\)" time="[\d.]+">\n {6}<failure message="1 expected event not returned">1 expected event not returned\nmissing: event #1 \(event\.id e1\)<\/failure>/,
  );
});

test('test: hunts check counts from <name>.test.toml; unmarked data needs some result; TAP output', () => {
  const dir = workspace({
    'shells.toml': HUNT,
    'shells.test.ndjson': [
      event('e1', { process: { name: 'bash' }, user: { name: 'root' } }),
      event('e2', { process: { name: 'bash' }, user: { name: 'alice' } }),
      event('e3', { process: { name: 'bash' }, user: { name: 'root' } }),
      event('e4', { process: { name: 'curl' }, user: { name: 'root' } }),
    ].join('\n'),
    'shells.test.toml': 'now = "2024-05-02T00:00:00Z"\n\n[[expect]]\nquery = 0\ncount = 2\n',
  });
  const r = huntkit(['test', '--format', 'tap'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, 'TAP version 13\n1..2\nok 1 - shells.toml query 0 (ES|QL)\nok 2 - shells.toml query 1 (EQL)\n');
  const wrongCount = workspace({
    'shells.toml': HUNT,
    'shells.test.ndjson': event('e1', { process: { name: 'bash' }, user: { name: 'root' } }, [0]),
    'shells.test.toml': '[[expect]]\ncount = 2\n',
  });
  const failed = huntkit(['test'], { cwd: wrongCount });
  assert.equal(failed.status, 1);
  assert.equal(
    failed.stdout,
    'FAIL shells.toml query 0 (ES|QL): expected 2 rows, got 1\n' +
      'PASS shells.toml query 1 (EQL): no events, as expected\n' +
      '2 tests: 1 passed, 1 failed, 0 skipped\n',
  );
});

test('test: a bad mark or settings file fails the setup with a clear message', () => {
  const dir = workspace({
    'root_shell.toml': RULE,
    'root_shell.test.ndjson': event('e1', { process: { name: 'bash' } }, 'yes'),
  });
  const r = huntkit(['test'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^FAIL root_shell\.toml test setup: .*root_shell\.test\.ndjson: event #1: "huntkit\.expect" must be true, false or a list of query numbers, got "yes"$/m);
  const settings = workspace({
    'root_shell.toml': RULE,
    'root_shell.test.ndjson': event('e1', { process: { name: 'bash' } }),
    'root_shell.test.toml': 'expected_count = 1\n',
  });
  const s = huntkit(['test'], { cwd: settings });
  assert.equal(s.status, 1);
  assert.match(s.stdout, /root_shell\.test\.toml: unknown key `expected_count` \(expected `now` and `\[\[expect\]\]`\)$/m);
});
