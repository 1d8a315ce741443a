// Driving the VS Code workbench (code-server) the way a person does: URL, keyboard, quick input,
// Problems view, webviews. Every helper waits for what it needs to see, never for a fixed time.
import { basename, posix } from 'node:path';
import { e2e } from './environment.mjs';

export const DEFAULT_TIMEOUT = 30_000;

/** A RegExp that matches exactly `text`, for Playwright's `hasText`. */
function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Loads the workbench on `folder` (default: the workspace copy run.sh made) with `?folder=` and
 * waits until the window title names that folder, i.e. the workspace is restored.
 */
export async function openWorkspace(page, folder = e2e.workspace, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.goto(`${e2e.serverUrl}/?folder=${encodeURIComponent(folder)}`, { timeout });
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.waitForFunction((name) => document.title.split(' - ').includes(name), basename(folder), { timeout });
}

/** The row of the open quick input (quick open, command palette) whose label is exactly `label`. */
function quickInputRow(page, label, description) {
  let row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: exactly(label) }),
  });
  if (description !== undefined) row = row.filter({ has: page.locator('.label-description', { hasText: exactly(description) }) });
  return row.first();
}

async function openQuickInput(page, shortcut, text, timeout) {
  await page.keyboard.press(shortcut);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text);
}

/**
 * Opens `relativePath` (POSIX, relative to the workspace root) with quick open (Ctrl+P) and waits
 * until its editor tab is the active one.
 */
export async function openFile(page, relativePath, { timeout = DEFAULT_TIMEOUT } = {}) {
  const name = posix.basename(relativePath);
  const folder = posix.dirname(relativePath);
  await openQuickInput(page, 'Control+P', relativePath, timeout);
  // Files at the root have no description in quick open.
  await quickInputRow(page, name, folder === '.' ? undefined : folder).click({ timeout });
  await activeEditorTab(page, name).waitFor({ timeout });
}

/** The active tab of any editor group showing a file named `name`. */
export function activeEditorTab(page, name) {
  // The tab renders the name in two parts (stem and extension); its attribute has it whole.
  return page.locator(`.tabs-container .tab.active[data-resource-name="${name.replace(/["\\]/g, '\\$&')}"]`).first();
}

/**
 * Waits until the active editor's language, as the status bar names it (e.g. 'Markdown'), is
 * `languageName`. A file opened before the extension host has registered its language starts as
 * plain text, and commands whose `when` clause tests `editorLangId` stay hidden until then.
 */
export async function waitForEditorLanguage(page, languageName, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.locator('[id="status.editor.mode"]', { hasText: exactly(languageName) }).waitFor({ timeout });
}

/**
 * Runs a command by its label in the command palette (Ctrl+Shift+P), e.g.
 * `runCommand(page, 'Markdown: Open Preview to the Side')`. Picks the entry whose label is exactly
 * `label`, not merely the first fuzzy match.
 */
export async function runCommand(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  await openQuickInput(page, 'Control+Shift+P', `>${label}`, timeout);
  await quickInputRow(page, label).click({ timeout });
}

/** Shows the Problems view (Ctrl+Shift+M toggles it, so only when it is not visible already). */
export async function showProblems(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const view = page.locator('.markers-panel');
  if (await view.isVisible()) return;
  await page.keyboard.press('Control+Shift+M');
  await view.waitFor({ state: 'visible', timeout });
}

/**
 * Runs inside the page: the problems the Problems view currently renders, in display order, each
 * as { file (absolute path), severity ('error' | 'warning' | 'info'), message, source, code,
 * line, column (1-based) }. With `expected`, only the problems whose fields equal all of
 * `expected`'s, or null when there are none (so it can serve as a waitForFunction predicate).
 */
function problemsInView(expected) {
  const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
  const problems = [];
  let file;
  for (const row of rows) {
    const level = row.getAttribute('aria-level');
    if (level === '1') {
      file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? undefined;
    } else if (level === '2') {
      const text = (selector) => row.querySelector(selector)?.textContent ?? undefined;
      const icon = row.querySelector('.marker-icon');
      const severity = ['error', 'warning', 'info'].find((name) => icon?.classList.contains(name));
      const position = /Ln (\d+), Col (\d+)/.exec(text('.marker-line') ?? '');
      problems.push({
        file,
        severity,
        // A multi-line message is rendered one line per element.
        message: [...row.querySelectorAll('.marker-message')].map((line) => line.textContent).join('\n'),
        source: text('.marker-source'),
        code: text('.marker-code'),
        line: position ? Number(position[1]) : undefined,
        column: position ? Number(position[2]) : undefined,
      });
    }
  }
  if (!expected) return problems;
  const matching = problems.filter((problem) => Object.entries(expected).every(([key, value]) => problem[key] === value));
  return matching.length > 0 ? matching : null;
}

/**
 * The problems the Problems view shows (see problemsInView for their shape). The view renders
 * only the rows that fit, so keep the workspace small or look for one problem with waitForProblem.
 */
export async function readProblems(page) {
  await showProblems(page);
  return page.evaluate(problemsInView, null);
}

/**
 * Shows the Problems view and waits until it lists a problem whose fields equal all of
 * `expected`'s (e.g. { message, code, file }); returns the matching problems. On timeout the
 * error lists what the view showed instead.
 */
export async function waitForProblem(page, expected, { timeout = DEFAULT_TIMEOUT } = {}) {
  await showProblems(page, { timeout });
  try {
    const found = await page.waitForFunction(problemsInView, expected, { timeout, polling: 250 });
    return await found.jsonValue();
  } catch (error) {
    const shown = await page.evaluate(problemsInView, null).catch(() => []);
    throw new Error(
      `no problem matching ${JSON.stringify(expected)} within ${timeout} ms; the Problems view shows ${JSON.stringify(shown, null, 2)}`,
      { cause: error },
    );
  }
}

/**
 * The frame holding the content of the webview whose title is `title` (a string to match
 * exactly, or a RegExp). VS Code nests each webview's content in an iframe#active-frame inside
 * its host iframe, and titles that inner iframe after the webview panel; the content is swapped
 * into a fresh frame on every update, so look the frame up again after changing the webview.
 */
export async function findWebviewFrame(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  const matches = typeof title === 'string' ? (text) => text === title : (text) => title.test(text);
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = [];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const element = await frame.frameElement().catch(() => null);
      const frameTitle = await element?.evaluate((el) => (el.id === 'active-frame' ? el.title : null)).catch(() => null);
      await element?.dispose();
      if (frameTitle == null) continue;
      if (matches(frameTitle)) {
        await frame.waitForLoadState('domcontentloaded', { timeout: Math.max(deadline - Date.now(), 1) });
        return frame;
      }
      seen.push(frameTitle);
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview titled ${title} within ${timeout} ms; the open webviews are titled ${JSON.stringify(seen)}`);
    }
    // Frames come and go with no event that says which webview they belong to: look again shortly.
    await page.waitForTimeout(200);
  }
}

/**
 * Waits until an editor tab whose label is exactly `label` is open (any group; active or not),
 * e.g. a webview panel's title, and returns its locator.
 */
export async function waitForEditorTab(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  const tab = page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
  await tab.waitFor({ timeout });
  return tab;
}

/** The text editor (Monaco) showing the workspace file `relativePath` (POSIX, relative to the workspace root). */
export function textEditor(page, relativePath) {
  const uriPath = relativePath.split('/').map(encodeURIComponent).join('/');
  return page.locator(`.monaco-editor[data-uri$="/${uriPath.replace(/["\\]/g, '\\$&')}"]`).first();
}

/**
 * Focuses the text editor showing `relativePath` with a click in the middle of its left half,
 * clear of the hovers of its tab and breadcrumbs; a click in the middle of its lines' element,
 * as wide as the longest line, would scroll the editor sideways.
 */
export async function focusTextEditor(page, relativePath, { timeout = DEFAULT_TIMEOUT } = {}) {
  const editor = textEditor(page, relativePath);
  await editor.waitFor({ timeout });
  const box = await editor.boundingBox();
  await page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
  // Monaco marks the editor that has the keyboard focus.
  await editor.and(page.locator('.focused')).waitFor({ timeout });
}

/**
 * Moves the cursor of the focused text editor to the start of `line` (1-based) with Go to Line
 * (Ctrl+G) and waits until the status bar shows it there.
 */
export async function goToLine(page, line, { timeout = DEFAULT_TIMEOUT } = {}) {
  // Go to Line opens the quick input with `:` already typed; fill() replaces it.
  await openQuickInput(page, 'Control+G', `:${line}`, timeout);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`^Ln ${line}, Col 1\\b`) }).waitFor({ timeout });
}

/**
 * Replaces the whole of `line` (1-based) in the focused text editor by typing `text` key by key,
 * as a person would: Go to Line, Shift+End, type. Auto-closing and completions see every key (a
 * closing quote types over the one the editor added when the opening quote was typed), so check
 * what the line became, e.g. through what it renders to.
 */
export async function retypeLine(page, line, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  await goToLine(page, line, { timeout });
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text);
}

/**
 * Waits until the element `selector` inside the webview titled `title` (see findWebviewFrame)
 * has the text `expected`, and returns that webview's frame. Looks the frame up again on every
 * try, since a webview's content may move to a fresh frame. On timeout the error says what the
 * element showed last.
 */
export async function waitForWebviewText(page, title, selector, expected, { timeout = DEFAULT_TIMEOUT } = {}) {
  const deadline = Date.now() + timeout;
  let shown;
  for (;;) {
    const frame = await findWebviewFrame(page, title, { timeout: Math.max(deadline - Date.now(), 1) });
    // A frame can go away between finding and reading it: that counts as not there yet.
    shown = await frame.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector).catch(() => undefined);
    if (shown === expected) return frame;
    if (Date.now() > deadline) {
      throw new Error(`the webview titled ${title} did not show ${JSON.stringify(expected)} in \`${selector}\` within ${timeout} ms; it showed ${JSON.stringify(shown)}`);
    }
    await page.waitForTimeout(100);
  }
}

/**
 * Shows the Explorer (Ctrl+Shift+E) and expands its section titled `title` (e.g. a view an
 * extension contributes), returning that section's pane. Leaves an expanded section as it is.
 */
export async function showExplorerSection(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  const explorer = page.locator('[id="workbench.view.explorer"]');
  if (!(await explorer.isVisible())) {
    await page.keyboard.press('Control+Shift+E');
    await explorer.waitFor({ state: 'visible', timeout });
  }
  const pane = explorer.locator('.pane', { has: page.locator('.pane-header .title', { hasText: exactly(title) }) }).first();
  const header = pane.locator('.pane-header').first();
  await header.waitFor({ timeout });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click({ timeout });
  await pane.locator('.pane-header[aria-expanded="true"]').waitFor({ timeout });
  return pane;
}

/**
 * The row of the tree in `container` (e.g. a pane from showExplorerSection) whose label is
 * exactly `label`, at nesting `level` (1 = top level) when given.
 */
export function treeRow(container, label, { level } = {}) {
  const rows = container.locator(level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`);
  return rows.filter({ has: container.page().locator('.label-name', { hasText: exactly(label) }) }).first();
}

/** Runs inside the page: the rows a tree in `container` renders, as { label, description, level, expanded }. */
function treeRowsIn(container) {
  return [...container.querySelectorAll('.monaco-list-row')]
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((row) => ({
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      level: Number(row.getAttribute('aria-level')),
      expanded: row.getAttribute('aria-expanded') ?? undefined,
    }));
}

/** The rows the tree in `container` renders now, in display order (see treeRowsIn). */
export async function readTreeRows(container) {
  return container.evaluate(treeRowsIn);
}

/** Expands the collapsed tree row `row` (a no-op when it is expanded) and waits until it is. */
export async function expandTreeRow(row, { timeout = DEFAULT_TIMEOUT } = {}) {
  await row.waitFor({ timeout });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click({ timeout });
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ timeout });
}

/** Waits until the open quick input (quick pick or input box) is titled exactly `title`. */
export async function waitForQuickInputTitle(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: exactly(title) }).waitFor({ timeout });
}

/**
 * The items the open quick pick lists, in display order, each as { label, description }. A
 * label's icons (`$(search) Keyword`) render as empty elements, so labels are their text alone.
 */
export async function readQuickPickItems(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => ({
        label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        description: row.querySelector('.label-description')?.textContent ?? '',
      })),
  );
}

/** Picks the item of the open quick pick whose label (icons aside) is exactly `label`. */
export async function pickQuickPickItem(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A pointer left resting over the list (from an earlier pick) opens an item's hover,
  // which then covers the rows: move it away first.
  await page.mouse.move(0, 0);
  await page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escaped}$`) }) })
    .first()
    .click({ timeout });
}
