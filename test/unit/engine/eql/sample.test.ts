import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenMapping } from '../../../../server/engine/mapping.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { ids, joinKeys, runEql } from './helpers.ts';

// Samples ignore time: these events have no timestamp at all.
const hosts: EventDocument[] = [
  { id: 1, event: { category: 'alert' }, host: 'web', os: 'linux' },
  { id: 2, event: { category: 'alert' }, host: 'db', os: 'linux' },
  { id: 3, event: { category: 'failure' }, host: 'web', os: 'linux' },
  { id: 4, event: { category: 'alert' }, host: 'web' },
  { id: 5, event: { category: 'failure' }, host: 'db' },
  { id: 6, event: { category: 'alert' }, host: 'Web', os: 'win' },
  { id: 7, event: { category: 'failure' }, host: 'Web', os: 'win' },
];

test('a sample joins one distinct event per term by key, in key order, events in term order', () => {
  const out = runEql('sample by host [alert where true] [failure where true]', hosts);
  assert.deepEqual(joinKeys(out), [['Web'], ['db'], ['web']], 'keys in code-point order: uppercase first');
  assert.deepEqual(ids(out), [6, 7, 2, 5, 1, 3]);
});

test('terms may match the same event, but a sample uses each event once', () => {
  const out = runEql('sample by host [any where true] [any where true]', hosts);
  assert.deepEqual(ids(out), [6, 7, 2, 5, 1, 3]);
  assert.deepEqual(ids(runEql('sample by host [any where id == 1] [any where id == 1]', hosts)), []);
});

test('a required key without a value drops the event; an optional key joins missing values as null, sorted first', () => {
  assert.deepEqual(joinKeys(runEql('sample by host, os [alert where true] [failure where true]', hosts)), [['Web', 'win'], ['web', 'linux']]);
  const withOsLess: EventDocument[] = [...hosts, { id: 8, event: { category: 'failure' }, host: 'web' }];
  const optional = runEql('sample by host, ?os [alert where true] [failure where true]', withOsLess);
  assert.deepEqual(joinKeys(optional), [['Web', 'win'], ['web', null], ['web', 'linux']]);
  assert.deepEqual(ids(optional), [6, 7, 4, 8, 1, 3]);
  assert.deepEqual(joinKeys(runEql('sample by host, os [alert where true] [failure where true]', withOsLess)), [['Web', 'win'], ['web', 'linux']]);
});

test('max_samples_per_key: up to N distinct combinations per key, by backtracking in arrival order', () => {
  const e: EventDocument[] = [
    { id: 1, event: { category: 'a' }, k: 'x' },
    { id: 2, event: { category: 'a' }, k: 'x' },
    { id: 3, event: { category: 'b' }, k: 'x' },
    { id: 4, event: { category: 'a' }, k: 'x' },
  ];
  assert.deepEqual(ids(runEql('sample by k [a where true] [b where true]', e)), [1, 3]);
  assert.deepEqual(ids(runEql('sample by k [a where true] [b where true]', e, { maxSamplesPerKey: 2 })), [1, 3, 2, 3]);
  assert.deepEqual(ids(runEql('sample by k [a where true] [b where true]', e, { maxSamplesPerKey: 10 })), [1, 3, 2, 3, 4, 3]);
  assert.deepEqual(ids(runEql('sample by k [a where true] [b where true]', e, { maxSamplesPerKey: 10, limit: 2 })), [1, 3, 2, 3]);
});

test('sample keys of a date field are epoch milliseconds, whatever each index writes', () => {
  const mapping = flattenMapping({ properties: { day: { type: 'date', format: 'dd-MM-yyyy||yyyy-MM-dd' }, event: { properties: { category: { type: 'keyword' } } }, id: { type: 'long' } } });
  const e: EventDocument[] = [
    { id: 1, event: { category: 'a' }, day: '17-12-2022' },
    { id: 2, event: { category: 'b' }, day: '2022-12-17' },
  ];
  assert.deepEqual(joinKeys(runEql('sample by day [a where true] [b where true]', e, { mapping })), [[1671235200000]]);
});
