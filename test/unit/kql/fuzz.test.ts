import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlChildren, kqlFrontEnd } from '../../../server/kql/index.ts';
import { seededRandom } from '../../support/fuzzing.ts';
import { spansNest } from '../../support/treeSpans.ts';
import { kqlFuzzInput } from './fuzzing.ts';

describe('KQL fuzz', () => {
  it('never throws on 5,000 seeded inputs, and keeps spans inside the text', () => {
    const random = seededRandom(20240821);
    for (let i = 0; i < 5000; i++) {
      const text = kqlFuzzInput(random);
      const { ast, diagnostics } = kqlFrontEnd.parse(text);
      const semantic = kqlFrontEnd.check(ast, text, {});
      assert.deepEqual(ast.span, { start: 0, end: text.length });
      assert.ok(spansNest(ast, kqlChildren), `nodes out of place for ${JSON.stringify(text)}`);
      for (const d of [...diagnostics, ...semantic]) {
        assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} out of the text for ${JSON.stringify(text)}`);
      }
    }
  });
});
