// `npm run test:vscode`: the extension's tests (test/vscode/suite/) inside desktop VS Code, which
// @vscode/test-electron downloads. Where VS Code cannot be had (no internet and nothing cached, or
// HUNTKIT_OFFLINE set) it says so and exits 0: the end-to-end tests (test/e2e/, code-server) cover
// the extension on such machines.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
// Fail fast instead of hanging on a network that answers nothing.
const DOWNLOAD_TIMEOUT_MS = 5_000;
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|timed? ?out|socket hang up|certificate/i;

function skip(reason) {
  console.log(`test:vscode skipped: ${reason}`);
  process.exit(0);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.HUNTKIT_OFFLINE && process.env.HUNTKIT_OFFLINE !== '0') {
  skip('HUNTKIT_OFFLINE is set, so desktop VS Code is not downloaded');
}

let vscodeExecutablePath;
try {
  // Uses the copy cached in .vscode-test/ when the release list cannot be fetched.
  vscodeExecutablePath = await downloadAndUnzipVSCode({ timeout: DOWNLOAD_TIMEOUT_MS });
} catch (error) {
  const message = error instanceof Error ? `${error.message} ${error.cause ?? ''}` : String(error);
  if (NETWORK_ERROR.test(message)) skip(`desktop VS Code cannot be downloaded here (${message.trim()}) and none is cached in .vscode-test/`);
  throw error;
}

// Linux has no window for Electron without a display: run again under a virtual one.
if (process.platform === 'linux' && !process.env.DISPLAY) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) {
    console.error('test:vscode needs a display on Linux: set DISPLAY or install xvfb (xvfb-run)');
    process.exit(1);
  }
  run('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)]);
  process.exit(0);
}

run('npm', ['run', '--silent', 'build'], { cwd: REPO_DIR });

// The tests add files to the workspace: give them a scratch copy of the samples.
const scratch = mkdtempSync(join(tmpdir(), 'huntkit-vscode-'));
const workspace = join(scratch, 'workspace');
cpSync(join(REPO_DIR, 'samples', 'workspace'), workspace, { recursive: true });
try {
  const exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_DIR,
    extensionTestsPath: fileURLToPath(new URL('./suite/index.cjs', import.meta.url)),
    extensionTestsEnv: { HUNTKIT_TEST_FIXTURES: fileURLToPath(new URL('../e2e/fixtures', import.meta.url)) },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exitCode = exitCode;
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
