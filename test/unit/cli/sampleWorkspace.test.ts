// The sample workspace is what the README's main job and the e2e tests use: it must stay clean,
// and its rule and hunt tests must pass (and fail when their expectations are wrong).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huntkit, ROOT } from '../../support/cli.ts';

const SAMPLES = join(ROOT, 'samples/workspace');

test('huntkit test passes on the sample workspace, with a JUnit report CI understands', () => {
  const r = huntkit(['test', SAMPLES, '--format', 'junit']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal([...r.stdout.matchAll(/<testcase /g)].length, 4);
  assert.equal([...r.stdout.matchAll(/<skipped/g)].length, 1);
  assert.doesNotMatch(r.stdout, /<failure/);
});

test('a wrong expectation fails the test with exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-samples-'));
  cpSync(SAMPLES, dir, { recursive: true });
  const expectations = join(dir, 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.test.toml');
  writeFileSync(expectations, readFileSync(expectations, 'utf8').replace('count = 1\n', 'count = 2\n'));
  const r = huntkit(['test', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^FAIL .*persistence_via_rpm_dpkg_installer_packages\.toml query 0 \(ES\|QL\)/m);
});
