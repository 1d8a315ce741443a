// Batch checks over several threads (this one parses TOML and checks schemas, workers run
// the queries, each claimed by one thread) give exactly the single-thread result, even
// with several workers claiming from the same queries, or when a worker fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkFiles } from '../../../server/service/batchCheck.ts';
import { findTomlFiles } from '../../../server/service/files.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

const corpusFiles = corpusAvailable() ? findTomlFiles([CORPUS]) : [];

test('the corpus checked with a worker thread gives exactly the single-thread diagnostics', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const one = await checkFiles(corpusFiles, { workers: 0 });
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
});
