// Finding TOML files: folders are walked (links followed), build and VCS folders skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTomlFiles } from '../../../server/service/files.ts';

test('finds .toml files below folders and through links, sorted, skipping node_modules and .git', () => {
  const root = mkdtempSync(join(tmpdir(), 'huntkit-files-'));
  try {
    const elsewhere = mkdtempSync(join(tmpdir(), 'huntkit-linked-'));
    try {
      mkdirSync(join(root, 'rules/linux'), { recursive: true });
      mkdirSync(join(root, 'node_modules/x'), { recursive: true });
      mkdirSync(join(root, '.git'), { recursive: true });
      for (const f of ['rules/linux/b.toml', 'rules/a.toml', 'rules/notes.md', 'node_modules/x/c.toml', '.git/d.toml']) writeFileSync(join(root, f), '');
      writeFileSync(join(elsewhere, 'linked.toml'), '');
      symlinkSync(elsewhere, join(root, 'rules/linked-folder'));
      symlinkSync(join(elsewhere, 'linked.toml'), join(root, 'rules/link.toml'));
      symlinkSync(join(root, 'missing'), join(root, 'rules/dangling.toml'));
      assert.deepEqual(
        findTomlFiles([root]).map((f) => f.slice(root.length + 1)),
        ['rules/a.toml', 'rules/link.toml', 'rules/linked-folder/linked.toml', 'rules/linux/b.toml'],
      );
      // Paths come out absolute and normalized however the folder was written.
      const relative = join(root, 'rules').slice(process.cwd().length + 1);
      for (const written of [`${root}/rules/`, `${root}//rules/./linux/..`, ...(root.startsWith(process.cwd()) ? [relative] : [])]) {
        assert.deepEqual(findTomlFiles([written]), findTomlFiles([join(root, 'rules')]), written);
      }
      assert.ok(findTomlFiles([join(root, 'rules')]).every((f) => f.startsWith(join(root, 'rules') + '/') && !f.includes('//')));
      // A file given directly is taken as it is.
      assert.deepEqual(findTomlFiles([join(root, 'rules/notes.md')]), [join(root, 'rules/notes.md')]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
