// ES|QL semantics of the local evaluator: nulls, multi-values, patterns, STATS,
// SORT, limits, dates with a fixed clock, column handling and typing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../../../server/engine/clock.ts';
import { compileEsql, type EsqlTable } from '../../../../server/engine/esql/index.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { NOW, header, runEsql } from './run.ts';

const events: EventDocument[] = [
  { '@timestamp': '2024-05-01T10:00:00.000Z', host: { name: 'web-1' }, process: { name: 'cmd.exe', pid: 10 }, user: { name: 'alice' }, tags: ['b', 'a'], bytes: 100 },
  { '@timestamp': '2024-04-20T10:00:00.000Z', host: { name: 'web-2' }, process: { name: 'powershell.exe', pid: 20 }, user: { name: 'bob' }, bytes: 250.5 },
  { '@timestamp': '2024-05-01T11:30:00.000Z', 'host.name': 'web-1', process: { name: 'cmd.exe', pid: 30 }, tags: 'c' },
  { '@timestamp': '2024-04-30T23:59:59.999Z', host: { name: 'db-1' }, process: { name: 'sshd', pid: 40 }, user: { name: 'alice' }, bytes: 7 },
];

function column(table: EsqlTable, name: string): unknown[] {
  const index = table.columns.findIndex((c) => c.name === name);
  assert.ok(index >= 0, `no column ${name}`);
  return table.rows.map((row) => row[index]);
}

describe('null rules', () => {
  it('propagates null through functions and operators, and three-valued logic in AND/OR/NOT', () => {
    const table = runEsql('ROW a = null, b = 1 | EVAL c = a + b, d = CONCAT("x", a), e = a > 0 OR true, f = a > 0 AND false, g = NOT (a > 0), h = COALESCE(a, b)');
    assert.deepEqual(table.rows, [[null, 1, null, null, true, false, null, 1]]);
    assert.deepEqual(header(table), ['a:null', 'b:integer', 'c:integer', 'd:keyword', 'e:boolean', 'f:boolean', 'g:boolean', 'h:integer']);
  });

  it('keeps only rows whose WHERE condition is true (null drops the row)', () => {
    const table = runEsql('FROM logs | WHERE bytes > 50 | KEEP process.pid', events);
    assert.deepEqual(table.rows, [[10], [20]]);
    const negated = runEsql('FROM logs | WHERE NOT bytes > 50 | KEEP process.pid', events);
    assert.deepEqual(negated.rows, [[40]]);
  });

  it('IS NULL never yields null, and a multi-value is not null', () => {
    const table = runEsql('FROM logs | EVAL missing = user.name IS NULL, present = tags IS NOT NULL | KEEP process.pid, missing, present', events);
    assert.deepEqual(table.rows, [
      [10, false, true],
      [20, false, false],
      [30, true, true],
      [40, false, false],
    ]);
  });

  it('IN is null for a null value, and for no match when the list holds a null', () => {
    const table = runEsql('ROW a = 1, n = null | EVAL x = a IN (1, 2), y = a IN (3, null), z = n IN (1), w = a NOT IN (2, 3)');
    assert.deepEqual(table.rows[0]!.slice(2), [true, null, null, true]);
  });
});

describe('multi-values', () => {
  it('reads arrays as multi-valued columns and single-valued functions warn and return null', () => {
    const table = runEsql('FROM logs | WHERE process.pid == 10 | EVAL upper = TO_UPPER(tags), len = LENGTH(tags) | KEEP tags, upper, len', events);
    // Unmapped string values read like a keyword field's: sorted.
    assert.deepEqual(table.rows, [[['a', 'b'], ['A', 'B'], null]]);
    assert.deepEqual(table.warnings, [
      'Line 1:74: evaluation of [LENGTH(tags)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:74: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ]);
  });

  it('compares multi-values to null with a warning', () => {
    const table = runEsql('FROM logs | WHERE tags == "a" | KEEP process.pid', events);
    assert.deepEqual(table.rows, []);
    assert.equal(table.warnings.length, 2);
    assert.match(table.warnings[0]!, /^Line 1:19: evaluation of \[tags == "a"\] failed/);
  });

  it('MV_* functions see every value', () => {
    const table = runEsql('ROW a = [5, 1, 3, 1] | EVAL c = MV_COUNT(a), mn = MV_MIN(a), mx = MV_MAX(a), s = MV_SUM(a), avg = MV_AVG(a), m = MV_MEDIAN(a), d = MV_DEDUPE(a), f = MV_FIRST(a), sl = MV_SLICE(a, 1, 2), so = MV_SORT(a, "DESC"), j = MV_CONCAT(TO_STRING(a), "-")');
    assert.deepEqual(table.rows[0]!.slice(1), [4, 1, 5, 10, 2.5, 2, [5, 1, 3], 5, [1, 3], [5, 3, 1, 1], '5-1-3-1']);
  });

  it('MV_EXPAND gives one row per value, in place', () => {
    const table = runEsql('ROW a = 1, b = ["x", "y"], c = true | MV_EXPAND b');
    assert.deepEqual(header(table), ['a:integer', 'b:keyword', 'c:boolean']);
    assert.deepEqual(table.rows, [
      [1, 'x', true],
      [1, 'y', true],
    ]);
  });
});

describe('LIKE and RLIKE', () => {
  it('match the whole value, case-sensitively, with escapes', () => {
    const table = runEsql(String.raw`ROW s = "C:\\Windows\\cmd.exe" | EVAL a = s LIKE "*cmd.exe", b = s LIKE "*CMD.exe", c = s LIKE "C:\\\\*", d = s LIKE "?:*", e = s RLIKE ".*\\\\cmd\\.exe", f = s RLIKE "cmd", g = "a*b" LIKE "a\\*b", h = s LIKE ("*.dll", "*.exe")`);
    assert.deepEqual(table.rows[0]!.slice(1), [true, false, true, true, true, false, true, true]);
  });

  it('NOT LIKE keeps null as null, but a match-all pattern is IS NOT NULL', () => {
    const table = runEsql('FROM logs | WHERE user.name NOT LIKE "b*" | KEEP process.pid', events);
    assert.deepEqual(table.rows, [[10], [40]]);
    const all = runEsql('FROM logs | WHERE user.name NOT LIKE "*" | KEEP process.pid', events);
    assert.deepEqual(all.rows, [[30]]);
  });

  it('supports Lucene regex syntax (intervals, quoted strings, character classes)', () => {
    const table = runEsql('ROW s = "port-8080" | EVAL a = s RLIKE "port-<8000-8100>", b = s RLIKE "\\"port-\\"[0-9]+", c = s RLIKE "port-(80|90)+", d = s RLIKE "p@"');
    assert.deepEqual(table.rows[0]!.slice(1), [true, true, true, true]);
  });

  it('reports an invalid pattern at compile time', () => {
    const result = compileEsql('ROW s = "a" | WHERE s RLIKE "(a"', { clock: fixedClock(NOW) });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.diagnostics[0]!.code, result.diagnostics[0]!.span], ['esql-engine-invalid-pattern', { start: 28, end: 32 }]);
  });
});

describe('STATS', () => {
  it('groups by keys (multi-valued keys count in each group; null is a group), aggregates first then groups', () => {
    const table = runEsql('FROM logs | STATS n = COUNT(*), pids = VALUES(process.pid) BY tags | SORT tags', events);
    assert.deepEqual(header(table), ['n:long', 'pids:long', 'tags:keyword']);
    assert.deepEqual(table.rows, [
      [1, 10, 'a'],
      [1, 10, 'b'],
      [1, 30, 'c'],
      [2, [20, 40], null],
    ]);
  });

  it('computes count, count_distinct, sum, avg, min, max, median, percentile over all values', () => {
    const table = runEsql(
      'FROM logs | STATS c = COUNT(), cv = COUNT(user.name), cd = COUNT_DISTINCT(user.name), s = SUM(process.pid), a = AVG(process.pid), mn = MIN(process.pid), mx = MAX(process.pid), md = MEDIAN(process.pid), p = PERCENTILE(process.pid, 75), earliest = MIN(@timestamp)',
      events,
    );
    assert.deepEqual(table.rows, [[4, 3, 2, 100, 25, 10, 40, 25, 32.5, '2024-04-20T10:00:00.000Z']]);
    assert.deepEqual(header(table).slice(0, 5), ['c:long', 'cv:long', 'cd:long', 's:long', 'a:double']);
  });

  it('without BY yields one row even over no input; with BY, none', () => {
    assert.deepEqual(runEsql('FROM logs | WHERE process.pid > 100 | STATS c = COUNT(*), m = MAX(process.pid)', events).rows, [[0, null]]);
    assert.deepEqual(runEsql('FROM logs | WHERE process.pid > 100 | STATS c = COUNT(*) BY host.name', events).rows, []);
  });

  it('filters aggregates with WHERE, evaluates expressions over aggregates, names unnamed ones by their text', () => {
    const table = runEsql('FROM logs | STATS cmd = COUNT(*) WHERE process.name == "cmd.exe", COUNT(*), ratio = ROUND(SUM(process.pid) / COUNT(*), 1) BY host.name | SORT host.name', events);
    assert.deepEqual(header(table), ['cmd:long', 'COUNT(*):long', 'ratio:double', 'host.name:keyword']);
    assert.deepEqual(table.rows, [
      [0, 1, 40, 'db-1'],
      [2, 2, 20, 'web-1'],
      [0, 1, 20, 'web-2'],
    ]);
  });

  it('supports BUCKET and DATE_TRUNC groups, and WHERE after STATS', () => {
    const table = runEsql('FROM logs | STATS c = COUNT(*) BY day = DATE_TRUNC(1 day, @timestamp) | WHERE c > 1 | SORT day', events);
    assert.deepEqual(table.rows, [[2, '2024-05-01T00:00:00.000Z']]);
    const hours = runEsql('FROM logs | STATS c = COUNT(*) BY b = BUCKET(@timestamp, 12 hours) | SORT b DESC | LIMIT 2', events);
    assert.deepEqual(hours.rows, [
      [2, '2024-05-01T00:00:00.000Z'],
      [1, '2024-04-30T12:00:00.000Z'],
    ]);
  });

  it('INLINE STATS adds the group aggregate to every row', () => {
    const table = runEsql('FROM logs | KEEP host.name, process.pid | INLINE STATS n = COUNT(*) BY host.name | SORT process.pid', events);
    assert.deepEqual(header(table), ['process.pid:long', 'n:long', 'host.name:keyword']);
    assert.deepEqual(table.rows, [
      [10, 2, 'web-1'],
      [20, 1, 'web-2'],
      [30, 2, 'web-1'],
      [40, 1, 'db-1'],
    ]);
  });
});

describe('SORT and LIMIT', () => {
  it('sorts on several keys with Elasticsearch null defaults (last ascending, first descending)', () => {
    assert.deepEqual(column(runEsql('FROM logs | SORT user.name, process.pid DESC', events), 'process.pid'), [40, 10, 20, 30]);
    assert.deepEqual(column(runEsql('FROM logs | SORT user.name DESC', events), 'process.pid'), [30, 20, 10, 40]);
    assert.deepEqual(column(runEsql('FROM logs | SORT user.name ASC NULLS FIRST, process.pid', events), 'process.pid'), [30, 10, 40, 20]);
  });

  it('sorts a multi-valued key by its lowest value ascending and highest descending', () => {
    const rows = [{ id: 1, v: [5, 1] }, { id: 2, v: 3 }, { id: 3, v: [2, 9] }];
    assert.deepEqual(column(runEsql('FROM x | SORT v | KEEP id', rows), 'id'), [1, 3, 2]);
    assert.deepEqual(column(runEsql('FROM x | SORT v DESC | KEEP id', rows), 'id'), [3, 1, 2]);
  });

  it('applies LIMIT 1000 by default and at most 10,000 when the query has a LIMIT', () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({ i }));
    assert.equal(runEsql('FROM x', many).rows.length, 1000);
    assert.equal(runEsql('FROM x | LIMIT 20000', many).rows.length, 10_000);
    assert.equal(runEsql('FROM x | LIMIT 5', many).rows.length, 5);
    assert.equal(runEsql('FROM x', many, { limit: 7 }).rows.length, 7);
    assert.deepEqual(column(runEsql('FROM x | SORT i DESC | LIMIT 3', many), 'i'), [11_999, 11_998, 11_997]);
  });
});

describe('dates and time spans', () => {
  it('evaluates now() and date arithmetic against the fixed clock', () => {
    const table = runEsql('FROM logs | WHERE @timestamp > NOW() - 1 day | KEEP process.pid', events);
    assert.deepEqual(table.rows, [[10], [30], [40]]);
    const exact = runEsql('ROW t = NOW() | EVAL a = t - 7 days, b = t + 1 month, c = t - 90 minutes, d = "2024-01-31" + 1 month');
    assert.deepEqual(exact.rows, [[NOW, '2024-04-24T12:00:00.000Z', '2024-06-01T12:00:00.000Z', '2024-05-01T10:30:00.000Z', '2024-02-29T00:00:00.000Z']]);
  });

  it('truncates, differences, extracts and formats dates', () => {
    const table = runEsql('ROW t = TO_DATETIME("2024-03-15T13:45:30.123Z") | EVAL w = DATE_TRUNC(1 week, t), m = DATE_TRUNC(1 month, t), h = DATE_TRUNC(2 hours, t), dd = DATE_DIFF("day", "2024-03-01", t), mm = DATE_DIFF("month", "2024-01-16", t), y = DATE_EXTRACT("year", t), dow = DATE_EXTRACT("day_of_week", t), f = DATE_FORMAT("yyyy/MM/dd HH:mm EEE", t), p = DATE_PARSE("dd MMM yyyy", "05 Jan 2023")');
    assert.deepEqual(table.rows[0]!.slice(1), ['2024-03-11T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-03-15T12:00:00.000Z', 14, 1, 2024, 5, '2024/03/15 13:45 Fri', '2023-01-05T00:00:00.000Z']);
  });
});

describe('time zones', () => {
  it('SET time_zone moves calendar work (truncation, formatting, extraction) to wall-clock time', () => {
    const table = runEsql('SET time_zone = "+02:00"; ROW t = TO_DATETIME("2024-03-15T23:30:00Z") | EVAL d = DATE_TRUNC(1 day, t), f = DATE_FORMAT(t), h = DATE_EXTRACT("hour_of_day", t), n = DAY_NAME(t)');
    assert.deepEqual(table.rows, [['2024-03-15T23:30:00.000Z', '2024-03-15T22:00:00.000Z', '2024-03-16T01:30:00.000+02:00', 1, 'Saturday']]);
  });

  it('keeps wall-clock time across daylight saving changes when adding days', () => {
    const table = runEsql('SET time_zone = "America/New_York"; ROW t = TO_DATETIME("2025-03-09T06:02:03Z") | EVAL next = t + 1 day');
    assert.deepEqual(table.rows[0]![1], '2025-03-10T05:02:03.000Z');
  });
});

describe('full-text functions', () => {
  it('KQL filters the source events with the KQL evaluator', () => {
    const table = runEsql('FROM logs | WHERE KQL("process.name:cmd.exe and not user.name:bob") | KEEP process.pid', events);
    assert.deepEqual(table.rows, [[10], [30]]);
  });

  it('MATCH compares keyword-like fields exactly (with fuzziness) and text-like ones by words', () => {
    const fuzzy = runEsql('FROM logs | WHERE MATCH(process.name, "cmd.exr", {"fuzziness": 1}) | KEEP process.pid', events);
    assert.deepEqual(fuzzy.rows, [[10], [30]]);
    const words = runEsql('FROM x | WHERE message : "failed LOGIN" | KEEP id', [{ id: 1, message: 'Login failed for root' }, { id: 2, message: 'login ok' }, { id: 3, message: 'nothing' }]);
    assert.deepEqual(words.rows, [[1], [2]]);
  });
});

describe('columns', () => {
  it('lists source fields by name after FROM, with types from the values', () => {
    const table = runEsql('FROM logs | WHERE process.pid == 20', events);
    assert.deepEqual(header(table), ['@timestamp:date', 'bytes:double', 'host.name:keyword', 'process.name:keyword', 'process.pid:long', 'user.name:keyword']);
    assert.deepEqual(table.rows, [['2024-04-20T10:00:00.000Z', 250.5, 'web-2', 'powershell.exe', 20, 'bob']]);
  });

  it('KEEP orders by pattern (exact names win over wildcards), DROP removes, RENAME renames in place', () => {
    const kept = runEsql('FROM logs | WHERE process.pid == 10 | KEEP process.pid, proc*, host.*', events);
    assert.deepEqual(header(kept), ['process.pid:long', 'process.name:keyword', 'host.name:keyword']);
    const dropped = runEsql('FROM logs | WHERE process.pid == 10 | DROP *name, tags, @timestamp', events);
    assert.deepEqual(header(dropped), ['bytes:long', 'process.pid:long']);
    const renamed = runEsql('FROM logs | WHERE process.pid == 10 | KEEP host.name, user.name | RENAME host.name AS h, user.name AS u', events);
    assert.deepEqual(renamed.rows, [['web-1', 'alice']]);
    assert.deepEqual(header(renamed), ['h:keyword', 'u:keyword']);
  });

  it('EVAL replaces a column of the same name at the end', () => {
    const table = runEsql('ROW a = 1, b = 2 | EVAL a = a * 10');
    assert.deepEqual(header(table), ['b:integer', 'a:integer']);
    assert.deepEqual(table.rows, [[2, 10]]);
  });

  it('takes source types from a mapping when given (numbers from text, keyword values sorted)', () => {
    const mapping = {
      fields: new Map([
        ['n', { path: 'n', type: 'integer' }],
        ['k', { path: 'k', type: 'keyword' }],
        ['ip', { path: 'ip', type: 'ip' }],
      ]),
      aliases: new Map(),
    };
    const table = runEsql('FROM x | EVAL inNet = CIDR_MATCH(ip, "10.0.0.0/8")', [{ n: '42', k: ['b', 'a', 'b'], ip: '10.1.2.3' }], { mapping });
    assert.deepEqual(header(table), ['ip:ip', 'k:keyword', 'n:integer', 'inNet:boolean']);
    assert.deepEqual(table.rows, [['10.1.2.3', ['a', 'b'], 42, true]]);
  });
});

describe('DISSECT and GROK', () => {
  it('extract columns from strings', () => {
    const dissected = runEsql('ROW m = "GET /index.html 200" | DISSECT m "%{verb} %{path} %{status}"');
    assert.deepEqual(dissected.rows, [['GET /index.html 200', 'GET', '/index.html', '200']]);
    const grokked = runEsql('ROW m = "10.0.0.5 took 125 ms" | GROK m "%{IP:client} took %{NUMBER:ms:int} ms"');
    assert.deepEqual(header(grokked), ['m:keyword', 'client:keyword', 'ms:integer']);
    assert.deepEqual(grokked.rows, [['10.0.0.5 took 125 ms', '10.0.0.5', 125]]);
  });
});

describe('arithmetic', () => {
  it('divides integers as integers, warns on division by zero and overflow', () => {
    const table = runEsql('ROW a = 7, b = 2 | EVAL q = a / b, r = a % b, d = a / 2.0, z = a / 0, o = 2147483647 + a');
    assert.deepEqual(table.rows[0]!.slice(2), [3, 1, 3.5, null, null]);
    assert.deepEqual(
      table.warnings.filter((w) => w.includes('Exception')),
      ['Line 1:64: java.lang.ArithmeticException: / by zero', 'Line 1:75: java.lang.ArithmeticException: integer overflow'],
    );
  });
});

describe('compile errors', () => {
  const compile = (text: string) => compileEsql(text, { clock: fixedClock(NOW) });

  it('names unsupported commands', () => {
    for (const [text, name] of [
      ['FROM a | ENRICH policy ON x', 'ENRICH'],
      ['FROM a | LOOKUP JOIN b ON x', 'LOOKUP JOIN'],
      ['FROM a | FORK (WHERE x > 1) (WHERE x < 1)', 'FORK'],
      ['FROM a | COMPLETION r = x WITH { "inference_id": "i" }', 'COMPLETION'],
    ] as const) {
      const result = compile(text);
      assert.equal(result.ok, false, text);
      if (!result.ok) {
        assert.equal(result.diagnostics[0]!.code, 'esql-engine-unsupported-command');
        assert.equal(result.diagnostics[0]!.message, `${name} is not supported by the local engine`);
        assert.equal(text.slice(result.diagnostics[0]!.span.start, result.diagnostics[0]!.span.start + name.length).toUpperCase(), name);
      }
    }
  });

  it('reports syntax errors with the parser diagnostics, unknown columns after STATS and type errors', () => {
    const syntax = compile('FROM a | WHERE x ==');
    assert.ok(!syntax.ok && syntax.diagnostics[0]!.code.startsWith('esql-') && !syntax.diagnostics[0]!.code.startsWith('esql-engine'));
    const unknown = compile('FROM a | STATS c = COUNT(*) BY h | KEEP x');
    assert.ok(!unknown.ok && unknown.diagnostics[0]!.code === 'esql-engine-unknown-column' && unknown.diagnostics[0]!.message === 'Unknown column [x]');
    const types = compile('ROW a = 1 | EVAL b = a + "x"');
    assert.ok(!types.ok && types.diagnostics[0]!.code === 'esql-engine-type-mismatch');
  });
});

describe('prefilter and sink', () => {
  it('runs the WHERE commands right after FROM as the prefilter, the rest in the sink', () => {
    const compiled = compileEsql('FROM logs-endpoint.*, logs-system.auth-* | WHERE process.pid > 15 | WHERE user.name IS NOT NULL | EVAL x = 1 | WHERE x == 1', { clock: fixedClock(NOW) });
    assert.ok(compiled.ok);
    const { query } = compiled;
    assert.equal(query.sourcePattern, 'logs-endpoint.*,logs-system.auth-*');
    assert.deepEqual(events.filter((e) => query.prefilter!(e)).map((e) => (e.process as { pid: number }).pid), [20, 40]);
    // The sink trusts the prefilter: it does not filter again.
    const sink = query.createSink();
    for (const event of events) sink.push(event);
    assert.equal((sink.finish() as EsqlTable).rows.length, 4);
  });

  it('ROW queries have no source and ignore pushed events', () => {
    const compiled = compileEsql('ROW a = 1', { clock: fixedClock(NOW) });
    assert.ok(compiled.ok && compiled.query.sourcePattern === undefined && compiled.query.prefilter === undefined);
    const sink = compiled.query.createSink();
    sink.push({ a: 5 });
    assert.deepEqual((sink.finish() as EsqlTable).rows, [[1]]);
  });
});
