// The fast values-only parse used by batch checks must reach the same verdict as the exact
// parse on every file: same codes and messages (positions aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHuntRuleDocument, parseHuntRuleDocumentValuesOnly } from '../../../server/document/huntRuleDocument.ts';
import { analyzeText, analyzeTextFast } from '../../../server/service/analysis.ts';
import { CORPUS, corpusAvailable, tomlFiles } from '../../support/corpus.ts';

const verdict = (diagnostics: { code: string; severity: string; message: string }[]) => diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`).sort();

test('values-only documents hold the same values, kinds and queries as exact ones', () => {
  const text = `[metadata]\ncreation_date = "2024/01/01"\n\n[rule]\nrisk_score = 47\nversion = 1.5\nenabled = true\ntags = ["a", "b"]\nlanguage = "eql"\ntype = "eql"\nquery = '''\nprocess where true\n'''\n\n[[rule.threat]]\nframework = "MITRE ATT&CK"\n[rule.threat.tactic]\nid = "TA0001"\n`;
  const exact = parseHuntRuleDocument(text);
  const fast = parseHuntRuleDocumentValuesOnly(text)!;
  assert.equal(fast.toml.exactSpans, false);
  assert.deepEqual(fast.toml.value, exact.toml.value);
  // The fast model also lists tables declared by headers (it cannot tell them from inline ones).
  assert.deepEqual([...exact.toml.entries.keys()].filter((k) => !fast.toml.entries.has(k)), []);
  assert.deepEqual([...fast.toml.entries.keys()].filter((k) => !exact.toml.entries.has(k)).sort(), ['metadata', 'rule', 'rule.threat', 'rule.threat.0', 'rule.threat.0.tactic']);
  for (const [key, entry] of exact.toml.entries) assert.equal(fast.toml.entries.get(key)!.kind, entry.kind, key);
  assert.deepEqual(fast.queries.map((q) => [q.language, q.text]), exact.queries.map((q) => [q.language, q.text]));
});

test('malformed TOML falls back to the exact parse, which says where', () => {
  const r = analyzeTextFast('[hunt]\nname = "x\n');
  assert.equal(r.document.toml.exactSpans, true);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['toml-syntax']);
});

test('on the whole corpus the fast check gives exactly the exact check’s diagnostics', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  for (const file of ['rules', 'rules_building_block', 'hunting'].flatMap((root) => tomlFiles(join(CORPUS, root)))) {
    const text = readFileSync(file, 'utf8');
    const exact = analyzeText(text, file);
    const fast = analyzeTextFast(text, file);
    assert.deepEqual(verdict(fast.diagnostics), verdict(exact.diagnostics), file);
    // With findings, the fast check re-parsed exactly: spans equal too.
    if (exact.diagnostics.length > 0) assert.deepEqual(fast.diagnostics, exact.diagnostics, file);
    // And without, the values-only verdict was complete.
    else assert.equal(fast.document.toml.exactSpans, false, file);
  }
});

test('files without floats or dates keep their parsed values; numbers are integers, floats are found wherever written', () => {
  const text = `[metadata]\ncreation_date = "2024/01/01"\n\n[rule]\nrisk_score = 47\nmax_signals = 100\ntags = ["a", "b"]\nthreshold = { field = ["host.name"], value = 1 }\n`;
  const exact = parseHuntRuleDocument(text);
  const fast = parseHuntRuleDocumentValuesOnly(text)!;
  assert.deepEqual(JSON.parse(JSON.stringify(fast.toml.value)), exact.toml.value);
  for (const [key, entry] of exact.toml.entries) assert.equal(fast.toml.entries.get(key)!.kind, entry.kind, key);
  assert.equal(fast.toml.entry(['rule', 'threshold', 'value'])!.kind, 'integer');
  // A float anywhere (after a comment in an array, in an inline table, as inf) is still a float.
  for (const [written, path] of [
    ['x = [ # first\n  1,\n  # second\n  2.5,\n]', ['x', 1]],
    ['x = { a = 1, b = 1e3 }', ['x', 'b']],
    ['x = -inf', ['x']],
    ['x = [1, 2, +0.5]', ['x', 2]],
    // Floats with an integer value: only the parser can tell them from integers.
    ['x = 1.0', ['x']],
    ['x = [1, 2e0]', ['x', 1]],
    ['x = { a = 1, b = 1_000.0 }', ['x', 'b']],
    ['x = "prose such as 8.1"\ny = 2.0', ['y']],
  ] as const) {
    const doc = parseHuntRuleDocumentValuesOnly(written)!;
    assert.equal(doc.toml.entry(path)!.kind, 'float', written);
    assert.equal(doc.toml.entry(path)!.kind, parseHuntRuleDocument(written).toml.entry(path)!.kind, written);
  }
  for (const written of ['x = 1979-05-27T07:32:00Z', 'x = 1979-05-27', 'x = 07:32:00', 'y = 1\nx = [1979-05-27]']) {
    const path = written.startsWith('y') ? ['x', 0] : ['x'];
    assert.equal(parseHuntRuleDocumentValuesOnly(written)!.toml.entry(path)!.kind, 'datetime', written);
    assert.equal(parseHuntRuleDocumentValuesOnly(written)!.toml.entry(written.startsWith('y') ? ['y'] : path)!.kind, written.startsWith('y') ? 'integer' : 'datetime', written);
  }
  // Floats and dates inside strings are text: integers around them stay integers.
  const prose = parseHuntRuleDocumentValuesOnly('note = "Windows 10, 8.1 and 2020-01-01T00:00:00"\nrisk_score = 21\n')!;
  assert.equal(prose.toml.entry(['risk_score'])!.kind, 'integer');
  assert.equal(prose.toml.entry(['risk_score'])!.value, 21);
});
