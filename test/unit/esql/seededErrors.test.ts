// Broken ES|QL queries with the exact diagnostics they must produce: every
// diagnostic (syntax and semantic) is listed, with its code, its start offset
// and the text its span covers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { esqlFrontEnd } from '../../../server/esql/index.ts';

interface Expected {
  code: string;
  start: number;
  /** The text the span covers (empty for a point at the end of the query). */
  text: string;
  severity?: 'error' | 'warning';
}

interface SeededCase {
  name: string;
  query: string;
  expected: Expected[];
}

const deepParens = 'ROW a = ' + '('.repeat(400) + '1';

const CASES: SeededCase[] = [
  // ---------------------------------------------------------------- lexical
  { name: 'unterminated string', query: 'FROM a | EVAL x = "abc', expected: [{ code: 'esql-unterminated-string', start: 18, text: '"' }] },
  { name: 'unterminated triple-quoted string', query: 'ROW a = """abc', expected: [{ code: 'esql-unterminated-string', start: 8, text: '"""' }] },
  { name: 'invalid escape', query: 'ROW a = "c:\\d"', expected: [{ code: 'esql-invalid-escape', start: 11, text: '\\d' }] },
  { name: 'unterminated quoted identifier in KEEP', query: 'FROM a | KEEP `abc', expected: [{ code: 'esql-unterminated-identifier', start: 14, text: '`' }] },
  { name: 'empty quoted identifier', query: 'ROW `` = 1', expected: [{ code: 'esql-empty-identifier', start: 4, text: '``' }] },
  { name: 'unterminated block comment', query: 'FROM a | KEEP b /* oops', expected: [{ code: 'esql-unterminated-comment', start: 16, text: '/*' }] },
  { name: 'invalid character', query: 'FROM a | EVAL x = 1 # 2', expected: [{ code: 'esql-invalid-character', start: 20, text: '#' }] },

  // ---------------------------------------------------------------- syntax
  { name: 'empty query', query: '', expected: [{ code: 'esql-expected-command', start: 0, text: '' }] },
  { name: 'processing command first', query: 'WHERE x > 1', expected: [{ code: 'esql-expected-source-command', start: 0, text: 'WHERE' }] },
  { name: 'source command after a pipe', query: 'FROM a | ROW x = 1', expected: [{ code: 'esql-unexpected-source-command', start: 9, text: 'ROW' }] },
  { name: 'empty command between pipes', query: 'FROM a | | KEEP b', expected: [{ code: 'esql-expected-command', start: 9, text: '|' }] },
  { name: 'missing operand', query: 'FROM logs-* | WHERE a == | EVAL b = 1', expected: [{ code: 'esql-expected-expression', start: 25, text: '|' }] },
  { name: 'missing pipe before a command', query: 'FROM logs-* WHERE x > 1', expected: [{ code: 'esql-missing-pipe', start: 12, text: 'WHERE' }] },
  { name: 'stray word after KEEP', query: 'FROM a | KEEP b c', expected: [{ code: 'esql-unexpected-token', start: 16, text: 'c' }] },
  { name: 'FROM without index', query: 'FROM | KEEP x', expected: [{ code: 'esql-expected-source', start: 5, text: '|' }] },
  { name: 'trailing comma in FROM', query: 'FROM a, | KEEP x', expected: [{ code: 'esql-expected-source', start: 8, text: '|' }] },
  { name: 'METADATA without fields', query: 'FROM a METADATA | KEEP x', expected: [{ code: 'esql-expected-token', start: 16, text: '|' }] },
  { name: 'unclosed function call', query: 'FROM a | EVAL x = to_lower(y | KEEP x', expected: [{ code: 'esql-expected-token', start: 29, text: '|' }] },
  { name: 'unclosed IN list', query: 'FROM a | WHERE x IN ("a", "b" | KEEP x', expected: [{ code: 'esql-expected-token', start: 30, text: '|' }] },
  { name: 'unclosed parenthesis', query: 'ROW a = (1 + 2', expected: [{ code: 'esql-expected-token', start: 14, text: '' }] },
  { name: 'unclosed list literal', query: 'ROW a = [1, 2', expected: [{ code: 'esql-expected-token', start: 13, text: '' }] },
  { name: 'map entry without colon', query: 'FROM a | WHERE match(y, "z", {"fuzziness" 1})', expected: [{ code: 'esql-expected-token', start: 42, text: '1' }] },
  { name: 'NULLS without FIRST or LAST', query: 'FROM a | SORT x NULLS | LIMIT 1', expected: [{ code: 'esql-expected-token', start: 22, text: '|' }] },
  { name: 'RENAME without AS', query: 'FROM a | RENAME x y', expected: [{ code: 'esql-expected-token', start: 18, text: 'y' }] },
  { name: 'IS without NULL', query: 'FROM a | WHERE x IS 1', expected: [{ code: 'esql-expected-token', start: 20, text: '1' }] },
  { name: 'ENRICH without policy', query: 'FROM a | ENRICH | KEEP x', expected: [{ code: 'esql-expected-token', start: 16, text: '|' }] },
  { name: 'KEEP without columns', query: 'FROM a | KEEP | EVAL x = 1', expected: [{ code: 'esql-expected-column', start: 14, text: '|' }] },
  { name: 'MV_EXPAND without column', query: 'FROM a | MV_EXPAND', expected: [{ code: 'esql-expected-column', start: 18, text: '' }] },
  { name: 'cast without type', query: 'ROW a = 1::', expected: [{ code: 'esql-expected-token', start: 11, text: '' }] },
  { name: 'SHOW without INFO', query: 'SHOW x', expected: [{ code: 'esql-expected-token', start: 5, text: 'x' }] },
  { name: 'INLINE without STATS', query: 'FROM a | INLINE x = count(*)', expected: [{ code: 'esql-expected-token', start: 16, text: 'x' }] },
  { name: 'LOOKUP JOIN without ON', query: 'FROM a | LOOKUP JOIN idx | KEEP x', expected: [{ code: 'esql-expected-token', start: 25, text: '|' }] },
  { name: 'FORK without branches', query: 'FROM a | FORK WHERE x', expected: [{ code: 'esql-expected-token', start: 14, text: 'WHERE' }] },
  { name: 'DISSECT without pattern', query: 'FROM a | DISSECT x | KEEP x', expected: [{ code: 'esql-expected-token', start: 19, text: '|' }] },
  { name: 'keyword after a dot', query: 'FROM a | EVAL a.by = 1', expected: [{ code: 'esql-expected-token', start: 16, text: 'by' }] },
  // The 300th level is the expression inside the 300th parenthesis, so the 301st one is refused.
  { name: 'nesting limit', query: deepParens, expected: [{ code: 'esql-too-deeply-nested', start: 308, text: '(' }] },

  // ---------------------------------------------------------------- semantics
  { name: 'unknown command', query: 'FROM a | FOO bar', expected: [{ code: 'esql-unknown-command', start: 9, text: 'FOO' }] },
  { name: 'legacy command', query: 'METRICS idx', expected: [{ code: 'esql-unknown-command', start: 0, text: 'METRICS' }] },
  { name: 'unknown function', query: 'ROW a = nope(1)', expected: [{ code: 'esql-unknown-function', start: 8, text: 'nope' }] },
  { name: 'wrong arity', query: 'ROW a = date_trunc(1 day)', expected: [{ code: 'esql-wrong-arity', start: 8, text: 'date_trunc(1 day)' }] },
  { name: 'argument type from a literal', query: 'ROW a = length(1)', expected: [{ code: 'esql-argument-type', start: 15, text: '1' }] },
  { name: 'argument type from an EVAL column', query: 'ROW a = 1.5 | EVAL b = to_upper(a)', expected: [{ code: 'esql-argument-type', start: 32, text: 'a' }] },
  { name: '* outside COUNT', query: 'FROM a | STATS s = sum(*)', expected: [{ code: 'esql-argument-type', start: 19, text: 'sum(*)' }] },
  { name: 'DISSECT on a number', query: 'ROW a = 1 | DISSECT a "%{b}"', expected: [{ code: 'esql-argument-type', start: 20, text: 'a' }] },
  { name: 'operand types', query: 'ROW a = 1 + "x"', expected: [{ code: 'esql-operand-type', start: 8, text: '1 + "x"' }] },
  { name: 'NOT on a number', query: 'ROW a = NOT 1', expected: [{ code: 'esql-operand-type', start: 12, text: '1' }] },
  { name: 'WHERE on a number', query: 'FROM a | WHERE 1 + 1', expected: [{ code: 'esql-condition-not-boolean', start: 15, text: '1 + 1' }] },
  { name: 'aggregate in EVAL', query: 'FROM a | EVAL m = max(b)', expected: [{ code: 'esql-aggregate-outside-stats', start: 18, text: 'max(b)' }] },
  { name: 'aggregate in SORT', query: 'FROM a | SORT count(*)', expected: [{ code: 'esql-aggregate-outside-stats', start: 14, text: 'count(*)' }] },
  { name: 'grouping function in EVAL', query: 'FROM a | EVAL b = bucket(@timestamp, 1 hour)', expected: [{ code: 'esql-grouping-function-outside-stats', start: 18, text: 'bucket(@timestamp, 1 hour)' }] },
  { name: 'nested aggregate', query: 'FROM a | STATS max(min(b))', expected: [{ code: 'esql-nested-aggregate', start: 19, text: 'min(b)' }] },
  { name: 'aggregate as grouping', query: 'FROM a | STATS count(*) BY max(b)', expected: [{ code: 'esql-aggregate-in-grouping', start: 27, text: 'max(b)' }] },
  { name: 'non-grouped column', query: 'FROM a | STATS b BY c', expected: [{ code: 'esql-non-grouped-column', start: 15, text: 'b' }] },
  { name: 'non-grouped column inside an expression', query: 'FROM a | STATS x = count(*) + b BY c', expected: [{ code: 'esql-non-grouped-column', start: 30, text: 'b' }] },
  { name: 'grouping key as aggregate', query: 'FROM a | STATS c BY c', expected: [{ code: 'esql-grouping-key-as-aggregate', start: 15, text: 'c' }] },
  { name: 'constant as aggregate', query: 'FROM a | STATS 1 + 2', expected: [{ code: 'esql-expected-aggregate', start: 15, text: '1 + 2' }] },
  {
    name: 'filter on a non-aggregate',
    query: 'FROM a | STATS x = b WHERE c > 1 BY b',
    expected: [
      { code: 'esql-grouping-key-as-aggregate', start: 19, text: 'b' },
      { code: 'esql-filter-without-aggregate', start: 27, text: 'c > 1' },
    ],
  },
  { name: 'aggregate inside a filter', query: 'FROM a | STATS count(*) WHERE max(b) > 1', expected: [{ code: 'esql-aggregate-in-filter', start: 30, text: 'max(b)' }] },
  { name: 'grouping function not in BY', query: 'FROM a | STATS c = count(*) + bucket(t, 1 hour)', expected: [{ code: 'esql-grouping-function-not-in-by', start: 30, text: 'bucket(t, 1 hour)' }] },
  { name: 'column gone after STATS', query: 'FROM a | STATS c = count(*) BY h | WHERE u > 1', expected: [{ code: 'esql-unknown-column', start: 41, text: 'u' }] },
  { name: 'column gone after KEEP', query: 'FROM a | KEEP a, b | EVAL c = d', expected: [{ code: 'esql-unknown-column', start: 30, text: 'd' }] },
  { name: 'column gone after DROP', query: 'ROW a = 1, b = 2 | DROP a | EVAL c = a', expected: [{ code: 'esql-unknown-column', start: 37, text: 'a' }] },
  { name: 'column gone after RENAME', query: 'FROM a | RENAME x AS y | KEEP x', expected: [{ code: 'esql-unknown-column', start: 30, text: 'x' }] },
  { name: 'wildcard matching nothing', query: 'ROW a = 1 | KEEP b*', expected: [{ code: 'esql-unknown-column', start: 17, text: 'b*' }] },
  { name: 'unknown time unit', query: 'ROW a = 3 fortnights', expected: [{ code: 'esql-unknown-time-unit', start: 10, text: 'fortnights' }] },
  { name: 'unknown cast type', query: 'ROW a = 1::number', expected: [{ code: 'esql-unknown-cast-type', start: 11, text: 'number' }] },
  { name: 'unknown DISSECT option', query: 'FROM a | DISSECT x "%{a}" separator = "-"', expected: [{ code: 'esql-unknown-option', start: 26, text: 'separator' }] },
  { name: 'non-integer LIMIT', query: 'FROM a | LIMIT 1.5', expected: [{ code: 'esql-invalid-limit', start: 15, text: '1.5' }] },
  { name: 'negative LIMIT', query: 'FROM a | LIMIT -1', expected: [{ code: 'esql-invalid-limit', start: 15, text: '-1' }] },
  { name: 'SAMPLE probability out of range', query: 'FROM a | SAMPLE 1.5', expected: [{ code: 'esql-invalid-sample-probability', start: 16, text: '1.5' }] },
  { name: 'development-only command', query: 'FROM a | DEDUP', expected: [{ code: 'esql-snapshot-only-command', start: 9, text: 'DEDUP', severity: 'warning' }] },
  { name: 'snapshot-only function', query: 'FROM a | EVAL m = v_magnitude(v)', expected: [{ code: 'esql-snapshot-only-function', start: 18, text: 'v_magnitude', severity: 'warning' }] },

  // ---------------------------------------------------------------- recovery
  {
    name: 'recovers at the next pipe after a missing operand',
    query: 'FROM a | WHERE x == | EVAL y = foo(1) | KEEP y',
    expected: [
      { code: 'esql-expected-expression', start: 20, text: '|' },
      { code: 'esql-unknown-function', start: 31, text: 'foo' },
    ],
  },
  {
    name: 'recovers after an unclosed parenthesis and keeps tracking columns',
    query: 'FROM a | EVAL x = (1 + | STATS c = count(*) BY x | EVAL z = y',
    expected: [
      { code: 'esql-expected-expression', start: 23, text: '|' },
      { code: 'esql-unknown-column', start: 60, text: 'y' },
    ],
  },
  {
    name: 'a missing pipe still parses and checks the next command',
    query: 'FROM a | KEEP b WHERE c > 1',
    expected: [
      { code: 'esql-missing-pipe', start: 16, text: 'WHERE' },
      { code: 'esql-unknown-column', start: 22, text: 'c' },
    ],
  },
  {
    name: 'an unterminated string ends at its line',
    query: 'FROM a | EVAL x = "oops\n| WHERE max(y) > 1',
    expected: [
      { code: 'esql-unterminated-string', start: 18, text: '"' },
      { code: 'esql-aggregate-outside-stats', start: 32, text: 'max(y)' },
    ],
  },
  {
    name: 'an unknown command does not stop the pipeline',
    query: 'FROM a | FOO bar baz | EVAL x = 1 | STATS x BY y',
    expected: [
      { code: 'esql-unknown-command', start: 9, text: 'FOO' },
      { code: 'esql-non-grouped-column', start: 42, text: 'x' },
    ],
  },
  {
    name: 'an error in one FORK branch leaves the other branches intact',
    query: 'FROM a | FORK (WHERE x == ) (EVAL y = nope()) | KEEP y',
    expected: [
      { code: 'esql-expected-expression', start: 26, text: ')' },
      { code: 'esql-unknown-function', start: 38, text: 'nope' },
    ],
  },
  {
    name: 'several errors in one command',
    query: 'FROM a | EVAL x = length(1), y = nope(), z = 2 weeks + 1',
    expected: [
      { code: 'esql-argument-type', start: 25, text: '1' },
      { code: 'esql-unknown-function', start: 33, text: 'nope' },
      { code: 'esql-operand-type', start: 45, text: '2 weeks + 1' },
    ],
  },
];

describe('ES|QL seeded errors', () => {
  it('has at least 40 cases', () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
  });

  for (const testCase of CASES) {
    it(testCase.name, () => {
      const { ast, diagnostics } = esqlFrontEnd.parse(testCase.query);
      const all = [...diagnostics, ...esqlFrontEnd.check(ast, testCase.query, {})].sort((a, b) => a.span.start - b.span.start);
      const actual = all.map((d) => ({
        code: d.code,
        start: d.span.start,
        text: testCase.query.slice(d.span.start, d.span.end),
        severity: d.severity,
      }));
      const expected = testCase.expected.map((e) => ({ ...e, severity: e.severity ?? 'error' }));
      assert.deepEqual(actual, expected);
    });
  }
});
