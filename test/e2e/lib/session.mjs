// One headless Chromium with a fresh profile, showing the code-server that run.sh started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach } from 'node:test';
import { chromium } from '../.toolchain/node_modules/playwright-core/index.mjs';
import { describeFailure } from './artifacts.mjs';
import { e2e } from './environment.mjs';

// Without the networking flags Chromium keeps dialling Google's hosts, which this closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts a browser session: a fresh Chromium profile showing a blank page. */
export async function startSession({ viewport = { width: 1400, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'huntkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: e2e.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return {
    page,
    /** Errors the workbench logged to the browser console so far. */
    consoleErrors,
    /** Screenshot, console errors and log tails for a failed test, as one printable text. */
    describeFailure: (testName) => describeFailure(page, testName, consoleErrors),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The browser session of a test file, for its tests to share. Call it at the top level of the
 * file: it registers hooks that print a failed test's screenshot path, console errors and log
 * tails, and close the browser after the file's last test. The browser starts on the first
 * `await session.page()`, inside a test: a `before` hook would start one even when
 * --test-name-pattern filters out every test, and node:test then runs `after` too early to close it.
 *
 *   const session = useSession();
 *   test('...', async () => {
 *     const page = await session.page();
 *     ...
 *   });
 */
export function useSession(options) {
  let started;
  afterEach(async (t) => {
    if (!t.passed && started) console.error(await (await started).describeFailure(t.name));
  });
  after(async () => {
    if (started) await (await started).close();
  });
  return {
    async page() {
      started ??= startSession(options);
      return (await started).page;
    },
  };
}
