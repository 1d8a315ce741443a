// Worker for the WorkQueue test: says it is ready, waits for the go signal, then takes
// positions from the back of a shared queue until it is empty and posts what it took.
import { parentPort, workerData } from 'node:worker_threads';
import { WorkQueue } from '../../server/service/batchCheck.ts';

const { queue: buffer, go } = workerData as { queue: SharedArrayBuffer; go: SharedArrayBuffer };
const queue = new WorkQueue(buffer);
const signal = new Int32Array(go);
parentPort!.postMessage('ready');
Atomics.wait(signal, 0, 0);
const taken: number[] = [];
for (let k = queue.takeBack(); k !== undefined; k = queue.takeBack()) taken.push(k);
parentPort!.postMessage(taken);
