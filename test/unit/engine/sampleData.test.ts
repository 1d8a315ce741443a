import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleData, type SampleDataSummary } from '../../../server/engine/sampleData/generate.ts';
import { SAMPLE_SCENARIOS } from '../../../server/engine/sampleData/scenarios.ts';
import { readEvents } from '../../../server/engine/eventReader.ts';
import { compileFieldAccessor } from '../../../server/engine/fieldAccess.ts';
import type { EventDocument, FieldValue } from '../../../server/engine/values.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

const NOW = Date.UTC(2026, 7, 21, 12);

async function generate(seed: number, events: number): Promise<{ dir: string; summary: SampleDataSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-sample-'));
  return { dir, summary: await generateSampleData(dir, { events, seed }) };
}

function fileBytes(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

const accessors = new Map<string, ReturnType<typeof compileFieldAccessor>>();
const values = (event: EventDocument, field: string): FieldValue[] => {
  let accessor = accessors.get(field);
  if (!accessor) accessors.set(field, (accessor = compileFieldAccessor(field)));
  return accessor.values(event);
};
const first = (event: EventDocument, field: string) => values(event, field)[0];
const text = (event: EventDocument, field: string) => String(first(event, field) ?? '');
const lower = (event: EventDocument, field: string) => text(event, field).toLowerCase();
const has = (event: EventDocument, field: string, value: FieldValue) => values(event, field).includes(value);
const time = (event: EventDocument) => Date.parse(event['@timestamp'] as string);
const isStart = (e: EventDocument) => has(e, 'event.category', 'process') && has(e, 'event.type', 'start');

const seeded = generate(11, 4000);

test('same seed, same bytes; another seed, other bytes', async () => {
  const a = await seeded;
  const b = await generate(11, 4000);
  const c = await generate(12, 4000);
  assert.deepEqual(fileBytes(a.dir), fileBytes(b.dir));
  assert.deepEqual(a.summary, { ...b.summary, files: a.summary.files });
  assert.notDeepEqual(fileBytes(a.dir), fileBytes(c.dir));
});

test('NDJSON files named by data stream, exactly the requested number of events, inside the time window', async () => {
  const { dir, summary } = await seeded;
  assert.deepEqual(readdirSync(dir).sort(), [
    'logs-endpoint.events.file-default.ndjson',
    'logs-endpoint.events.network-default.ndjson',
    'logs-endpoint.events.process-default.ndjson',
    'logs-endpoint.events.registry-default.ndjson',
    'logs-system.auth-default.ndjson',
  ]);
  assert.equal(summary.events, 4000);
  assert.equal(summary.to - summary.from, 5 * 86_400_000 - 2 * 3_600_000);
  assert.equal(summary.from, NOW - 5 * 86_400_000);
  const datasets = new Map<string, string>([
    ['logs-endpoint.events.process-default', 'endpoint.events.process'],
    ['logs-endpoint.events.file-default', 'endpoint.events.file'],
    ['logs-endpoint.events.network-default', 'endpoint.events.network'],
    ['logs-endpoint.events.registry-default', 'endpoint.events.registry'],
    ['logs-system.auth-default', 'system.auth'],
  ]);
  for (const file of summary.files) {
    let count = 0;
    for await (const event of readEvents(file.path, { onWarning: (w) => assert.fail(w.message) })) {
      count++;
      assert.equal(first(event, 'data_stream.dataset'), datasets.get(file.index));
      const at = time(event);
      assert.ok(at >= summary.from && at <= NOW, `${event['@timestamp']} inside the window`);
    }
    assert.equal(count, file.events, file.index);
  }
});

async function allEvents(summary: SampleDataSummary): Promise<EventDocument[]> {
  const events: EventDocument[] = [];
  for (const file of summary.files) for await (const event of readEvents(file.path)) events.push(event);
  return events;
}

test('the fleet makes realistic noise on all three platforms', async () => {
  const events = await allEvents((await seeded).summary);
  const processNames = new Set(events.filter(isStart).map((e) => text(e, 'process.name')));
  for (const name of ['dpkg', 'apt-get', 'dnf', 'dash', 'run-parts', 'sudo', 'svchost.exe', 'chrome.exe', 'taskhostw.exe', 'mdworker_shared', 'zsh']) {
    assert.ok(processNames.has(name), `a ${name} process`);
  }
  const osTypes = new Set(events.map((e) => text(e, 'host.os.type')));
  assert.deepEqual([...osTypes].sort(), ['linux', 'macos', 'windows']);
  assert.ok(events.filter((e) => has(e, 'event.category', 'registry')).every((e) => text(e, 'host.os.type') === 'windows'));
  assert.ok(events.some((e) => text(e, 'process.parent.name') === 'cron'), 'cron runs jobs');
  assert.ok(events.some((e) => text(e, 'process.parent.command_line').includes('/var/tmp/rpm-tmp.')), 'rpm scriptlets run');
  assert.ok(events.some((e) => text(e, 'file.path').endsWith('.list-new')), 'dpkg writes its lists');
  // Process events carry their parent, and pids/entity ids identify processes consistently.
  const starts = events.filter(isStart);
  assert.ok(starts.every((e) => typeof first(e, 'process.entity_id') === 'string' && typeof first(e, 'process.pid') === 'number'));
  assert.ok(starts.filter((e) => first(e, 'process.parent.entity_id') !== undefined).length > starts.length * 0.95);
  const hashes = starts.filter((e) => text(e, 'process.hash.sha256').length === 64);
  assert.equal(hashes.length, starts.length);
});

/** Mirrors of the key conditions of each target query, applied to the scenario's own events. */
const SCENARIO_CHECKS: Record<string, (events: EventDocument[]) => boolean> = {
  'dpkg-postinst-persistence': (events) =>
    events.some(
      (e) =>
        ['creation', 'rename'].includes(text(e, 'event.action')) &&
        text(e, 'file.path').startsWith('/var/lib/dpkg/info/') &&
        !/(-new|\.list|md5sums.*)$/.test(text(e, 'file.name')) &&
        !text(e, 'file.name').startsWith('__db'),
    ) &&
    events.some((e) => isStart(e) && text(e, 'event.action') === 'exec' && text(e, 'process.parent.executable').startsWith('/var/lib/dpkg/info/')),
  'rpm-scriptlet-persistence': (events) =>
    events.some((e) => isStart(e) && text(e, 'event.action') === 'exec' && text(e, 'host.os.type') === 'linux' && text(e, 'process.parent.command_line').includes('/var/tmp/rpm-tmp.')),
  'dnf-plugin-file-creation': (events) => {
    const hits = events.filter((e) => ['rename', 'creation'].includes(text(e, 'event.action')) && /^(\/usr\/lib\/python[^/]*\/site-packages\/dnf-plugins\/|\/etc\/dnf\/plugins\/)/.test(text(e, 'file.path')));
    return hits.length === 2 && hits.every((e) => text(e, 'process.executable') === '/usr/bin/cp' && !/^python/i.test(text(e, 'process.name')) && !['swp', 'swpx', 'swx'].includes(text(e, 'file.extension')));
  },
  'vssadmin-shadow-deletion': (events) =>
    events.some((e) => isStart(e) && lower(e, 'process.name') === 'vssadmin.exe' && values(e, 'process.args').some((a) => ['delete', 'resize'].includes(String(a).toLowerCase())) && values(e, 'process.args').some((a) => /^shadows/i.test(String(a)))),
  'office-child-cmd': (events) => events.some((e) => isStart(e) && lower(e, 'process.parent.name') === 'winword.exe' && lower(e, 'process.name') === 'cmd.exe'),
  'schtasks-created-from-cmd': (events) => {
    const cmd = events.find((e) => isStart(e) && lower(e, 'process.name') === 'cmd.exe');
    const task = events.find((e) => isStart(e) && lower(e, 'process.name') === 'schtasks.exe');
    if (!cmd || !task) return false;
    const args = values(task, 'process.args').map((a) => String(a).toLowerCase());
    return (
      first(task, 'process.parent.entity_id') === first(cmd, 'process.entity_id') &&
      time(task) - time(cmd) <= 60_000 &&
      args.includes('/create') &&
      ['/ru', '/sc', '/tn', '/tr', '/f', '/xml'].some((a) => args.includes(a)) &&
      lower(task, 'process.Ext.token.integrity_level_name') !== 'system'
    );
  },
  'certutil-urlcache-download': (events) => events.some((e) => isStart(e) && lower(e, 'process.name') === 'certutil.exe' && values(e, 'process.args').some((a) => /^.urlcache$/i.test(String(a)))),
  'run-key-persistence': (events) =>
    events.some(
      (e) =>
        has(e, 'event.type', 'change') &&
        text(e, 'registry.hive') === 'HKEY_USERS' &&
        /^HKEY_USERS\\[^\\]+\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\[^\\]+$/i.test(text(e, 'registry.path')) &&
        values(e, 'registry.data.strings').length > 0 &&
        !['S-1-5-18', 'S-1-5-19', 'S-1-5-20'].includes(text(e, 'user.id')) &&
        !values(e, 'registry.data.strings').some((s) => /:\\Program Files|\\AppData\\Local\\/i.test(String(s))),
    ),
  'iis-webshell-whoami': (events) =>
    events.some((e) => isStart(e) && lower(e, 'process.name') === 'whoami.exe' && text(e, 'user.domain') === 'IIS APPPOOL' && text(e, 'user.id').startsWith('S-1-5-82-')),
  'encoded-powershell-download': (events) =>
    events.some((e) => {
      if (!isStart(e) || lower(e, 'process.name') !== 'powershell.exe' || !/.+ -(e|E).*/.test(text(e, 'process.command_line'))) return false;
      const blob = /([A-Za-z0-9+/]+={1,2}$|[A-Za-z0-9+/]{100,})/.exec(text(e, 'process.command_line'))?.[1];
      return blob !== undefined && /webclient|download/.test(Buffer.from(blob, 'base64').toString('utf16le').toLowerCase());
    }),
  'osascript-password-prompt': (events) =>
    events.some(
      (e) =>
        text(e, 'event.action') === 'exec' &&
        text(e, 'host.os.type') === 'macos' &&
        text(e, 'process.name') === 'osascript' &&
        has(e, 'process.args', '-e') &&
        /osascript.*display.*dialog.*password/i.test(text(e, 'process.command_line')) &&
        !text(e, 'process.parent.command_line').startsWith('sudo') &&
        !/jamf|intune|mosyle|ninja/i.test(text(e, 'process.Ext.effective_parent.executable')),
    ),
  'launch-agent-loaded': (events) => {
    const plist = events.find((e) => text(e, 'event.action') === 'launch_daemon');
    const load = events.find((e) => isStart(e) && text(e, 'process.name') === 'launchctl' && has(e, 'process.args', 'load'));
    return !!plist && !!load && first(load, 'process.parent.entity_id') === first(plist, 'process.entity_id') && time(load) - time(plist) <= 30_000 && first(load, 'host.id') === first(plist, 'host.id');
  },
  'ssh-bruteforce-success': (events) => {
    const logins = events.filter((e) => text(e, 'event.action') === 'ssh_login').sort((a, b) => time(a) - time(b));
    const success = logins.findIndex((e) => text(e, 'event.outcome') === 'success');
    const failures = logins.slice(0, success).filter((e) => text(e, 'event.outcome') === 'failure');
    const sameKey = logins.slice(0, success + 1).every((e) => text(e, 'source.ip') === '103.251.167.20' && text(e, 'user.name') === 'jsmith');
    return failures.length >= 25 && sameKey && time(logins[success]) - time(failures[failures.length - 25]) <= 15_000;
  },
  'system-log-deletion': (events) =>
    events.filter((e) => has(e, 'event.type', 'deletion') && ['/var/log/wtmp', '/var/log/btmp', '/var/log/lastlog'].includes(text(e, 'file.path')) && !['gzip', 'executor', 'dockerd'].includes(text(e, 'process.name'))).length === 3,
  'cron-file-persistence': (events) =>
    events.some((e) => has(e, 'event.type', 'creation') && text(e, 'file.path').startsWith('/etc/cron.d/') && !['dpkg', 'dockerd', 'yum', 'dnf', 'snapd', 'pacman', 'anacron'].includes(text(e, 'process.name'))) &&
    events.some((e) => isStart(e) && text(e, 'event.action') === 'exec' && text(e, 'process.parent.name') === 'cron' && text(e, 'process.command_line').includes('| sh')),
  'curl-piped-to-shell': (events) => {
    const curl = events.find((e) => isStart(e) && text(e, 'process.name') === 'curl');
    const end = events.find((e) => has(e, 'event.type', 'end') && text(e, 'process.name') === 'bash');
    if (!curl || !end) return false;
    return (
      /.*[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(:[0-9]{1,5})?\/[^ ]+.*/.test(text(curl, 'process.command_line')) &&
      Number(first(curl, 'process.args_count')) <= 3 &&
      text(curl, 'process.parent.name') === 'bash' &&
      Number(first(end, 'process.args_count')) === 1 &&
      has(end, 'process.args', 'bash') &&
      first(end, 'process.parent.entity_id') === first(curl, 'process.parent.entity_id') &&
      first(end, 'process.working_directory') === first(curl, 'process.working_directory') &&
      time(end) - time(curl) <= 1000
    );
  },
};

test('every scenario is present and its events meet the conditions of the query it targets', async () => {
  const { summary } = await seeded;
  const byId = new Map((await allEvents(summary)).map((e) => [text(e, 'event.id'), e]));
  assert.equal(SAMPLE_SCENARIOS.length, 16);
  assert.deepEqual(summary.scenarios.map((s) => s.id), SAMPLE_SCENARIOS.map((s) => s.id));
  assert.deepEqual(Object.keys(SCENARIO_CHECKS).sort(), SAMPLE_SCENARIOS.map((s) => s.id).sort());
  for (const scenario of summary.scenarios) {
    assert.ok(scenario.eventIds.length > 0, scenario.id);
    const events = scenario.eventIds.map((id) => byId.get(id));
    assert.ok(events.every((e) => e !== undefined), `${scenario.id}: every event written`);
    assert.ok(events.every((e) => text(e!, 'host.name') === scenario.host), `${scenario.id}: on ${scenario.host}`);
    assert.ok(SCENARIO_CHECKS[scenario.id](events as EventDocument[]), `${scenario.id} meets ${scenario.target}`);
  }
});

test('scenarios target real corpus files whose queries hold the conditions the events meet', { skip: !corpusAvailable() }, () => {
  const markers: Record<string, string> = {
    'dpkg-postinst-persistence': '/var/lib/dpkg/info/*',
    'rpm-scriptlet-persistence': '/var/tmp/rpm-tmp.*',
    'dnf-plugin-file-creation': '/etc/dnf/plugins/*',
    'vssadmin-shadow-deletion': '"shadows*"',
    'office-child-cmd': '"winword.exe"',
    'schtasks-created-from-cmd': '"schtasks.exe"',
    'certutil-urlcache-download': '"?urlcache"',
    'run-key-persistence': 'CurrentVersion\\\\Run\\\\*',
    'iis-webshell-whoami': '"IIS APPPOOL"',
    'encoded-powershell-download': 'FROM_BASE64',
    'osascript-password-prompt': '*osascript*display*dialog*password*',
    'launch-agent-loaded': '"launch_daemon"',
    'ssh-bruteforce-success': 'with runs=25',
    'system-log-deletion': '"/var/log/wtmp"',
    'cron-file-persistence': '"/etc/cron.*/*"',
    'curl-piped-to-shell': 'process.args_count <= 3',
  };
  for (const scenario of SAMPLE_SCENARIOS) {
    const path = join(CORPUS, scenario.target);
    assert.ok(existsSync(path), scenario.target);
    assert.ok(readFileSync(path, 'utf8').includes(markers[scenario.id]), `${scenario.target} contains ${markers[scenario.id]}`);
  }
});

test('a request smaller than the scenarios still writes every scenario', async () => {
  const { summary } = await generate(3, 10);
  assert.equal(summary.scenarios.length, 16);
  assert.equal(summary.events, summary.scenarios.reduce((sum, s) => sum + s.eventIds.length, 0));
});
