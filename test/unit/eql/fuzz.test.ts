// Mutated corpus queries: parse and check never throw and always return a
// sound tree (see invariants.ts). Deterministic: a fixed seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusAvailable, corpusQueries } from '../../support/corpus.ts';
import { pick, seededRandom } from '../../support/fuzzing.ts';
import { eqlFrontEnd } from '../../../server/eql/index.ts';
import { invariantViolations } from './invariants.ts';
import { applyMutation, mutateQuery, MUTATION_KINDS } from './mutations.ts';

const CASES = 5_000;
const STACK_VERSIONS = [undefined, '7.10.0', '8.5.0', '8.12.0', '9.4.0'];

test('mutations are deterministic for a seed and change the text', () => {
  const text = 'process where process.name : "cmd.exe" and user.id != null';
  const first = seededRandom(7);
  const second = seededRandom(7);
  const a = Array.from({ length: 20 }, () => mutateQuery(text, first));
  const b = Array.from({ length: 20 }, () => mutateQuery(text, second));
  assert.deepEqual(a, b);
  for (const kind of MUTATION_KINDS) {
    const random = seededRandom(3);
    const changed = Array.from({ length: 10 }, () => applyMutation(text, kind, random)).some((m) => m !== text);
    assert.ok(changed, `${kind} never changed the text`);
  }
});

test(`parse and check survive ${CASES} mutated corpus queries`, { skip: !corpusAvailable() }, () => {
  const queries = corpusQueries()
    .filter((q) => q.language === 'eql')
    .map((q) => q.text);
  const random = seededRandom(20260821);
  let withErrors = 0;
  for (let i = 0; i < CASES; i++) {
    const text = mutateQuery(pick(random, queries), random);
    const minStackVersion = pick(random, STACK_VERSIONS);
    let problems: string[];
    try {
      const parsed = eqlFrontEnd.parse(text);
      const semantic = eqlFrontEnd.check(parsed.ast, text, minStackVersion ? { minStackVersion } : {});
      const diagnostics = [...parsed.diagnostics, ...semantic];
      if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
      problems = invariantViolations(text, parsed.ast, diagnostics);
    } catch (error) {
      assert.fail(`case ${i} threw ${(error as Error).stack}\n--- query ---\n${text}`);
    }
    assert.deepEqual(problems, [], `case ${i}:\n${text}`);
  }
  // The mutations must actually break queries for the run to mean anything.
  assert.ok(withErrors > CASES / 2, `only ${withErrors} of ${CASES} mutated queries had errors`);
});
