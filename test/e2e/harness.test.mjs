// The harness's own helpers against parts of VS Code that are there whatever Huntkit does:
// the command palette and a webview (the built-in Markdown preview).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { saveScreenshot } from './lib/artifacts.mjs';
import { e2e } from './lib/environment.mjs';
import { useSession } from './lib/session.mjs';
import { findWebviewFrame, openFile, openWorkspace, runCommand, waitForEditorLanguage } from './lib/workbench.mjs';

const MARKDOWN_FILE = 'e2e-harness.md';

const session = useSession();
before(async () => {
  writeFileSync(join(e2e.workspace, MARKDOWN_FILE), '# Harness heading\n\nA paragraph with `code`.\n');
});

test('findWebviewFrame reads the DOM of a webview opened from the command palette', async () => {
  const page = await session.page();
  await openWorkspace(page);
  await openFile(page, MARKDOWN_FILE);
  await waitForEditorLanguage(page, 'Markdown');
  await runCommand(page, 'Markdown: Open Preview to the Side');

  // VS Code has titled the preview's frame both `Preview x.md` and `[Preview] x.md`.
  const preview = await findWebviewFrame(page, /^\[?Preview\]? e2e-harness\.md$/);
  const heading = preview.locator('h1');
  await heading.waitFor();
  assert.equal(await heading.textContent(), 'Harness heading');
  assert.equal(await preview.locator('p code').textContent(), 'code');
  await saveScreenshot(page, 'harness-markdown-preview');
});
