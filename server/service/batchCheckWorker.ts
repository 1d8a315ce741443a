// Worker-thread side of batchCheck: checks the hunts it is sent whole, then runs the
// queries it is sent; of each, only what it can claim (another thread may have taken it).
// Told there is no more, it answers with what it did and ends. Part of whatever bundle runs
// batchCheck; it acts only in a `check` worker.
import { parentPort, workerData } from 'node:worker_threads';
import { saveCodeCache, workerRole } from '../common/workerThreads.ts';
import { CLAIMED_BY_MAIN, CLAIMED_BY_WORKER, checkOneFile, runJob, type CheckAnswer, type CheckMessage } from './batchCheck.ts';

export function runCheckWorker(): boolean {
  const port = parentPort;
  if (!port || workerRole(workerData) !== 'check') return false;
  // Tests make a worker fail after claiming work, to see the main thread do it instead.
  const fault = process.env.HUNTKIT_TEST_CHECK_WORKER_FAULT !== undefined;
  let jobClaims: Int32Array | undefined;
  const answer: CheckAnswer = { hunts: [], rules: [], jobs: [] };
  port.on('message', (m: CheckMessage) => {
    if ('hunts' in m) {
      jobClaims = new Int32Array(m.jobClaims);
      const huntClaims = new Int32Array(m.huntClaims);
      const check = (file: string) => checkOneFile(file, { codes: m.codes });
      for (const [k, file] of m.hunts.entries()) {
        if (Atomics.compareExchange(huntClaims, k, 0, CLAIMED_BY_WORKER) !== 0) continue;
        if (fault) throw new Error('check worker fault injected by a test');
        answer.hunts.push([k, check(file)]);
      }
      // Rules come only when there are no queries to run: taken from the end, past other
      // workers' claims, until meeting the main thread's.
      const ruleClaims = new Int32Array(m.ruleClaims);
      for (let k = m.rules.length - 1; k >= 0; k--) {
        const claimedBy = Atomics.compareExchange(ruleClaims, k, 0, CLAIMED_BY_WORKER);
        if (claimedBy === CLAIMED_BY_MAIN) break;
        if (claimedBy === 0) answer.rules.push([k, check(m.rules[k])]);
      }
    } else if ('jobs' in m) {
      for (const job of m.jobs) {
        if (Atomics.compareExchange(jobClaims!, job.id, 0, CLAIMED_BY_WORKER) !== 0) continue;
        answer.jobs.push([job.id, runJob(job).diagnostics]);
      }
    } else {
      saveCodeCache();
      port.postMessage(answer);
      port.close();
    }
  });
  return true;
}

runCheckWorker();
