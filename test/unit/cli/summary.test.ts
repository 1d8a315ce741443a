// `huntkit summary` against the corpus hunting library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { huntkit } from '../../support/cli.ts';
import { loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { summarize } from '../../../server/library/summary.ts';
import { CORPUS_HUNTING } from './fixtures.ts';

const hunts = loadHuntLibrary(CORPUS_HUNTING).hunts;

test('summary --breakdown platform --format json gives the library counts, which add up to the 140 hunts', () => {
  const r = huntkit(['summary', '--breakdown', 'platform', '--format', 'json', '--path', CORPUS_HUNTING]);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { breakdown: string; counts: { key: string; count: number }[] };
  assert.equal(result.breakdown, 'platform');
  assert.deepEqual(result.counts, summarize(hunts, 'platform'));
  assert.equal(result.counts.reduce((sum, row) => sum + row.count, 0), 140);
  assert.deepEqual(result.counts.map((row) => row.key).sort(), ['aws', 'azure', 'cross-platform', 'linux', 'llm', 'macos', 'network', 'okta', 'windows']);
});

test('summary --breakdown language prints a table, OSQuery for SQL, and the hunt total', () => {
  const r = huntkit(['summary', '--breakdown', 'language', '--path', CORPUS_HUNTING]);
  assert.equal(r.status, 0, r.stderr);
  const rows = summarize(hunts, 'language');
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^Language +Hunt Count$/);
  assert.deepEqual(lines.slice(2, -1).map((line) => line.split(/ {2,}/)), rows.map((row) => [row.key, String(row.count)]));
  assert.ok(rows.some((row) => row.key === 'OSQuery') && !rows.some((row) => row.key === 'SQL'));
  assert.equal(lines.at(-1), '140 hunts in total');
});

test('summary: --breakdown is required and checked', () => {
  const missing = huntkit(['summary', '--path', CORPUS_HUNTING]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^huntkit summary: --breakdown is required: one of platform, integration, language$/m);
  const wrong = huntkit(['summary', '--breakdown', 'author', '--path', CORPUS_HUNTING]);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /^huntkit summary: --breakdown must be one of platform, integration, language \(got 'author'\)$/m);
});
