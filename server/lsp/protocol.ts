// Huntkit's own LSP requests, shared by the server and the client (types only).

export interface PreviewParams {
  uri: string;
}
export interface PreviewResult {
  title: string;
  /** The body HTML, every piece of file content escaped; the webview adds CSP and styles. */
  html: string;
  kind: 'hunt' | 'rule' | 'other';
}
export const PreviewRequest = 'huntkit/preview';

export interface GenerateDocsParams {
  /** Files or folders (file system paths); hunts are found under them. */
  paths: string[];
  dryRun: boolean;
  /** Refresh only hunting/index.yml and index.md. */
  indexOnly?: boolean;
}
export interface GenerateDocsResult {
  /** Files written (absolute paths); empty on a dry run. */
  written: string[];
  /** Files that are, or would be, changed. */
  changed: string[];
  upToDate: number;
  /** Unified diff of what would change (dry run only). */
  diff: string;
  problems: string[];
}
export const GenerateDocsRequest = 'huntkit/generateDocs';

export interface HuntSummaryItem {
  path: string;
  name: string;
  uuid: string;
  platform: string;
  integration: string[];
  language: string[];
  mitre: string[];
  /** Names of the ATT&CK tactics the hunt's techniques belong to. */
  tactics: string[];
  description: string;
}
export interface HuntListParams {
  search?: { tactic?: string; technique?: string; subtechnique?: string; dataSource?: string; keyword?: string };
}
export interface HuntListResult {
  hunts: HuntSummaryItem[];
  /** Hunting folders found in the workspace. */
  roots: string[];
}
export const HuntListRequest = 'huntkit/hunts';
