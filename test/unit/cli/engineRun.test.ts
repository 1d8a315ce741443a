import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huntkit, ROOT } from '../../support/cli.ts';

const NOW = '2026-08-21T12:00:00Z';
const DNF_RULE = join(ROOT, 'samples/workspace/rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml');
const DPKG_HUNT = join(ROOT, 'samples/workspace/hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml');

let data = '';
let sampleDataRun: ReturnType<typeof huntkit>;

before(() => {
  data = mkdtempSync(join(tmpdir(), 'huntkit-engine-cli-'));
  process.on('exit', () => rmSync(data, { recursive: true, force: true }));
  sampleDataRun = huntkit(['sample-data', data, '--events', '3000', '--seed', '7', '--now', NOW]);
});

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-engine-cli-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('sample-data writes one NDJSON file per data stream and lists the scenarios', () => {
  assert.equal(sampleDataRun.status, 0, sampleDataRun.stderr);
  assert.deepEqual(readdirSync(data).sort(), [
    'logs-endpoint.events.file-default.ndjson',
    'logs-endpoint.events.network-default.ndjson',
    'logs-endpoint.events.process-default.ndjson',
    'logs-endpoint.events.registry-default.ndjson',
    'logs-system.auth-default.ndjson',
  ]);
  assert.match(sampleDataRun.stdout, /^3,\d{3} events from 2026-08-16T12:00:00\.000Z to 2026-08-21T10:00:00\.000Z$/m);
  assert.match(sampleDataRun.stdout, /^ {2}dnf-plugin-file-creation +db-prod-01 +rules\/linux\/persistence_dnf_package_manager_plugin_file_creation\.toml$/m);
});

test('run: an EQL rule over sample data prints its matches as a table', () => {
  const r = huntkit(['run', DNF_RULE, '--data', data]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^@timestamp +event\.category +event\.action +host\.name +user\.name +process\.name +(process\.command_line +)?file\.path/);
  assert.equal(lines.filter((l) => /db-prod-01 +root +cp +.*\/usr\/lib\/python3\.9\/site-packages\/dnf-plugins\/sysmon\.py/.test(l)).length, 1);
  assert.equal(lines.filter((l) => /\/etc\/dnf\/plugins\/sysmon\.conf/.test(l)).length, 1);
  assert.match(lines[lines.length - 1], /^2 events \(2 matched of [\d,]+ events read from 1 file in \d+\.\d\d s\)$/);
});

test('run --format ndjson prints each event source on its own line', () => {
  const r = huntkit(['run', DNF_RULE, '--data', data, '--format', 'ndjson']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(
    events.map((e) => [e.host.name, e.event.action, e.file.path]),
    [
      ['db-prod-01', 'creation', '/usr/lib/python3.9/site-packages/dnf-plugins/sysmon.py'],
      ['db-prod-01', 'creation', '/etc/dnf/plugins/sysmon.conf'],
    ],
  );
  assert.match(r.stderr, /^2 events \(/m);
});

test('run: a hunt runs each ES|QL query in turn and skips osquery SQL with a note', () => {
  const r = huntkit(['run', DPKG_HUNT, '--data', data, '--now', NOW]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^== persistence_via_rpm_dpkg_installer_packages\.toml · query 0 \(ES\|QL\)$/m);
  assert.match(r.stdout, /^== persistence_via_rpm_dpkg_installer_packages\.toml · query 1 \(ES\|QL\)$/m);
  assert.match(r.stdout, /^cc +agent_count +file\.name +process\.executable$/m);
  // The dpkg-postinst-persistence scenario's maintainer script, on one host.
  assert.match(r.stdout, /^1 +1 +sysupdate\.postinst +\/usr\/bin\/dpkg$/m);
  assert.match(r.stdout, /^cc +agent_count +process\.executable +process\.command_line$/m);
  assert.match(r.stderr, /persistence_via_rpm_dpkg_installer_packages\.toml: query 2 skipped: osquery SQL runs on endpoints/);
});

test('run --query N runs one query; an out-of-range N is a usage error', () => {
  const one = huntkit(['run', DPKG_HUNT, '--data', data, '--now', NOW, '--query', '1', '--format', 'json']);
  assert.equal(one.status, 0, one.stderr);
  const document = JSON.parse(one.stdout);
  assert.equal(document.results.length, 1);
  assert.deepEqual(
    [document.results[0].query, document.results[0].language, document.results[0].kind],
    [1, 'esql', 'table'],
  );
  assert.deepEqual(
    document.results[0].columns.map((c: { name: string }) => c.name),
    ['cc', 'agent_count', 'process.executable', 'process.command_line'],
  );
  const bad = huntkit(['run', DPKG_HUNT, '--data', data, '--query', '9']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--query must be between 0 and \d for /);
  const osquery = huntkit(['run', DPKG_HUNT, '--data', data, '--query', '2']);
  assert.equal(osquery.status, 1);
});

test('query --format ndjson: ES|QL rows are objects keyed by column', () => {
  const r = huntkit([
    'query', '--language', 'esql', '--data', data, '--format', 'ndjson',
    'FROM logs-endpoint.events.file-* | WHERE file.path LIKE "/etc/dnf/*" | KEEP host.name, file.path, event.action',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)),
    [{ 'host.name': 'db-prod-01', 'file.path': '/etc/dnf/plugins/sysmon.conf', 'event.action': 'creation' }],
  );
});

test('query --format ndjson: EQL sequences are {"sequence":{"join_keys","events"}}', () => {
  const r = huntkit([
    'query', '--language', 'eql', '--data', data, '--index', 'logs-endpoint.events.*', '--format', 'ndjson',
    'sequence by host.name with maxspan=1m [process where process.name == "cp"] [file where file.path : "/usr/lib/python3*/site-packages/dnf-plugins/*"]',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.deepEqual(Object.keys(lines[0]), ['sequence']);
  assert.deepEqual(lines[0].sequence.join_keys, ['db-prod-01']);
  assert.deepEqual(
    lines[0].sequence.events.map((e: any) => [e.event.category[0], e.process.name]),
    [
      ['process', 'cp'],
      ['file', 'cp'],
    ],
  );
});

test('query --format csv quotes as RFC 4180 says', () => {
  const dir = scratch({
    'logs-x.ndjson': [
      JSON.stringify({ '@timestamp': '2024-05-01T00:00:00Z', message: 'say "hi", then go', n: 1 }),
      JSON.stringify({ '@timestamp': '2024-05-01T00:00:01Z', message: 'two\nlines', n: 2, tags: ['a', 'b'] }),
    ].join('\n'),
  });
  const r = huntkit(['query', '--language', 'kuery', '--data', dir, '--format', 'csv', 'n >= 1']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '@timestamp,message,n,tags\r\n2024-05-01T00:00:01Z,"two\nlines",2,"[a, b]"\r\n2024-05-01T00:00:00Z,"say ""hi"", then go",1,\r\n');
});

test('query: a broken query prints its diagnostics with a caret and exits 1', () => {
  const r = huntkit(['query', '--language', 'kql', '--data', data, 'process.name:(bash or']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'query:1:22: error [kql-unclosed-paren] expected `)` to close the `(` opened at 1:14, found the end of the query\n  process.name:(bash or\n                       ^\n',
  );
});

test('run: a broken query in a file is reported at its file:line:col', () => {
  const dir = scratch({
    'rule.toml': `[metadata]
creation_date = "2024/01/01"

[rule]
name = "x"
type = "query"
language = "lucene"
index = ["logs-*"]
query = '''
process.name:(bash OR
'''
`,
  });
  const r = huntkit(['run', 'rule.toml', '--data', data], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^rule\.toml:10:\d+: error \[lucene-/m);
});

test('bad usage: missing --data, unknown language, bad date math, not a hunt', () => {
  const noData = huntkit(['run', DNF_RULE]);
  assert.equal(noData.status, 2);
  assert.match(noData.stderr, /--data DIR is required/);
  const language = huntkit(['query', '--language', 'sql', '--data', data, 'x']);
  assert.equal(language.status, 2);
  assert.match(language.stderr, /--language must be one of eql, esql, kuery, lucene \(got 'sql'\)/);
  const from = huntkit(['query', '--language', 'kuery', '--data', data, '--from', 'yesterday', 'x']);
  assert.equal(from.status, 2);
  assert.match(from.stderr, /--from expects date math such as now-7d/);
  const other = scratch({ 'Cargo.toml': '[package]\nname = "x"\n' });
  const notHunt = huntkit(['run', join(other, 'Cargo.toml'), '--data', data]);
  assert.equal(notHunt.status, 2);
  assert.match(notHunt.stderr, /is neither a hunt \(no \[hunt\] table\) nor a rule/);
});

test('malformed event lines are reported on stderr as file:line and skipped', () => {
  const dir = scratch({
    'logs-x.ndjson': `${JSON.stringify({ '@timestamp': '2024-05-01T00:00:00Z', a: 1 })}\nnot json\n${JSON.stringify({ '@timestamp': '2024-05-01T00:00:01Z', a: 2 })}\n`,
  });
  const r = huntkit(['query', '--language', 'lucene', '--data', dir, '--format', 'ndjson', 'a:[1 TO 2]'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^logs-x\.ndjson:2: warning: malformed JSON: .* \(skipped\)$/m);
  assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).a), [2, 1]);
});

test('--from/--to restrict events to a time range and --limit caps the results', () => {
  const all = huntkit(['query', '--language', 'kuery', '--data', data, '--format', 'json', '--now', NOW, '--from', 'now-1d', '--to', 'now', 'event.category:process']);
  assert.equal(all.status, 0, all.stderr);
  const [result] = JSON.parse(all.stdout).results;
  assert.equal(result.kind, 'events');
  assert.ok(result.events.length > 0 && result.events.length <= 100);
  const since = Date.parse(NOW) - 86_400_000;
  assert.ok(result.events.every((e: any) => Date.parse(e['@timestamp']) >= since));
  const limited = huntkit(['query', '--language', 'kuery', '--data', data, '--format', 'ndjson', '--limit', '3', 'event.category:process']);
  assert.equal(limited.stdout.trimEnd().split('\n').length, 3);
});
