// Duplicate identifiers across documents.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';
import { checkWorkspace, type WorkspaceDocument } from '../../../server/schema/workspace.ts';
import { DEPRECATED_RULE, EQL_RULE, HUNT, ML_RULE, edit } from './fixtures.ts';

const UUID = '4f878255-53b8-4914-9a7d-4b668bd2ea6a';
const RULE_ID = '1dee0500-4aeb-44ca-b24b-4a285d7b6ba1';

function workspace(files: Record<string, string>): WorkspaceDocument[] {
  return Object.entries(files).map(([path, text]) => ({ path, document: parseHuntRuleDocument(text) }));
}

function summary(result: Map<string, { code: string; span: { start: number; end: number }; message: string }[]>, files: Record<string, string>) {
  return [...result]
    .flatMap(([path, diagnostics]) => diagnostics.map((d) => ({ path, code: d.code, text: files[path].slice(d.span.start, d.span.end), message: d.message })))
    .sort((a, b) => a.path.localeCompare(b.path) || a.code.localeCompare(b.code));
}

describe('workspace duplicates', () => {
  test('a hunt uuid shared by two hunts is reported on both, at the value, naming the other file', () => {
    const files = {
      'hunting/a.toml': HUNT,
      'hunting/b.toml': edit(HUNT, 'name = "Low Occurrence Rate of CreateRemoteThread"', 'name = "Another Hunt"'),
      'hunting/c.toml': edit(edit(HUNT, UUID, '00000000-0000-4000-8000-000000000000'), 'name = "Low Occurrence Rate of CreateRemoteThread"', 'name = "Third Hunt"'),
    };
    assert.deepEqual(summary(checkWorkspace(workspace(files)), files), [
      { path: 'hunting/a.toml', code: 'hunt-duplicate-uuid', text: `"${UUID}"`, message: `hunt uuid \`${UUID}\` is also used by hunting/b.toml (5:8)` },
      { path: 'hunting/b.toml', code: 'hunt-duplicate-uuid', text: `"${UUID}"`, message: `hunt uuid \`${UUID}\` is also used by hunting/a.toml (5:8)` },
    ]);
  });

  test('a hunt name shared by three hunts names both others', () => {
    const files = {
      'a.toml': HUNT,
      'b.toml': edit(HUNT, UUID, '00000000-0000-4000-8000-000000000001'),
      'c.toml': edit(HUNT, UUID, '00000000-0000-4000-8000-000000000002'),
    };
    const result = summary(checkWorkspace(workspace(files)), files);
    assert.deepEqual(
      result.map((r) => [r.path, r.code, r.text]),
      ['a.toml', 'b.toml', 'c.toml'].map((p) => [p, 'hunt-duplicate-name', '"Low Occurrence Rate of CreateRemoteThread"']),
    );
    assert.equal(result[1].message, 'hunt name `Low Occurrence Rate of CreateRemoteThread` is also used by a.toml (6:8), c.toml (6:8)');
  });

  test('rules sharing rule_id and name are reported for both keys', () => {
    const files = { 'rules/a.toml': EQL_RULE, 'rules/b.toml': ML_RULE };
    const result = summary(checkWorkspace(workspace(files)), files);
    assert.deepEqual(
      result.map((r) => [r.path, r.code, r.text]),
      [
        ['rules/a.toml', 'rule-duplicate-name', '"Suspicious Test Process"'],
        ['rules/a.toml', 'rule-duplicate-rule-id', `"${RULE_ID}"`],
        ['rules/b.toml', 'rule-duplicate-name', '"Suspicious Test Process"'],
        ['rules/b.toml', 'rule-duplicate-rule-id', `"${RULE_ID}"`],
      ],
    );
  });

  test('a deprecated rule may share its name with its replacement, not its rule_id', () => {
    const replacement = edit(EQL_RULE, RULE_ID, '00000000-0000-4000-8000-000000000003');
    const files = { 'rules/_deprecated/a.toml': DEPRECATED_RULE, 'rules/a.toml': replacement, 'rules/b.toml': EQL_RULE };
    const result = summary(checkWorkspace(workspace(files)), files);
    assert.deepEqual(
      result.map((r) => [r.path, r.code]),
      [
        ['rules/_deprecated/a.toml', 'rule-duplicate-rule-id'],
        ['rules/a.toml', 'rule-duplicate-name'],
        ['rules/b.toml', 'rule-duplicate-name'],
        ['rules/b.toml', 'rule-duplicate-rule-id'],
      ],
    );
  });

  test('hunts and rules never collide with each other, and unique documents get nothing', () => {
    const hunt = edit(HUNT, `"${UUID}"`, `"${RULE_ID}"`);
    const files = { 'hunt.toml': edit(hunt, 'Low Occurrence Rate of CreateRemoteThread', 'Suspicious Test Process'), 'rule.toml': EQL_RULE };
    assert.equal(checkWorkspace(workspace(files)).size, 0);
  });
});
