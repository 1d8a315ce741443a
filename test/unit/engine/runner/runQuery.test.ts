import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { EngineOptions, QueryOutput } from '../../../../server/engine/contract.ts';
import type { ReadWarning } from '../../../../server/engine/eventReader.ts';
import { DEFAULT_INDEX_PATTERN, QueryCompileError, runQuery, runQueryOnEvents } from '../../../../server/engine/runner/index.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

const options: EngineOptions = { clock: fixedClock('2024-05-02T00:00:00Z'), limit: 1000 };

interface Context {
  after(fn: () => void): void;
}

function dataDir(t: Context, files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-runner-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const ndjson = (events: object[]) => events.map((e) => JSON.stringify(e) + '\n').join('');

function ids(output: QueryOutput): unknown[] {
  assert.equal(output.kind, 'events');
  return output.kind === 'events' ? output.events.map((e) => e.id) : [];
}

const at = (seconds: number) => new Date(Date.UTC(2024, 4, 1) + seconds * 1000).toISOString();

test('files come from the index option, else the Security default pattern; exclusions apply', async (t) => {
  const dir = dataDir(t, {
    'logs-a.ndjson': ndjson([{ id: 'a', '@timestamp': at(1) }]),
    'logs-b.ndjson.gz': gzipSync(ndjson([{ id: 'b', '@timestamp': at(2) }])),
    'winlogbeat-w.json': JSON.stringify([{ id: 'w', '@timestamp': at(3) }]),
    'metrics-m.ndjson': ndjson([{ id: 'm', '@timestamp': at(4) }]),
    'notes.txt': 'not events',
  });
  const byDefault = await runQuery({ language: 'kuery', text: '', dataDir: dir, options });
  assert.equal(byDefault.stats.pattern, DEFAULT_INDEX_PATTERN);
  assert.deepEqual(ids(byDefault.output), ['w', 'b', 'a']);
  assert.deepEqual(
    byDefault.files.map((f) => f.slice(dir.length + 1)),
    ['logs-a.ndjson', 'logs-b.ndjson.gz', 'winlogbeat-w.json'],
  );
  const listed = await runQuery({ language: 'kuery', text: '', index: ['metrics-*', 'logs-a'], dataDir: dir, options });
  assert.deepEqual(ids(listed.output), ['m', 'a']);
  assert.equal(listed.stats.pattern, 'metrics-*,logs-a');
  const excluded = await runQuery({ language: 'lucene', text: '*', index: 'logs-*,-logs-b', dataDir: dir, options });
  assert.deepEqual(ids(excluded.output), ['a']);
  const none = await runQuery({ language: 'kuery', text: '', index: 'nothing-*', dataDir: dir, options });
  assert.deepEqual([none.stats.files, none.stats.events], [0, 0]);
});

test("an ES|QL query's own FROM pattern wins over the index option", async (t) => {
  const dir = dataDir(t, {
    'logs-a.ndjson': ndjson([{ id: 'a', '@timestamp': at(1) }]),
    'other-x.ndjson': ndjson([{ id: 'x1', '@timestamp': at(1) }, { id: 'x2', '@timestamp': at(2) }]),
  });
  const result = await runQuery({ language: 'esql', text: 'FROM other-* | KEEP id | SORT id DESC', index: 'logs-*', dataDir: dir, options });
  assert.equal(result.stats.pattern, 'other-*');
  assert.deepEqual(result.output, { kind: 'table', columns: [{ name: 'id', type: 'keyword' }], rows: [['x2'], ['x1']], warnings: [] });
});

test('the time range keeps events with a timestamp in [from, to], any value of a multi-valued one', async (t) => {
  const dir = dataDir(t, {
    'logs-t.ndjson': ndjson([
      { id: 'early', '@timestamp': at(10) },
      { id: 'from', '@timestamp': at(20) },
      { id: 'to', '@timestamp': at(30) },
      { id: 'late', '@timestamp': at(40) },
      { id: 'both', '@timestamp': [at(5), at(25)] },
      { id: 'none' },
      { id: 'millis', '@timestamp': Date.parse(at(21)) },
      { id: 'offset', '@timestamp': '2024-05-01T02:00:22+02:00' },
      { id: 'seconds', '@timestamp': '2024-05-01T00:00:45Z' },
    ]),
  });
  const from = Date.parse(at(20));
  const to = Date.parse(at(30));
  const result = await runQuery({ language: 'kuery', text: '', dataDir: dir, options: { ...options, from, to } });
  assert.deepEqual(ids(result.output), ['to', 'both', 'offset', 'millis', 'from']);
  assert.deepEqual([result.stats.events, result.stats.matched], [9, 5]);
  const custom = await runQuery({ language: 'kuery', text: '', dataDir: dir, options: { ...options, to, timestampField: 'nowhere' } });
  assert.deepEqual(ids(custom.output), []);
});

test('malformed lines are reported with their line numbers and skipped', async (t) => {
  const dir = dataDir(t, {
    'logs-bad.ndjson': `${JSON.stringify({ id: 1, '@timestamp': at(1) })}\n{"id": 2,\n[1, 2]\n\n${JSON.stringify({ id: 3, '@timestamp': at(3) })}\n`,
  });
  const seen: ReadWarning[] = [];
  const result = await runQuery({ language: 'kuery', text: 'id >= 1', dataDir: dir, options, onWarning: (w) => seen.push(w) });
  assert.deepEqual(ids(result.output), [3, 1]);
  assert.deepEqual(
    result.warnings.map((w) => [w.line, w.message.split(':')[0]]),
    [
      [2, 'malformed JSON'],
      [3, 'line is not a JSON object'],
    ],
  );
  assert.deepEqual(seen, result.warnings);
  assert.deepEqual([result.stats.events, result.stats.matched, result.stats.warnings], [2, 2, 2]);
});

test('a query that does not compile throws QueryCompileError with its diagnostics', async (t) => {
  const dir = dataDir(t, { 'logs-a.ndjson': '' });
  await assert.rejects(runQuery({ language: 'kuery', text: 'a:(b or', dataDir: dir, options }), (error: unknown) => {
    assert.ok(error instanceof QueryCompileError);
    assert.deepEqual(error.diagnostics.map((d) => d.code), ['kql-unclosed-paren']);
    return true;
  });
  await assert.rejects(runQuery({ language: 'osquery', text: 'SELECT 1', dataDir: dir, options }), (error: unknown) => {
    assert.ok(error instanceof QueryCompileError);
    assert.deepEqual(error.diagnostics.map((d) => d.code), ['engine-unsupported-language']);
    return true;
  });
});

test('runQueryOnEvents runs a query over events in memory', () => {
  const events: EventDocument[] = [
    { id: 1, '@timestamp': at(1), host: { name: 'h1' }, event: { category: 'process' }, process: { name: 'a' } },
    { id: 2, '@timestamp': at(2), host: { name: 'h2' }, event: { category: 'process' }, process: { name: 'a' } },
    { id: 3, '@timestamp': at(3), host: { name: 'h1' }, event: { category: 'process' }, process: { name: 'b' } },
  ];
  const filtered = runQueryOnEvents('lucene', 'process.name:a', events, options);
  assert.deepEqual([ids(filtered.output), filtered.matched], [[2, 1], 2]);
  const sequences = runQueryOnEvents('eql', 'sequence by host.name [process where process.name == "a"] [process where process.name == "b"]', events, options).output;
  assert.equal(sequences.kind, 'sequences');
  if (sequences.kind !== 'sequences') return;
  assert.deepEqual(
    sequences.sequences.map((s) => [s.joinKeys, s.events.map((e) => e.id)]),
    [[['h1'], [1, 3]]],
  );
});

test('worker threads over byte ranges give exactly the single-threaded results, warnings included', async (t) => {
  const hosts = ['h1', 'h2', 'h3'];
  const lines: string[] = [];
  const expectedKql: unknown[] = [];
  for (let i = 0; i < 3000; i++) {
    const event = { id: i, '@timestamp': at(i), host: { name: hosts[i % 3] }, event: { category: 'process' }, process: { name: i % 7 === 0 ? 'curl' : i % 5 === 0 ? 'bash' : 'sleep' }, pad: 'x'.repeat(i % 50) };
    lines.push(JSON.stringify(event));
    if (event.process.name !== 'sleep' && event.host.name !== 'h2') expectedKql.unshift(i);
    if (i === 1234 || i === 2900) lines.push('{broken');
  }
  const dir = dataDir(t, {
    'logs-big.ndjson': lines.join('\n') + '\n',
    'logs-small.ndjson.gz': gzipSync(ndjson([{ id: 'gz', '@timestamp': at(5000), process: { name: 'curl' } }])),
  });
  const queries: Array<[string, string]> = [
    ['kuery', 'process.name:(curl or bash) and not host.name:h2'],
    ['eql', 'sequence by host.name with maxspan=1m [process where process.name == "curl"] [process where process.name == "bash"]'],
  ];
  for (const [language, text] of queries) {
    const single = await runQuery({ language: language as 'kuery' | 'eql', text, dataDir: dir, options });
    const parallel = await runQuery({ language: language as 'kuery' | 'eql', text, dataDir: dir, options, workers: 2, parallelThreshold: 0, unitBytes: 20_000 });
    assert.equal(single.stats.workers, 0);
    assert.equal(parallel.stats.workers, 2);
    assert.deepEqual(parallel.output, single.output);
    if (language === 'kuery') assert.deepEqual(ids(single.output), ['gz', ...expectedKql]);
    else assert.ok(single.output.kind === 'sequences' && single.output.sequences.length > 0);
    assert.deepEqual([parallel.stats.events, parallel.stats.matched], [single.stats.events, single.stats.matched]);
    assert.deepEqual(parallel.warnings, single.warnings);
    assert.deepEqual(
      single.warnings.map((w) => w.line),
      [1236, 2903],
    );
  }
});

test('workers are not used below the size threshold or without anything to filter', async (t) => {
  const dir = dataDir(t, { 'logs-a.ndjson': ndjson([{ id: 1, '@timestamp': at(1) }]) });
  const small = await runQuery({ language: 'kuery', text: 'id:1', dataDir: dir, options, workers: 4 });
  assert.equal(small.stats.workers, 0);
  const unfiltered = await runQuery({ language: 'kuery', text: '', dataDir: dir, options, workers: 4, parallelThreshold: 0 });
  assert.equal(unfiltered.stats.workers, 0);
  assert.deepEqual(ids(unfiltered.output), [1]);
});
