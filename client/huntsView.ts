// The "Hunts" tree in the explorer: the workspace's hunting library grouped by
// platform, integration, language or MITRE tactic, with counts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HuntListRequest, type HuntListResult, type HuntSummaryItem } from '../server/lsp/protocol.ts';

export type HuntGrouping = 'platform' | 'integration' | 'language' | 'tactic';

type Node = { kind: 'group'; label: string; hunts: HuntSummaryItem[] } | { kind: 'hunt'; hunt: HuntSummaryItem };

export class HuntsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private hunts: HuntSummaryItem[] | undefined;

  constructor(
    private readonly client: LanguageClient,
    private grouping: HuntGrouping,
  ) {}

  setGrouping(grouping: HuntGrouping): void {
    this.grouping = grouping;
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.hunts = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'hunt') return [];
    if (node?.kind === 'group') return node.hunts.map((hunt) => ({ kind: 'hunt', hunt }));
    this.hunts ??= (await this.client.sendRequest<HuntListResult>(HuntListRequest, {})).hunts;
    const groups = new Map<string, HuntSummaryItem[]>();
    for (const hunt of this.hunts) {
      for (const key of new Set(keysOf(hunt, this.grouping))) {
        const list = groups.get(key) ?? [];
        list.push(hunt);
        groups.set(key, list);
      }
    }
    return [...groups]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([label, hunts]) => ({ kind: 'group', label, hunts: hunts.sort((a, b) => a.name.localeCompare(b.name)) }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.hunts.length);
      item.contextValue = 'huntkit.group';
      return item;
    }
    const item = new vscode.TreeItem(node.hunt.name, vscode.TreeItemCollapsibleState.None);
    item.description = node.hunt.language.join(', ');
    item.tooltip = new vscode.MarkdownString().appendText(node.hunt.description);
    item.resourceUri = vscode.Uri.file(node.hunt.path);
    item.command = { command: 'vscode.open', title: 'Open Hunt', arguments: [vscode.Uri.file(node.hunt.path)] };
    item.contextValue = 'huntkit.hunt';
    return item;
  }
}

function keysOf(hunt: HuntSummaryItem, grouping: HuntGrouping): string[] {
  switch (grouping) {
    case 'platform':
      return [hunt.platform];
    case 'integration':
      return hunt.integration.length ? hunt.integration : ['(none)'];
    case 'language':
      return hunt.language.length ? hunt.language : ['(none)'];
    case 'tactic':
      return hunt.tactics.length ? hunt.tactics : ['(no tactic)'];
  }
}
