// Worker-thread side of batchCheck: checks its share of files and posts the results.
import { parentPort, workerData } from 'node:worker_threads';
import { checkOneFile } from './batchCheck.ts';

export function runCheckWorker(): boolean {
  const files = (workerData as { huntkitCheckFiles?: string[] } | null)?.huntkitCheckFiles;
  if (!parentPort || !files) return false;
  parentPort.postMessage(files.map((file) => checkOneFile(file)));
  return true;
}

runCheckWorker();
