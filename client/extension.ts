// VS Code glue: starts the Huntkit language server and registers commands and views.
// Everything that understands files lives in server/.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewManager } from './preview.ts';
import { HuntsTreeProvider, type HuntGrouping } from './huntsView.ts';
import { generateMarkdown, refreshIndex, searchHunts } from './commands.ts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any TOML file, whatever language id another TOML extension gives it; the server
    // itself leaves files that are neither hunts nor rules alone.
    documentSelector: [
      { scheme: 'file', language: 'toml' },
      { scheme: 'file', pattern: '**/*.toml' },
      { scheme: 'untitled', language: 'toml' },
    ],
    outputChannelName: 'Huntkit',
  };
  const languageClient = new LanguageClient('huntkit', 'Huntkit', serverOptions, clientOptions);
  client = languageClient;
  await languageClient.start();

  const previews = new PreviewManager(languageClient);
  const grouping = vscode.workspace.getConfiguration('huntkit').get<HuntGrouping>('huntsView.groupBy', 'platform');
  const hunts = new HuntsTreeProvider(languageClient, grouping);
  const guarded =
    (name: string, run: (...args: any[]) => Promise<void>) =>
    async (...args: any[]) => {
      try {
        await run(...args);
      } catch (error) {
        void vscode.window.showErrorMessage(`Huntkit: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

  context.subscriptions.push(
    previews,
    vscode.window.registerTreeDataProvider('huntkit.hunts', hunts),
    vscode.commands.registerCommand('huntkit.openPreview', guarded('Open Preview', (uri?: vscode.Uri) => previews.open(uri, false))),
    vscode.commands.registerCommand('huntkit.openPreviewToSide', guarded('Open Preview to the Side', (uri?: vscode.Uri) => previews.open(uri, true))),
    vscode.commands.registerCommand('huntkit.generateMarkdown', guarded('Generate Markdown', (target?: vscode.Uri | string) => generateMarkdown(languageClient, target))),
    vscode.commands.registerCommand('huntkit.refreshIndex', guarded('Refresh Index', () => refreshIndex(languageClient))),
    vscode.commands.registerCommand('huntkit.searchHunts', guarded('Search Hunts', () => searchHunts(languageClient))),
    vscode.commands.registerCommand('huntkit.hunts.refresh', () => hunts.refresh()),
    vscode.commands.registerCommand(
      'huntkit.hunts.groupBy',
      guarded('Group Hunts', async () => {
        const picked = await vscode.window.showQuickPick(['platform', 'integration', 'language', 'tactic'], { title: 'Group hunts by' });
        if (!picked) return;
        hunts.setGrouping(picked as HuntGrouping);
        await vscode.workspace.getConfiguration('huntkit').update('huntsView.groupBy', picked, vscode.ConfigurationTarget.Workspace);
      }),
    ),
    vscode.workspace.onDidSaveTextDocument((d) => d.fileName.endsWith('.toml') && hunts.refresh()),
    { dispose: () => void client?.stop() },
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
