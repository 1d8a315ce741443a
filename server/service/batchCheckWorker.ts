// Worker-thread side of batchCheck: for each share of files it is sent, takes files from
// the back of the share's queue until none are left and posts the results; it ends after
// the last share. Part of whatever bundle runs batchCheck; it acts only in a `check` worker.
import { parentPort, workerData } from 'node:worker_threads';
import { workerRole } from '../common/workerThreads.ts';
import { checkOneFile, WorkQueue, type CheckedFile, type CheckShare } from './batchCheck.ts';

export function runCheckWorker(): boolean {
  const port = parentPort;
  if (!port || workerRole(workerData) !== 'check') return false;
  port.on('message', (share: CheckShare) => {
    // Tests make a worker fail after taking a file, to see the main thread check it instead.
    const fault = process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT !== undefined;
    const queue = new WorkQueue(share.queue);
    const results: [number, CheckedFile][] = [];
    for (let k = queue.takeBack(); k !== undefined; k = queue.takeBack()) {
      if (fault) throw new Error('check worker fault injected by a test');
      results.push([k, checkOneFile(share.files[k])]);
    }
    port.postMessage({ id: share.id, results });
    if (share.last) port.close();
  });
  return true;
}

runCheckWorker();
