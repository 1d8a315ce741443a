import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHARED } from '../../support/corpus.ts';
import {
  EQL_DATASETS,
  EQL_SUITES,
  filetimeToEpochMillis,
  formatEpochNanos,
  filetimeToEpochNanos,
  loadEqlDataset,
  loadEqlSuite,
  parseEqlSpecToml,
  stripJsonComments,
} from '../../../server/engine/conformance/eqlSpec.ts';
import {
  ESQL_SPEC_FILES,
  decodeValue,
  loadCsvSpec,
  loadEsqlDataset,
  parseCsvDataset,
  parseCsvSpec,
  sourceIndexPattern,
  toHalfFloat,
} from '../../../server/engine/conformance/csvSpec.ts';
import { compileFieldAccessor } from '../../../server/engine/fieldAccess.ts';

const EQL_DIR = join(SHARED, 'conformance/eql');
const ESQL_DIR = join(SHARED, 'conformance/esql');

test('EQL suites: exact case counts per file (README table)', async () => {
  const expected: Record<string, [number, number]> = {
    'test_queries.toml': [241, 0],
    'additional_test_queries.toml': [39, 0],
    'test_queries_date.toml': [4, 0],
    'test_queries_date_nanos.toml': [3, 0],
    'test_extra.toml': [40, 34],
    'test_missing_events.toml': [26, 10],
    'test_sample.toml': [25, 25],
    'test_sample_multi.toml': [7, 7],
  };
  assert.deepEqual(EQL_SUITES.map((s) => s.file).sort(), Object.keys(expected).sort());
  for (const suite of EQL_SUITES) {
    const cases = await loadEqlSuite(EQL_DIR, suite.file);
    assert.equal(cases.length, expected[suite.file][0], suite.file);
    assert.equal(cases.filter((c) => c.joinKeys).length, expected[suite.file][1], `${suite.file} join keys`);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, `${suite.file} names are unique`);
    for (const name of suite.datasets) assert.ok(EQL_DATASETS[name], name);
  }
});

test('EQL cases: fields, lines, bare null join keys, missing-event markers, request parameters', async () => {
  const queries = await loadEqlSuite(EQL_DIR, 'test_queries.toml');
  assert.deepEqual(queries[1], { file: 'test_queries.toml', line: 6, name: 'simpleQueryLt', query: 'process where serial_event_id < 4', expectedEventIds: [[1, 2, 3]] });
  assert.deepEqual(queries[3].expectedEventIds, [[]]);

  const extra = await loadEqlSuite(EQL_DIR, 'test_extra.toml');
  const withNulls = extra.filter((c) => c.joinKeys?.includes(null));
  assert.deepEqual(withNulls.map((c) => c.joinKeys), [[null], [null], ['tag1', null], [null, 'tag1'], [null, 'tag1']]);
  assert.ok(extra.some((c) => c.joinKeys?.includes('null')), 'the string "null" stays a string');

  const missing = await loadEqlSuite(EQL_DIR, 'test_missing_events.toml');
  assert.deepEqual(missing[0].expectedEventIds[0].slice(0, 3), [1, -1, 2]);

  const sample = await loadEqlSuite(EQL_DIR, 'test_sample.toml');
  assert.deepEqual(sample.filter((c) => c.size !== undefined).map((c) => [c.name, c.size]), [['size0', 0], ['size2', 2], ['size3', 3], ['sizeBig', 500]]);
  const multi = await loadEqlSuite(EQL_DIR, 'test_sample_multi.toml');
  assert.ok(multi.every((c) => c.maxSamplesPerKey !== undefined));

  const parsed = parseEqlSpecToml(`[[queries]]\nname = "alt"\nquery = '''any where true # not a comment'''\nexpected_event_ids = [[1, 2], [2, 1]]\njoin_keys = ["null", null] # null here\n`, 'inline.toml');
  assert.deepEqual(parsed, [{ file: 'inline.toml', line: 1, name: 'alt', query: 'any where true # not a comment', expectedEventIds: [[1, 2], [2, 1]], joinKeys: ['null', null] }]);
  assert.throws(() => parseEqlSpecToml('[[queries]]\nname = "x"\n', 'bad.toml'), /bad.toml:1: case x has no query/);
});

test('EQL data: endgame events get @timestamp from FILETIME and the mapping aliases', async () => {
  const endgame = await loadEqlDataset(EQL_DIR, 'endgame-140');
  const [index] = endgame.indices;
  assert.equal(index.events.length, 102);
  const ids = index.events.map((e) => e.serial_event_id as number);
  assert.deepEqual([ids[0], ids[97], ...ids.slice(98)], [1, 98, 75273, 75303, 75304, 75305]);
  // serial 1: FILETIME 116444736000000000 is the Unix epoch.
  assert.equal(index.events[0]['@timestamp'], 0);
  assert.equal(index.events[1]['@timestamp'], filetimeToEpochMillis(131485996510000000n));
  assert.equal(index.events[1]['@timestamp'], 1504126051000);
  const category = compileFieldAccessor('event.category', { aliases: index.mapping.aliases });
  const sequence = compileFieldAccessor('event.sequence', { aliases: index.mapping.aliases });
  assert.equal(category.first(index.events[0]), 'process');
  assert.equal(sequence.first(index.events[5]), 6);

  const nanos = await loadEqlDataset(EQL_DIR, 'endgame-140-nanos');
  assert.equal(nanos.indices[0].events[1]['@timestamp'], '2017-08-30T20:47:31.000000000Z');
  assert.equal(formatEpochNanos(filetimeToEpochNanos(131485996510000001n)), '2017-08-30T20:47:31.000000100Z');
});

test('EQL data: fixture files with comments, the sample indices, source timestamps', async () => {
  const missing = await loadEqlDataset(EQL_DIR, 'missing-events');
  assert.equal(missing.indices[0].events.length, 48);
  assert.equal(missing.spec.tiebreaker, 'sequence');
  const extra = await loadEqlDataset(EQL_DIR, 'extra');
  assert.equal(extra.indices[0].events.length, 23);
  assert.equal(extra.indices[0].events[0]['@timestamp'], '1');
  const sample = await loadEqlDataset(EQL_DIR, 'sample');
  assert.deepEqual(sample.indices.map((i) => [i.index, i.events.length]), [['sample1', 10], ['sample2', 9], ['sample3', 9]]);
  assert.equal(sample.spec.idField, 'id');
  assert.equal(sample.spec.tiebreaker, undefined);
  assert.equal(stripJsonComments('[1, // one\n"//not", /* two\n */ 3]'), '[1,       \n"//not",       \n    3]');
});

test('csv-spec suites: exact test counts per file', async () => {
  const expected: Record<string, number> = {
    'conditional.csv-spec': 40,
    'date.csv-spec': 184,
    'dissect.csv-spec': 34,
    'drop.csv-spec': 27,
    'eval.csv-spec': 15,
    'grok.csv-spec': 45,
    'ip.csv-spec': 53,
    'keep.csv-spec': 52,
    'math.csv-spec': 169,
    'mv_expand.csv-spec': 31,
    'null.csv-spec': 82,
    'rename.csv-spec': 35,
    'stats.csv-spec': 375,
    'stats_count_distinct.csv-spec': 33,
    'string.csv-spec': 289,
    'where-like.csv-spec': 125,
  };
  assert.deepEqual([...ESQL_SPEC_FILES].sort(), Object.keys(expected).sort());
  let total = 0;
  const sources = new Map<string, number>();
  for (const file of ESQL_SPEC_FILES) {
    const tests = await loadCsvSpec(ESQL_DIR, file);
    assert.equal(tests.length, expected[file], file);
    total += tests.length;
    for (const t of tests) {
      const source = sourceIndexPattern(t.statement) ?? 'row';
      sources.set(source, (sources.get(source) ?? 0) + 1);
      if (!t.ignored) assert.ok(t.columns.length > 0, `${file}:${t.line} ${t.name} has a result header`);
    }
  }
  assert.equal(total, 1589);
  assert.equal(sources.get('hosts'), 64);
  assert.equal(sources.get('apps'), 6);
});

test('csv-spec tests: directives, SET settings, skip instructions, warnings and decoded rows', async () => {
  const date = await loadCsvSpec(ESQL_DIR, 'date.csv-spec');
  const tz = date.find((t) => t.name === 'dateDiffOffsetTimezone')!;
  assert.deepEqual(tz.settings, { time_zone: '+03:00' });
  assert.equal(tz.statement, 'ROW diff = DATE_DIFF("months", "2010-10-07T00:00:00-03:00"::date, "2010-11-06T23:01:00-04:00"::date)');
  assert.ok(tz.query.startsWith('set time_zone="+03:00";\nROW diff'));
  assert.deepEqual(tz.requiredCapabilities, ['date_diff_timezone_support']);
  assert.deepEqual(tz.rows, [[1]]);

  const ip = await loadCsvSpec(ESQL_DIR, 'ip.csv-spec');
  const regex = ip.find((t) => t.name === 'inWithWarningsRegex')!;
  assert.deepEqual(regex.skip, { to: '8.13.99', reason: 'regex warnings in tests introduced in v 8.14.0' });
  assert.equal(regex.warningRegexes.length, 3);
  assert.equal(regex.ignoreOrder, true);
  const project = ip[0];
  assert.deepEqual(project.columns, [
    { name: 'card', type: 'keyword' },
    { name: 'host', type: 'keyword' },
    { name: 'ip0', type: 'ip' },
    { name: 'ip1', type: 'ip' },
  ]);
  assert.deepEqual(project.rows[7], ['eth0', 'epsilon', ['fe80::cae2:65ff:fece:feb9', 'fe80::cae2:65ff:fece:fec0', 'fe80::cae2:65ff:fece:fec1'], 'fe80::cae2:65ff:fece:fec1']);
  assert.deepEqual(project.rows[8], ['eth1', 'epsilon', null, ['127.0.0.1', '127.0.0.2', '127.0.0.3']]);
  assert.ok(ip.some((t) => t.ignored && t.name === 'equalityNoSort-Ignore'));

  const inline = parseCsvSpec(
    [
      '// comment',
      'quoted#[skip:-8.12.99]',
      'required_capability: a',
      'ROW x = "a|b"',
      '| EVAL y = 1;',
      'warning:Line 1:1: something',
      '',
      'x:keyword | y:l | `count(*)`:long | d:date | u:ul | h:half_float',
      '"a|b"     | 1   | 9007199254740993 | 2024-05-01T00:00:00Z | 18446744073709551615 | 2.03',
      '""        | null | [1, 2]         | 2024-05-01T00:00:00.5Z | 1 | 0.1',
      ';',
    ].join('\n'),
    'inline.csv-spec',
  );
  assert.deepEqual(inline[0].skip, { to: '8.12.99' });
  assert.equal(inline[0].name, 'quoted');
  assert.equal(inline[0].line, 2);
  assert.equal(inline[0].statement, 'ROW x = "a|b"\n| EVAL y = 1');
  assert.deepEqual(inline[0].warnings, ['Line 1:1: something']);
  assert.deepEqual(inline[0].columns.map((c) => c.type), ['keyword', 'long', 'long', 'datetime', 'unsigned_long', 'half_float']);
  assert.deepEqual(inline[0].rows, [
    ['a|b', 1, 9007199254740993n, Date.UTC(2024, 4, 1), 18446744073709551615n, 2.029296875],
    ['', null, [1, 2], Date.UTC(2024, 4, 1, 0, 0, 0, 500), 1n, 0.0999755859375],
  ]);
  assert.throws(() => parseCsvSpec('unfinished\nROW a = 1;\n', 'x.csv-spec'), /x.csv-spec:1: test "unfinished" has no end/);
});

test('value decoding follows the harness types', () => {
  assert.equal(decodeValue('2.03', 'float'), Math.fround(2.03));
  assert.equal(decodeValue('2.034', 'scaled_float'), 2.03);
  assert.equal(decodeValue('TRUE', 'boolean'), true);
  assert.equal(decodeValue('2023-10-23T12:15:03.360103847Z', 'date_nanos'), 1698063303360103847n);
  assert.equal(decodeValue('1.2.3', 'version'), '1.2.3');
  assert.equal(toHalfFloat(65504), 65504);
  assert.equal(toHalfFloat(70000), Infinity);
  assert.equal(toHalfFloat(1e-8), 0);
  assert.equal(toHalfFloat(6e-8), 2 ** -24);
});

test('CSV data sets: typed columns, multi-values, nulls left out, sub-fields derived', async () => {
  const employees = await loadEsqlDataset(ESQL_DIR, 'employees');
  assert.equal(employees.events.length, 100);
  assert.deepEqual(employees.events[0], {
    birth_date: '1953-09-02T00:00:00Z',
    emp_no: 10001,
    first_name: 'Georgi',
    gender: 'M',
    hire_date: '1986-06-26T00:00:00Z',
    languages: 2,
    last_name: 'Facello',
    salary: 57305,
    height: 2.03,
    still_hired: true,
    avg_worked_seconds: 268728049,
    job_positions: ['Senior Python Developer', 'Accountant'],
    is_rehired: [false, true],
    salary_change: 1.19,
  });
  assert.deepEqual(employees.columns.find((c) => c.name === 'languages.long'), { name: 'languages.long', type: 'long', subFieldOf: 'languages' });
  assert.ok(employees.mapping!.fields.has('languages.long'));

  const hosts = await loadEsqlDataset(ESQL_DIR, 'hosts');
  assert.equal(hosts.events.length, 10);
  assert.deepEqual(hosts.events[4].description, ['beta k8s server', 'beta k8s server2']);
  assert.equal('host_group' in hosts.events[7], false);
  assert.deepEqual(hosts.events[8].ip1, ['127.0.0.1', '127.0.0.2', '127.0.0.3']);

  const apps = await loadEsqlDataset(ESQL_DIR, 'apps');
  assert.equal(apps.events.length, 14);
  assert.deepEqual(apps.events[10], { id: 11, name: 'kkkkk' });

  const inline = parseCsvDataset('a:keyword,b:integer\n// comment\nx\\,y,[1,2]\n[solo],\n', 'inline');
  assert.deepEqual(inline.events, [{ a: 'x,y', b: [1, 2] }, { a: 'solo' }]);
  assert.throws(() => parseCsvDataset('a:keyword,b:integer\nx\n', 'short'), /short:2: expected 2 entries, found 1/);
});
