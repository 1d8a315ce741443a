// Table-driven tests of broken queries, for the front-ends whose seeded
// syntax errors each give exactly one diagnostic: one `it` per row, registered
// inside the caller's `describe`.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryFrontEnd } from '../../server/common/language.ts';

export interface BrokenQuery {
  query: string;
  code: string;
  /** [start, end) of the diagnostic. */
  span: [number, number];
  /** The text under the span, to keep the table readable. */
  at: string;
}

/** A query with an error, the tree parsed around it (as the language's test renderer prints it) and the codes reported. */
export type RecoveryCase = [query: string, tree: string, codes: string[]];

type Parser<Ast> = Pick<QueryFrontEnd<Ast>, 'parse'>;

/** Each broken query gives exactly one error, with its code and span; the table has at least 40 rows. */
export function seededErrorTests(frontEnd: Parser<unknown>, cases: readonly BrokenQuery[]): void {
  it('has at least 40 cases', () => assert.ok(cases.length >= 40));
  for (const { query, code, span, at } of cases) {
    it(`${JSON.stringify(query)} → ${code}`, () => {
      const { diagnostics } = frontEnd.parse(query);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.span.start, d.span.end, d.severity]),
        [[code, span[0], span[1], 'error']],
      );
      assert.equal(query.slice(span[0], span[1]), at);
    });
  }
}

/** After an error the parser goes on: the rest of the query is still in the tree. */
export function recoveryTests<Ast>(frontEnd: Parser<Ast>, render: (ast: Ast) => string, cases: readonly RecoveryCase[]): void {
  for (const [query, tree, codes] of cases) {
    it(JSON.stringify(query), () => {
      const { ast, diagnostics } = frontEnd.parse(query);
      assert.equal(render(ast), tree);
      assert.deepEqual(diagnostics.map((d) => d.code), codes);
    });
  }
}
