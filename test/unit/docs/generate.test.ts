// Planning and writing the hunting docs of a directory: what changes, what is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { huntDocPath, planHuntingDocs, writeHuntingDocs } from '../../../server/docs/generate.ts';
import { firstDifference, unifiedDiff } from '../../../server/docs/textDiff.ts';

const HUNTING = join(CORPUS, 'hunting');

/** A writable copy of the corpus hunting folder. */
function copyOfHunting(t: { after: (fn: () => void) => void }): string {
  const root = join(mkdtempSync(join(tmpdir(), 'huntkit-docs-')), 'hunting');
  cpSync(HUNTING, root, { recursive: true });
  const makeWritable = (path: string) => {
    const isDirectory = statSync(path).isDirectory();
    chmodSync(path, isDirectory ? 0o755 : 0o644);
    if (isDirectory) for (const name of readdirSync(path)) makeWritable(join(path, name));
  };
  makeWritable(root);
  t.after(() => rmSync(join(root, '..'), { recursive: true, force: true }));
  return root;
}

function allFiles(root: string, relative = ''): string[] {
  return readdirSync(join(root, relative)).flatMap((name) => {
    const path = relative ? `${relative}/${name}` : name;
    return statSync(join(root, path)).isDirectory() ? allFiles(root, path) : [path];
  });
}

test('the corpus is up to date: 140 docs and 2 index files planned, nothing to change', () => {
  const plan = planHuntingDocs(HUNTING);
  assert.equal(plan.files.length, 142);
  assert.deepEqual(
    plan.files.filter((file) => file.kind !== 'hunt-doc').map((file) => file.relativePath),
    ['index.yml', 'index.md'],
  );
  assert.deepEqual(plan.changes, []);
  assert.deepEqual(plan.invalid, []);
  assert.deepEqual(plan.orphanDocs, []);
  assert.equal(plan.indexProblem, undefined);
  assert.deepEqual(
    [...plan.duplicateUuids].map(([uuid, hunts]) => [uuid, hunts.map((hunt) => hunt.relativePath)]),
    [
      ['9aaf1113-cf7a-4fd7-b796-f6456fdaffb5', ['macos/queries/command_and_control_suspicious_executable_file_creation_via_python.toml', 'macos/queries/execution_unsigned_or_untrusted_binary_execution_via_python.toml']],
      ['04d4b300-bf2f-4e86-8fab-c51502a1db32', ['macos/queries/defense_evasion_self_deleted_python_script_outbound_network_connection.toml', 'macos/queries/execution_suspicious_python_app_execution_via_streamlit.toml']],
    ],
  );
});

test('huntDocPath puts the doc in the docs folder beside queries', () => {
  assert.equal(huntDocPath('aws/queries/x.toml'), 'aws/docs/x.md');
  assert.equal(huntDocPath('nested/linux/queries/y.toml'), 'nested/linux/docs/y.md');
});

test('renaming a hunt changes exactly its doc and both index files, and writing touches nothing else', (t) => {
  const root = copyOfHunting(t);
  const huntPath = join(root, 'aws/queries/ec2_suspicious_get_user_password_request.toml');
  const original = readFileSync(huntPath, 'utf8');
  const oldName = /^name = "(.*)"$/m.exec(original)![1];
  writeFileSync(huntPath, original.replace(`name = "${oldName}"`, 'name = "Renamed Hunt"'));

  const plan = planHuntingDocs(root);
  assert.deepEqual(
    plan.changes.map((change) => [change.relativePath, change.status]),
    [
      ['aws/docs/ec2_suspicious_get_user_password_request.md', 'update'],
      ['index.yml', 'update'],
      ['index.md', 'update'],
    ],
  );
  assert.deepEqual(firstDifference(plan.changes[0].before!, plan.changes[0].content), { line: 1, before: `# ${oldName}`, after: '# Renamed Hunt' });
  const yamlDiff = unifiedDiff('index.yml', plan.changes[1].before!, plan.changes[1].content);
  assert.match(yamlDiff, new RegExp(`^-    name: ${oldName}\\n\\+    name: Renamed Hunt$`, 'm'));

  const before = new Map(allFiles(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
  assert.deepEqual(writeHuntingDocs(plan), ['aws/docs/ec2_suspicious_get_user_password_request.md', 'index.yml', 'index.md']);
  const changed = allFiles(root).filter((path) => readFileSync(join(root, path), 'utf8') !== before.get(path));
  assert.deepEqual(changed, ['aws/docs/ec2_suspicious_get_user_password_request.md', 'index.md', 'index.yml']);
  assert.deepEqual(planHuntingDocs(root).changes, []);
});

test('a new platform folder gets its docs folder created and goes last in index.yml', (t) => {
  const root = copyOfHunting(t);
  mkdirSync(join(root, 'gcp/queries'), { recursive: true });
  writeFileSync(
    join(root, 'gcp/queries/new_hunt.toml'),
    '[hunt]\nauthor = "Elastic"\ndescription = "d"\nintegration = ["gcp.audit"]\nuuid = "11111111-2222-3333-4444-555555555555"\nname = "New GCP Hunt"\nlanguage = ["ES|QL"]\nlicense = "Elastic License v2"\nnotes = []\nmitre = ["T1078"]\nquery = ["from logs-gcp*\\n| keep user.name\\n"]\n',
  );
  const plan = planHuntingDocs(root);
  assert.deepEqual(
    plan.changes.map((change) => [change.relativePath, change.status]),
    [
      ['gcp/docs/new_hunt.md', 'create'],
      ['index.yml', 'update'],
      ['index.md', 'update'],
    ],
  );
  writeHuntingDocs(plan);
  assert.ok(readFileSync(join(root, 'gcp/docs/new_hunt.md'), 'utf8').startsWith('# New GCP Hunt\n\n---\n'));
  assert.ok(
    readFileSync(join(root, 'index.yml'), 'utf8').endsWith(
      'gcp:\n  11111111-2222-3333-4444-555555555555:\n    name: New GCP Hunt\n    path: ./gcp/queries/new_hunt.toml\n    mitre:\n    - T1078\n',
    ),
  );
  assert.match(readFileSync(join(root, 'index.md'), 'utf8'), /\n\n## gcp\n- \[New GCP Hunt\]\(\.\/gcp\/docs\/new_hunt\.md\) \(ES\|QL\)\n\n\n## linux\n/);
});

test('an invalid hunt gets no doc and keeps its index entry; an unknown doc is reported as orphan', (t) => {
  const root = copyOfHunting(t);
  writeFileSync(join(root, 'okta/queries/rapid_reset_password_requests_for_different_users.toml'), '[hunt]\nname = "broken"\n');
  writeFileSync(join(root, 'okta/docs/left_over.md'), '# gone\n');
  unlinkSync(join(root, 'aws/docs/sns_topic_created_by_rare_user.md'));
  const plan = planHuntingDocs(root);
  assert.deepEqual(
    plan.invalid.map((file) => [file.relativePath, file.problems]),
    [
      [
        'okta/queries/rapid_reset_password_requests_for_different_users.toml',
        [
          'missing required field `author`',
          'missing required field `description`',
          'missing required field `integration`',
          'missing required field `uuid`',
          'missing required field `language`',
          'missing required field `license`',
          'missing required field `query`',
        ],
      ],
    ],
  );
  assert.deepEqual(plan.changes.map((change) => [change.relativePath, change.status]), [['aws/docs/sns_topic_created_by_rare_user.md', 'create']]);
  assert.deepEqual(plan.orphanDocs, ['okta/docs/left_over.md']);
});

test('an unreadable index.yml is reported and rebuilt from the hunts alone', (t) => {
  const root = copyOfHunting(t);
  writeFileSync(join(root, 'index.yml'), 'aws:\n  - not: a mapping\n');
  const plan = planHuntingDocs(root);
  assert.deepEqual(plan.indexProblem, { line: 2, message: 'expected `key:`, found a list item' });
  const yaml = plan.files.find((file) => file.kind === 'index-yml')!.content;
  assert.ok(yaml.startsWith('aws:\n  e6e78858-6482-11ef-93bd-f661ea17fbcc:\n    name: High Frequency of EC2 Multi-Region `DescribeInstances` API Calls\n'), yaml.slice(0, 200));
  assert.deepEqual(plan.changes.map((change) => change.relativePath), ['index.yml']);
});

test('unifiedDiff writes hunks with context and line ranges', () => {
  const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
  const after = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n') + '\n';
  assert.equal(
    unifiedDiff('x.md', before, after, 1),
    '--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10 +10,2 @@\n j\n+k\n',
  );
  assert.equal(unifiedDiff('x.md', before, before), '');
});
