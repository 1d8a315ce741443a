// The language server: a thin adapter from LSP messages to the UI-free analysis modules.
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryDiagnostic, Severity } from '../common/diagnostics.ts';
import { analyzeText, DOC_OUT_OF_DATE, type FileAnalysis } from '../service/analysis.ts';
import { EVERY_CODE, parseCodeList, reported, type CodeFilter } from '../common/codeFilter.ts';
import { documentOutline, type OutlineSymbol } from '../service/symbols.ts';
import { WorkspaceIdentities } from './workspaceIdentities.ts';
import { generateDocs, listHunts, preview } from './huntingRequests.ts';
import { GenerateDocsRequest, HuntListRequest, PreviewRequest, type GenerateDocsParams, type HuntListParams, type PreviewParams } from './protocol.ts';

const connection = createConnection(ProposedFeatures.all);
// A promise nobody awaited that fails (a client that rejects a request, say) is logged; it
// must not end the server, which would take every open file's diagnostics with it.
process.on('unhandledRejection', (reason) => connection.console.error(`huntkit: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
const documents = new TextDocuments(TextDocument);
const analyses = new Map<string, { version: number; analysis: FileAnalysis }>();
const workspace = new WorkspaceIdentities();
const pending = new Map<string, NodeJS.Timeout>();
const VALIDATION_DELAY_MS = 120;

let workspaceFolders: string[] = [];
let pullsConfiguration = false;
/** The codes to publish: `huntkit.diagnostics.ignore` leaves some out. */
let codes: CodeFilter = EVERY_CODE;

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  if (workspaceFolders.length === 0 && params.rootUri?.startsWith('file:')) workspaceFolders = [fileURLToPath(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'huntkit', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  // TOML files for duplicates; generated docs for the out-of-date hint.
  connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.toml' }, { globPattern: '**/docs/*.md' }] }).catch(() => undefined);
  if (pullsConfiguration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'huntkit' }).catch(() => undefined);
    void readSettings();
  }
  // Index the workspace in the background so duplicate uuids/names across files are found.
  void workspace.scan(workspaceFolders).then(() => revalidateAll(), (error) => connection.console.error(`workspace scan failed: ${String(error)}`));
});

connection.onDidChangeWatchedFiles((change) => {
  for (const event of change.changes) {
    if (event.uri.endsWith('.md')) {
      analyses.clear(); // a regenerated doc changes the out-of-date hint of its hunt
      continue;
    }
    if (!event.uri.startsWith('file:') || documents.get(event.uri)) continue;
    const file = fileURLToPath(event.uri);
    if (event.type === FileChangeType.Deleted) workspace.forget(file);
    else workspace.refreshFromDisk(file);
  }
  revalidateAll();
});

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { huntkit?: HuntkitSettings } | null | undefined)?.huntkit;
  if (pushed) applySettings(pushed);
  else if (pullsConfiguration) void readSettings();
});

interface HuntkitSettings {
  diagnostics?: { ignore?: unknown };
}

async function readSettings(): Promise<void> {
  try {
    applySettings(((await connection.workspace.getConfiguration('huntkit')) ?? {}) as HuntkitSettings);
  } catch (error) {
    connection.console.error(`huntkit: reading the settings failed: ${String(error)}`);
  }
}

/** Takes the settings' valid code entries; says which entries it cannot use, where the user will see it. */
function applySettings(settings: HuntkitSettings): void {
  const ignore = settings.diagnostics?.ignore;
  const entries = Array.isArray(ignore) ? ignore.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
  const valid: string[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    try {
      valid.push(...parseCodeList(entry));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (ignore !== undefined && ignore !== null && !Array.isArray(ignore)) problems.push('it must be a list of codes or prefixes');
  // A notification, not a request: nothing to answer, and nothing left pending on clients that ignore it.
  if (problems.length > 0) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Huntkit: huntkit.diagnostics.ignore: ${problems.join('; ')}` });
  const next: CodeFilter = valid.length > 0 ? { select: [], ignore: valid } : EVERY_CODE;
  if (JSON.stringify(next) === JSON.stringify(codes)) return;
  codes = next;
  revalidateAll();
}

documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidClose((event) => {
  const timer = pending.get(event.document.uri);
  if (timer) clearTimeout(timer);
  pending.delete(event.document.uri);
  analyses.delete(event.document.uri);
  if (event.document.uri.startsWith('file:')) workspace.refreshFromDisk(fileURLToPath(event.document.uri));
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  revalidateAll();
});

function schedule(uri: string): void {
  const timer = pending.get(uri);
  if (timer) clearTimeout(timer);
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      const before = workspace.signature();
      validate(uri);
      // A changed uuid or name can create or clear duplicates in other open files.
      if (workspace.signature() !== before) revalidateAll(uri);
    }, VALIDATION_DELAY_MS),
  );
}

function revalidateAll(except?: string): void {
  for (const doc of documents.all()) if (doc.uri !== except) validate(doc.uri);
}

/** Analyses (cached per version) and publishes one open document's diagnostics. */
function validate(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  try {
    const analysis = analysisOf(doc);
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    workspace.update(file, analysis.document);
    const all = reported(codes, [...analysis.diagnostics, ...workspace.duplicatesFor(file)]);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: all.map((d) => toLspDiagnostic(doc, d)) });
  } catch (error) {
    // Never let one bad document take the server down: say what happened where the user looks.
    connection.console.error(`huntkit: analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void connection.sendDiagnostics({
      uri,
      diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'huntkit', code: 'internal-error', message: `Huntkit could not analyse this file (internal error: ${error instanceof Error ? error.message : String(error)}). See the Huntkit output channel.` }],
    });
  }
}

function analysisOf(doc: TextDocument): FileAnalysis {
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version) return cached.analysis;
  const analysis = analyzeText(doc.getText(), doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined);
  analyses.set(doc.uri, { version: doc.version, analysis });
  return analysis;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspDiagnostic(doc: TextDocument, d: QueryDiagnostic): Diagnostic {
  return { range: { start: doc.positionAt(d.span.start), end: doc.positionAt(d.span.end) }, severity: LSP_SEVERITY[d.severity], code: d.code, source: 'huntkit', message: d.message };
}

connection.onDocumentSymbol((params): DocumentSymbol[] => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const toSymbol = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'query' ? SymbolKind.Function : s.kind === 'hunt' ? SymbolKind.Module : SymbolKind.Class,
    range: { start: doc.positionAt(s.span.start), end: doc.positionAt(s.span.end) },
    selectionRange: { start: doc.positionAt(s.selectionSpan.start), end: doc.positionAt(s.selectionSpan.end) },
    children: s.children.map(toSymbol),
  });
  return documentOutline(analysisOf(doc).document).map(toSymbol);
});

connection.onCodeAction((params): CodeAction[] =>
  params.context.diagnostics
    .filter((d) => d.code === DOC_OUT_OF_DATE)
    .map((d) => ({
      title: 'Regenerate the hunt’s doc',
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      command: { title: 'Regenerate', command: 'huntkit.generateMarkdown', arguments: [params.textDocument.uri] },
    })),
);

connection.onWorkspaceSymbol((params): WorkspaceSymbol[] => {
  const query = params.query.toLowerCase();
  return workspace.named(query).map((n) => ({
    name: n.name,
    kind: n.kind === 'hunt' ? SymbolKind.Module : SymbolKind.Class,
    containerName: n.kind,
    location: { uri: pathToFileURL(n.file).href, range: { start: n.position, end: n.position } },
  }));
});

function guard<P, R>(name: string, handler: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`huntkit: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw error;
    }
  };
}

connection.onRequest(
  PreviewRequest,
  guard('preview', (params: PreviewParams) => {
    const doc = documents.get(params.uri);
    const file = params.uri.startsWith('file:') ? fileURLToPath(params.uri) : params.uri;
    const text = doc?.getText() ?? readFileSync(file, 'utf8');
    return preview(text, file);
  }),
);
connection.onRequest(GenerateDocsRequest, guard('docs generation', (params: GenerateDocsParams) => generateDocs(params)));
connection.onRequest(HuntListRequest, guard('hunt search', (params: HuntListParams) => listHunts(params, workspaceFolders)));

documents.listen(connection);
connection.listen();
