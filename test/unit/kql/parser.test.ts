import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlFrontEnd } from '../../../server/kql/index.ts';
import type { KqlMatch, KqlQuery, KqlRange } from '../../../server/kql/index.ts';
import { render } from './render.ts';

function parseClean(text: string): KqlQuery {
  const { ast, diagnostics } = kqlFrontEnd.parse(text);
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return ast;
}

// Each valid query and the exact tree it gives.
const TREES: [query: string, tree: string][] = [
  ['', '(all)'],
  ['  \n ', '(all)'],
  ['process.name:cmd.exe', '(match f:"process.name" lit:"cmd.exe")'],
  ['process.name : "cmd.exe"', '(match f:"process.name" q:"cmd.exe")'],
  ['event.type:(start or process_started)', '(match f:"event.type" (value-group (value-or lit:"start" lit:"process_started")))'],
  ['a:(b or c and not d)', '(match f:"a" (value-group (value-or lit:"b" (value-and lit:"c" (value-not lit:"d")))))'],
  ['a:((b or c) and d)', '(match f:"a" (value-group (value-and (value-group (value-or lit:"b" lit:"c")) lit:"d")))'],
  // and binds tighter than or; not tighter than and
  ['a or b and c', '(or (match - lit:"a") (and (match - lit:"b") (match - lit:"c")))'],
  ['not a:b and c:d', '(and (not (match f:"a" lit:"b")) (match f:"c" lit:"d"))'],
  ['A OR B AND NOT C', '(or (match - lit:"A") (and (match - lit:"B") (not (match - lit:"C"))))'],
  ['(a:1 or b:2) and c:3', '(and (group (or (match f:"a" lit:"1") (match f:"b" lit:"2"))) (match f:"c" lit:"3"))'],
  ['not (a:1 or b:2)', '(not (group (or (match f:"a" lit:"1") (match f:"b" lit:"2"))))'],
  ['x:{ y:1 and z:{ w:2 } }', '(nested f:"x" (and (match f:"y" lit:"1") (nested f:"z" (match f:"w" lit:"2"))))'],
  ['a >= 10', '(range f:"a" gte lit:"10")'],
  ['a<"x"', '(range f:"a" lt q:"x")'],
  ['a <= 1 and b > 2', '(and (range f:"a" lte lit:"1") (range f:"b" gt lit:"2"))'],
  ['@timestamp >= "now-30d/d"', '(range f:"@timestamp" gte q:"now-30d/d")'],
  // wildcards in values and field names; `field:*` is an exists query
  ['process.*:x*y', '(match f:w:["process.",""] w:["x","y"])'],
  ['a:*', '(match f:"a" w:["",""])'],
  ['*', '(match - w:["",""])'],
  ['a:*foo\\*bar*', '(match f:"a" w:["","foo*bar",""])'],
  // free text, and unquoted values keep their inner spaces
  ['powershell', '(match - lit:"powershell")'],
  ['"quoted phrase"', '(match - q:"quoted phrase")'],
  ['a:b c', '(match f:"a" lit:"b c")'],
  ['a: foo bar  or b:c', '(or (match f:"a" lit:"foo bar") (match f:"b" lit:"c"))'],
  ['process.args:(* curl* or *wget*)', '(match f:"process.args" (value-group (value-or w:[""," curl",""] w:["","wget",""])))'],
  // keywords are case-insensitive and need whitespace on both sides
  ['a:b AnD c:d oR e:f', '(or (and (match f:"a" lit:"b") (match f:"c" lit:"d")) (match f:"e" lit:"f"))'],
  ['a:b\n  and\n  c:d', '(and (match f:"a" lit:"b") (match f:"c" lit:"d"))'],
  ['a:band', '(match f:"a" lit:"band")'],
  ['nothing:x', '(match f:"nothing" lit:"x")'],
  // escapes, exactly as Kibana reads them
  ['a:x\\*y', '(match f:"a" lit:"x*y")'],
  ['a:\\(x\\)\\:\\<\\>\\{\\}\\"\\\\', '(match f:"a" lit:"(x):<>{}\\"\\\\")'],
  ['a:\\and\\Or\\NOT', '(match f:"a" lit:"andOrNOT")'],
  // `\n` is tried first, so `\not` reads as a newline and `ot`, and the newline is trimmed
  ['a:\\not', '(match f:"a" lit:"ot")'],
  ['a:\\u0041\\t', '(match f:"a" lit:"A")'],
  ['a:"x\\*y"', '(match f:"a" q:"x\\\\*y")'],
  ['a:"x\\"y\\\\"', '(match f:"a" q:"x\\"y\\\\")'],
  ['a:"\\u0041\\t\\q"', '(match f:"a" q:"A\\t\\\\q")'],
  ['system\\:node\\:*', '(match - w:["system:node:",""])'],
  ['"a b":c', '(match f:q:"a b" lit:"c")'],
  ['a:null', '(match f:"a" lit:"null")'],
];

describe('KQL parser: trees of valid queries', () => {
  for (const [query, tree] of TREES) {
    it(JSON.stringify(query), () => {
      assert.equal(render(parseClean(query)), tree);
    });
  }
});

describe('KQL parser: spans and raw text', () => {
  it('gives every node its span and keeps raw text beside decoded values', () => {
    const text = 'not process.name : "cmd.exe" and a.b:(x\\:y or z*)';
    const ast = parseClean(text);
    assert.deepEqual(ast.span, { start: 0, end: text.length });
    const and = ast.body;
    assert.ok(and?.kind === 'and');
    assert.deepEqual(and.span, { start: 0, end: 49 });
    assert.deepEqual(and.operators, [{ start: 29, end: 32 }]);
    const not = and.operands[0];
    assert.ok(not.kind === 'not');
    assert.deepEqual(not.keyword, { start: 0, end: 3 });
    const match = not.operand as KqlMatch;
    assert.deepEqual(match.span, { start: 4, end: 28 });
    assert.deepEqual(match.field?.span, { start: 4, end: 16 });
    assert.deepEqual(match.value, { kind: 'quoted', span: { start: 19, end: 28 }, raw: '"cmd.exe"', value: 'cmd.exe' });
    const list = (and.operands[1] as KqlMatch).value;
    assert.ok(list.kind === 'value-group' && list.body.kind === 'value-or');
    assert.deepEqual(list.span, { start: 37, end: 49 });
    assert.deepEqual(list.body.operands[0], { kind: 'literal', span: { start: 38, end: 42 }, raw: 'x\\:y', value: 'x:y' });
    assert.deepEqual(list.body.operands[1], { kind: 'wildcard', span: { start: 46, end: 48 }, raw: 'z*', value: 'z*', pattern: ['z', ''] });
  });

  it('trims the spaces an unquoted value swallows from its span', () => {
    const text = '(a: foo bar   )';
    const group = parseClean(text).body;
    assert.ok(group?.kind === 'group');
    assert.deepEqual((group.body as KqlMatch).value.span, { start: 4, end: 11 });
    assert.deepEqual(group.span, { start: 0, end: 15 });
  });

  it('records the range operator and its span', () => {
    const range = parseClean('size>=10').body as KqlRange;
    assert.equal(range.operator, 'gte');
    assert.deepEqual(range.operatorSpan, { start: 4, end: 6 });
    assert.deepEqual(range.value.span, { start: 6, end: 8 });
  });

  it('marks quoted field names and decodes them', () => {
    const match = parseClean('"my \\"field\\"":1').body as KqlMatch;
    assert.deepEqual(match.field, { kind: 'field', span: { start: 0, end: 14 }, raw: '"my \\"field\\""', name: 'my "field"', quoted: true, pattern: null });
  });
});
