import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luceneFrontEnd, luceneNodePath } from '../../../server/lucene/index.ts';
import type { LuceneQuery, LuceneTerm } from '../../../server/lucene/index.ts';
import { render } from './render.ts';

function parseClean(text: string): LuceneQuery {
  const { ast, diagnostics } = luceneFrontEnd.parse(text);
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return ast;
}

// Each valid query and the exact tree it gives (see render.ts for the notation).
const TREES: [query: string, tree: string][] = [
  ['', ''],
  ['process', '"process"'],
  ['event.category:process', 'event.category:"process"'],
  ['a:b^2 "x y"~3^1.5 fo~ fo~2 roam~0.5', 'a:"b"^2 q:"x y"~3^1.5 "fo"~ "fo"~2 "roam"~0.5'],
  ['"x y"^2~3', 'q:"x y"~3^2'],
  ['-c +d !e NOT f', '-"c" +"d" -"e" -"f"'],
  ['a AND b OR c && d || e', '"a" AND "b" OR "c" AND "d" OR "e"'],
  ['a AND NOT b', '"a" AND -"b"'],
  ['a* *a ?b te?t *', 'w:"a*" w:"*a" w:"?b" w:"te?t" w:"*"'],
  ['field:*', 'field:w:"*"'],
  ['*:x', '*:"x"'],
  ['[1 TO 5] {a TO *] [* TO "x y"}', '["1" TO "5"] {"a" TO *] [* TO "x y"}'],
  ['date:[2020-01-01 TO now-1d/d]', 'date:["2020-01-01" TO "now-1d/d"]'],
  ['x:>=10 y:<5 z:>a w:<=b', 'x:>="10" y:<"5" z:>"a" w:<="b"'],
  ['age:(>=10 AND <20)', 'age:(>="10" AND <"20")'],
  ['/ab+c/ /a\\/b/', 're:"ab+c" re:"a\\\\/b"'],
  ['_exists_:host.name', '_exists_:"host.name"'],
  ['(a OR b)^2 c', '("a" OR "b")^2 "c"'],
  ['a:(b c) d:("e f" OR g)', 'a:("b" "c") d:(q:"e f" OR "g")'],
  // `+`/`-` inside a term are part of it; alone before a space they are searched as terms
  ['g+s a-b', '"g+s" "a-b"'],
  ['a + b', '"a" "+" "b"'],
  // escapes
  ['C\\:\\\\Windows', '"C:\\\\Windows"'],
  ['\\u0041bc', '"Abc"'],
  ['url\\:path:x', 'url:path:"x"'],
  ['"a \\"b\\""', 'q:"a \\"b\\""'],
  ['ANDROID NOTE ORACLE', '"ANDROID" "NOTE" "ORACLE"'],
  ['a ^2', '"a"^2'],
];

describe('Lucene parser: trees of valid queries', () => {
  for (const [query, tree] of TREES) {
    it(JSON.stringify(query), () => {
      assert.equal(render(parseClean(query)), tree);
    });
  }
});

describe('Lucene parser: spans and values', () => {
  it('gives clauses, fields and terms their spans', () => {
    const text = 'NOT user.name:root~1^2';
    const [clause] = parseClean(text).clauses;
    assert.deepEqual(clause.span, { start: 0, end: 22 });
    assert.deepEqual(clause.modifier, { span: { start: 0, end: 3 }, raw: 'NOT', occur: 'must_not' });
    assert.deepEqual(clause.field, { kind: 'field', span: { start: 4, end: 13 }, raw: 'user.name', name: 'user.name' });
    const term = clause.query as LuceneTerm;
    assert.deepEqual(term.span, { start: 14, end: 18 });
    assert.deepEqual(term.fuzzy, { span: { start: 18, end: 20 }, raw: '~1', value: 1 });
    assert.deepEqual(term.boost, { span: { start: 20, end: 22 }, value: 2 });
  });

  it('reads a one-sided comparison as a range whose bound follows the operator', () => {
    const [clause] = parseClean('bytes:>=1024').clauses;
    assert.deepEqual(clause.query, {
      kind: 'range',
      span: { start: 6, end: 12 },
      form: 'comparison',
      lower: { kind: 'bound', span: { start: 8, end: 12 }, raw: '1024', value: '1024' },
      upper: null,
      includeLower: true,
      includeUpper: true,
      boost: null,
    });
  });

  it('keeps the raw text of escaped terms beside the decoded value', () => {
    const term = parseClean('a\\*b').clauses[0].query as LuceneTerm;
    assert.deepEqual([term.raw, term.value, term.wildcard], ['a\\*b', 'a*b', false]);
  });

  it('finds the node under an offset', () => {
    const ast = parseClean('a:1 AND b:(c OR de)');
    assert.deepEqual(luceneNodePath(ast, 17).map((n) => n.kind), ['query', 'clause', 'group', 'clause', 'term']);
    assert.deepEqual(luceneNodePath(ast, 9).map((n) => n.kind), ['query', 'clause', 'field']);
    assert.deepEqual(luceneNodePath(ast, 19).map((n) => n.kind), ['query', 'clause', 'group']);
  });
});
