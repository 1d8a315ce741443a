// Seeded fuzzing: whatever the input, parsing, checking and cursor context
// never throw, and every span stays inside the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Span } from '../../../server/common/diagnostics.ts';
import { cursorContext, esqlFrontEnd, walk } from '../../../server/esql/index.ts';
import { seededRandom } from '../../support/fuzzing.ts';
import { fuzzCases } from './fuzzCases.ts';

function assertSpanInside(span: Span, length: number, what: string): void {
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${what} span ${span.start}-${span.end} outside 0-${length}`);
}

describe('ES|QL fuzzing', () => {
  it('handles 5,000 seeded inputs without throwing, with spans inside the text', () => {
    const random = seededRandom(7);
    let cases = 0;
    for (const text of fuzzCases(5000, 20240611)) {
      cases++;
      const { ast, diagnostics } = esqlFrontEnd.parse(text);
      const semantic = esqlFrontEnd.check(ast, text, { minStackVersion: '8.16.0' });
      for (const diagnostic of [...diagnostics, ...semantic]) assertSpanInside(diagnostic.span, text.length, diagnostic.code);
      walk(ast, (node) => assertSpanInside(node.span, text.length, node.kind));
      if (cases % 5 === 0) cursorContext(ast, text, Math.floor(random() * (text.length + 1)));
    }
    assert.equal(cases, 5000);
  });

  it('parses deterministically', () => {
    for (const text of fuzzCases(200, 99)) {
      assert.deepEqual(esqlFrontEnd.parse(text), esqlFrontEnd.parse(text));
    }
  });
});
