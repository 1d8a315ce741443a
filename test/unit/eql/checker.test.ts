import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eqlFrontEnd, EQL_FUNCTIONS, findFunction } from '../../../server/eql/index.ts';
import type { AnalysisContext } from '../../../server/common/language.ts';

function diagnose(text: string, context: AnalysisContext = {}): string[] {
  const { ast, diagnostics } = eqlFrontEnd.parse(text);
  return [...diagnostics, ...eqlFrontEnd.check(ast, text, context)].map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
}

test('the front-end declares its language', () => {
  assert.equal(eqlFrontEnd.language, 'eql');
});

test('valid queries the checker must accept', () => {
  const valid = [
    'sequence [a where true] with runs=2',
    'sequence with maxspan=1h [a where true] ![b where true]',
    'sequence by host.id with maxspan=5m ![a where true] [b where true] ![c where true]',
    'any where ?x == ?y and ?x == y and 1 == 1 and length("abc") == 3 and 5 < process.pid',
    'any where endswith~(a, "b") and CIDRMATCH(ip, "10.0.0.0/8", "192.168.0.0/16") and concat(a) : "x"',
    'any where between~(a, "x", "y", true) and indexOf~(a, "b", 2) > 0 and number("0x1f", 16) == 31',
    'any where substring(a, 1) == "b" and string(1) == "1" and add(1, 2) == multiply(1, 3)',
    'any where divide(4, 2) == subtract(modulo(7, 5), 0) and stringContains~(a, "b")',
    'process where true | head 2 * 5 | tail (3)',
    'sequence by x [a where true] by y [b where true] by z until [c where true] by w',
    'sample by host [a where true] by os [b where true] by op_sys',
  ];
  for (const text of valid) assert.deepEqual(diagnose(text, { minStackVersion: '9.4.0' }), [], text);
});

test('runs count toward the two terms a sequence needs', () => {
  assert.deepEqual(diagnose('sequence [a where true] with runs=1'), ['eql-too-few-terms sequence']);
  assert.deepEqual(diagnose('sequence [a where true] with runs=100 [b where true]'), []);
});

test('until joins the join-key count check', () => {
  assert.deepEqual(diagnose('sequence [a where true] by x [b where true] by y until [c where true]'), ['eql-join-key-count [c where true]']);
});

test('head and tail fold integer arithmetic', () => {
  assert.deepEqual(diagnose('any where true | head 10 - 3 * 2'), []);
  assert.deepEqual(diagnose('any where true | head 5 / 0'), ['eql-invalid-pipe-argument 5 / 0']);
  assert.deepEqual(diagnose('any where true | tail x'), ['eql-invalid-pipe-argument x']);
});

test('stack-version gates are silent at or after the release and without a version', () => {
  const query = 'sample by x [a where ?y == 1] [b where true]';
  assert.deepEqual(diagnose(query, { minStackVersion: '8.6.0' }), []);
  assert.deepEqual(diagnose(query, {}), []);
  assert.deepEqual(diagnose(query, { minStackVersion: 'unknown' }), []);
  assert.deepEqual(diagnose(query, { minStackVersion: '8.5' }), ['eql-requires-stack-version sample']);
  assert.deepEqual(diagnose(query, { minStackVersion: '7.9.3' }), ['eql-requires-stack-version sample', 'eql-requires-stack-version ?y']);
});

test('messages name the problem and the fix', () => {
  const messages = (text: string) => {
    const { ast } = eqlFrontEnd.parse(text);
    return eqlFrontEnd.check(ast, text, {}).map((d) => d.message);
  };
  assert.deepEqual(messages('any where endWith(a, "b")'), ['unknown function `endWith`; did you mean `endsWith`?']);
  assert.deepEqual(messages('any where concat()'), ['`concat` takes at least 1 argument but got 0: concat(value[, ...])']);
  assert.deepEqual(messages('any where indexOf(a)'), ['`indexOf` takes 2 or 3 arguments but got 1: indexOf(source, substring[, start_pos])']);
  assert.deepEqual(messages('any where x == FALSE'), [
    'Elasticsearch EQL cannot compare a field with another field (`x` == `FALSE`); for the constant write `false` in lowercase',
  ]);
  assert.deepEqual(messages('any where true | unique x'), ['Elasticsearch EQL does not support the `unique` pipe; only `head` and `tail`']);
});

test('the function catalog matches Elasticsearch: names, arity and `~` forms', () => {
  assert.deepEqual(
    EQL_FUNCTIONS.map((f) => `${f.name}${f.caseInsensitive ? '~' : ''}/${f.minArgs}-${f.maxArgs}`),
    [
      'add/2-2', 'between~/3-4', 'cidrMatch/2-Infinity', 'concat/1-Infinity', 'divide/2-2', 'endsWith~/2-2',
      'indexOf~/2-3', 'length/1-1', 'modulo/2-2', 'multiply/2-2', 'number/1-2', 'startsWith~/2-2',
      'string/1-1', 'stringContains~/2-2', 'substring/2-3', 'subtract/2-2',
    ],
  );
  assert.equal(findFunction('STRINGCONTAINS')?.name, 'stringContains');
  assert.equal(findFunction('wildcard'), undefined);
});
