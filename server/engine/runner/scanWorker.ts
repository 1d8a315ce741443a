// Worker-thread side of a parallel run: compiles the query from its text, then for
// each unit it is sent reads the events, keeps those in the time range that pass the
// prefilter, and posts them back in batches. Loaded in every thread (the bundled CLI
// is its own worker script); it acts only in a worker started with SCAN_WORKER_KEY.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readEventBatches, readNdjsonRange, type ReadWarning } from '../eventReader.ts';
import type { EventDocument } from '../values.ts';
import { compileQuery } from './compilers.ts';
import { combineFilters, compileTimeRange } from './timeRange.ts';
import { engineOptions, SCAN_WORKER_KEY, type FromWorker, type ScanQuery, type ScanUnit, type ToWorker } from './workerProtocol.ts';

/** Matching events are posted once this many have gathered (or when the unit ends). */
const POST_BATCH = 512;

function startScanWorker(): void {
  const query = (workerData as Record<string, ScanQuery | undefined> | null)?.[SCAN_WORKER_KEY];
  const port = parentPort;
  if (isMainThread || !port || !query) return;
  const post = (message: FromWorker) => port.postMessage(message);
  const options = engineOptions(query.options);
  const compiled = compileQuery(query.language, query.text, options);
  if (!compiled.ok) {
    post({ type: 'failed', message: compiled.diagnostics.map((d) => d.message).join('; ') });
    return;
  }
  const filter = combineFilters(compileTimeRange(options), compiled.query.prefilter) ?? (() => true);

  const scan = async (unit: ScanUnit) => {
    const onWarning = (warning: ReadWarning) => post({ type: 'warning', unit: unit.id, warning });
    const batches = unit.range
      ? readNdjsonRange(unit.path, unit.range, { onWarning })
      : readEventBatches({ path: unit.path, format: unit.format, compressed: unit.compressed }, { onWarning });
    let read = 0;
    let pending: EventDocument[] = [];
    for await (const batch of batches) {
      read += batch.length;
      for (let i = 0; i < batch.length; i++) if (filter(batch[i])) pending.push(batch[i]);
      if (pending.length >= POST_BATCH) {
        post({ type: 'events', unit: unit.id, events: pending });
        pending = [];
      }
    }
    if (pending.length > 0) post({ type: 'events', unit: unit.id, events: pending });
    post({ type: 'done', unit: unit.id, read });
  };

  port.on('message', (message: ToWorker) => {
    scan(message.unit).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
  });
}

startScanWorker();
