import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { kqlFrontEnd } from '../../../server/kql/index.ts';
import { noise, seededRandom } from '../../support/fuzzing.ts';
import { KQL_PIECES, kqlFuzzInput } from './fuzzing.ts';
import { kibanaParse, MATCH_ALL, WILDCARD_MARK } from './kibanaOracle.ts';
import { toKibana } from './toKibana.ts';

/** Where the parser and Kibana's grammar disagree on `text`, a description; otherwise null. */
function disagreement(text: string): string | null {
  const kibana = kibanaParse(text);
  const { ast, diagnostics } = kqlFrontEnd.parse(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (kibana === null) return errors.length > 0 ? null : `${JSON.stringify(text)}: Kibana rejects it, the parser reports nothing`;
  if (errors.length > 0) return `${JSON.stringify(text)}: Kibana accepts it, the parser reports ${errors.map((d) => d.code).join(', ')}`;
  return isDeepStrictEqual(kibana, toKibana(ast)) ? null : `${JSON.stringify(text)}: the trees differ`;
}

describe('KQL parser against Kibana\'s grammar', () => {
  it('the oracle reads simple queries as Kibana does', () => {
    assert.deepEqual(kibanaParse(''), MATCH_ALL);
    assert.deepEqual(kibanaParse('a:(b or c*)'), {
      fn: 'or',
      args: [
        { fn: 'is', field: { literal: 'a' }, value: { literal: 'b' } },
        { fn: 'is', field: { literal: 'a' }, value: { wildcard: `c${WILDCARD_MARK}` } },
      ],
    });
    assert.equal(kibanaParse('not not a'), null);
    assert.equal(kibanaParse('a:b c:d'), null);
  });

  it('accepts exactly what Kibana accepts, with the same tree (5,000 seeded cases)', () => {
    const random = seededRandom(0x6b716c);
    const problems: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const text = i % 2 === 0 ? noise(random, KQL_PIECES, 10) : kqlFuzzInput(random);
      const problem = disagreement(text);
      if (problem) problems.push(problem);
      if (kibanaParse(text) !== null) accepted++;
    }
    assert.deepEqual(problems.slice(0, 10), []);
    // the mix must exercise both sides
    assert.ok(accepted > 1000 && accepted < 4000, `accepted ${accepted}`);
  });
});
