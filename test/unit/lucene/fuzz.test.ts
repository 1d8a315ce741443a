import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luceneChildren, luceneFrontEnd } from '../../../server/lucene/index.ts';
import { seededRandom } from '../../support/fuzzing.ts';
import { spansNest } from '../../support/treeSpans.ts';
import { luceneFuzzInput } from './fuzzing.ts';

describe('Lucene fuzz', () => {
  it('never throws on 5,000 seeded inputs, and keeps spans inside the text', () => {
    const random = seededRandom(1999);
    for (let i = 0; i < 5000; i++) {
      const text = luceneFuzzInput(random);
      const { ast, diagnostics } = luceneFrontEnd.parse(text);
      const semantic = luceneFrontEnd.check(ast, text, {});
      assert.ok(spansNest(ast, luceneChildren), `nodes out of place for ${JSON.stringify(text)}`);
      for (const d of [...diagnostics, ...semantic]) {
        assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} out of the text for ${JSON.stringify(text)}`);
      }
    }
  });
});
