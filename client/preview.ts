// The rendered-docs preview: a webview beside (or instead of) the editor, like Markdown's,
// that re-renders as the hunt or rule is edited.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest, type PreviewParams, type PreviewResult } from '../server/lsp/protocol.ts';
import { previewStyles } from './previewStyles.ts';

const UPDATE_DELAY_MS = 250;

class PreviewPanel {
  private timer: NodeJS.Timeout | undefined;
  private version = 0;

  constructor(
    readonly documentUri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
  ) {
    panel.webview.onDidReceiveMessage((message: { type?: string; href?: string }) => {
      // Links leave the webview: http(s) and mailto open in the browser, nothing else does.
      if (message.type === 'openLink' && typeof message.href === 'string' && /^(https?:|mailto:)/i.test(message.href)) {
        void vscode.env.openExternal(vscode.Uri.parse(message.href));
      }
    });
  }

  scheduleUpdate(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  async update(): Promise<void> {
    const version = ++this.version;
    let result: PreviewResult;
    try {
      result = await this.client.sendRequest<PreviewResult>(PreviewRequest, { uri: this.documentUri.toString() } satisfies PreviewParams);
    } catch (error) {
      result = { title: 'Preview unavailable', kind: 'other', html: `<p class="hk-problem">${escapeHtml(error instanceof Error ? error.message : String(error))}</p>` };
    }
    if (version !== this.version) return; // a newer edit already asked for a render
    this.panel.title = `Preview ${result.title}`;
    if (!this.panel.webview.html) this.panel.webview.html = shell(this.panel.webview, result);
    else void this.panel.webview.postMessage({ type: 'update', html: result.html });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.panels.get(e.document.uri.toString())?.scheduleUpdate()),
      vscode.workspace.onDidSaveTextDocument((d) => this.panels.get(d.uri.toString())?.scheduleUpdate()),
    );
  }

  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Huntkit: open a hunt or rule TOML file to preview it.');
      return;
    }
    const key = target.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const panel = vscode.window.createWebviewPanel('huntkit.preview', 'Preview', { viewColumn: column, preserveFocus: toSide }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
    });
    const preview = new PreviewPanel(target, panel, this.client);
    this.panels.set(key, preview);
    panel.onDidDispose(() => {
      preview.dispose();
      this.panels.delete(key);
    });
    await preview.update();
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page around the rendered body: a strict CSP with a per-page nonce, theme-aware styles. */
function shell(webview: vscode.Webview, result: PreviewResult): string {
  const n = nonce();
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource} https: data:`, `style-src 'nonce-${n}'`, `script-src 'nonce-${n}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(result.title)}</title>
<style nonce="${n}">${previewStyles}</style>
</head>
<body class="hk-${result.kind}">
<main id="hk-content">${result.html}</main>
<script nonce="${n}">
(function () {
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('hk-content');
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'update') content.innerHTML = event.data.html;
  });
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href]');
    if (!link) return;
    const href = link.getAttribute('href');
    if (href.startsWith('#')) return;
    event.preventDefault();
    vscode.postMessage({ type: 'openLink', href });
  });
})();
</script>
</body>
</html>`;
}
