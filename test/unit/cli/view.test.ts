// `huntkit view`: one hunt by uuid or file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';
import { readHunt } from '../../../server/library/hunt.ts';
import { CORPUS_HUNTING, tempDir } from './fixtures.ts';

const DPKG_UUID = '1d7cae97-2dea-4f01-b04c-85fa4bd991d0';
const DPKG_FILE = join(CORPUS_HUNTING, 'linux/queries/persistence_via_rpm_dpkg_installer_packages.toml');
const DPKG_TEXT = readFileSync(DPKG_FILE, 'utf8');
const DPKG = readHunt(DPKG_TEXT).hunt!;

test('view --uuid prints the hunt file exactly as written', () => {
  const r = huntkit(['view', '--uuid', DPKG_UUID, '--path', CORPUS_HUNTING]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, DPKG_TEXT);
});

test('view FILE --format json prints the hunt fields', () => {
  const r = huntkit(['view', DPKG_FILE, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const hunt = JSON.parse(r.stdout);
  assert.deepEqual(hunt, DPKG);
  assert.equal(hunt.name, 'Persistence via DPKG/RPM Package');
  assert.equal(hunt.query.length, 3);
});

test('view --query-only prints the queries alone: plain text or a JSON array', () => {
  const text = huntkit(['view', '--uuid', DPKG_UUID, '--query-only', '--path', CORPUS_HUNTING]);
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stdout, DPKG.query.join('\n'));
  assert.ok(text.stdout.startsWith('from logs-endpoint.events.file-*\n| keep @timestamp'));
  const json = huntkit(['view', DPKG_FILE, '--query-only', '--format', 'json']);
  assert.deepEqual(JSON.parse(json.stdout), DPKG.query);
});

test('a uuid two hunts share designates the last, as the index does', () => {
  const r = huntkit(['view', '--uuid', '9aaf1113-cf7a-4fd7-b796-f6456fdaffb5', '--format', 'json', '--path', CORPUS_HUNTING]);
  assert.equal(r.status, 0, r.stderr);
  const expected = readHunt(readFileSync(join(CORPUS_HUNTING, 'macos/queries/execution_unsigned_or_untrusted_binary_execution_via_python.toml'), 'utf8')).hunt!;
  assert.equal(JSON.parse(r.stdout).name, expected.name);
});

test('view: an unknown uuid or an invalid hunt exits 1; bad usage exits 2', (t) => {
  const unknown = huntkit(['view', '--uuid', '00000000-0000-0000-0000-000000000000', '--path', CORPUS_HUNTING]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /^huntkit view: no hunt with uuid 00000000-0000-0000-0000-000000000000 in /m);

  const dir = tempDir(t);
  writeFileSync(join(dir, 'broken.toml'), '[hunt]\nname = "x"\n');
  const invalid = huntkit(['view', 'broken.toml'], { cwd: dir });
  assert.equal(invalid.status, 1);
  assert.match(invalid.stderr, /^huntkit view: broken\.toml is not a valid hunt:\n {2}missing required field `author`$/m);

  const cases: [string[], RegExp][] = [
    [['view'], /give the hunt to show: --uuid ID or a FILE$/m],
    [['view', '--uuid', DPKG_UUID, DPKG_FILE], /give either --uuid or a FILE, not both$/m],
    [['view', DPKG_FILE, '--path', CORPUS_HUNTING], /--path goes with --uuid$/m],
    [['view', 'missing.toml'], /no such file: missing\.toml$/m],
    [['view', DPKG_FILE, '--format', 'yaml'], /--format must be one of toml, json \(got 'yaml'\)$/m],
  ];
  for (const [args, message] of cases) {
    const r = huntkit(args, { cwd: dir });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
