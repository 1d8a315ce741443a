// Command-palette commands: docs generation, index refresh and hunt search.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GenerateDocsRequest, HuntListRequest, type GenerateDocsParams, type GenerateDocsResult, type HuntListParams, type HuntListResult } from '../server/lsp/protocol.ts';

/** `target` comes from the explorer (a Uri) or from the server's quick fix (a URI string). */
export async function generateMarkdown(client: LanguageClient, target?: vscode.Uri | string): Promise<void> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  let paths: string[];
  if (uri) {
    paths = [uri.fsPath];
  } else {
    const active = vscode.window.activeTextEditor?.document;
    const choices: (vscode.QuickPickItem & { paths: () => string[] })[] = [];
    if (active?.uri.scheme === 'file' && active.fileName.endsWith('.toml')) {
      choices.push({ label: 'Current file', description: vscode.workspace.asRelativePath(active.uri), paths: () => [active.uri.fsPath] });
      choices.push({ label: "Current file's folder", description: vscode.workspace.asRelativePath(vscode.Uri.joinPath(active.uri, '..')), paths: () => [vscode.Uri.joinPath(active.uri, '..').fsPath] });
    }
    choices.push({ label: 'All hunts in the workspace', paths: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) });
    const picked = await vscode.window.showQuickPick(choices, { title: 'Huntkit: Generate Markdown', placeHolder: 'Which hunts?' });
    if (!picked) return;
    paths = picked.paths();
  }
  // Docs are generated from the files on disk: save the hunt being edited first.
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.isDirty && paths.some((p) => editor.document.uri.fsPath.startsWith(p))) await editor.document.save();
  const result = await client.sendRequest<GenerateDocsResult>(GenerateDocsRequest, { paths, dryRun: false } satisfies GenerateDocsParams);
  reportDocs(result, 'Generated');
}

export async function refreshIndex(client: LanguageClient): Promise<void> {
  const paths = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const result = await client.sendRequest<GenerateDocsResult>(GenerateDocsRequest, { paths, dryRun: false, indexOnly: true } satisfies GenerateDocsParams);
  reportDocs(result, 'Refreshed');
}

function reportDocs(result: GenerateDocsResult, verb: string): void {
  for (const problem of result.problems) void vscode.window.showWarningMessage(`Huntkit: ${problem}`);
  const summary = result.written.length
    ? `${verb} ${result.written.length} file${result.written.length === 1 ? '' : 's'} (${result.upToDate} already up to date).`
    : `Everything is up to date (${result.upToDate} files).`;
  void vscode.window.showInformationMessage(`Huntkit: ${summary}`);
}

type SearchKind = 'keyword' | 'tactic' | 'technique' | 'subtechnique' | 'dataSource' | 'all';

export async function searchHunts(client: LanguageClient): Promise<void> {
  const kinds: (vscode.QuickPickItem & { by: SearchKind; prompt?: string })[] = [
    { label: '$(search) Keyword', description: 'in name, description, notes and references', by: 'keyword', prompt: 'Keyword, e.g. persistence or rundll32' },
    { label: '$(target) MITRE tactic', description: 'id or name; finds its techniques’ hunts', by: 'tactic', prompt: 'Tactic, e.g. TA0003 or Persistence' },
    { label: '$(symbol-event) MITRE technique', description: 'also finds its sub-techniques', by: 'technique', prompt: 'Technique, e.g. T1053' },
    { label: '$(symbol-field) MITRE sub-technique', by: 'subtechnique', prompt: 'Sub-technique, e.g. T1053.003' },
    { label: '$(database) Data source', description: 'platform or integration', by: 'dataSource', prompt: 'Data source, e.g. endpoint, aws, okta' },
    { label: '$(list-flat) All hunts', by: 'all' },
  ];
  const choice = await vscode.window.showQuickPick(kinds, { title: 'Huntkit: Search Hunts', placeHolder: 'Search by…' });
  if (!choice) return;
  const params: HuntListParams = {};
  if (choice.by !== 'all') {
    const value = await vscode.window.showInputBox({ title: `Huntkit: Search Hunts by ${choice.label.replace(/^\$\([^)]*\) /, '')}`, prompt: choice.prompt });
    if (!value) return;
    params.search = { [choice.by]: value.trim() };
  }
  const result = await client.sendRequest<HuntListResult>(HuntListRequest, params);
  if (result.hunts.length === 0) {
    void vscode.window.showInformationMessage(result.roots.length ? 'Huntkit: no hunt matches.' : 'Huntkit: no hunting folder (…/queries/*.toml) in this workspace.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    result.hunts.map((h) => ({ label: h.name, description: `${h.platform} · ${h.language.join(', ')} · ${h.mitre.join(' ')}`, detail: h.description, path: h.path })),
    { title: `Huntkit: ${result.hunts.length} hunt${result.hunts.length === 1 ? '' : 's'}`, matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await vscode.window.showTextDocument(vscode.Uri.file(picked.path));
}
