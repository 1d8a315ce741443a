import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlFrontEnd } from '../../../server/kql/index.ts';

function check(query: string): [string, string, number, number][] {
  const { ast, diagnostics } = kqlFrontEnd.parse(query);
  assert.deepEqual(diagnostics, [], 'the query must be valid KQL');
  return kqlFrontEnd.check(ast, query, {}).map((d) => [d.code, d.severity, d.span.start, d.span.end]);
}

describe('KQL semantic checks', () => {
  it('warns about a wildcard in a range value, which is compared literally', () => {
    assert.deepEqual(check('port >= 10*'), [['kql-wildcard-in-range', 'warning', 8, 11]]);
  });

  it('warns about an operator word Kibana reads as text', () => {
    // a trailing operator is part of the value, and so is one that starts a query
    assert.deepEqual(check('a:b and'), [['kql-keyword-in-value', 'warning', 4, 7]]);
    assert.deepEqual(check('a:b or c:d or'), [['kql-keyword-in-value', 'warning', 11, 13]]);
    assert.deepEqual(check('a and and b'), [['kql-keyword-in-value', 'warning', 6, 9]]);
  });

  it('warns about a field name with a space, flagging the stray keyword too', () => {
    assert.deepEqual(check('process name:x'), [['kql-space-in-field-name', 'warning', 0, 12]]);
    assert.deepEqual(check('and a:b'), [
      ['kql-keyword-in-value', 'warning', 0, 3],
      ['kql-space-in-field-name', 'warning', 0, 5],
    ]);
  });

  it('notes a quoted wildcard, which matches a literal `*`', () => {
    assert.deepEqual(check('process.name:"python*"'), [['kql-quoted-wildcard', 'information', 13, 22]]);
  });

  it('stays quiet on what Kibana means as written', () => {
    for (const query of [
      'a:"*"',
      '"my field":x',
      'a:\\and',
      'a:(b or c)',
      'process.name:*powershell*',
      'a:*x and b >= 10',
      'x:{ y:1 }',
    ]) {
      assert.deepEqual(check(query), [], query);
    }
  });

  it('leaves text inside syntax errors to the syntax diagnostics', () => {
    const query = 'not(a:"x*")';
    const { ast, diagnostics } = kqlFrontEnd.parse(query);
    assert.deepEqual(diagnostics.map((d) => d.code), ['kql-keyword-spacing']);
    assert.deepEqual(kqlFrontEnd.check(ast, query, {}), []);
  });
});
