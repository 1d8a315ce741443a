import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileIndexPattern, describeEventFile, resolveIndexPattern } from '../../../server/engine/indexPattern.ts';

test('a file stands for the index named by its base name without data extensions', () => {
  assert.deepEqual(describeEventFile('logs-endpoint.events.file-default.ndjson.gz'), { index: 'logs-endpoint.events.file-default', format: 'ndjson', compressed: true });
  assert.deepEqual(describeEventFile('logs-system.auth-default.jsonl'), { index: 'logs-system.auth-default', format: 'ndjson', compressed: false });
  assert.deepEqual(describeEventFile('winlogbeat-8.json'), { index: 'winlogbeat-8', format: 'json', compressed: false });
  assert.equal(describeEventFile('notes.txt'), undefined);
  assert.equal(describeEventFile('.ndjson'), undefined);
});

test('index expressions: wildcards, comma lists, exclusions in order, remote prefixes and selectors', () => {
  const cases: Array<[string, string, boolean]> = [
    ['logs-endpoint.events.file-*', 'logs-endpoint.events.file-default', true],
    ['logs-endpoint.events.file*', 'logs-endpoint.events.file-default', true],
    ['logs-*', 'logs-endpoint.events.file-default', true],
    ['logs-endpoint.events.process-*', 'logs-endpoint.events.file-default', false],
    ['logs-endpoint.events.file-default', 'logs-endpoint.events.file-default', true],
    ['logs-endpoint.events.file', 'logs-endpoint.events.file-default', false],
    ['winlogbeat-*, logs-endpoint.events.*', 'logs-endpoint.events.file-default', true],
    ['logs-*,-logs-endpoint.*', 'logs-endpoint.events.file-default', false],
    ['logs-*,-logs-endpoint.*', 'logs-system.auth-default', true],
    ['logs-*,-logs-endpoint.*,logs-endpoint.events.file-*', 'logs-endpoint.events.file-default', true],
    ['-logs-*', 'logs-system.auth-default', false],
    ['remote_cluster:logs-endpoint.events.*', 'logs-endpoint.events.file-default', true],
    ['*:logs-*', 'logs-system.auth-default', true],
    ['logs-*::data', 'logs-system.auth-default', true],
    ['logs-*::failures', 'logs-system.auth-default', false],
    ['*', 'anything.at-all', true],
    ['logs.endpoint*', 'logs-endpoint', false],
    ['', 'logs', false],
  ];
  for (const [expression, index, expected] of cases) assert.equal(compileIndexPattern(expression)(index), expected, `${expression} vs ${index}`);
});

test('resolveIndexPattern lists the matching event files of a data directory, sorted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-index-'));
  for (const name of ['logs-endpoint.events.process-default.ndjson', 'logs-endpoint.events.file-default.ndjson.gz', 'logs-system.auth-default.json', 'README.md']) {
    writeFileSync(join(dir, name), '');
  }
  mkdirSync(join(dir, 'logs-endpoint.events.network-default.ndjson'));
  const files = await resolveIndexPattern(dir, 'logs-endpoint.events.*');
  assert.deepEqual(files, [
    { path: join(dir, 'logs-endpoint.events.file-default.ndjson.gz'), index: 'logs-endpoint.events.file-default', format: 'ndjson', compressed: true },
    { path: join(dir, 'logs-endpoint.events.process-default.ndjson'), index: 'logs-endpoint.events.process-default', format: 'ndjson', compressed: false },
  ]);
  assert.deepEqual((await resolveIndexPattern(dir, 'logs-*,-logs-endpoint.*')).map((f) => f.index), ['logs-system.auth-default']);
  assert.deepEqual(await resolveIndexPattern(dir, 'winlogbeat-*'), []);
});
