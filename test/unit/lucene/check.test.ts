import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luceneFrontEnd } from '../../../server/lucene/index.ts';

function check(query: string): [string, number, number][] {
  const { ast, diagnostics } = luceneFrontEnd.parse(query);
  assert.deepEqual(diagnostics, [], 'the query must be valid');
  return luceneFrontEnd.check(ast, query, {}).map((d) => {
    assert.equal(d.severity, 'warning');
    return [d.code, d.span.start, d.span.end];
  });
}

describe('Lucene semantic checks', () => {
  it('warns when AND and OR are mixed without parentheses', () => {
    assert.deepEqual(check('a AND b OR c'), [['lucene-mixed-operators', 8, 10]]);
    assert.deepEqual(check('a && b || c'), [['lucene-mixed-operators', 7, 9]]);
    assert.deepEqual(check('(a AND b) OR c'), []);
  });

  it('warns about lowercase operator words, which are searched as words', () => {
    assert.deepEqual(check('event.type:(start or process_started)'), [['lucene-lowercase-operator', 18, 20]]);
    assert.deepEqual(check('a and b'), [['lucene-lowercase-operator', 2, 5]]);
    assert.deepEqual(check('word:and'), []);
  });

  it('warns about a comparison detached from its value', () => {
    assert.deepEqual(check('bytes:> 10'), [['lucene-detached-comparison', 6, 7]]);
    assert.deepEqual(check('bytes:>=10'), []);
  });

  it('warns about slashes that turn part of a path into a regular expression', () => {
    assert.deepEqual(check('path:/usr/bin'), [['lucene-slash-regex', 5, 10]]);
    assert.deepEqual(check('path:\\/usr\\/bin'), []);
    assert.deepEqual(check('args:(g+s OR /2[0-9]{3}/)'), []);
  });
});
