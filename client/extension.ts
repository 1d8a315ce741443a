// VS Code glue: starts the Huntkit language server. Everything that understands files lives in server/.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
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
  client = new LanguageClient('huntkit', 'Huntkit', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
