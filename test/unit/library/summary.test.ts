import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { CORPUS, tomlFiles } from '../../support/corpus.ts';
import { loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { summarize } from '../../../server/library/summary.ts';
import { formatTable, huntTable, huntsJson, summaryJson, summaryTable } from '../../../server/library/format.ts';

const HUNTING = join(CORPUS, 'hunting');
const hunts = loadHuntLibrary(HUNTING).hunts;
const raw = tomlFiles(HUNTING).map((file) => ({ file, ...(getStaticTOMLValue(parseTOML(readFileSync(file, 'utf8'))) as any).hunt }));

test('by platform: hunt files per folder, largest first', () => {
  assert.deepEqual(summarize(hunts, 'platform'), [
    { key: 'linux', count: 43 },
    { key: 'windows', count: 32 },
    { key: 'aws', count: 24 },
    { key: 'macos', count: 15 },
    { key: 'okta', count: 11 },
    { key: 'azure', count: 9 },
    { key: 'llm', count: 4 },
    { key: 'cross-platform', count: 1 },
    { key: 'network', count: 1 },
  ]);
  assert.equal(raw.filter((h) => h.file.includes('/macos/queries/')).length, 15);
});

test('by integration: each hunt counted once per integration it lists', () => {
  const rows = summarize(hunts, 'integration');
  assert.deepEqual(rows.slice(0, 5), [
    { key: 'endpoint', count: 87 },
    { key: 'aws.cloudtrail', count: 24 },
    { key: 'windows', count: 24 },
    { key: 'system', count: 13 },
    { key: 'okta', count: 11 },
  ]);
  for (const row of rows) assert.equal(row.count, raw.filter((h) => h.integration.includes(row.key)).length, row.key);
  assert.equal(rows.length, new Set(raw.flatMap((h) => h.integration)).size);
});

test('by language: SQL is reported as OSQuery', () => {
  assert.deepEqual(summarize(hunts, 'language'), [
    { key: 'ES|QL', count: 123 },
    { key: 'OSQuery', count: 26 },
    { key: 'EQL', count: 13 },
  ]);
  assert.equal(raw.filter((h) => h.language.includes('SQL')).length, 26);
});

test('tables: padded columns under a dashed rule', () => {
  assert.equal(formatTable(['A', 'Long header'], [['x', '1'], ['longer\ncell', '22']]), 'A            Long header\n-----------  -----------\nx            1\nlonger cell  22\n');
  assert.equal(
    summaryTable([{ key: 'linux', count: 43 }, { key: 'aws', count: 24 }], 'platform'),
    'Platform (Folder)  Hunt Count\n-----------------  ----------\nlinux              43\naws                24\n',
  );
  const table = huntTable(hunts.filter((h) => h.uuid === 'e6e78858-6482-11ef-93bd-f661ea17fbcc'));
  assert.deepEqual(table.split('\n')[2].split(/ {2,}/), [
    'High Frequency of EC2 Multi-Region `DescribeInstances` API Calls',
    'e6e78858-6482-11ef-93bd-f661ea17fbcc',
    'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml',
    'aws',
    'T1580',
  ]);
});

test('JSON: relative paths, every hunt field', () => {
  const [first] = JSON.parse(huntsJson(hunts.slice(0, 1)));
  assert.deepEqual(Object.keys(first), ['path', 'author', 'description', 'integration', 'uuid', 'name', 'language', 'license', 'query', 'notes', 'mitre', 'references', 'platform']);
  assert.equal(first.path, 'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml');
  assert.deepEqual(JSON.parse(summaryJson([{ key: 'EQL', count: 13 }], 'language')), { breakdown: 'language', counts: [{ key: 'EQL', count: 13 }] });
});
