// `huntkit docs` run as a subprocess on temp copies of the corpus hunting folder and rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { huntkit } from '../../support/cli.ts';
import { CORPUS, tomlFiles } from '../../support/corpus.ts';
import { planHuntingDocs } from '../../../server/docs/generate.ts';
import { ruleMarkdown } from '../../../server/docs/ruleMarkdown.ts';
import { changedPaths, copyWritable, snapshot, tempDir, withHuntingCopy } from './fixtures.ts';

const DPKG = 'linux/queries/persistence_via_rpm_dpkg_installer_packages.toml';
const DPKG_DOC = 'linux/docs/persistence_via_rpm_dpkg_installer_packages.md';
const EC2 = 'aws/queries/ec2_suspicious_get_user_password_request.toml';
const EC2_DOC = 'aws/docs/ec2_suspicious_get_user_password_request.md';
/** The corpus has two pairs of hunts sharing a uuid; every docs run warns about them. */
const DUPLICATE_UUID_WARNINGS = 2;

function rename(root: string, huntPath: string, newName: string): string {
  const path = join(root, huntPath);
  const text = readFileSync(path, 'utf8');
  const oldName = /^name = "(.*)"$/m.exec(text)![1];
  writeFileSync(path, text.replace(`name = "${oldName}"`, `name = "${newName}"`));
  return oldName;
}

test('docs --dry-run on an untouched copy prints no diff, writes nothing and exits 0', (t) => {
  const dir = withHuntingCopy(t);
  const before = snapshot(dir);
  const r = huntkit(['docs', '--dry-run'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^hunting: 0 files would change, 142 up to date \(dry run: nothing written\)$/m);
  assert.equal(r.stderr.match(/^warning: uuid /gm)?.length, DUPLICATE_UUID_WARNINGS);
  assert.deepEqual(changedPaths(before, snapshot(dir)), []);
});

test('after renaming a hunt, the dry-run diff applies cleanly and docs rewrites exactly its doc and the index files', (t) => {
  const dir = withHuntingCopy(t);
  const root = join(dir, 'hunting');
  const oldName = rename(root, DPKG, 'Renamed DPKG Hunt');
  const planned = planHuntingDocs(root);
  assert.deepEqual(
    planned.changes.map((change) => change.relativePath),
    [DPKG_DOC, 'index.yml', 'index.md'],
  );
  const before = snapshot(dir);

  const dryRun = huntkit(['docs', '--dry-run'], { cwd: dir });
  assert.equal(dryRun.status, 0, dryRun.stderr);
  assert.deepEqual(
    dryRun.stdout.match(/^\+\+\+ .*$/gm),
    [`+++ b/hunting/${DPKG_DOC}`, '+++ b/hunting/index.yml', '+++ b/hunting/index.md'],
  );
  assert.match(dryRun.stdout, new RegExp(`^-# ${oldName.replace(/[/]/g, '\\/')}\\n\\+# Renamed DPKG Hunt$`, 'm'));
  assert.match(dryRun.stderr, /^hunting: 3 files would change, 139 up to date/m);
  assert.deepEqual(changedPaths(before, snapshot(dir)), [], 'a dry run writes nothing');

  // The printed diff is a real patch: applied to the copy it produces what the generator plans.
  const patch = join(dir, '..', `${basename(dir)}.patch`);
  writeFileSync(patch, dryRun.stdout);
  t.after(() => rmSync(patch, { force: true }));
  const applied = spawnSync('git', ['apply', '--unsafe-paths', patch], { cwd: dir, encoding: 'utf8' });
  assert.equal(applied.status, 0, applied.stderr);
  for (const change of planned.changes) assert.equal(readFileSync(join(root, change.relativePath), 'utf8'), change.content, change.relativePath);

  // Back to the renamed-but-not-generated state, then generate for real.
  for (const change of planned.changes) writeFileSync(join(root, change.relativePath), change.before!);
  const r = huntkit(['docs'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `updated hunting/${DPKG_DOC}\nupdated hunting/index.yml\nupdated hunting/index.md\nhunting: wrote 3 files, 139 up to date\n`);
  const after = snapshot(dir);
  assert.deepEqual(changedPaths(before, after), ['hunting/index.md', 'hunting/index.yml', `hunting/${DPKG_DOC}`]);
  for (const change of planned.changes) assert.equal(after.get(`hunting/${change.relativePath}`), change.content, change.relativePath);
  assert.deepEqual(planHuntingDocs(root).changes, []);
});

test('docs on a platform folder or a hunt file writes only those hunts’ docs (and the index files)', (t) => {
  const dir = withHuntingCopy(t);
  const root = join(dir, 'hunting');
  rename(root, DPKG, 'Renamed Linux Hunt');
  rename(root, EC2, 'Renamed AWS Hunt');
  const planned = new Map(planHuntingDocs(root).changes.map((change) => [change.relativePath, change.content]));
  const before = snapshot(dir);

  const aws = huntkit(['docs', 'hunting/aws'], { cwd: dir });
  assert.equal(aws.status, 0, aws.stderr);
  const awsHunts = tomlFiles(join(root, 'aws')).length;
  assert.equal(aws.stdout, `updated hunting/${EC2_DOC}\nupdated hunting/index.yml\nupdated hunting/index.md\nhunting: wrote 3 files, ${awsHunts + 2 - 3} up to date\n`);
  const afterAws = snapshot(dir);
  assert.deepEqual(changedPaths(before, afterAws), [`hunting/${EC2_DOC}`, 'hunting/index.md', 'hunting/index.yml']);
  // The index covers the whole library, so it already carries the Linux rename too.
  assert.equal(afterAws.get('hunting/index.yml'), planned.get('index.yml'));

  const file = huntkit(['docs', `hunting/${DPKG}`], { cwd: dir });
  assert.equal(file.status, 0, file.stderr);
  assert.equal(file.stdout, `updated hunting/${DPKG_DOC}\nhunting: wrote 1 file, 2 up to date\n`);
  assert.deepEqual(changedPaths(afterAws, snapshot(dir)), [`hunting/${DPKG_DOC}`]);
  assert.equal(readFileSync(join(root, DPKG_DOC), 'utf8'), planned.get(DPKG_DOC));
});

test('a new hunt in a new platform folder: its doc is created (diffed against /dev/null)', (t) => {
  const dir = withHuntingCopy(t);
  const root = join(dir, 'hunting');
  mkdirSync(join(root, 'gcp/queries'), { recursive: true });
  writeFileSync(
    join(root, 'gcp/queries/new_hunt.toml'),
    '[hunt]\nauthor = "Elastic"\ndescription = "d"\nintegration = ["gcp.audit"]\nuuid = "11111111-2222-3333-4444-555555555555"\nname = "New GCP Hunt"\nlanguage = ["ES|QL"]\nlicense = "Elastic License v2"\nmitre = ["T1078"]\nquery = ["from logs-gcp*\\n| keep user.name\\n"]\n',
  );
  const dryRun = huntkit(['docs', '--dry-run', 'hunting/gcp'], { cwd: dir });
  assert.equal(dryRun.status, 0, dryRun.stderr);
  assert.ok(dryRun.stdout.startsWith('--- /dev/null\n+++ b/hunting/gcp/docs/new_hunt.md\n@@ -0,0 +1,'), dryRun.stdout.slice(0, 200));
  assert.match(dryRun.stdout, /^\+# New GCP Hunt$/m);

  const r = huntkit(['docs', 'hunting/gcp'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'created hunting/gcp/docs/new_hunt.md\nupdated hunting/index.yml\nupdated hunting/index.md\nhunting: wrote 3 files, 0 up to date\n');
  assert.ok(readFileSync(join(root, 'gcp/docs/new_hunt.md'), 'utf8').startsWith('# New GCP Hunt\n\n---\n'));
});

test('an invalid hunt is reported with exit 1 while the other docs are still written', (t) => {
  const dir = withHuntingCopy(t);
  const root = join(dir, 'hunting');
  writeFileSync(join(root, 'okta/queries/rapid_reset_password_requests_for_different_users.toml'), '[hunt]\nname = "broken"\nauthor = "x"\n');
  rename(root, EC2, 'Renamed AWS Hunt');
  const before = snapshot(dir);
  const r = huntkit(['docs'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error: hunting\/okta\/queries\/rapid_reset_password_requests_for_different_users\.toml: missing required field `description` \(skipped\)$/m);
  assert.equal(r.stderr.match(/^error: /gm)?.length, 6, r.stderr);
  assert.deepEqual(changedPaths(before, snapshot(dir)), [`hunting/${EC2_DOC}`, 'hunting/index.md', 'hunting/index.yml']);
});

test('rule files: one reference page per rule in --out, named after the rule file; a later dry run diffs just the edited page', (t) => {
  const dir = tempDir(t);
  const rulesDir = join(CORPUS, 'rules/linux');
  const ruleFiles = tomlFiles(rulesDir);

  const r = huntkit(['docs', rulesDir, '--out', 'pages'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^rule pages in pages: wrote ${ruleFiles.length} files, 0 up to date$`, 'm'));
  const pages = snapshot(join(dir, 'pages'));
  assert.equal(pages.size, ruleFiles.length);
  for (const file of [ruleFiles[0], ruleFiles.at(-1)!, join(rulesDir, 'persistence_dnf_package_manager_plugin_file_creation.toml')]) {
    const document = getStaticTOMLValue(parseTOML(readFileSync(file, 'utf8'))) as Record<string, unknown>;
    assert.equal(pages.get(basename(file).replace(/\.toml$/, '.md')), ruleMarkdown(document), file);
  }

  const page = join(dir, 'pages/persistence_dnf_package_manager_plugin_file_creation.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('**Severity**: low', '**Severity**: high'));
  const dryRun = huntkit(['docs', '--dry-run', '--out', 'pages', rulesDir], { cwd: dir });
  assert.equal(dryRun.status, 0, dryRun.stderr);
  assert.equal(dryRun.stdout.match(/^\+\+\+ /gm)?.length, 1);
  assert.match(dryRun.stdout, /^-\*\*Severity\*\*: high\n\+\*\*Severity\*\*: low$/m);
  assert.match(dryRun.stderr, new RegExp(`^rule pages in pages: 1 file would change, ${ruleFiles.length - 1} up to date`, 'm'));
});

test('two rules with the same file name would overwrite each other: both are refused with exit 1, the rest is written', (t) => {
  const dir = tempDir(t);
  const dnf = 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml';
  const live = 'rules/linux/defense_evasion_attempt_to_disable_iptables_or_firewall.toml';
  const deprecated = 'rules/_deprecated/defense_evasion_attempt_to_disable_iptables_or_firewall.toml';
  for (const path of [dnf, live, deprecated]) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    copyWritable(join(CORPUS, path), join(dir, path));
  }
  writeFileSync(join(dir, 'rules/pyproject.toml'), '[project]\nname = "not a rule"\n');
  const r = huntkit(['docs', 'rules', '--out', 'pages'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(
    r.stderr,
    `error: ${deprecated} and ${live} would both write pages/defense_evasion_attempt_to_disable_iptables_or_firewall.md; generate them into different folders (no page generated)\n`,
  );
  assert.equal(r.stdout, 'created pages/persistence_dnf_package_manager_plugin_file_creation.md\nrule pages in pages: wrote 1 file, 0 up to date\n');
  assert.deepEqual([...snapshot(join(dir, 'pages')).keys()], ['persistence_dnf_package_manager_plugin_file_creation.md']);
});

test('bad usage exits 2 with a clear message', (t) => {
  const dir = withHuntingCopy(t);
  const rule = join(CORPUS, 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml');
  writeFileSync(join(dir, 'other.toml'), 'title = "x"\n');
  const cases: [string[], RegExp][] = [
    [['docs', '--bogus'], /^huntkit docs: Unknown option '--bogus'/],
    [['docs', rule], /^huntkit docs: 1 rule file given: rule reference pages need --out DIR$/m],
    [['docs', 'hunting', '--out', 'pages'], /^huntkit docs: --out is for rule reference pages, and no rule files were given$/m],
    [['docs', 'missing'], /^huntkit docs: no such file or directory: missing$/m],
    [['docs', 'other.toml'], /^ {2}other\.toml: neither a hunt \(in a `<platform>\/queries\/` folder\) nor a rule/m],
  ];
  for (const [args, message] of cases) {
    const r = huntkit(args, { cwd: dir });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^usage: huntkit docs /m);
  }
  const empty = huntkit(['docs'], { cwd: tempDir(t) });
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^huntkit docs: found no hunting directory \(with <platform>\/queries\/\*\.toml files\) under the current directory; name one as PATH$/m);
});
