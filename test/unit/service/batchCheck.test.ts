// Batch checks over several threads: the shared work queue hands out every file exactly
// once, and parallel checks give exactly the single-thread result, even when a worker fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles, WorkQueue } from '../../../server/service/batchCheck.ts';
import { findTomlFiles } from '../../../server/service/files.ts';
import { startWorker } from '../../../server/common/workerThreads.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

test('a work queue gives each position once, from either end, until the ends meet', () => {
  const queue = new WorkQueue(5);
  assert.deepEqual([queue.takeFront(), queue.takeBack(), queue.takeFront(), queue.takeBack(), queue.takeBack(), queue.takeFront(), queue.takeBack()], [0, 4, 1, 3, 2, undefined, undefined]);
  assert.equal(new WorkQueue(0).takeFront(), undefined);
  // A second view of the same memory (as a worker gets) sees the same state.
  const shared = new WorkQueue(3);
  shared.takeFront();
  assert.equal(new WorkQueue(shared.buffer).takeBack(), 2);
  assert.equal(shared.takeFront(), 1);
  assert.equal(shared.takeBack(), undefined);
});

test('threads taking from both ends at once share the positions without overlap', async () => {
  const length = 2_000_000;
  const queue = new WorkQueue(length);
  const go = new SharedArrayBuffer(4);
  const workers = [0, 1].map(() => startWorker('test-queue', new URL('../../support/workQueueTaker.ts', import.meta.url), { queue: queue.buffer, go }));
  const messages = (w: (typeof workers)[number]) => {
    const received: unknown[] = [];
    let wake: () => void = () => undefined;
    w.on('message', (m) => (received.push(m), wake()));
    return async (count: number) => {
      while (received.length < count) await new Promise<void>((resolve, reject) => ((wake = resolve), w.once('error', reject)));
      return received[count - 1];
    };
  };
  const inboxes = workers.map(messages);
  await Promise.all(inboxes.map((next) => next(1)));
  // All three start together.
  Atomics.store(new Int32Array(go), 0, 1);
  Atomics.notify(new Int32Array(go), 0);
  const mine: number[] = [];
  for (let k = queue.takeFront(); k !== undefined; k = queue.takeFront()) mine.push(k);
  const theirs = (await Promise.all(inboxes.map((next) => next(2)))) as number[][];
  const all = [...mine, ...theirs.flat()].sort((a, b) => a - b);
  assert.equal(all.length, length);
  assert.ok(all.every((k, i) => k === i));
  // Each thread got some of the work, so they did run at once.
  assert.ok(mine.length > 0 && theirs.every((t) => t.length > 0), `${mine.length} / ${theirs.map((t) => t.length)}`);
});

const corpusFiles = corpusAvailable() ? findTomlFiles([CORPUS]) : [];

test('the corpus checked with a worker thread gives exactly the single-thread diagnostics', { skip: !corpusAvailable() && 'corpus not available' }, async () => {
  const one = await checkFiles(corpusFiles, { workers: 0 });
  const two = await checkFiles(corpusFiles, { workers: 1 });
  assert.deepEqual(two.checkedFiles, one.checkedFiles);
  assert.deepEqual(two.diagnostics, one.diagnostics);
  assert.ok(one.diagnostics.length > 0);
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
