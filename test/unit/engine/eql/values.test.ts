import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDateFormat, parseIsoInstant } from '../../../../server/engine/eql/dateFormats.ts';
import { compareStrings, compareVersions, valueToString } from '../../../../server/engine/eql/eqlValues.ts';
import { javaDoubleString } from '../../../../server/engine/values.ts';
import { applyWindow, BoundedCollector, resultWindow } from '../../../../server/engine/eql/limits.ts';

test('Java double formatting, as string() and concat() print doubles', () => {
  assert.deepEqual([1, 7.5, 0.001, 1e7, 1.5e-5, -0, 123456789.5, 1e21].map(javaDoubleString), ['1.0', '7.5', '0.001', '1.0E7', '1.5E-5', '-0.0', '1.234567895E8', '1.0E21']);
  assert.equal(valueToString(5, 'long'), '5');
  assert.equal(valueToString(5, 'double'), '5.0');
  assert.equal(valueToString(0, 'date'), '1970-01-01T00:00:00.000Z');
  assert.equal(valueToString(1_500_000_000n, 'date_nanos'), '1970-01-01T00:00:01.500000000Z');
});

test('string order is code-point order; version order is semantic', () => {
  assert.ok(compareStrings('Z', 'a') < 0);
  assert.ok(compareStrings('\uffff', '😀') < 0, 'a BMP character sorts before a supplementary one');
  const sorted = ['1.11.0', '1.2.0', '1.2.0-SNAPSHOT', 'bad', '1.2.0-alpha.1', '1.2.0-alpha', '10.0', '1.2.0-alpha.beta'].sort(compareVersions);
  assert.deepEqual(sorted, ['1.2.0-SNAPSHOT', '1.2.0-alpha', '1.2.0-alpha.1', '1.2.0-alpha.beta', '1.2.0', '1.11.0', '10.0', 'bad']);
});

test('dates: ISO with nanoseconds, epoch millis with a fraction, custom patterns, zones', () => {
  assert.deepEqual(parseIsoInstant('2017-08-30T20:47:31.123456789Z'), { ms: 1504126051123, ns: 456789 });
  assert.deepEqual(parseIsoInstant('2017-08-30T20:47:31Z'), { ms: 1504126051000, ns: 0 });
  assert.deepEqual(parseIsoInstant('2017-08-30'), { ms: 1504051200000, ns: 0 });
  assert.deepEqual(parseIsoInstant('2017-08-30T22:47:31+02:00'), { ms: 1504126051000, ns: 0 });
  assert.equal(parseIsoInstant('2017-02-30T00:00:00Z'), undefined);
  const byDefault = compileDateFormat(undefined);
  assert.deepEqual(byDefault('131485996510.436514'), { ms: 131485996510, ns: 436514 });
  assert.deepEqual(byDefault(1504126051000), { ms: 1504126051000, ns: 0 });
  assert.deepEqual(byDefault('1'), { ms: 1, ns: 0 });
  assert.deepEqual(byDefault('2017'), { ms: 1483228800000, ns: 0 });
  const custom = compileDateFormat('dd-MM-yyyy||yyyy/MM/dd HH:mm');
  assert.deepEqual(custom('17-12-2022'), { ms: 1671235200000, ns: 0 });
  assert.deepEqual(custom('2022/12/17 01:30'), { ms: 1671240600000, ns: 0 });
  assert.equal(custom('2022-12-17'), undefined);
});

test('head/tail windows fold like Elasticsearch CombineLimits', () => {
  const w = (pipes: [string, number][], size = 10) => resultWindow(pipes.map(([name, count]) => ({ name: name as 'head' | 'tail', count })), size);
  assert.deepEqual(w([]), { fromEnd: false, offset: 0, limit: 10 });
  assert.deepEqual(w([['tail', 3]]), { fromEnd: true, offset: 0, limit: 3 });
  assert.deepEqual(w([['head', 50]]), { fromEnd: false, offset: 0, limit: 10 });
  assert.deepEqual(w([['head', 4], ['tail', 2]]), { fromEnd: false, offset: 2, limit: 2 });
  assert.deepEqual(w([['tail', 4], ['head', 1]]), { fromEnd: true, offset: 3, limit: 1 });
  assert.deepEqual(w([['head', 1000], ['tail', 2]], 50), { fromEnd: false, offset: 48, limit: 2 });
  assert.deepEqual(w([['head', 5], ['tail', 2], ['head', 1]]), { fromEnd: false, offset: 3, limit: 1 });
  assert.deepEqual(w([['head', 0]]), { fromEnd: false, offset: 10, limit: 0 });
  const items = [1, 2, 3, 4, 5, 6, 7];
  assert.deepEqual(applyWindow(items, w([['head', 4], ['tail', 2]])), [3, 4]);
  assert.deepEqual(applyWindow(items, w([['tail', 4], ['head', 1]])), [4]);
  assert.deepEqual(applyWindow([1, 2], w([['tail', 4], ['head', 1]])), []);
});

test('the bounded collector keeps exactly the reach of the window, from either end', () => {
  const byValue = (a: number, b: number) => a - b;
  const head = new BoundedCollector<number>(3, byValue, false);
  const tail = new BoundedCollector<number>(3, byValue, true);
  for (const n of [9, 4, 7, 1, 8, 2, 6, 3, 5]) {
    head.add(n);
    tail.add(n);
  }
  assert.deepEqual(head.sorted(), [1, 2, 3]);
  assert.deepEqual(tail.sorted(), [7, 8, 9]);
  const none = new BoundedCollector<number>(0, byValue, false);
  none.add(1);
  assert.deepEqual(none.sorted(), []);
});
