// The extension diagnoses a hunt file with a seeded error, seen through VS Code's API.
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');

const SEEDED_HUNT = 'hunting/linux/queries/e2e_hunt_without_description.toml';
const DIAGNOSTICS_TIMEOUT_MS = 60_000;

/** Resolves with the diagnostics of `uri` once there are any; rejects after `timeout` ms. */
function firstDiagnostics(uri, timeout) {
  return new Promise((resolve, reject) => {
    const settle = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (diagnostics.length === 0) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) settle();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no diagnostics for ${uri.fsPath} within ${timeout} ms`));
    }, timeout);
    settle();
  });
}

exports.tests = [
  {
    name: 'a hunt missing a required key gets a hunt-missing-key error at its [hunt] header',
    async run() {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'VS Code was started without the sample workspace');
      const uri = vscode.Uri.joinPath(folder.uri, SEEDED_HUNT);
      const fixture = readFileSync(join(process.env.HUNTKIT_TEST_FIXTURES, 'hunt-without-description.toml'));
      await vscode.workspace.fs.writeFile(uri, fixture);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));

      const diagnostics = await firstDiagnostics(uri, DIAGNOSTICS_TIMEOUT_MS);
      assert.deepEqual(
        diagnostics.map((d) => ({
          severity: d.severity,
          message: d.message,
          source: d.source,
          code: d.code,
          range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        })),
        [
          {
            severity: vscode.DiagnosticSeverity.Error,
            message: 'missing required key `description` in [hunt]',
            source: 'huntkit',
            code: 'hunt-missing-key',
            // `hunt` in the header `[hunt]`.
            range: [0, 1, 0, 5],
          },
        ],
      );
    },
  },
];
