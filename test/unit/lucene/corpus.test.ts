import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luceneFrontEnd } from '../../../server/lucene/index.ts';
import { render } from './render.ts';
import { corpusAvailable, corpusQueries } from '../../support/corpus.ts';

describe('Lucene corpus', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const queries = corpusQueries().filter((q) => q.language === 'lucene');

  it('has the one lucene query of the snapshot and parses it without error', () => {
    assert.equal(queries.length, 1);
    const [{ text }] = queries;
    const { ast, diagnostics } = luceneFrontEnd.parse(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(
      render(ast),
      'event.category:"process" AND event.type:("start" "or" "process_started") AND process.name:"chmod" AND process.args:("g+s" OR re:"2[0-9]{3}") AND -user.name:"root"',
    );
    // the lowercase `or` is a word to Lucene: worth a warning, not an error
    assert.deepEqual(luceneFrontEnd.check(ast, text, {}).map((d) => [d.code, d.severity]), [['lucene-lowercase-operator', 'warning']]);
  });
});
