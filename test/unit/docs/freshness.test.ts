// Whether a hunt's committed doc matches its current text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { huntDocFreshness } from '../../../server/docs/freshness.ts';
import { planHuntingDocs } from '../../../server/docs/generate.ts';
import { parseHuntRuleDocument, parseHuntRuleDocumentValuesOnly } from '../../../server/document/huntRuleDocument.ts';

const HUNTING = join(CORPUS, 'hunting');
const DPKG_PATH = join(HUNTING, 'linux/queries/persistence_via_rpm_dpkg_installer_packages.toml');
const DPKG_DOC = join(HUNTING, 'linux/docs/persistence_via_rpm_dpkg_installer_packages.md');
const DPKG_TEXT = readFileSync(DPKG_PATH, 'utf8');

test('an unchanged corpus hunt is up to date with its committed doc', () => {
  const freshness = huntDocFreshness(DPKG_PATH, DPKG_TEXT)!;
  assert.equal(freshness.docPath, DPKG_DOC);
  assert.equal(freshness.actual, readFileSync(DPKG_DOC, 'utf8'));
  assert.equal(freshness.expected, freshness.actual);
  assert.equal(freshness.upToDate, true);
});

test('an unsaved rename makes the doc stale; expected is what the generator would write', () => {
  const edited = DPKG_TEXT.replace('name = "Persistence via DPKG/RPM Package"', 'name = "Renamed"');
  const freshness = huntDocFreshness(DPKG_PATH, edited)!;
  assert.equal(freshness.upToDate, false);
  assert.ok(freshness.expected.startsWith('# Renamed\n\n---\n'));
  assert.equal(freshness.actual, readFileSync(DPKG_DOC, 'utf8'));
  // Windows line endings in the editor do not make a doc stale (upstream reads with universal newlines).
  assert.equal(huntDocFreshness(DPKG_PATH, DPKG_TEXT.replace(/\n/g, '\r\n'))!.upToDate, true);
});

test('every corpus hunt agrees with the generator plan', () => {
  const plan = planHuntingDocs(HUNTING);
  for (const file of plan.files.filter((f) => f.kind === 'hunt-doc')) {
    const path = join(HUNTING, file.sourcePath!);
    const freshness = huntDocFreshness(path, readFileSync(path, 'utf8'))!;
    assert.equal(freshness.docPath, join(HUNTING, file.relativePath));
    assert.equal(freshness.expected, file.content);
    assert.equal(freshness.upToDate, true, path);
  }
});

test('a [hunt] table the caller already parsed gives the same result as parsing the text again', () => {
  const plan = planHuntingDocs(HUNTING);
  for (const file of plan.files.filter((f) => f.kind === 'hunt-doc')) {
    const path = join(HUNTING, file.sourcePath!);
    const text = readFileSync(path, 'utf8');
    for (const document of [parseHuntRuleDocumentValuesOnly(text)!, parseHuntRuleDocument(text)]) {
      const freshness = huntDocFreshness(path, text, document.toml.value!.hunt as Record<string, unknown>)!;
      assert.equal(freshness.expected, file.content, path);
      assert.equal(freshness.upToDate, true, path);
    }
  }
  // The table is what the caller parsed; the doc follows it.
  const renamed = { ...(parseHuntRuleDocument(DPKG_TEXT).toml.value!.hunt as Record<string, unknown>), name: 'Renamed' };
  assert.ok(huntDocFreshness(DPKG_PATH, DPKG_TEXT, renamed)!.expected.startsWith('# Renamed\n'));
  // Text with `\r` is read again as upstream reads it (universal newlines).
  const crlf = DPKG_TEXT.replace(/\n/g, '\r\n');
  const crlfTable = parseHuntRuleDocument(crlf).toml.value!.hunt as Record<string, unknown>;
  assert.equal(huntDocFreshness(DPKG_PATH, crlf, crlfTable)!.upToDate, true);
});

test('a hunt without a doc yet: actual is undefined; not a hunt or not in a queries folder: undefined', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-fresh-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'gcp/queries'), { recursive: true });
  const huntPath = join(dir, 'gcp/queries/new.toml');
  writeFileSync(huntPath, DPKG_TEXT);
  const freshness = huntDocFreshness(huntPath, DPKG_TEXT)!;
  assert.deepEqual({ docPath: freshness.docPath, actual: freshness.actual, upToDate: freshness.upToDate }, { docPath: join(dir, 'gcp/docs/new.md'), actual: undefined, upToDate: false });
  assert.ok(freshness.expected.includes('- **Source File:** [Persistence via DPKG/RPM Package](../queries/new.toml)\n'));

  assert.equal(huntDocFreshness(join(dir, 'gcp/new.toml'), DPKG_TEXT), undefined);
  assert.equal(huntDocFreshness(huntPath, '[hunt]\nname = "x"\n'), undefined);
  assert.equal(huntDocFreshness(huntPath, 'not toml ['), undefined);
});
