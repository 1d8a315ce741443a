// Worker-thread side of batchCheck: runs the queries it is sent, each one it can claim
// (another thread may have taken it), and once told there are no more, answers with their
// diagnostics and ends. Part of whatever bundle runs batchCheck; it acts only in a `check` worker.
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { workerRole } from '../common/workerThreads.ts';
import { CLAIMED_BY_WORKER, runJob, type QueryAnswers, type QueryJobs } from './batchCheck.ts';

export function runCheckWorker(): boolean {
  const port = parentPort;
  if (!port || workerRole(workerData) !== 'check') return false;
  // Tests make a worker fail after claiming a query, to see the main thread run it instead.
  const fault = process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT !== undefined;
  let claims: Int32Array | undefined;
  const answers: QueryAnswers['answers'] = [];
  port.on('message', (m: QueryJobs) => {
    if ('claims' in m) claims = new Int32Array(m.claims);
    else if ('jobs' in m) {
      for (const job of m.jobs) {
        if (Atomics.compareExchange(claims!, job.id, 0, CLAIMED_BY_WORKER) !== 0) continue;
        if (fault) throw new Error('check worker fault injected by a test');
        answers.push([job.key, runJob(job).diagnostics satisfies QueryDiagnostic[]]);
      }
    } else {
      port.postMessage({ answers } satisfies QueryAnswers);
      port.close();
    }
  });
  return true;
}

runCheckWorker();
