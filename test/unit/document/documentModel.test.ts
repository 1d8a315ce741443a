import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';
import { huntQueryLanguage, guessLanguage } from '../../../server/document/queryLanguage.ts';
import { documentOutline } from '../../../server/service/symbols.ts';
import { duplicateDiagnostics, identityOf } from '../../../server/schema/workspace.ts';

test('a file is a hunt, a rule or neither by its tables', () => {
  assert.equal(parseHuntRuleDocument('[hunt]\nname = "a"\n').kind, 'hunt');
  assert.equal(parseHuntRuleDocument('[metadata]\nx = 1\n[rule]\nname = "a"\n').kind, 'rule');
  assert.equal(parseHuntRuleDocument('[package]\nname = "cargo"\n').kind, 'other');
  assert.equal(parseHuntRuleDocument('[metadata]\nx = 1\n').kind, 'other');
});

test('broken TOML keeps its kind and reports where it broke', () => {
  const text = '[hunt]\nname = "a"\nuuid = \n';
  const doc = parseHuntRuleDocument(text);
  assert.equal(doc.kind, 'hunt');
  assert.ok(doc.toml.syntaxError);
  assert.match(doc.toml.syntaxError.message, /^Invalid TOML: /);
  // The error sits on line 3, where the value is missing.
  assert.equal(text.slice(0, doc.toml.syntaxError.span.start).split('\n').length, 3);
});

test('every key and value has its exact source span, including array tables', () => {
  const text = '[metadata]\nmaturity = "production"\n\n[rule]\nname = "R"\n\n[[rule.threat]]\nframework = "MITRE ATT&CK"\n[[rule.threat.technique]]\nid = "T1059"\n';
  const doc = parseHuntRuleDocument(text);
  const id = doc.entry('rule', 'threat', 0, 'technique', 0, 'id');
  assert.ok(id);
  assert.equal(id.value, 'T1059');
  assert.equal(text.slice(id.valueSpan.start, id.valueSpan.end), '"T1059"');
  assert.equal(text.slice(id.keySpan!.start, id.keySpan!.end), 'id');
  const maturity = doc.entry('metadata', 'maturity')!;
  assert.equal(text.slice(maturity.valueSpan.start, maturity.valueSpan.end), '"production"');
  assert.deepEqual(doc.toml.tables.map((t) => [t.path.join('.'), t.kind]), [['metadata', 'standard'], ['rule', 'standard'], ['rule.threat.0', 'array'], ['rule.threat.0.technique.0', 'array']]);
});

test('hunt query language: one declared language wins, several are told apart by the query', () => {
  assert.equal(huntQueryLanguage(['ES|QL'], 'anything'), 'esql');
  assert.equal(huntQueryLanguage(['ES|QL', 'SQL'], 'SELECT 1'), 'osquery');
  assert.equal(huntQueryLanguage(['ES|QL', 'SQL'], 'sql\nfrom logs-*'), 'esql');
  assert.equal(guessLanguage('sequence by host.id [process where true]'), 'eql');
  assert.equal(guessLanguage('  // comment\nFROM logs-*'), 'esql');
  assert.equal(guessLanguage('process where true'), 'eql');
});

test('the outline names the hunt and each query with its language', () => {
  const text = '[hunt]\nname = "Odd shells"\nlanguage = ["ES|QL"]\nquery = [\'\'\'from a\'\'\', \'\'\'from b\'\'\']\n';
  const outline = documentOutline(parseHuntRuleDocument(text));
  assert.equal(outline.length, 1);
  assert.equal(outline[0].name, 'Odd shells');
  assert.deepEqual(outline[0].children.map((c) => [c.name, c.detail]), [['Query 1', 'ES|QL'], ['Query 2', 'ES|QL']]);
  const sel = outline[0].selectionSpan;
  assert.equal(text.slice(sel.start, sel.end), '"Odd shells"');
});

test('duplicate uuids and names are reported on every file involved', () => {
  const a = parseHuntRuleDocument('[hunt]\nuuid = "11111111-1111-1111-1111-111111111111"\nname = "A"\n');
  const b = parseHuntRuleDocument('[hunt]\nuuid = "11111111-1111-1111-1111-111111111111"\nname = "B"\n');
  const c = parseHuntRuleDocument('[hunt]\nuuid = "22222222-1111-1111-1111-111111111111"\nname = "B"\n');
  const result = duplicateDiagnostics([identityOf('a.toml', a), identityOf('b.toml', b), identityOf('c.toml', c)]);
  assert.deepEqual(result.get('a.toml')!.map((d) => [d.code, d.message]), [['hunt-duplicate-uuid', 'hunt uuid `11111111-1111-1111-1111-111111111111` is also used by b.toml (2:8)']]);
  assert.deepEqual(result.get('b.toml')!.map((d) => d.code).sort(), ['hunt-duplicate-name', 'hunt-duplicate-uuid']);
  assert.deepEqual(result.get('c.toml')!.map((d) => d.message), ['hunt name `B` is also used by b.toml (3:8)']);
  const span = result.get('c.toml')![0].span;
  assert.equal(c.toml.text.slice(span.start, span.end), '"B"');
});
