// What a test leaves behind to look at: screenshots in test/e2e/out/, and on failure the tails
// of code-server's log, the extension host's log and Huntkit's own output channel.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { e2e } from './environment.mjs';

const LOG_TAIL_LINES = 40;

/** Saves a full-window screenshot as test/e2e/out/<name>.png and returns its path. */
export async function saveScreenshot(page, name) {
  mkdirSync(e2e.outDir, { recursive: true });
  const path = join(e2e.outDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

function tail(path, lines) {
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function filesBelow(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The logs worth reading when a test fails: code-server's, the extension hosts', and Huntkit's. */
export function relevantLogs() {
  const logsDir = join(e2e.userDataDir, 'logs');
  const vscodeLogs = filesBelow(logsDir)
    .filter((path) => /remoteexthost\.log$|remoteagent\.log$|huntkit/i.test(relative(logsDir, path)))
    .sort();
  return [e2e.serverLog, ...vscodeLogs].filter((path) => existsSync(path));
}

/**
 * Everything a failed test should print: a screenshot of the window as it was, the browser
 * console's errors and the tails of the relevant logs.
 */
export async function describeFailure(page, testName, consoleErrors) {
  const parts = [];
  try {
    parts.push(`screenshot: ${await saveScreenshot(page, `failure-${testName}`)}`);
  } catch (error) {
    parts.push(`no screenshot: ${error instanceof Error ? error.message : error}`);
  }
  if (consoleErrors.length > 0) {
    parts.push(`browser console errors (last ${Math.min(consoleErrors.length, 10)}):\n${consoleErrors.slice(-10).join('\n')}`);
  }
  for (const path of relevantLogs()) {
    parts.push(`--- last ${LOG_TAIL_LINES} lines of ${path} ---\n${tail(path, LOG_TAIL_LINES)}`);
  }
  return parts.join('\n\n');
}
