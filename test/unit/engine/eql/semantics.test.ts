import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenMapping } from '../../../../server/engine/mapping.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { compileErrors, event, matching, runEql, ids } from './helpers.ts';

const procs = [
  event(1, 1, 'process', { process: { name: 'CMD.EXE', pid: 10, args: ['/c', 'whoami'] }, exit_code: 0 }),
  event(2, 2, 'process', { process: { name: 'cmd.exe', pid: 20, args: ['-x'] } }),
  event(3, 3, 'process', { process: { name: 'powershell.exe', pid: 30 }, exit_code: 1 }),
  event(4, 4, 'network', { process: { name: 'svchost.exe', pid: 40 }, destination: { ip: '10.1.2.3', port: 443 } }),
  event(5, 5, 'process', { process: { name: 'Cmd?.exe', pid: 50 } }),
];

test('event category: case-sensitive, any value of a multi-valued event.category, `any` matches all', () => {
  const multi = [...procs, { id: 6, '@timestamp': '1970-01-01T00:00:06Z', event: { category: ['network', 'process'] } }];
  assert.deepEqual(matching('process where true', multi), [1, 2, 3, 5, 6]);
  assert.deepEqual(matching('network where true', multi), [4, 6]);
  assert.deepEqual(matching('PROCESS where true', multi), []);
  assert.deepEqual(matching('any where true', multi), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(matching('"network" where true', multi), [4, 6]);
});

test('case sensitivity: == and in are exact; :, in~, like~, regex~ and ~ functions ignore case', () => {
  assert.deepEqual(matching('process where process.name == "cmd.exe"', procs), [2]);
  assert.deepEqual(matching('process where process.name : "cmd.exe"', procs), [1, 2]);
  assert.deepEqual(matching('process where process.name in ("cmd.exe", "x")', procs), [2]);
  assert.deepEqual(matching('process where process.name in~ ("cmd.exe", "x")', procs), [1, 2]);
  assert.deepEqual(matching('process where process.name like "cmd*"', procs), [2]);
  assert.deepEqual(matching('process where process.name like~ "cmd*"', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where process.name regex "cmd\\\\.exe"', procs), [2]);
  assert.deepEqual(matching('process where process.name regex~ "cmd\\\\.exe"', procs), [1, 2]);
  assert.deepEqual(matching('process where startsWith(process.name, "CMD")', procs), [1]);
  assert.deepEqual(matching('process where startsWith~(process.name, "CMD")', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where endsWith~(process.name, ".EXE") and not stringContains~(process.name, "shell")', procs), [1, 2, 5]);
});

test('wildcards: * is any run, ? exactly one character, anything else literal; `in~` does not expand them', () => {
  assert.deepEqual(matching('process where process.name : "c?d.exe"', procs), [1, 2]);
  assert.deepEqual(matching('process where process.name : "c??.exe"', procs), [1, 2]);
  assert.deepEqual(matching('process where process.name : "*shell*"', procs), [3]);
  assert.deepEqual(matching('process where process.name : "cmd*exe"', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where process.name like "Cmd?.exe"', procs), [5]);
  assert.deepEqual(matching('process where process.name in~ ("cmd?.exe")', procs), [5]);
  assert.deepEqual(matching('process where process.name == "cmd*"', procs), []);
  const paths = [event(1, 1, 'file', { path: 'C:\\Windows\\a[1].txt' }), event(2, 2, 'file', { path: 'C:\\Windows\\b.txt' })];
  assert.deepEqual(matching('file where path : "c:\\\\windows\\\\a[1]*"', paths), [1]);
});

test('field predicates are queries: a missing field fails them, and their negations (not, !=, not in) accept it', () => {
  assert.deepEqual(matching('process where exit_code >= 0', procs), [1, 3]);
  assert.deepEqual(matching('process where not (exit_code >= 0)', procs), [2, 5]);
  assert.deepEqual(matching('process where exit_code != 1', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where exit_code not in (1, 2)', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where not (exit_code in (1, null))', procs), [1, 2, 5]);
  assert.deepEqual(matching('process where exit_code in (1, null)', procs), [3]);
  assert.deepEqual(matching('process where exit_code == null', procs), [2, 5]);
  assert.deepEqual(matching('process where null == exit_code', procs), [2, 5]);
  assert.deepEqual(matching('process where exit_code != null', procs), [1, 3]);
  // Queries combine as plain booleans.
  assert.deepEqual(matching('process where exit_code > 0 or process.pid == 20', procs), [2, 3]);
  assert.deepEqual(matching('process where not (exit_code > 0 and process.pid == 20)', procs), [1, 2, 3, 5]);
});

test('computed predicates are scripts: three-valued, so a null stays null under not and != and never matches', () => {
  assert.deepEqual(matching('process where not (exit_code + 1 > 1)', procs), [1]);
  assert.deepEqual(matching('process where exit_code + 0 != 1', procs), [1]);
  assert.deepEqual(matching('process where not (length(string(exit_code)) == 1)', procs), []);
  assert.deepEqual(matching('process where null == (exit_code > 0)', procs), [2, 5], 'IS NULL of a script');
  assert.deepEqual(matching('process where not endsWith(process.name, ".exe")', procs), [1], 'CMD.EXE: endsWith is case-sensitive');
  assert.deepEqual(matching('process where not endsWith(?process.title, ".exe")', procs), [], 'a missing optional field is null too');
  assert.deepEqual(matching('process where not startsWith(process.name, "cmd")', procs), [1, 3, 5], 'startsWith on a field is a prefix query');
});

test('multi-valued fields: a query holds when any value satisfies it, its negation when none does; scripts read the smallest value', () => {
  const tagged = [
    event(1, 1, 'process', { tags: ['b', 'a'], port: [443, 80] }),
    event(2, 2, 'process', { tags: 'a', port: 22 }),
    event(3, 3, 'process', { tags: [], port: [] }),
  ];
  assert.deepEqual(matching('process where tags == "b"', tagged), [1]);
  assert.deepEqual(matching('process where tags != "a"', tagged), [3]);
  assert.deepEqual(matching('process where tags != "b"', tagged), [2, 3]);
  assert.deepEqual(matching('process where tags not in ("b", "c")', tagged), [2, 3]);
  assert.deepEqual(matching('process where concat(tags, "") == "a"', tagged), [1, 2], 'the first doc value is the smallest');
  assert.deepEqual(matching('process where port + 0 == 80', tagged), [1]);
  assert.deepEqual(matching('process where port > 100', tagged), [1]);
  assert.deepEqual(matching('process where port < 100 and port > 100', tagged), [1], 'each comparison may pick a different value');
  assert.deepEqual(matching('process where length(tags) == 1', tagged), [1, 2]);
  assert.deepEqual(matching('process where startsWith(tags, "b")', tagged), [1], 'startsWith on a field is a prefix query: any value');
  assert.deepEqual(matching('process where tags == null', tagged), [3]);
});

test('arithmetic: whole numbers stay whole (integer division, Java remainder), a double operand makes doubles', () => {
  const n = [event(1, 1, 'process', { v: 7 }), event(2, 2, 'process', { v: -7 }), event(3, 3, 'process', { v: 2.5 })];
  assert.deepEqual(matching('process where v / 2 == 3', n), [1]);
  assert.deepEqual(matching('process where v / 2 == -3', n), [2]);
  assert.deepEqual(matching('process where v / 2.0 == 3.5', n), [1]);
  assert.deepEqual(matching('process where v % 4 == -3', n), [2]);
  assert.deepEqual(matching('process where v * 2 == 5', n), [3]);
  assert.deepEqual(matching('process where divide(v, 0) == null', n), [1, 2]);
  assert.deepEqual(matching('process where -v + 10 == 3 and add(v, 1) == 8 and subtract(v, 1) == 6 and multiply(v, 2) == 14 and modulo(v, 3) == 1', n), [1]);
});

test('functions: null and type behaviour, python slices, between, number bases, string forms', () => {
  const e = [event(1, 1, 'process', { s: 'explorer.exe', ip: '10.6.48.157', n: 12, d: 0.5, t: true })];
  const holds = (condition: string) => matching(`process where ${condition}`, e).length === 1;
  assert.equal(holds('substring(s, -4) == ".exe" and substring(s, 1, 3) == "xp" and substring(s, 3, 1) == ""'), true);
  assert.equal(holds('indexOf(s, "plorer") == 2 and indexOf(s, "zzz") == null and indexOf(s, "e", 1) == 6'), true);
  assert.equal(holds('between(s, "e", "e") == "xplor" and between(s, "e", "e", true) == "xplorer.ex" and between(s, "q", "e") == ""'), true);
  assert.equal(holds('number("0x1F") == 31 and number("ff", 16) == 255 and number("2.5") == 2.5 and number("x") == null'), true);
  assert.equal(holds('string(n) == "12" and string(d) == "0.5" and string(t) == "true" and concat(s, ":", n) == "explorer.exe:12"'), true);
  assert.equal(holds('concat(s, missing_field) == null and length(missing_field) == null and startsWith(missing_field, "a") == null'), true);
  assert.equal(holds('cidrMatch(ip, "10.0.0.0/8") and not cidrMatch(ip, "192.168.0.0/16", "172.16.0.0/12")'), true);
  assert.equal(holds('stringContains(s, "") == false and startsWith(s, "") and length(s) == 12'), true);
});

test('optional fields: ?field reads the field when present and is null otherwise; with a mapping an unmapped one is the null constant', () => {
  const e = [event(1, 1, 'process', { a: 'x' }), event(2, 2, 'process', {})];
  assert.deepEqual(matching('process where ?a == "x"', e), [1]);
  assert.deepEqual(matching('process where ?a == null', e), [2]);
  const mapping = flattenMapping({ properties: { a: { type: 'keyword' }, '@timestamp': { type: 'date' }, id: { type: 'long' }, event: { properties: { category: { type: 'keyword' } } } } });
  assert.deepEqual(matching('process where ?x == ?y', e, { mapping }), [1, 2], 'two unmapped optional fields are null == null');
  assert.deepEqual(matching('process where ?x', e, { mapping }), []);
});

test('a mapping types the fields: keyword numbers, date and ip literals, version order, null_value, unknown fields', () => {
  const mapping = flattenMapping({
    properties: {
      '@timestamp': { type: 'date' },
      id: { type: 'long' },
      event: { properties: { category: { type: 'keyword' } } },
      code: { type: 'keyword' },
      ip: { type: 'ip' },
      v: { type: 'version' },
      opt: { type: 'keyword', null_value: 'NULL' },
      when: { type: 'date', format: 'dd-MM-yyyy' },
    },
  });
  const e = [
    event(1, 1, 'process', { code: 4624, ip: '::ffff:10.0.0.1', v: '1.11.0', opt: null, when: '17-12-2022' }),
    event(2, 2, 'process', { code: '4625', ip: '10.0.0.2', v: '1.9.0', when: '18-12-2022' }),
  ];
  assert.deepEqual(matching('process where code == "4624"', e, { mapping }), [1]);
  assert.deepEqual(matching('process where ip == "10.0.0.1"', e, { mapping }), [1]);
  assert.deepEqual(matching('process where ip > "10.0.0.1"', e, { mapping }), [2]);
  assert.deepEqual(matching('process where v > "1.10.0"', e, { mapping }), [1], 'version order, not text order');
  assert.deepEqual(matching('process where opt == "NULL"', e, { mapping }), [1]);
  assert.deepEqual(matching('process where @timestamp == "1970-01-01T00:00:02Z"', e, { mapping }), [2]);
  assert.deepEqual(matching('process where when >= "2022-12-18"', e, { mapping }), [2]);
  const [unknown] = compileErrors('process where nope == 1', { mapping });
  assert.deepEqual([unknown?.code, unknown?.span], ['eql-engine-unknown-field', { start: 14, end: 18 }]);
  assert.equal(compileErrors('process where ip == "not an ip"', { mapping })[0]?.code, 'eql-engine-invalid-argument');
  assert.equal(compileErrors('process where length(id) > 1', { mapping })[0]?.code, 'eql-engine-type-mismatch');
});

test('without a mapping fields keep their JSON types; numeric strings compare as numbers', () => {
  const e = [event(1, 1, 'process', { code: '4624', n: 5 }), event(2, 2, 'process', { code: 4625, n: '6' })];
  assert.deepEqual(matching('process where code == 4624', e), [1]);
  assert.deepEqual(matching('process where code == "4625"', e), [2]);
  assert.deepEqual(matching('process where n >= 6', e), [2]);
  assert.deepEqual(matching('process where string(code) : "462*"', e), [1, 2]);
});

test('dotted, nested and mixed sources read the same field', () => {
  const e: EventDocument[] = [
    { id: 1, '@timestamp': 1000, 'event.category': 'process', 'process.name': 'a' },
    { id: 2, '@timestamp': 2000, event: { category: 'process' }, process: { 'parent.name': 'b', name: 'b' } },
    { id: 3, '@timestamp': 3000, event: { category: ['process'] }, process: [{ name: 'x' }, { name: 'c' }] },
  ];
  assert.deepEqual(matching('process where process.name in ("a", "b", "c")', e), [1, 2, 3]);
  assert.deepEqual(matching('process where process.parent.name == "b"', e), [2]);
});

test('event queries: ordered by timestamp then tiebreaker, limited by size, head and tail', () => {
  const e = [event(3, 3, 'process', { seq: 1 }), event(1, 1, 'process', { seq: 9 }), event(2, 1, 'process', { seq: 2 }), event(4, 4, 'process'), event(5, 5, 'process')];
  assert.deepEqual(ids(runEql('process where true', e, { tiebreakerField: 'seq' })), [2, 1, 3, 4, 5]);
  assert.deepEqual(ids(runEql('process where true', e, { limit: 2 })), [1, 2], 'without a tiebreaker, arrival order breaks ties');
  assert.deepEqual(ids(runEql('process where true | tail 2', e)), [4, 5]);
  assert.deepEqual(ids(runEql('process where true | head 4 | tail 2', e)), [3, 4]);
  assert.deepEqual(ids(runEql('process where true | tail 4 | head 1', e)), [2]);
  assert.deepEqual(ids(runEql('process where true | head 0', e)), []);
  assert.deepEqual(ids(runEql('process where true', e, { limit: 3 })), [1, 2, 3]);
  assert.deepEqual(ids(runEql('process where true | tail 10', e, { limit: 3 })), [3, 4, 5], 'the size caps in the direction of the first pipe');
  assert.deepEqual(ids(runEql('process where true', [...e, { id: 9, event: { category: 'process' } }], { limit: 10 })), [1, 2, 3, 4, 5], 'no timestamp, no place in the order');
});

test('time range: events outside [from, to] are filtered out by the prefilter', () => {
  const e = [event(1, 1, 'process'), event(2, 2, 'process'), event(3, 3, 'process')];
  assert.deepEqual(matching('process where true', e, { from: 2000, to: 3000 }), [2, 3]);
  assert.deepEqual(matching('process where true', e, { from: 1500, to: 2500 }), [2]);
});

test('compile errors: the front-end diagnostics, and features the engine does not run', () => {
  assert.equal(compileErrors('process where')[0]?.code, 'eql-expected-expression');
  assert.equal(compileErrors('process where x == 1 | unique x')[0]?.code, 'eql-unsupported-pipe');
  const [complement] = compileErrors('process where s regex "a~b"');
  assert.equal(complement?.code, 'eql-engine-unsupported');
  assert.match(complement!.message, /not supported by the local engine/);
  assert.deepEqual(complement?.span, { start: 22, end: 27 });
  assert.equal(compileErrors('process where s regex "a(b"')[0]?.code, 'eql-engine-invalid-argument');
  assert.equal(compileErrors('process where cidrMatch(ip, "10.0.0.0/99")')[0]?.code, 'eql-engine-invalid-argument');
  assert.equal(compileErrors('process where s like 5')[0]?.code, 'eql-engine-type-mismatch');
});

test('constant conditions fold: `where false` matches nothing without reading events', () => {
  const e = [event(1, 1, 'process')];
  assert.deepEqual(matching('process where false', e), []);
  assert.deepEqual(matching('process where 1 + 1 == 2 and startsWith~("ABC", "a")', e), [1]);
  assert.deepEqual(matching('process where concat("a", null) == null', e), [1]);
});
