// The .vsix carries only the bundles, grammars, snippets, README, LICENSE and package.json,
// and every file package.json points at is in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

test('vsce packages exactly the extension files', () => {
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.trim().split('\n').sort();
  const allowed = /^(package\.json|README\.md|LICENSE|dist\/(client|server|cli|cli-main)\.cjs|syntaxes\/[\w.-]+\.json|snippets\/[\w.-]+)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const referenced = [
    manifest.main,
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.languages.filter((l: { configuration?: string }) => l.configuration).map((l: { configuration: string }) => l.configuration),
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    'dist/server.cjs',
    'dist/cli-main.cjs',
  ].map((p: string) => p.replace(/^\.\//, ''));
  assert.deepEqual(referenced.filter((p) => !files.includes(p)), []);
});
