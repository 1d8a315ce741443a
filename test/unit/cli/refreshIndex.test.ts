// `huntkit index`: refreshing index.yml and index.md only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';
import { planHuntingDocs } from '../../../server/docs/generate.ts';
import { changedPaths, snapshot, tempDir, withHuntingCopy } from './fixtures.ts';

const DPKG = 'linux/queries/persistence_via_rpm_dpkg_installer_packages.toml';

test('index --dry-run on an untouched copy prints no diff and counts the 2 index files up to date', (t) => {
  const dir = withHuntingCopy(t);
  const r = huntkit(['index', '--dry-run', 'hunting'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^hunting: 0 files would change, 2 up to date \(dry run: nothing written\)$/m);
});

test('after a rename, index rewrites index.yml and index.md only, as the generator plans them', (t) => {
  const dir = withHuntingCopy(t);
  const root = join(dir, 'hunting');
  const path = join(root, DPKG);
  writeFileSync(path, readFileSync(path, 'utf8').replace('name = "Persistence via DPKG/RPM Package"', 'name = "Renamed"'));
  const planned = new Map(planHuntingDocs(root).changes.map((change) => [change.relativePath, change.content]));
  const before = snapshot(dir);

  const dryRun = huntkit(['index', '--dry-run'], { cwd: dir });
  assert.equal(dryRun.status, 0, dryRun.stderr);
  assert.deepEqual(dryRun.stdout.match(/^\+\+\+ .*$/gm), ['+++ b/hunting/index.yml', '+++ b/hunting/index.md']);
  assert.match(dryRun.stdout, /^-    name: Persistence via DPKG\/RPM Package\n\+    name: Renamed$/m);

  const r = huntkit(['index'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'updated hunting/index.yml\nupdated hunting/index.md\nhunting: wrote 2 files, 0 up to date\n');
  const after = snapshot(dir);
  assert.deepEqual(changedPaths(before, after), ['hunting/index.md', 'hunting/index.yml']);
  assert.equal(after.get('hunting/index.yml'), planned.get('index.yml'));
  assert.equal(after.get('hunting/index.md'), planned.get('index.md'));
  assert.ok(planned.has('linux/docs/persistence_via_rpm_dpkg_installer_packages.md'), 'the doc is stale, and index leaves it so');
});

test('a missing index.yml is created from the hunt files; index.md, sorted by name, comes out the same', (t) => {
  const dir = withHuntingCopy(t);
  rmSync(join(dir, 'hunting/index.yml'));
  const planned = planHuntingDocs(join(dir, 'hunting')).files.find((file) => file.kind === 'index-yml')!.content;
  const r = huntkit(['index', join(dir, 'hunting')], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'created hunting/index.yml\nhunting: wrote 1 file, 1 up to date\n');
  const yaml = readFileSync(join(dir, 'hunting/index.yml'), 'utf8');
  assert.equal(yaml, planned);
  assert.equal(yaml.match(/^ {4}name: /gm)?.length, 138, '140 hunts, two pairs sharing a uuid');
});

test('index: no hunts exits 1; bad usage exits 2', (t) => {
  const dir = tempDir(t);
  const none = huntkit(['index', '.'], { cwd: dir });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /^error: \. holds no readable hunt file/m);
  const two = huntkit(['index', 'a', 'b'], { cwd: dir });
  assert.equal(two.status, 2);
  assert.match(two.stderr, /^huntkit index: expected one hunting directory, got 2$/m);
  const file = huntkit(['index', 'nowhere'], { cwd: dir });
  assert.equal(file.status, 2);
  assert.match(file.stderr, /^huntkit index: nowhere is not a directory$/m);
});
