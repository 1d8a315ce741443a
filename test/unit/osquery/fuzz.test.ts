import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osqueryFrontEnd } from '../../../server/osquery/index.ts';
import { seededRandom } from '../../support/fuzzing.ts';
import { osqueryFuzzInput } from './fuzzing.ts';

describe('osquery fuzz', () => {
  it('never throws on 5,000 seeded inputs, and keeps spans inside the text', () => {
    const random = seededRandom(4242);
    let failures = 0;
    for (let i = 0; i < 5000; i++) {
      const text = osqueryFuzzInput(random);
      const { ast, diagnostics } = osqueryFrontEnd.parse(text);
      const semantic = osqueryFrontEnd.check(ast, text, {});
      if (diagnostics.length > 0) failures++;
      assert.equal(ast.cst === null, diagnostics.some((d) => d.code !== 'osquery-trailing-comma'), 'a tree exactly when the text parses');
      for (const span of [...diagnostics, ...semantic].map((d) => d.span).concat(ast.tables.map((t) => t.span), ast.columns.map((c) => c.span))) {
        assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `span out of the text for ${JSON.stringify(text)}`);
      }
    }
    // the mix must exercise both sides
    assert.ok(failures > 1000 && failures < 4500, `failures ${failures}`);
  });
});
