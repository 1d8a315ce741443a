// Deterministic sample data: a seeded simulation of a small fleet (Linux,
// Windows and macOS endpoints) writing ECS events as NDJSON files named by data
// stream, with true-positive scenarios for corpus rules and hunts embedded at
// points spread over the time window. Events are written as they are made, so
// memory stays flat however many are asked for.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Random } from './random.ts';
import { createFleet, type FleetHost } from './fleet.ts';
import { DATA_STREAMS, serializeEvent, type DataStreamName } from './ecs.ts';
import { NOISE_BY_DISTRO } from './noise.ts';
import { SAMPLE_SCENARIOS, type SampleScenario } from './scenarios.ts';
import type { ActivityContext } from './activity.ts';
import type { EventDocument } from '../values.ts';
import { parseNowOption } from '../clock.ts';

export interface SampleDataOptions {
  /** Total events to write (at least the scenarios' own events are always written). */
  events: number;
  seed: number;
  /** The data's "now" (ISO-8601 or epoch millis); events fall in the `days` before it. Default 2026-08-21T12:00:00Z. */
  now?: number | string;
  /** Length of the time window in days. Default 5 (inside the 7-day look-back of many hunts). */
  days?: number;
}

export interface SampleDataFile {
  index: string;
  path: string;
  events: number;
  bytes: number;
}

export interface SampleScenarioEvents {
  id: string;
  target: string;
  host: string;
  /** `event.id` of every event the scenario wrote. */
  eventIds: string[];
}

export interface SampleDataSummary {
  files: SampleDataFile[];
  scenarios: SampleScenarioEvents[];
  events: number;
  /** The time window, epoch millis. */
  from: number;
  to: number;
}

export const DEFAULT_SAMPLE_NOW = '2026-08-21T12:00:00Z';
const DAY = 86_400_000;
const FLUSH_BYTES = 1 << 20;
// Noise stops this long before "now" so that long-running processes' end events stay in the past.
const TAIL_MARGIN = 2 * 3_600_000;

/** How often each host does something, by role. */
const HOST_WEIGHT: Readonly<Record<string, number>> = { web: 3, db: 2, ci: 2, k8s: 2, bastion: 1, dc: 2, iis: 2, workstation: 2 };

class StreamWriter {
  private parts: string[] = [];
  private pending = 0;
  events = 0;
  bytes = 0;

  constructor(readonly index: string, readonly path: string, private readonly handle: FileHandle) {}

  add(line: string): boolean {
    this.parts.push(line);
    this.pending += line.length;
    this.events++;
    return this.pending >= FLUSH_BYTES;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.bytes += buffer.length;
    await this.handle.write(buffer);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

/** Counts the events each scenario writes (fixed by construction), on a throwaway fleet. */
function scenarioEventCount(seed: number, time: number): number {
  const rng = new Random(seed ^ 0x5ca1ab1e);
  const fleet = createFleet(rng);
  let count = 0;
  const ctx: ActivityContext = { rng, emit: () => void count++ };
  for (const scenario of SAMPLE_SCENARIOS) scenario.generate(ctx, hostNamed(fleet, scenario), time);
  return count;
}

function hostNamed(fleet: FleetHost[], scenario: SampleScenario): FleetHost {
  const host = fleet.find((h) => h.info.name === scenario.host);
  if (!host) throw new Error(`scenario ${scenario.id} plays on unknown host ${scenario.host}`);
  return host;
}

/**
 * Writes the sample data set into `outDir` (created if needed): one
 * `<data stream>.ndjson` file per data stream. The same options produce the same bytes.
 */
export async function generateSampleData(outDir: string, options: SampleDataOptions): Promise<SampleDataSummary> {
  const now = options.now === undefined ? parseNowOption(DEFAULT_SAMPLE_NOW) : typeof options.now === 'number' ? options.now : parseNowOption(options.now);
  const days = options.days ?? 5;
  const from = now - days * DAY;
  const to = now - TAIL_MARGIN;
  const rng = new Random(options.seed);
  const fleet = createFleet(rng);
  const hostWeights = fleet.map((host) => [host, HOST_WEIGHT[host.role] ?? 1] as const);

  await mkdir(outDir, { recursive: true });
  const writers = {} as Record<DataStreamName, StreamWriter>;
  for (const stream of Object.keys(DATA_STREAMS) as DataStreamName[]) {
    const { index } = DATA_STREAMS[stream];
    const path = join(outDir, `${index}.ndjson`);
    writers[stream] = new StreamWriter(index, path, await open(path, 'w'));
  }

  const noiseBudget = Math.max(0, options.events - scenarioEventCount(options.seed, from));
  let noiseWritten = 0;
  let recording: string[] | undefined;
  const flushQueue: StreamWriter[] = [];
  const ctx: ActivityContext = {
    rng,
    emit(stream: DataStreamName, event: EventDocument) {
      if (recording) recording.push((event.event as { id: string }).id);
      else if (noiseWritten >= noiseBudget) return;
      else noiseWritten++;
      if (writers[stream].add(`${serializeEvent(event)}\n`)) flushQueue.push(writers[stream]);
    },
  };

  // Scenario anchors spread evenly over the window, jittered, in time order.
  const anchors = SAMPLE_SCENARIOS.map((_, k) => from + ((to - from) * (k + 0.5 + (rng.next() - 0.5) * 0.6)) / SAMPLE_SCENARIOS.length);
  const scenarios: SampleScenarioEvents[] = [];
  let cursor = from;
  let nextScenario = 0;
  const playScenario = (time: number) => {
    const scenario = SAMPLE_SCENARIOS[nextScenario++];
    recording = [];
    scenario.generate(ctx, hostNamed(fleet, scenario), time);
    scenarios.push({ id: scenario.id, target: scenario.target, host: scenario.host, eventIds: recording });
    recording = undefined;
  };

  const gap = (to - from) / Math.max(1, noiseBudget);
  while (noiseWritten < noiseBudget) {
    while (nextScenario < anchors.length && cursor >= anchors[nextScenario]) playScenario(anchors[nextScenario]);
    const host = rng.weighted(hostWeights);
    const before = noiseWritten;
    rng.weighted(NOISE_BY_DISTRO[host.distro])(ctx, host, Math.floor(cursor));
    cursor += gap * Math.max(1, noiseWritten - before) * (0.5 + rng.next());
    while (flushQueue.length > 0) await flushQueue.pop()!.flush();
  }
  while (nextScenario < anchors.length) playScenario(Math.max(anchors[nextScenario], Math.min(cursor, to)));

  const files: SampleDataFile[] = [];
  for (const writer of Object.values(writers)) {
    await writer.close();
    files.push({ index: writer.index, path: writer.path, events: writer.events, bytes: writer.bytes });
  }
  return { files, scenarios, events: files.reduce((sum, f) => sum + f.events, 0), from, to };
}
