import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lspClient.ts';

const HUNT = `[hunt]
author = "Elastic"
description = "Finds odd shells."
integration = ["endpoint"]
uuid = "6d4a1d6c-3a53-4b4d-9e6c-0a1f6f0a9b10"
name = "Odd shells"
language = ["ES|QL"]
license = "Elastic License v2"
mitre = ["T1059.004"]
query = [
'''
from logs-endpoint.events.process-*
| where process.name == "bash"
| keep @timestamp, host.name, process.command_line
| limit 10
'''
]
`;

test('initialize advertises the features Huntkit serves', async () => {
  const client = new LspTestClient();
  try {
    const result = await client.initialize();
    assert.equal(result.serverInfo.name, 'huntkit');
    assert.equal(result.capabilities.documentSymbolProvider, true);
    assert.equal(result.capabilities.textDocumentSync, 2);
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
});

test('a clean hunt gets no diagnostics; an edit that breaks it gets one at the right place', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/hunt.toml';
    await client.open(uri, HUNT);
    const clean = await client.waitForDiagnostics(uri);
    assert.deepEqual(clean.diagnostics, []);

    // Remove the required `author` key.
    await client.change(uri, HUNT.replace('author = "Elastic"\n', ''), 2);
    const broken = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    const missing = broken.diagnostics.find((d) => d.code === 'hunt-missing-key');
    assert.ok(missing, JSON.stringify(broken.diagnostics));
    assert.match(String(missing.message), /author/);
    assert.equal(missing.source, 'huntkit');
  } finally {
    await client.shutdown();
  }
});

test('malformed TOML gives a toml-syntax error on the broken line and the server keeps serving', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/broken.toml';
    await client.open(uri, '[hunt]\nname = "x\nuuid = "y"\n');
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0].code, 'toml-syntax');
    assert.equal(published.diagnostics[0].severity, 1);
    assert.equal(published.diagnostics[0].range.start.line, 1);
    // Still alive: a symbol request on another document is answered.
    const other = 'file:///tmp/huntkit-protocol/ok.toml';
    await client.open(other, HUNT);
    const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: other } });
    assert.equal(symbols[0].name, 'Odd shells');
  } finally {
    await client.shutdown();
  }
});

test('a broken query is underlined inside the TOML string', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/query.toml';
    const text = HUNT.replace('| limit 10', '| limit 10 )');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    const syntax = published.diagnostics.filter((d) => d.severity === 1);
    assert.equal(syntax.length >= 1, true, JSON.stringify(published.diagnostics));
    const lines = text.split('\n');
    const d = syntax[0];
    assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), ')');
  } finally {
    await client.shutdown();
  }
});

test('documentSymbol gives the outline: hunt name and each query with its language', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/symbols.toml';
    await client.open(uri, HUNT);
    const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'Odd shells');
    assert.deepEqual(symbols[0].children.map((c: any) => [c.name, c.detail]), [['Query 1', 'ES|QL']]);
    assert.deepEqual(symbols[0].selectionRange.start, { line: 5, character: 7 });
  } finally {
    await client.shutdown();
  }
});

test('duplicate uuids across the workspace are reported on the open file, naming the other', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'huntkit-ws-'));
  mkdirSync(join(folder, 'hunting/linux/queries'), { recursive: true });
  writeFileSync(join(folder, 'hunting/linux/queries/other.toml'), HUNT.replace('Odd shells', 'Other shells'));
  const client = new LspTestClient();
  try {
    await client.initialize(folder);
    const file = join(folder, 'hunting/linux/queries/mine.toml');
    writeFileSync(file, HUNT);
    const uri = pathToFileURL(file).href;
    await client.open(uri, HUNT);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'hunt-duplicate-uuid'));
    const dup = published.diagnostics.find((d) => d.code === 'hunt-duplicate-uuid')!;
    assert.match(String(dup.message), /other\.toml/);
    assert.equal(dup.range.start.line, 4);
  } finally {
    await client.shutdown();
  }
});

test('files that are neither hunts nor rules are left alone', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/Cargo.toml';
    await client.open(uri, '[package]\nname = "x"\nversion = "0.1.0"\n');
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(published.diagnostics, []);
    const symbols = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols, []);
  } finally {
    await client.shutdown();
  }
});

test('huntkit/preview renders the open document, escaped, and follows unsaved edits', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/huntkit-protocol/preview.toml';
    await client.open(uri, HUNT.replace('Finds odd shells.', 'Finds <script>alert(1)</script> shells.'));
    const first = await client.request<any>('huntkit/preview', { uri });
    assert.equal(first.kind, 'hunt');
    assert.equal(first.title, 'Odd shells');
    assert.match(first.html, /<h1[^>]*>Odd shells<\/h1>/);
    assert.ok(first.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!first.html.includes('<script>'));
    await client.change(uri, HUNT.replace('name = "Odd shells"', 'name = "Renamed shells"'), 2);
    const second = await client.request<any>('huntkit/preview', { uri });
    assert.equal(second.title, 'Renamed shells');
  } finally {
    await client.shutdown();
  }
});

test('an out-of-date hunt doc is reported with a Regenerate quick fix; huntkit/generateDocs fixes it', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'huntkit-docs-'));
  const queries = join(folder, 'hunting/linux/queries');
  mkdirSync(queries, { recursive: true });
  const file = join(queries, 'odd_shells.toml');
  writeFileSync(file, HUNT);
  const client = new LspTestClient();
  try {
    await client.initialize(folder);
    const uri = pathToFileURL(file).href;
    await client.open(uri, HUNT);
    const stale = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'hunt-doc-out-of-date'));
    const hint = stale.diagnostics.find((d) => d.code === 'hunt-doc-out-of-date')!;
    assert.match(String(hint.message), /no generated doc yet \(docs\/odd_shells\.md\)/);
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: hint.range, context: { diagnostics: [hint] } });
    assert.deepEqual(actions.map((a) => [a.title, a.command.command, a.command.arguments[0]]), [['Regenerate the hunt’s doc', 'huntkit.generateMarkdown', uri]]);

    const generated = await client.request<any>('huntkit/generateDocs', { paths: [file], dryRun: false });
    assert.deepEqual(generated.written.map((p: string) => p.slice(folder.length + 1)).sort(), ['hunting/index.md', 'hunting/index.yml', 'hunting/linux/docs/odd_shells.md']);
    assert.match(readFileSync(join(folder, 'hunting/linux/docs/odd_shells.md'), 'utf8'), /^# Odd shells/);
    // The watcher notification a real editor sends after the write clears the hint.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'hunting/linux/docs/odd_shells.md')).href, type: 1 }] });
    await client.change(uri, HUNT, 2);
    await client.waitForDiagnostics(uri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'hunt-doc-out-of-date'));
  } finally {
    await client.shutdown();
  }
});

test('huntkit/hunts lists and searches the workspace hunting library; workspace symbols find hunts by name', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize(join(import.meta.dirname, '../../samples/workspace'));
    const all = await client.request<any>('huntkit/hunts', {});
    assert.equal(all.hunts.length, 5);
    const persistence = await client.request<any>('huntkit/hunts', { search: { tactic: 'TA0003' } });
    assert.ok(persistence.hunts.length >= 3 && persistence.hunts.length < 5);
    assert.ok(persistence.hunts.every((h: any) => h.tactics.includes('Persistence')));
    // The workspace index is filled in the background: ask until it answers.
    let symbols: any[] = [];
    for (let i = 0; i < 50 && symbols.length === 0; i++) {
      symbols = await client.request<any[]>('workspace/symbol', { query: 'dpkg' });
      if (symbols.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(symbols.map((s) => s.name), ['Persistence via DPKG/RPM Package']);
    assert.match(symbols[0].location.uri, /persistence_via_rpm_dpkg_installer_packages\.toml$/);
  } finally {
    await client.shutdown();
  }
});

test('huntkit.diagnostics.ignore hides codes, follows changes, and names the entries it cannot use', async () => {
  const client = new LspTestClient();
  client.settings = { huntkit: { diagnostics: { ignore: ['hunt-unknown-key', 'kuery'] } } };
  try {
    await client.initialize(undefined, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
    const uri = 'file:///tmp/huntkit-protocol-settings/hunt.toml';
    await client.open(uri, HUNT.replace('author = "Elastic"\n', 'nickname = "x"\n'));
    const codesOf = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();
    const filtered = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0 && !codesOf(p).includes('hunt-unknown-key'));
    assert.deepEqual(codesOf(filtered), ['hunt-missing-key']);
    const warning = client.messages.find((m) => m.message.includes('huntkit.diagnostics.ignore'));
    assert.ok(warning, JSON.stringify(client.messages));
    assert.equal(warning.type, 2);
    assert.match(warning.message, /`kuery` is not a diagnostic code or prefix/);

    // The setting changes: the open document is published again with the new filter.
    client.settings = { huntkit: { diagnostics: { ignore: ['hunt-missing-key'] } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const refiltered = await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('hunt-unknown-key'));
    assert.deepEqual(codesOf(refiltered), ['hunt-unknown-key']);
  } finally {
    await client.shutdown();
  }
});
