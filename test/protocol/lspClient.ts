// A minimal LSP client that talks to the bundled server over stdio, as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';

export const SERVER = resolve(import.meta.dirname, '../../dist/server.cjs');

export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  stderr = '';
  /** What `workspace/configuration` answers, by section (e.g. `huntkit`). */
  settings: Record<string, unknown> = {};
  /** `window/showMessage` notifications received. */
  readonly messages: { type: number; message: string }[] = [];

  constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && w.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    // Answer the server's requests the way a plain editor would.
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((item) => (item.section !== undefined ? (this.settings[item.section] ?? null) : null)));
    this.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void this.messages.push(m));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** `capabilities`: what the client says it supports, e.g. `{ workspace: { configuration: true } }` to be asked for settings. */
  async initialize(workspaceFolder?: string, capabilities: object = {}): Promise<any> {
    const folders = workspaceFolder ? [{ uri: pathToFileURL(workspaceFolder).href, name: 'ws' }] : null;
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: folders });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves with the first diagnostics published for `uri` that satisfy the predicate. */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\nstderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, predicate, resolve: (p) => (clearTimeout(timer), resolvePromise(p)) });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    return new Promise((r) => {
      if (this.process.exitCode !== null) return r(this.process.exitCode);
      this.process.once('exit', (code) => r(code));
    });
  }
}
