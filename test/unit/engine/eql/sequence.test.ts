import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenMapping } from '../../../../server/engine/mapping.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { event, ids, joinKeys, runEql } from './helpers.ts';

const run = (query: string, events: readonly EventDocument[], limit = 100) => runEql(query, events, { limit, tiebreakerField: 'id' });

test('a sequence advances the latest waiting sequence; one event never fills two consecutive terms', () => {
  const e = [1, 2, 3, 4, 5].map((i) => event(i, i, 'process'));
  assert.deepEqual(ids(run('sequence [process where id < 5] [process where id == 5]', e)), [4, 5]);
  assert.deepEqual(ids(run('sequence [process where id < 5] [process where id < 5]', e)), [1, 2, 2, 3, 3, 4]);
  assert.deepEqual(ids(run('sequence [process where id <= 2] [process where true] [process where true]', e)), [1, 2, 3, 2, 3, 4]);
  assert.deepEqual(ids(run('sequence [process where true] [process where id <= 2]', e)), [1, 2]);
});

test('events are replayed in timestamp then tiebreaker order, whatever order they arrive in', () => {
  const e = [event(3, 2, 'process'), event(2, 1, 'process'), event(1, 1, 'process')];
  assert.deepEqual(ids(run('sequence [process where id == 1] [process where id == 2] [process where id == 3]', e)), [1, 2, 3]);
  assert.deepEqual(ids(run('sequence [process where id == 2] [process where id == 1]', e)), []);
});

test('join keys: query-level and per-term keys pair up by position; the output carries the key values', () => {
  const e = [
    event(1, 1, 'process', { pid: 100, host: 'a' }),
    event(2, 2, 'process', { ppid: 100, host: 'a' }),
    event(3, 3, 'process', { pid: 200, host: 'b' }),
    event(4, 4, 'process', { ppid: 100, host: 'b' }),
    event(5, 5, 'process', { ppid: 200, host: 'b' }),
  ];
  const out = run('sequence by host [process where pid != null] by pid [process where ppid != null] by ppid', e);
  assert.deepEqual(ids(out), [1, 2, 3, 5]);
  assert.deepEqual(joinKeys(out), [['a', 100], ['b', 200]]);
});

test('join keys: multi-valued fields give one key per value; a required key without value drops the event, an optional one joins as null', () => {
  const e = [
    event(1, 1, 'process', { tags: ['x', 'y', 'x'] }),
    event(2, 2, 'file', { tags: ['y', 'x'] }),
    event(3, 3, 'process', {}),
    event(4, 4, 'file', { tags: [null] }),
  ];
  const out = run('sequence by tags [process where true] [file where true]', e);
  assert.deepEqual(ids(out), [1, 2, 1, 2]);
  assert.deepEqual(joinKeys(out), [['x'], ['y']], 'completed together: ordered by key');
  const optional = run('sequence by ?tags [process where true] [file where true]', e);
  assert.deepEqual(ids(optional), [1, 2, 1, 2, 3, 4]);
  assert.deepEqual(joinKeys(optional), [['x'], ['y'], [null]]);
});

test('a condition on a join key applies to the other terms too (on their key at that position)', () => {
  const e = [event(1, 1, 'process', { k: [1, 2] }), event(2, 2, 'file', { k: 2 }), event(3, 3, 'file', { k: [1, 3] })];
  assert.deepEqual(joinKeys(run('sequence by k [process where k == 1] [file where true]', e)), [[1]], 'event 2 has no k == 1');
  assert.deepEqual(ids(run('sequence by k [process where k == 1] [file where true]', e)), [1, 3]);
});

test('with maxspan: a sequence whose end is further than maxspan from its start is dropped; exactly maxspan is allowed', () => {
  const e = [event(1, 0, 'process'), event(2, 60, 'file'), event(3, 61, 'process'), event(4, 121.001, 'file')];
  assert.deepEqual(ids(run('sequence with maxspan=1m [process where true] [file where true]', e)), [1, 2]);
  assert.deepEqual(ids(run('sequence with maxspan=59s [process where true] [file where true]', e)), []);
  assert.deepEqual(ids(run('sequence with maxspan=60001ms [process where true] [file where true]', e)), [1, 2, 3, 4]);
});

test('with maxspan: expiry of in-flight sequences keeps the matches while thousands of other keys come and go', () => {
  const e: EventDocument[] = [];
  // A sequence for key "keep" that completes just within maxspan, around 5,000 short-lived keys that never complete.
  e.push(event(1, 0, 'process', { k: 'keep' }));
  for (let i = 0; i < 5000; i++) e.push(event(100 + i, (i * 10) / 5000, 'process', { k: `noise-${i}` }));
  e.push(event(2, 10, 'file', { k: 'keep' }));
  e.push(event(3, 10.5, 'process', { k: 'late' }), event(4, 30, 'file', { k: 'late' }));
  const out = run('sequence by k with maxspan=10s [process where true] [file where true]', e);
  assert.deepEqual(ids(out), [1, 2]);
});

test('until: an until event drops the in-flight sequences of its key', () => {
  const e = [
    event(1, 1, 'process', { k: 'a' }),
    event(2, 2, 'process', { k: 'b' }),
    event(3, 3, 'network', { k: 'a' }),
    event(4, 4, 'file', { k: 'a' }),
    event(5, 5, 'file', { k: 'b' }),
  ];
  assert.deepEqual(ids(run('sequence by k [process where true] [file where true] until [network where true]', e)), [2, 5]);
  assert.deepEqual(ids(run('sequence by k [process where true] [file where true] until [network where k == "z"]', e)), [1, 4, 2, 5]);
});

test('with runs=N: the term repeats N times in a row', () => {
  const e = [event(1, 1, 'process'), event(2, 2, 'process'), event(3, 3, 'process'), event(4, 4, 'file')];
  assert.deepEqual(ids(run('sequence [process where true] with runs=3 [file where true]', e)), [1, 2, 3, 4]);
  assert.deepEqual(ids(run('sequence [process where true] with runs=2 [file where true]', e)), [2, 3, 4]);
});

test('missing events: an event of the missing term between its neighbours discards the sequence', () => {
  const e = [event(1, 1, 'a'), event(2, 2, 'b'), event(3, 3, 'a'), event(4, 4, 'x'), event(5, 5, 'b')];
  const out = run('sequence with maxspan=1m [a where true] ![x where true] [b where true]', e);
  assert.deepEqual(ids(out), [1, -1, 2]);
  assert.equal(out.kind === 'sequences' && Object.keys(out.sequences[0]!.events[1]!).length, 0, 'a missing event is an empty placeholder');
});

test('missing events: leading and trailing missing terms count only within maxspan of the sequence', () => {
  const e = [event(1, 0, 'x'), event(2, 10, 'a'), event(3, 25, 'x'), event(4, 26, 'a'), event(5, 60, 'a')];
  // Leading: the nearest earlier x discards the sequence when it is within maxspan of the sequence's end.
  assert.deepEqual(ids(run('sequence with maxspan=12s ![x where true] [a where true]', e)), [-1, 5]);
  assert.deepEqual(ids(run('sequence with maxspan=9s ![x where true] [a where true]', e)), [-1, 2, -1, 5]);
  // Trailing: the nearest later x discards it when it is within maxspan of the sequence's start.
  assert.deepEqual(ids(run('sequence with maxspan=12s [a where true] ![x where true]', e)), [2, -1, 4, -1, 5, -1]);
  assert.deepEqual(ids(run('sequence with maxspan=15s [a where true] ![x where true]', e)), [4, -1, 5, -1]);
  // Leading and trailing: discarded only when the nearest missing events on both sides fit within maxspan together.
  assert.deepEqual(ids(run('sequence with maxspan=24s ![x where true] [a where true] ![x where true]', e)), [-1, 2, -1, -1, 4, -1, -1, 5, -1]);
  assert.deepEqual(ids(run('sequence with maxspan=25s ![x where true] [a where true] ![x where true]', e)), [-1, 4, -1, -1, 5, -1]);
});

test('head and tail pick sequences in the order they complete, then by key', () => {
  const e = [
    event(1, 1, 'a', { k: 'y' }),
    event(2, 2, 'a', { k: 'x' }),
    event(3, 3, 'b', { k: 'x' }),
    event(4, 4, 'b', { k: 'y' }),
    event(5, 5, 'a', { k: ['x', 'y'] }),
    event(6, 6, 'b', { k: ['y', 'x'] }),
  ];
  const query = 'sequence by k [a where true] [b where true]';
  assert.deepEqual(joinKeys(run(query, e)), [['x'], ['y'], ['x'], ['y']]);
  assert.deepEqual(ids(run(query, e)), [2, 3, 1, 4, 5, 6, 5, 6]);
  assert.deepEqual(ids(run(`${query} | head 1`, e)), [2, 3]);
  assert.deepEqual(ids(run(`${query} | tail 1`, e)), [5, 6]);
  assert.deepEqual(joinKeys(run(`${query} | tail 3 | head 2`, e)), [['y'], ['x']]);
  assert.deepEqual(ids(run(query, e, 3)), [2, 3, 1, 4, 5, 6], 'size 3');
});

test('join keys of date fields come back as ISO text; a mapping reads them as dates', () => {
  const mapping = flattenMapping({ properties: { '@timestamp': { type: 'date' }, id: { type: 'long' }, day: { type: 'date' }, event: { properties: { category: { type: 'keyword' } } } } });
  const e = [event(1, 1, 'a', { day: 0 }), event(2, 2, 'b', { day: '1970-01-01T00:00:00Z' })];
  const out = runEql('sequence by day [a where true] [b where true]', e, { mapping, tiebreakerField: 'id' });
  assert.deepEqual(joinKeys(out), [['1970-01-01T00:00:00.000Z']]);
});

test('events without a timestamp take no part in a sequence', () => {
  const e = [event(1, 1, 'a'), { id: 2, event: { category: 'b' } }, event(3, 3, 'b')];
  assert.deepEqual(ids(run('sequence [a where true] [b where true]', e)), [1, 3]);
});
