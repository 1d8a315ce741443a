// Semantic analysis of ES|QL: every semantic diagnostic code, inferred types,
// and the column set flowing through the pipeline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QueryDiagnostic } from '../../../server/common/diagnostics.ts';
import { analyzeEsql, esqlFrontEnd, parseEsql } from '../../../server/esql/index.ts';

function check(text: string): QueryDiagnostic[] {
  const { ast, diagnostics } = parseEsql(text);
  assert.deepEqual(diagnostics, [], `syntax errors in ${JSON.stringify(text)}`);
  return esqlFrontEnd.check(ast, text, {});
}

function codes(text: string): string[] {
  return check(text).map((d) => d.code);
}

/** Output columns as `name:type` (`?` for unknown). */
function output(text: string): string[] {
  return analyzeEsql(parseEsql(text).ast, text).outputScope.columns().map((c) => `${c.name}:${c.type ?? '?'}`);
}

function outputScope(text: string) {
  return analyzeEsql(parseEsql(text).ast, text).outputScope;
}

describe('ES|QL semantic diagnostics', () => {
  // One query per semantic code; the seeded-error suite pins their exact spans.
  const byCode: [string, string][] = [
    ['esql-unknown-command', 'FROM a | TRANSMOGRIFY x'],
    ['esql-snapshot-only-command', 'FROM a | LOOKUP idx ON x'],
    ['esql-unknown-function', 'ROW a = does_not_exist(1)'],
    ['esql-snapshot-only-function', 'ROW a = tstep(1 hour)'],
    ['esql-wrong-arity', 'ROW a = concat("x")'],
    ['esql-argument-type', 'ROW a = starts_with(1, "x")'],
    ['esql-operand-type', 'ROW a = true - 1'],
    ['esql-condition-not-boolean', 'FROM a | WHERE "yes"'],
    ['esql-aggregate-outside-stats', 'FROM a | WHERE avg(x) > 1'],
    ['esql-grouping-function-outside-stats', 'FROM a | EVAL c = categorize(message)'],
    ['esql-nested-aggregate', 'FROM a | STATS sum(count(*))'],
    ['esql-aggregate-in-grouping', 'FROM a | STATS count(*) BY values(x)'],
    ['esql-non-grouped-column', 'FROM a | STATS x + 1 BY y'],
    ['esql-grouping-key-as-aggregate', 'FROM a | STATS y BY y'],
    ['esql-grouping-function-not-in-by', 'FROM a | STATS m = max(x) + bucket(t, 1 day) BY y'],
    ['esql-expected-aggregate', 'FROM a | STATS now()'],
    ['esql-filter-without-aggregate', 'FROM a | STATS c = 1 + 1 WHERE x > 1, d = count(*)'],
    ['esql-aggregate-in-filter', 'FROM a | STATS c = count(*) WHERE count(*) > 1'],
    ['esql-unknown-column', 'ROW a = 1 | EVAL b = c'],
    ['esql-unknown-time-unit', 'ROW a = 2 lightyears'],
    ['esql-unknown-cast-type', 'ROW a = 1::float128'],
    ['esql-unknown-option', 'FROM a | DISSECT m "%{x}" trim = true'],
    ['esql-invalid-limit', 'FROM a | LIMIT "ten"'],
    ['esql-invalid-sample-probability', 'FROM a | SAMPLE 0'],
  ];
  for (const [code, query] of byCode) {
    it(code, () => assert.ok(codes(query).includes(code), `${query} gave ${codes(query).join(', ')}`));
  }

  it('explains which command fixed the column set', () => {
    const [diagnostic] = check('FROM a\n| STATS c = count(*) BY h\n| WHERE user.name == "x"');
    assert.equal(diagnostic!.message, 'unknown column `user.name`; the columns here are the ones STATS at 2:3 left');
  });

  it('names expected and actual types for a bad argument', () => {
    const [diagnostic] = check('ROW a = length(1)');
    assert.equal(diagnostic!.message, 'argument 1 of `LENGTH` must be [keyword, text], but `1` is [integer]');
  });

  it('states the arity a function accepts', () => {
    assert.equal(check('ROW a = round()')[0]!.message, '`ROUND` takes between 1 and 2 arguments, but 0 were given');
    assert.equal(check('ROW a = coalesce()')[0]!.message, '`COALESCE` takes at least 1 argument, but 0 were given');
    assert.equal(check('ROW a = pi(1)')[0]!.message, '`PI` takes no arguments, but 1 was given');
  });
});

describe('ES|QL checks accept valid queries', () => {
  const valid: string[] = [
    // Index fields are unknown until a command fixes the column set.
    'FROM logs-* | WHERE anything.at.all == "x" | KEEP host.*, user.name | WHERE host.id IS NOT NULL',
    // String literals convert implicitly to dates, IPs and versions.
    'FROM a | WHERE @timestamp > "2024-01-01" AND cidr_match(to_ip(source.ip), "10.0.0.0/8") | EVAL d = date_diff("day", "2024-01-01", now())',
    'FROM a | EVAL t = DATE_TRUNC(1 hour, @timestamp), w = now() - 7 days, v = to_version("1.2.3") > "1.0.0"',
    // Integers widen to long and double.
    'ROW a = 1 | EVAL b = round(a * 1.5, 2), c = mv_percentile(a, 95)::string',
    // Function aliases.
    'ROW a = "1" | EVAL b = to_int(a), c = to_str(b), d = to_dbl(b), e = to_bool("true")',
    // Aggregates over expressions, grouping keys inside expressions, grouping aliases.
    'FROM a | STATS c = count(*) + k, m = max(x) / 2 BY k = bucket(@timestamp, 1 hour)',
    'FROM a | STATS c = count(*) BY h = host.name | EVAL ratio = c / 2 | WHERE h != "x"',
    // Time-series aggregates nest inside aggregates.
    'TS metrics-* | STATS total = sum(rate(requests)) BY host',
    // Unnamed STATS columns are named after their text.
    'FROM a | STATS count(*), max(bytes) BY host.name | SORT `count(*)` DESC | KEEP `max(bytes)`, host.name',
    // Columns added by DISSECT, GROK, ENRICH, LOOKUP JOIN, CHANGE_POINT, COMPLETION, RERANK and FORK.
    'FROM a | KEEP message | DISSECT message "%{a} %{+a} %{?skip} %{b}" | GROK b "%{IP:ip} (?<word>\\\\w+)" | KEEP a, b, ip, word',
    'FROM a | KEEP dll.path | ENRICH libs-policy | WHERE native == "yes"',
    'FROM a | KEEP source.ip | LOOKUP JOIN threats ON source.ip | WHERE threat.level > 3',
    'FROM a | STATS v = avg(x) BY t = bucket(@timestamp, 1 hour) | CHANGE_POINT v ON t | KEEP t, type, pvalue',
    'FROM a | KEEP prompt | COMPLETION prompt WITH { "inference_id": "x" } | KEEP completion',
    'FROM a | KEEP title | RERANK "query" ON title | SORT _score DESC',
    'FROM a | FORK (STATS c = count(*)) (STATS m = max(x)) | KEEP _fork, c, m',
    'FROM a | KEEP url.original | URI_PARTS parts = url.original | KEEP parts.domain, parts.port',
    // METADATA fields, RENAME in both forms, DROP with wildcards.
    'FROM a METADATA _id, _index | KEEP _id, _index, x | RENAME x AS y, z = _id | DROP _index | KEEP y, z',
    'FROM a | EVAL Esql.a = 1, Esql.b = 2 | DROP Esql.* | KEEP other',
    // A `?param` in KEEP may stand for any of the columns.
    'ROW a = 1, b = 2 | KEEP ?columns | EVAL c = a + b',
    // INLINE STATS keeps the input columns.
    'FROM a | KEEP x, y | INLINE STATS m = max(x) BY y | KEEP x, y, m',
  ];
  for (const query of valid) {
    it(query, () => assert.deepEqual(check(query), []));
  }
});

describe('ES|QL types', () => {
  it('types literals, widening integers with their magnitude', () => {
    assert.deepEqual(output('ROW a = 1, b = 3000000000, c = 10000000000000000000, d = 100000000000000000000, e = 1.0, f = "s", g = true, h = null, i = [1, 2]'), [
      'a:integer',
      'b:long',
      'c:unsigned_long',
      'd:double',
      'e:double',
      'f:keyword',
      'g:boolean',
      'h:null',
      'i:integer',
    ]);
  });

  it('types operators, functions, casts and time spans from the definitions', () => {
    assert.deepEqual(
      output('ROW a = 1 + 1, b = 1 + 1.5, c = now() - 1 day, d = length("x"), e = "5"::long, f = 1 hour, g = 1 week, h = to_lower("A"), i = 1 > 2, j = "x" LIKE "y*", k = -(2), l = CASE(i, "y", "n")'),
      ['a:integer', 'b:double', 'c:date', 'd:integer', 'e:long', 'f:time_duration', 'g:date_period', 'h:keyword', 'i:boolean', 'j:boolean', 'k:integer', 'l:keyword'],
    );
  });

  it('types STATS outputs, aggregates first, named after their text when unnamed', () => {
    assert.deepEqual(output('FROM a | STATS count(*), m = max(1), values(x) BY host.name'), ['count(*):long', 'm:integer', 'values(x):?', 'host.name:?']);
  });

  it('types GROK captures by their suffix and DISSECT keys as keyword', () => {
    assert.deepEqual(output('ROW m = "x" | GROK m "%{NUMBER:n:int} %{NUMBER:f:float} %{WORD:w}" | DISSECT w "%{k}-%{?skip}" | DROP m'), [
      'n:integer',
      'f:double',
      'w:keyword',
      'k:keyword',
    ]);
  });

  it('reports types of columns computed earlier in the query', () => {
    assert.deepEqual(codes('FROM a | STATS c = count(*) BY h | EVAL bad = c + "x"'), ['esql-operand-type']);
    assert.deepEqual(codes('FROM a | EVAL s = to_string(x) | WHERE s > 5'), ['esql-operand-type']);
  });
});

describe('ES|QL column tracking', () => {
  it('leaves the column set open after FROM and closes it after STATS', () => {
    assert.equal(outputScope('FROM a').isOpen, true);
    assert.equal(outputScope('FROM a | STATS c = count(*)').isOpen, false);
    assert.equal(outputScope('ROW a = 1').isOpen, false);
  });

  it('KEEP with wildcards keeps matching columns and only matching unknown fields', () => {
    const scope = outputScope('FROM a | EVAL Esql.x = 1, y = 2 | KEEP Esql.*');
    assert.deepEqual(scope.columns().map((c) => c.name), ['Esql.x']);
    assert.equal(scope.resolve('Esql.other').status, 'possible');
    assert.equal(scope.resolve('y').status, 'missing');
  });

  it('DROP, RENAME and EVAL move columns', () => {
    assert.deepEqual(output('ROW a = 1, b = "x", c = true | DROP c | RENAME a AS n | EVAL b = 2'), ['n:integer', 'b:integer']);
  });

  it('FORK unions the branches and adds _fork', () => {
    assert.deepEqual(output('ROW a = 1 | FORK (EVAL b = 2) (EVAL c = "x")'), ['a:integer', 'b:integer', 'c:keyword', '_fork:keyword']);
  });

  it('ENRICH without WITH and LOOKUP JOIN reopen the column set', () => {
    assert.equal(outputScope('ROW a = 1 | ENRICH policy ON a').isOpen, true);
    assert.equal(outputScope('ROW a = 1 | ENRICH policy ON a WITH b').isOpen, false);
    assert.equal(outputScope('ROW a = 1 | LOOKUP JOIN idx ON a').isOpen, true);
  });

  it('adds the columns the definitions publish for URI_PARTS', () => {
    const names = output('ROW u = "https://x" | URI_PARTS p = u | DROP u').map((c) => c.split(':')[0]);
    assert.ok(names.includes('p.domain') && names.includes('p.port') && names.includes('p.scheme'), names.join(', '));
  });
});
