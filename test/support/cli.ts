// Runs the bundled huntkit CLI (dist/cli.cjs, built by `npm run build`, which the test
// scripts run first) as a separate process, the way users and CI run it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'dist/cli.cjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function huntkit(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
