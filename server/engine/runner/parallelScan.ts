// Main-thread side of a parallel run. Units of work (files, byte ranges of large
// NDJSON files) go to worker threads one at a time; their matching events come back
// out of order and are handed on strictly in unit order, which is file order, so the
// sink sees exactly what a single-threaded run would feed it. A worker only gets a
// new unit while fewer than `2 × workers` units wait to be handed on, which bounds
// the events held in memory.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../common/workerThreads.ts';
import type { ReadWarning } from '../eventReader.ts';
import type { EventDocument } from '../values.ts';
import { SCAN_WORKER_KEY, type FromWorker, type ScanQuery, type ScanUnit, type ToWorker } from './workerProtocol.ts';
// The worker module must be part of whatever bundle runs this one (the bundle is its own worker script).
import './scanWorker.ts';

export interface ParallelScanCallbacks {
  /** Matching events, in file order. */
  consume(events: EventDocument[]): void;
  /** Warnings with the unit they came from, in the order workers report them. */
  warn(unit: ScanUnit, warning: ReadWarning): void;
}

interface UnitState {
  batches: EventDocument[][];
  done: boolean;
  read: number;
}

/** Runs the units over `workerCount` threads; resolves to the number of events read. */
export function scanInWorkers(query: ScanQuery, units: readonly ScanUnit[], workerCount: number, callbacks: ParallelScanCallbacks): Promise<number> {
  if (units.length === 0) return Promise.resolve(0);
  return new Promise<number>((resolve, reject) => {
    const count = Math.max(1, Math.min(workerCount, units.length));
    const window = 2 * count;
    const states = new Map<number, UnitState>();
    const idle: Worker[] = [];
    const workers: Worker[] = [];
    let next = 0;
    let cursor = 0;
    let read = 0;
    let settled = false;

    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(read);
    };

    const dispatch = () => {
      while (idle.length > 0 && next < units.length && next < cursor + window) {
        const unit = units[next++];
        states.set(unit.id, { batches: [], done: false, read: 0 });
        idle.pop()!.postMessage({ type: 'scan', unit } satisfies ToWorker);
      }
    };

    /** Hands on everything the unit at the cursor has, moving on while units are complete. */
    const drain = () => {
      while (cursor < units.length) {
        const state = states.get(units[cursor].id);
        if (!state) return;
        for (const batch of state.batches) callbacks.consume(batch);
        state.batches = [];
        if (!state.done) return;
        read += state.read;
        states.delete(units[cursor].id);
        cursor++;
      }
      stop();
    };

    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    for (let i = 0; i < count; i++) {
      const worker = startWorker('scan', new URL('./scanWorker.ts', import.meta.url), { [SCAN_WORKER_KEY]: query });
      workers.push(worker);
      idle.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        try {
          switch (message.type) {
            case 'failed':
              stop(new Error(`engine worker failed: ${message.message}`));
              return;
            case 'warning':
              callbacks.warn(unitById.get(message.unit)!, message.warning);
              return;
            case 'events':
              states.get(message.unit)!.batches.push(message.events);
              if (message.unit === units[cursor].id) drain();
              return;
            case 'done': {
              const state = states.get(message.unit)!;
              state.done = true;
              state.read = message.read;
              idle.push(worker);
              drain();
              dispatch();
              return;
            }
          }
        } catch (error) {
          // The sink threw (a bug or a resource limit): end the run with its error.
          stop(error instanceof Error ? error : new Error(String(error)));
        }
      });
      worker.once('error', (error) => stop(error));
      worker.once('exit', (code) => {
        if (!settled) stop(new Error(`engine worker exited with code ${code} before the run finished`));
      });
    }
    dispatch();
  });
}
