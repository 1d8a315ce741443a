// The workspace's hunting library in the Explorer's "Hunts" view (grouped by platform, with
// counts) and through the "Huntkit: Search Hunts" command; both open the hunt picked.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { test } from 'node:test';
import { saveScreenshot } from './lib/artifacts.mjs';
import { useSession } from './lib/session.mjs';
import {
  activeEditorTab,
  DEFAULT_TIMEOUT,
  expandTreeRow,
  openWorkspace,
  pickQuickPickItem,
  readQuickPickItems,
  readTreeRows,
  runCommand,
  showExplorerSection,
  treeRow,
  waitForQuickInputTitle,
} from './lib/workbench.mjs';

const HUNT = 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml';
const HUNT_FILE = posix.basename(HUNT);
const HUNT_NAME = 'Persistence via DPKG/RPM Package';

const session = useSession();

test('the Hunts view and Search Hunts list the workspace hunts and open the one picked', async () => {
  const page = await session.page();
  await openWorkspace(page);

  // The tree is filled from the language server's answer: wait for the groups to appear.
  const hunts = await showExplorerSection(page, 'Hunts');
  await treeRow(hunts, 'windows', { level: 1 }).waitFor({ timeout: 60_000 });
  const groups = (await readTreeRows(hunts)).filter((row) => row.level === 1);
  assert.deepEqual(
    groups.map(({ label, description }) => ({ label, description })),
    [
      { label: 'linux', description: '3' },
      { label: 'windows', description: '2' },
    ],
  );

  const linux = treeRow(hunts, 'linux', { level: 1 });
  await expandTreeRow(linux);
  const huntRow = treeRow(hunts, HUNT_NAME, { level: 2 });
  await huntRow.waitFor({ timeout: DEFAULT_TIMEOUT });
  const linuxHunts = (await readTreeRows(hunts)).filter((row) => row.level === 2).map((row) => row.label);
  assert.equal(linuxHunts.length, 3, `three linux hunts, not ${JSON.stringify(linuxHunts)}`);
  assert.ok(linuxHunts.includes(HUNT_NAME), `the linux group lists ${HUNT_NAME}: ${JSON.stringify(linuxHunts)}`);
  await saveScreenshot(page, 'hunts-view');

  await huntRow.click();
  await activeEditorTab(page, HUNT_FILE).waitFor({ timeout: DEFAULT_TIMEOUT });

  // Close it again, so that the search below has to open it.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT });

  await runCommand(page, 'Huntkit: Search Hunts');
  await waitForQuickInputTitle(page, 'Huntkit: Search Hunts');
  const kinds = (await readQuickPickItems(page)).map((item) => item.label);
  assert.deepEqual(kinds, ['Keyword', 'MITRE tactic', 'MITRE technique', 'MITRE sub-technique', 'Data source', 'All hunts']);
  await pickQuickPickItem(page, 'Keyword');

  await waitForQuickInputTitle(page, 'Huntkit: Search Hunts by Keyword');
  await page.locator('.quick-input-widget .quick-input-box input').fill('dpkg');
  await page.keyboard.press('Enter');

  await waitForQuickInputTitle(page, 'Huntkit: 1 hunt');
  const found = await readQuickPickItems(page);
  assert.deepEqual(found.map((item) => item.label), [HUNT_NAME]);
  assert.match(found[0].description, /^linux · /);
  await saveScreenshot(page, 'search-hunts');

  await pickQuickPickItem(page, HUNT_NAME);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
  await activeEditorTab(page, HUNT_FILE).waitFor({ timeout: DEFAULT_TIMEOUT });
});
