import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { kqlFrontEnd } from '../../../server/kql/index.ts';
import { corpusAvailable, corpusQueries } from '../../support/corpus.ts';
import { kibanaParse } from './kibanaOracle.ts';
import { toKibana } from './toKibana.ts';

describe('KQL corpus', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const queries = corpusQueries().filter((q) => q.language === 'kuery');

  it('has the 801 kuery queries of the snapshot', () => {
    assert.equal(queries.length, 801);
  });

  it('parses and checks every query with no error', () => {
    const failures: string[] = [];
    for (const q of queries) {
      const { ast, diagnostics } = kqlFrontEnd.parse(q.text);
      const errors = [...diagnostics, ...kqlFrontEnd.check(ast, q.text, {})].filter((d) => d.severity === 'error');
      for (const d of errors) failures.push(`${q.file}#${q.key}: ${d.code} at ${d.span.start}: ${d.message}`);
    }
    assert.deepEqual(failures, []);
  });

  it('builds the same tree as Kibana\'s grammar for every query', () => {
    const differences = queries.filter((q) => {
      const kibana = kibanaParse(q.text);
      return kibana === null || !isDeepStrictEqual(kibana, toKibana(kqlFrontEnd.parse(q.text).ast));
    });
    assert.deepEqual(differences.map((q) => q.file), []);
  });

  it('notes the quoted wildcards upstream rules contain, as information only', () => {
    let notes = 0;
    for (const q of queries) {
      for (const d of kqlFrontEnd.check(kqlFrontEnd.parse(q.text).ast, q.text, {})) {
        assert.equal(d.code, 'kql-quoted-wildcard');
        assert.equal(d.severity, 'information');
        notes++;
      }
    }
    assert.equal(notes, 30);
  });
});
