// Batch checks over several threads (this one parses TOML and checks schemas, workers run
// the queries, each claimed by one thread) give exactly the single-thread result, even
// with several workers claiming from the same queries, or when a worker fails. A check
// that reports only some codes gives exactly the full result's diagnostics of those codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkFiles, type BatchResult } from '../../../server/service/batchCheck.ts';
import { findTomlFiles } from '../../../server/service/files.ts';
import { frontEnds } from '../../../server/service/frontEnds.ts';
import { reportsCode, type CodeFilter } from '../../../server/common/codeFilter.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

const corpusFiles = corpusAvailable() ? findTomlFiles([CORPUS]) : [];
let corpusInOneThread: Promise<BatchResult> | undefined;
const checkCorpusInOneThread = () => (corpusInOneThread ??= checkFiles(corpusFiles, { workers: 0 }));

test('the corpus checked with a worker thread gives exactly the single-thread diagnostics', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const one = await checkCorpusInOneThread();
  const two = await checkFiles(corpusFiles, { workers: 1 });
  assert.deepEqual(two.checkedFiles, one.checkedFiles);
  assert.deepEqual(two.diagnostics, one.diagnostics);
  assert.ok(one.diagnostics.length > 0);
  const four = await checkFiles(corpusFiles, { workers: 3 });
  assert.deepEqual(four, one);
});

test('files a failed worker took are checked by the main thread', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const files = corpusFiles.filter((f) => /[\\/]hunting[\\/]/.test(f) || /[\\/]rules[\\/]linux[\\/]/.test(f));
  const expected = await checkFiles(files, { workers: 0 });
  process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT = '1';
  try {
    const withFault = await checkFiles(files, { workers: 1 });
    assert.deepEqual(withFault, expected);
  } finally {
    delete process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT;
  }
});

test('a file that cannot be read gets its diagnostic in the parallel check as in one thread', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const missingRule = join(CORPUS, 'rules', 'linux', 'no_such_rule.toml');
  const missingHunt = join(CORPUS, 'hunting', 'linux', 'queries', 'no_such_hunt.toml');
  const files = [...corpusFiles.filter((f) => /[\\/]rules[\\/](linux|windows)[\\/]/.test(f) || /[\\/]hunting[\\/]/.test(f)), missingRule, missingHunt];
  assert.ok(files.length >= 400, 'enough files for the parallel path');
  const one = await checkFiles(files, { workers: 0 });
  const two = await checkFiles(files, { workers: 1 });
  assert.deepEqual(two, one);
  for (const missing of [missingRule, missingHunt]) {
    const found = two.diagnostics.filter((d) => d.file === missing);
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['file-unreadable', 'error']], missing);
    assert.match(found[0].message, /^cannot read file: ENOENT/);
  }
  // Left out, the diagnostic is gone in both.
  const codes: CodeFilter = { select: [], ignore: ['file-unreadable'] };
  const ignoringOne = await checkFiles(files, { workers: 0, codes });
  assert.deepEqual(ignoringOne.diagnostics, one.diagnostics.filter((d) => d.code !== 'file-unreadable'));
  assert.deepEqual(await checkFiles(files, { workers: 1, codes }), ignoringOne);
});

test("reporting only the schema codes gives the full check's diagnostics of those codes, in one thread or several", { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const codes: CodeFilter = { select: ['toml', 'file', 'hunt', 'rule'], ignore: ['rule-unknown-key'] };
  const full = await checkCorpusInOneThread();
  const expected = full.diagnostics.filter((d) => reportsCode(codes, d.code));
  assert.ok(expected.length > 10 && expected.length < full.diagnostics.length);
  const one = await checkFiles(corpusFiles, { workers: 0, codes });
  assert.deepEqual(one.diagnostics, expected);
  assert.deepEqual(one.checkedFiles, full.checkedFiles);
  // No queries to hand over: the worker takes rules whole from the end once the hunts are done.
  assert.deepEqual(await checkFiles(corpusFiles, { workers: 1, codes }), one);
  assert.deepEqual(await checkFiles(corpusFiles, { workers: 3, codes }), one);
  const ignoringQueries: CodeFilter = { select: [], ignore: ['eql', 'esql', 'kql', 'lucene', 'osquery', 'hunt-doc-out-of-date'] };
  assert.deepEqual((await checkFiles(corpusFiles, { workers: 1, codes: ignoringQueries })).diagnostics, full.diagnostics.filter((d) => reportsCode(ignoringQueries, d.code)));
});

test('reporting some query codes runs those queries, in parallel too, and reports only those codes', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const codes: CodeFilter = { select: ['esql', 'eql-unknown-field', 'rule-duplicate-name'], ignore: [] };
  const full = await checkCorpusInOneThread();
  const expected = full.diagnostics.filter((d) => reportsCode(codes, d.code));
  assert.ok(expected.some((d) => d.code.startsWith('esql-')));
  assert.deepEqual((await checkFiles(corpusFiles, { workers: 1, codes })).diagnostics, expected);
});

test("a failed worker's hunts are checked by the main thread when there are no queries to run", { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const files = corpusFiles.filter((f) => /[\\/]hunting[\\/]/.test(f) || /[\\/]rules[\\/]linux[\\/]/.test(f));
  const codes: CodeFilter = { select: ['hunt', 'rule', 'toml'], ignore: [] };
  const expected = await checkFiles(files, { workers: 0, codes });
  process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT = '1';
  try {
    assert.deepEqual(await checkFiles(files, { workers: 1, codes }), expected);
  } finally {
    delete process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT;
  }
});

test('a language none of whose codes are reported is not parsed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-codes-'));
  const rule = (type: string, language: string, query: string) =>
    `[metadata]\ncreation_date = "2024/01/01"\nmaturity = "production"\nupdated_date = "2024/01/01"\n\n[rule]\nauthor = ["Elastic"]\ndescription = "x"\nfrom = "now-9m"\nindex = ["logs-*"]\nlanguage = "${language}"\nlicense = "Elastic License v2"\nname = "${type} rule"\nrisk_score = 21\nrule_id = "${type === 'eql' ? '1' : '2'}a8c3f2e-0b4d-4c2a-9f1e-3d5b7c9e1f20"\nseverity = "low"\ntype = "${type}"\nquery = '''\n${query}\n'''\n`;
  writeFileSync(join(dir, 'eql_rule.toml'), rule('eql', 'eql', 'process where process.name == '));
  writeFileSync(join(dir, 'kql_rule.toml'), rule('query', 'kuery', 'process.name : ('));
  const files = [join(dir, 'eql_rule.toml'), join(dir, 'kql_rule.toml')];
  const codesOf = (r: BatchResult) => [...new Set(r.diagnostics.map((d) => d.code.split('-')[0]))].sort();
  assert.deepEqual(codesOf(await checkFiles(files)), ['eql', 'kql']);
  const parse = frontEnds.eql.parse;
  let eqlParses = 0;
  frontEnds.eql.parse = (text: string) => (eqlParses++, parse.call(frontEnds.eql, text));
  try {
    assert.deepEqual(codesOf(await checkFiles(files, { codes: { select: [], ignore: ['eql'] } })), ['kql']);
    assert.equal(eqlParses, 0);
    assert.deepEqual(codesOf(await checkFiles(files, { codes: { select: ['eql-expected-expression'], ignore: [] } })), ['eql']);
    assert.equal(eqlParses, 1);
  } finally {
    frontEnds.eql.parse = parse;
  }
});
