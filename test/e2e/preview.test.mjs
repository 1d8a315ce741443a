// Huntkit's preview of a hunt: rendered in a webview beside the editor, under a strict CSP, and
// re-rendered from the unsaved text as the hunt is edited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { saveScreenshot } from './lib/artifacts.mjs';
import { e2e } from './lib/environment.mjs';
import { useSession } from './lib/session.mjs';
import {
  activeEditorTab,
  focusTextEditor,
  openFile,
  openWorkspace,
  retypeLine,
  runCommand,
  waitForEditorLanguage,
  waitForEditorTab,
  waitForWebviewText,
} from './lib/workbench.mjs';

const HUNT = 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml';
const HUNT_NAME = 'Persistence via DPKG/RPM Package';
const EDITED_NAME = `${HUNT_NAME} (edited)`;
// The preview re-renders 250 ms after the last change; allow for the language server's round trip.
const RERENDER_TIMEOUT = 5_000;

/** Runs inside the webview: its CSP meta tags, the nonces of its scripts and its query blocks. */
function previewPage() {
  return {
    policies: [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((meta) => meta.content),
    // The browser hides a nonce from getAttribute once the script has run; the property keeps it.
    scriptNonces: [...document.scripts].map((script) => script.nonce),
    codeBlocks: [...document.querySelectorAll('pre code')].map((code) => ({
      className: code.className,
      firstLine: code.textContent.split('\n')[0],
      highlightClasses: [...new Set([...code.querySelectorAll('span[class^="hk-"]')].map((span) => span.className))].sort(),
    })),
  };
}

/** A CSP as a map from directive name to its sources. */
function directives(policy) {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

const session = useSession();

test('the hunt preview renders the hunt and follows unsaved edits to its name', async () => {
  const page = await session.page();
  const huntPath = join(e2e.workspace, HUNT);
  const nameLine = readFileSync(huntPath, 'utf8').split('\n').indexOf(`name = "${HUNT_NAME}"`) + 1;
  assert.ok(nameLine > 0, `${HUNT} has no line name = "${HUNT_NAME}"`);

  await openWorkspace(page);
  await openFile(page, HUNT);
  // TOML is the extension's language: once the status bar says so, its extension host is up
  // (a fresh session starts a new one; a clean CI run once ran the command before it was).
  await waitForEditorLanguage(page, 'TOML');
  await runCommand(page, 'Huntkit: Open Preview to the Side');
  await waitForEditorTab(page, `Preview ${HUNT_NAME}`);
  const preview = await waitForWebviewText(page, `Preview ${HUNT_NAME}`, 'h1', HUNT_NAME);
  await saveScreenshot(page, 'preview-before');

  const shown = await preview.evaluate(previewPage);
  assert.equal(shown.policies.length, 1, `one CSP meta tag, not ${JSON.stringify(shown.policies)}`);
  const policy = directives(shown.policies[0]);
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  const scriptSources = policy.get('script-src') ?? [];
  assert.equal(scriptSources.length, 1, `script-src allows only a nonce, not ${JSON.stringify(scriptSources)}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=_-]{16,})'$/.exec(scriptSources[0])?.[1];
  assert.ok(nonce, `script-src is a nonce, not ${scriptSources[0]}`);
  assert.ok(shown.scriptNonces.includes(nonce), `a script of the page carries the nonce ${nonce}: ${JSON.stringify(shown.scriptNonces)}`);

  // Two ES|QL queries and one osquery SQL query, each highlighted in its own language.
  assert.deepEqual(
    shown.codeBlocks.map(({ className, firstLine }) => ({ className, firstLine })),
    [
      { className: 'language-esql', firstLine: 'from logs-endpoint.events.file-*' },
      { className: 'language-esql', firstLine: 'from logs-endpoint.events.process-*' },
      { className: 'language-sql', firstLine: 'SELECT' },
    ],
  );
  for (const block of shown.codeBlocks) {
    assert.ok(block.highlightClasses.includes('hk-keyword'), `${block.className} block has hk-keyword spans: ${block.highlightClasses}`);
  }
  assert.ok(shown.codeBlocks[0].highlightClasses.includes('hk-field'), `the ES|QL block highlights fields: ${shown.codeBlocks[0].highlightClasses}`);

  await focusTextEditor(page, HUNT);
  await retypeLine(page, nameLine, `name = "${EDITED_NAME}"`);
  const typed = Date.now();
  // The frame's title follows the panel's at its own pace: accept either while the h1 changes.
  const anyTitle = new RegExp(`^Preview ${HUNT_NAME.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( \\(edited\\))?$`);
  await waitForWebviewText(page, anyTitle, 'h1', EDITED_NAME, { timeout: RERENDER_TIMEOUT });
  const rerenderMs = Date.now() - typed;
  await waitForEditorTab(page, `Preview ${EDITED_NAME}`, { timeout: RERENDER_TIMEOUT });
  await saveScreenshot(page, 'preview-after');
  console.log(`preview re-rendered ${rerenderMs} ms after the last key`);

  // Rendered from the editor's text, not the file: the hunt is unsaved and unchanged on disk.
  assert.match((await activeEditorTab(page, basename(HUNT)).getAttribute('class')) ?? '', /\bdirty\b/);
  assert.ok(readFileSync(huntPath, 'utf8').includes(`name = "${HUNT_NAME}"\n`), 'the hunt on disk keeps its name');

  // Reverting is an edit too; it also leaves no unsaved hunt for the workspace's next window.
  await runCommand(page, 'File: Revert File');
  await waitForWebviewText(page, anyTitle, 'h1', HUNT_NAME, { timeout: RERENDER_TIMEOUT });
  await waitForEditorTab(page, `Preview ${HUNT_NAME}`, { timeout: RERENDER_TIMEOUT });
});
