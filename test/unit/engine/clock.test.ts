import { test } from 'node:test';
import assert from 'node:assert/strict';
import moment from 'moment';
import { fixedClock, parseNowOption, resolveDateMath, systemClock } from '../../../server/engine/clock.ts';

const clock = fixedClock('2024-05-15T13:45:30.123Z');
const iso = (millis: number | undefined) => (millis === undefined ? undefined : new Date(millis).toISOString());

test('a fixed clock from --now (ISO, no zone = UTC, or epoch millis)', () => {
  assert.equal(clock.now(), Date.UTC(2024, 4, 15, 13, 45, 30, 123));
  assert.equal(fixedClock('2024-05-15T13:45:30').now(), Date.UTC(2024, 4, 15, 13, 45, 30));
  assert.equal(fixedClock(1715780730123).now(), 1715780730123);
  assert.equal(parseNowOption('1715780730123'), 1715780730123);
  assert.throws(() => parseNowOption('last tuesday'), /--now expects an ISO-8601 date/);
  const before = Date.now();
  assert.ok(systemClock.now() >= before);
});

test('date math runs against the clock, in UTC, weeks starting on Monday', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['now', '2024-05-15T13:45:30.123Z', '2024-05-15T13:45:30.123Z'],
    ['now-7d', '2024-05-08T13:45:30.123Z', '2024-05-08T13:45:30.123Z'],
    ['now-1h', '2024-05-15T12:45:30.123Z', '2024-05-15T12:45:30.123Z'],
    ['now/d', '2024-05-15T00:00:00.000Z', '2024-05-15T23:59:59.999Z'],
    ['now-1d/d', '2024-05-14T00:00:00.000Z', '2024-05-14T23:59:59.999Z'],
    ['now/w', '2024-05-13T00:00:00.000Z', '2024-05-19T23:59:59.999Z'],
    ['now/M', '2024-05-01T00:00:00.000Z', '2024-05-31T23:59:59.999Z'],
    ['now+1M', '2024-06-15T13:45:30.123Z', '2024-06-15T13:45:30.123Z'],
    ['2024-01-31||+1M', '2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['2024-01-31T10:00:00||/d', '2024-01-31T00:00:00.000Z', '2024-01-31T23:59:59.999Z'],
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000Z', '2024-01-31T10:00:00.000Z'],
    ['now-7x', undefined, undefined],
    ['garbage', undefined, undefined],
    ['31/01/2024||+1d', undefined, undefined],
  ];
  for (const [expression, down, up] of cases) {
    assert.equal(iso(resolveDateMath(expression, clock)), down, expression);
    assert.equal(iso(resolveDateMath(expression, clock, { roundUp: true })), up, `${expression} rounded up`);
  }
});

test('loading the clock leaves moment’s global locale alone', () => {
  assert.equal(moment.locale(), 'en');
});
