// The uuids, rule_ids and names of every hunt and rule in the workspace, kept small
// (identities only, not documents) so duplicates across files can be reported.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { parseHuntRuleDocument, type HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { findTomlFiles } from '../service/files.ts';
import { duplicateDiagnostics, identityOf, type FileIdentity } from '../schema/workspace.ts';

export class WorkspaceIdentities {
  private readonly identities = new Map<string, FileIdentity>();
  private duplicates: Map<string, QueryDiagnostic[]> | undefined;

  async scan(folders: readonly string[]): Promise<void> {
    for (const file of findTomlFiles(folders)) {
      if (this.identities.has(file)) continue; // an open editor already told us
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      this.set(file, parseHuntRuleDocument(text));
      // Yield between files so editing stays responsive while a large repository is indexed.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  update(file: string, document: HuntRuleDocument): void {
    this.set(file, document);
  }

  refreshFromDisk(file: string): void {
    try {
      this.set(file, parseHuntRuleDocument(readFileSync(file, 'utf8')));
    } catch {
      this.forget(file);
    }
  }

  forget(file: string): void {
    if (this.identities.delete(file)) this.duplicates = undefined;
  }

  duplicatesFor(file: string): QueryDiagnostic[] {
    this.duplicates ??= duplicateDiagnostics(this.identities.values(), (f) => basename(f));
    return this.duplicates.get(file) ?? [];
  }

  /** Hunts and rules whose name contains `query` (lower case), for workspace symbols. */
  named(query: string): { name: string; kind: 'hunt' | 'rule'; file: string; position: { line: number; character: number } }[] {
    const found = [];
    for (const [file, identity] of this.identities) {
      for (const v of identity.values) {
        if (!v.code.endsWith('-name') || !v.value.toLowerCase().includes(query)) continue;
        const [line, column] = v.at.split(':').map(Number);
        found.push({ name: v.value, kind: v.kind, file, position: { line: line - 1, character: column - 1 } });
      }
    }
    return found;
  }

  /** Changes whenever any identity changes; cheap enough to compare around an edit. */
  signature(): string {
    return [...this.identities.values()].map((i) => i.values.map((v) => v.value).join('\u0001')).join('\u0002');
  }

  private set(file: string, document: HuntRuleDocument): void {
    this.identities.set(file, identityOf(file, document));
    this.duplicates = undefined;
  }
}
