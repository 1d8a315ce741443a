// `--select`/`--ignore` code lists: which codes they report, which families of work they let
// a check skip, and the entries they refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVERY_CODE, mayReport, parseCodeList, reportsCode, reportsEveryCode } from '../../../server/common/codeFilter.ts';

test('entries are exact codes or prefixes ending at a dash', () => {
  const filter = { select: ['kql', 'rule-threat', 'hunt-missing-key'], ignore: [] };
  assert.equal(reportsCode(filter, 'kql-unknown-field'), true);
  assert.equal(reportsCode(filter, 'rule-threat'), true);
  assert.equal(reportsCode(filter, 'rule-threat-mapping-negate'), true);
  assert.equal(reportsCode(filter, 'hunt-missing-key'), true);
  // Prefixes end at a dash: `rule-threat` is not `rule-threshold`'s, nor `kql` `kqlx-`'s.
  assert.equal(reportsCode(filter, 'rule-threshold'), false);
  assert.equal(reportsCode(filter, 'hunt-unknown-key'), false);
  assert.equal(reportsCode(filter, 'eql-unknown-field'), false);
});

test('ignore wins over select; no select reports everything not ignored', () => {
  assert.equal(reportsCode({ select: ['rule'], ignore: ['rule-unknown-key'] }, 'rule-unknown-key'), false);
  assert.equal(reportsCode({ select: ['rule'], ignore: ['rule-unknown-key'] }, 'rule-missing-key'), true);
  assert.equal(reportsCode({ select: [], ignore: ['esql'] }, 'esql-unknown-column'), false);
  assert.equal(reportsCode({ select: [], ignore: ['esql'] }, 'eql-unknown-field'), true);
  assert.equal(reportsCode(EVERY_CODE, 'anything-at-all'), true);
  assert.equal(reportsEveryCode(EVERY_CODE), true);
  assert.equal(reportsEveryCode({ select: [], ignore: ['kql'] }), false);
});

test('mayReport tells whether any code of a family or prefix can be reported', () => {
  const schemaOnly = { select: ['toml', 'file', 'hunt', 'rule'], ignore: [] };
  for (const family of ['eql', 'esql', 'kql', 'lucene', 'osquery']) assert.equal(mayReport(schemaOnly, family), false, family);
  assert.equal(mayReport(schemaOnly, 'hunt-doc-out-of-date'), true);
  // Selecting one code of a family needs that family's work.
  assert.equal(mayReport({ select: ['eql-unknown-field'], ignore: [] }, 'eql'), true);
  assert.equal(mayReport({ select: ['eql-unknown-field'], ignore: [] }, 'esql'), false);
  // Ignoring the whole family (or a broader prefix) rules it out; ignoring one code does not.
  assert.equal(mayReport({ select: [], ignore: ['hunt'] }, 'hunt-doc-out-of-date'), false);
  assert.equal(mayReport({ select: [], ignore: ['hunt-doc-out-of-date'] }, 'hunt-doc-out-of-date'), false);
  assert.equal(mayReport({ select: [], ignore: ['eql-unknown-field'] }, 'eql'), true);
});

test('code lists: commas, spaces and case are forgiven; unknown families are refused with the known ones', () => {
  assert.deepEqual(parseCodeList(' KQL, rule-unknown-key ,,'), ['kql', 'rule-unknown-key']);
  assert.throws(() => parseCodeList('kuery'), /`kuery` is not a diagnostic code or prefix: codes start with toml, file, internal, hunt, rule, eql, esql, kql, lucene, osquery/);
  assert.throws(() => parseCodeList('rule-'), /`rule-` is not a diagnostic code/);
  assert.throws(() => parseCodeList(' , '), /expected a comma-separated list/);
});
