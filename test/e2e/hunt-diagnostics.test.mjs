// A hunt file with a seeded error gets its diagnostic in VS Code's Problems view, and the
// huntkit.diagnostics.ignore setting hides and shows it again as the setting changes.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { saveScreenshot } from './lib/artifacts.mjs';
import { e2e } from './lib/environment.mjs';
import { useSession } from './lib/session.mjs';
import { openFile, openWorkspace, readProblems, waitForProblem } from './lib/workbench.mjs';

// A complete hunt but for its required `description` (shared with the desktop VS Code tests).
const SEEDED_HUNT_FIXTURE = new URL('./fixtures/hunt-without-description.toml', import.meta.url);
const SEEDED_HUNT = 'hunting/linux/queries/e2e_hunt_without_description.toml';
// Reported at the table's name in the `[hunt]` header: line 1, column 2.
const EXPECTED_PROBLEM = {
  file: join(e2e.workspace, SEEDED_HUNT),
  severity: 'error',
  message: 'missing required key `description` in [hunt]',
  source: 'huntkit',
  code: 'hunt-missing-key',
  line: 1,
  column: 2,
};

const session = useSession();
before(async () => {
  const path = join(e2e.workspace, SEEDED_HUNT);
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(SEEDED_HUNT_FIXTURE, path);
});

test('a hunt missing a required key shows its diagnostic in the Problems view', async () => {
  const page = await session.page();
  await openWorkspace(page);
  await openFile(page, SEEDED_HUNT);
  await waitForProblem(page, { message: EXPECTED_PROBLEM.message }, { timeout: 60_000 });
  await saveScreenshot(page, 'hunt-diagnostics-problems');

  const problems = await readProblems(page);
  assert.deepEqual(
    problems.filter((problem) => problem.file === EXPECTED_PROBLEM.file),
    [EXPECTED_PROBLEM],
  );
});

/** Polls the Problems view until `accept` takes the seeded hunt's problems; returns them. */
async function waitForSeededProblems(page, accept, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const problems = (await readProblems(page)).filter((problem) => problem.file === EXPECTED_PROBLEM.file);
    if (accept(problems)) return problems;
    if (Date.now() > deadline) throw new Error(`the Problems view still shows ${JSON.stringify(problems)} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('huntkit.diagnostics.ignore in the workspace settings hides the code, and removing it shows it again', async () => {
  const page = await session.page();
  await openWorkspace(page);
  await openFile(page, SEEDED_HUNT);
  await waitForProblem(page, { message: EXPECTED_PROBLEM.message }, { timeout: 60_000 });

  const settings = join(e2e.workspace, '.vscode', 'settings.json');
  mkdirSync(dirname(settings), { recursive: true });
  writeFileSync(settings, JSON.stringify({ 'huntkit.diagnostics.ignore': ['hunt-missing-key'] }, null, 2));
  try {
    await waitForSeededProblems(page, (problems) => problems.length === 0);
    await saveScreenshot(page, 'hunt-diagnostics-ignored');
  } finally {
    // The sample workspace has no .vscode folder of its own: leave none behind.
    rmSync(dirname(settings), { recursive: true });
  }
  assert.deepEqual(await waitForSeededProblems(page, (problems) => problems.length > 0), [EXPECTED_PROBLEM]);
});
