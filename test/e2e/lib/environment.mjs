// What test/e2e/run.sh hands the tests: where code-server listens, the workspace copy it may
// open, the logs to show when something fails and the folder for screenshots.
import { fileURLToPath } from 'node:url';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through test/e2e/run.sh`);
  return value;
}

export const e2e = Object.freeze({
  /** Base URL of the running code-server, e.g. http://127.0.0.1:41234 (no trailing slash). */
  serverUrl: required('HUNTKIT_E2E_URL'),
  /** Absolute path of a scratch copy of samples/workspace; tests may add files to it. */
  workspace: required('HUNTKIT_E2E_WORKSPACE'),
  /** code-server's --user-data-dir: VS Code's own logs (extension host, output channels) live below it. */
  userDataDir: required('HUNTKIT_E2E_USER_DATA'),
  serverLog: required('HUNTKIT_E2E_SERVER_LOG'),
  outDir: process.env.HUNTKIT_E2E_OUT || fileURLToPath(new URL('../out', import.meta.url)),
  chromium: process.env.HUNTKIT_E2E_CHROMIUM || '/usr/bin/chromium',
});
