import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { readEvents } from '../../../../server/engine/eventReader.ts';
import { generateSampleData } from '../../../../server/engine/sampleData/generate.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { CORPUS } from '../../../support/corpus.ts';
import { runEql } from './helpers.ts';

test('the EQL rules that the sample data plays scenarios for detect their scenario among the noise', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huntkit-eql-'));
  try {
    const summary = await generateSampleData(dir, { events: 4000, seed: 11 });
    const events: EventDocument[] = [];
    for (const file of summary.files) for await (const event of readEvents(file.path)) events.push(event);
    const detected: string[] = [];
    const eqlScenarios: string[] = [];
    for (const scenario of summary.scenarios) {
      const rule = (getStaticTOMLValue(parseTOML(await readFile(join(CORPUS, scenario.target), 'utf8'))) as { rule?: { language?: string; query?: string } }).rule;
      if (rule?.language !== 'eql' || rule.query === undefined) continue;
      eqlScenarios.push(scenario.id);
      const output = runEql(rule.query, events, { limit: 100 });
      const found = output.kind === 'events' ? output.events : output.kind === 'sequences' ? output.sequences.flatMap((s) => s.events) : [];
      const ids = new Set(scenario.eventIds);
      if (found.some((event) => ids.has(String((event.event as { id?: unknown } | undefined)?.id)))) detected.push(scenario.id);
    }
    assert.ok(eqlScenarios.length >= 10, `${eqlScenarios.length} EQL scenarios`);
    assert.deepEqual(detected, eqlScenarios);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
