// Batch checks over several threads (this one parses TOML and checks schemas, workers run
// the queries, each claimed by one thread) give exactly the single-thread result, even
// with several workers claiming from the same queries, or when a worker fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
