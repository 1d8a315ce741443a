import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEpochMillis, parseIsoDate, toBoolean, toEpochMillis, toKeyword, toLong, toNumber } from '../../../server/engine/values.ts';
import { cidrContains, cidrMatch, compareIp, formatIp, parseCidr, parseIp } from '../../../server/engine/ip.ts';

test('dates: ISO text in its optional forms (no zone = UTC) and epoch millis', () => {
  const cases: Array<[string | number, number | undefined]> = [
    ['2024-05-01T10:20:30.123Z', Date.UTC(2024, 4, 1, 10, 20, 30, 123)],
    ['2024-05-01T10:20:30.123', Date.UTC(2024, 4, 1, 10, 20, 30, 123)],
    ['2024-05-01T10:20:30Z', Date.UTC(2024, 4, 1, 10, 20, 30)],
    ['2024-05-01T10:20', Date.UTC(2024, 4, 1, 10, 20)],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05', Date.UTC(2024, 4, 1)],
    ['2024-05-01T10:20:30.123456789Z', Date.UTC(2024, 4, 1, 10, 20, 30, 123)],
    ['2024-05-01T10:20:30+02:00', Date.UTC(2024, 4, 1, 8, 20, 30)],
    ['2024-05-01T10:20:30-0530', Date.UTC(2024, 4, 1, 15, 50, 30)],
    ['2024-05-01 10:20:30Z', Date.UTC(2024, 4, 1, 10, 20, 30)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2023-02-29', undefined],
    ['2024-13-01', undefined],
    ['2024-05-01T24:00:00Z', undefined],
    ['yesterday', undefined],
    [1714558830123, 1714558830123],
    ['1714558830123', 1714558830123],
    ['1', 1],
    [1.9, 1],
  ];
  for (const [input, expected] of cases) assert.equal(toEpochMillis(input), expected, String(input));
  assert.equal(toEpochMillis(true), undefined);
  assert.equal(parseIsoDate('1974-03-03T02:22:54.294209140Z'), Date.UTC(1974, 2, 3, 2, 22, 54, 294));
  assert.equal(formatEpochMillis(Date.UTC(2024, 4, 1)), '2024-05-01T00:00:00.000Z');
});

test('numbers, booleans and keywords coerce like ES source values', () => {
  assert.equal(toNumber(42), 42);
  assert.equal(toNumber(' 4.5e1 '), 45);
  assert.equal(toNumber('0x10'), undefined);
  assert.equal(toNumber('abc'), undefined);
  assert.equal(toNumber(true), undefined);
  assert.equal(toNumber(Number.NaN), undefined);
  assert.equal(toLong('-7.9'), -7);
  assert.equal(toBoolean('true'), true);
  assert.equal(toBoolean(''), false);
  assert.equal(toBoolean('yes'), undefined);
  assert.equal(toKeyword(10), '10');
  assert.equal(toKeyword(false), 'false');
});

test('IPs: v4, v6 and embedded v4 parse to 16 bytes; canonical text', () => {
  assert.equal(formatIp(parseIp('10.0.0.1')!), '10.0.0.1');
  assert.equal(formatIp(parseIp('::ffff:10.0.0.1')!), '10.0.0.1');
  assert.equal(formatIp(parseIp('2001:0db8:0000:0000:0000:ff00:0042:8329')!), '2001:db8::ff00:42:8329');
  assert.equal(formatIp(parseIp('fe80::cae2:65ff:fece:feb9')!), 'fe80::cae2:65ff:fece:feb9');
  assert.equal(formatIp(parseIp('::1')!), '::1');
  assert.equal(formatIp(parseIp('::')!), '::');
  assert.equal(formatIp(parseIp('1:0:0:1:0:0:0:1')!), '1:0:0:1::1');
  assert.equal(formatIp(parseIp('1:0:2:3:4:5:6:7')!), '1:0:2:3:4:5:6:7');
  for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', ':::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '']) {
    assert.equal(parseIp(bad), undefined, bad);
  }
  assert.ok(compareIp(parseIp('10.0.0.2')!, parseIp('10.0.0.10')!) < 0);
  assert.ok(compareIp(parseIp('255.255.255.255')!, parseIp('::1:0:0:0')!) < 0);
  assert.equal(compareIp(parseIp('::ffff:127.0.0.1')!, parseIp('127.0.0.1')!), 0);
});

test('CIDR blocks match both families', () => {
  assert.equal(cidrMatch('10.1.2.3', '10.0.0.0/8'), true);
  assert.equal(cidrMatch('11.1.2.3', '10.0.0.0/8'), false);
  assert.equal(cidrMatch('192.168.1.130', '192.168.1.128/25'), true);
  assert.equal(cidrMatch('192.168.1.127', '192.168.1.128/25'), false);
  assert.equal(cidrMatch('fe80::1', '10.0.0.0/8', 'fe80::/10'), true);
  assert.equal(cidrMatch('febf::1', 'fe80::/10'), true);
  assert.equal(cidrMatch('fec0::1', 'fe80::/10'), false);
  assert.equal(cidrMatch('1.2.3.4', '0.0.0.0/0'), true);
  assert.equal(cidrMatch('1.2.3.4', '1.2.3.4'), true);
  assert.equal(cidrMatch('not-an-ip', '0.0.0.0/0'), false);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
  const block = parseCidr('10.1.2.3/16')!;
  assert.equal(block.prefixLength, 112);
  assert.equal(formatIp(block.network), '10.1.0.0');
  assert.equal(cidrContains(block, parseIp('10.1.255.255')!), true);
});
