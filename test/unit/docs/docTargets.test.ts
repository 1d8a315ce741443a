// Which files a docs run covers, the part of a plan it writes, and rule page planning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { findDocTargets, findHuntingDirectories, huntingDirectoryOf } from '../../../server/docs/docTargets.ts';
import { planHuntingDocs } from '../../../server/docs/generate.ts';
import { selectHuntingDocs } from '../../../server/docs/huntDocSelection.ts';
import { planRulePages, rulePageName, writeRulePages } from '../../../server/docs/rulePages.ts';
import { ruleMarkdown } from '../../../server/docs/ruleMarkdown.ts';

const HUNT = readFileSync(join(CORPUS, 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml'), 'utf8');
const RULE = readFileSync(join(CORPUS, 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml'), 'utf8');

function tree(t: { after(fn: () => void): void }, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-targets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('the hunting directory of a hunt file: nearest `hunting` ancestor, else the folder above the platform', () => {
  assert.equal(huntingDirectoryOf('/repo/hunting/aws/queries/x.toml'), '/repo/hunting');
  assert.equal(huntingDirectoryOf('/repo/hunting/nested/linux/queries/y.toml'), '/repo/hunting');
  assert.equal(huntingDirectoryOf('/repo/hunting/queries/z.toml'), '/repo/hunting');
  assert.equal(huntingDirectoryOf('/lib/hunts/aws/queries/x.toml'), '/lib/hunts');
  assert.equal(huntingDirectoryOf('/repo/rules/windows/exfiltration_excessive_dns_queries_by_process.toml'), undefined);
  assert.equal(huntingDirectoryOf('/repo/hunting/aws/docs/x.md'), undefined);
});

test('findDocTargets groups hunts by hunting directory and keeps rules; stray TOML in folders is skipped', (t) => {
  const dir = tree(t, {
    'hunting/aws/queries/a.toml': HUNT,
    'hunting/linux/queries/b.toml': HUNT,
    'hunting/linux/queries/broken.toml': '[hunt\n',
    'rules/linux/r.toml': RULE,
    'rules/linux/broken.toml': '[metadata]\n[rule]\nname = "x\n',
    'rules/pyproject.toml': '[project]\nname = "x"\n',
    'loose/hunt.toml': HUNT,
  });
  const targets = findDocTargets([join(dir, 'hunting/linux'), join(dir, 'hunting/aws/queries/a.toml'), join(dir, 'rules')]);
  assert.deepEqual([...targets.hunts].map(([root, hunts]) => [root, [...hunts]]), [[join(dir, 'hunting'), ['linux/queries/b.toml', 'linux/queries/broken.toml', 'aws/queries/a.toml']]]);
  assert.deepEqual(
    targets.rules.map((rule) => [rule.path, rule.document !== undefined, rule.problem]),
    [
      [join(dir, 'rules/linux/broken.toml'), false, 'not valid TOML at 3:10: Unterminated string constant'],
      [join(dir, 'rules/linux/r.toml'), true, undefined],
    ],
  );
  assert.deepEqual(targets.unusable, []);

  const explicit = findDocTargets([join(dir, 'loose/hunt.toml'), join(dir, 'rules/pyproject.toml')]);
  assert.deepEqual(explicit.unusable.map((file) => [file.path, file.reason.split(':')[0]]), [
    [join(dir, 'loose/hunt.toml'), 'a hunt outside a `<platform>/queries/` folder'],
    [join(dir, 'rules/pyproject.toml'), 'neither a hunt (in a `<platform>/queries/` folder) nor a rule (`[metadata]` and `[rule]` tables)'],
  ]);
  assert.throws(() => findDocTargets([join(dir, 'missing')]), /no such file or directory/);
  assert.deepEqual(findHuntingDirectories(dir), [join(dir, 'hunting')]);
});

test('selectHuntingDocs keeps the chosen hunts’ docs and the index files', (t) => {
  const dir = tree(t, { 'hunting/aws/queries/a.toml': HUNT.replace(/^uuid = .*$/m, 'uuid = "a"'), 'hunting/linux/queries/b.toml': HUNT });
  const plan = planHuntingDocs(join(dir, 'hunting'));
  assert.deepEqual(plan.changes.map((change) => change.relativePath), ['aws/docs/a.md', 'linux/docs/b.md', 'index.yml', 'index.md']);
  const paths = (files: { relativePath: string }[]) => files.map((file) => file.relativePath);
  assert.deepEqual(paths(selectHuntingDocs(plan, new Set(['linux/queries/b.toml'])).changes), ['linux/docs/b.md', 'index.yml', 'index.md']);
  assert.deepEqual(paths(selectHuntingDocs(plan, 'none').files), ['index.yml', 'index.md']);
  assert.deepEqual(selectHuntingDocs(plan, 'all').changes, plan.changes);
});

test('planRulePages: new, changed and unchanged pages; invalid files; same-named rules collide', (t) => {
  const dir = tree(t, { 'out/same.md': ruleMarkdown({ rule: { name: 'Same' } }), 'out/changed.md': 'old\n' });
  const out = join(dir, 'out');
  const plan = planRulePages(
    [
      { path: '/r/linux/new.toml', document: { rule: { name: 'New' } } },
      { path: '/r/linux/same.toml', document: { rule: { name: 'Same' } } },
      { path: '/r/linux/changed.toml', document: { rule: { name: 'Changed' } } },
      { path: '/r/linux/twin.toml', document: { rule: { name: 'Twin' } } },
      { path: '/r/_deprecated/twin.toml', document: { rule: { name: 'Old twin' } } },
      { path: '/r/linux/bad.toml', problem: 'not valid TOML' },
    ],
    out,
  );
  assert.deepEqual(plan.pages.map((page) => [page.outputPath, page.status, page.before]), [
    [join(out, 'new.md'), 'create', undefined],
    [join(out, 'same.md'), 'unchanged', ruleMarkdown({ rule: { name: 'Same' } })],
    [join(out, 'changed.md'), 'update', 'old\n'],
  ]);
  assert.deepEqual(plan.collisions, [{ outputPath: join(out, 'twin.md'), sourcePaths: ['/r/linux/twin.toml', '/r/_deprecated/twin.toml'] }]);
  assert.deepEqual(plan.invalid, [{ path: '/r/linux/bad.toml', problem: 'not valid TOML' }]);
  assert.deepEqual(writeRulePages(plan), [join(out, 'new.md'), join(out, 'changed.md')]);
  assert.equal(readFileSync(join(out, 'changed.md'), 'utf8'), ruleMarkdown({ rule: { name: 'Changed' } }));
  assert.equal(rulePageName('rules/linux/x.toml'), 'x.md');
});
