import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eqlFrontEnd, MAX_SYNTAX_DIAGNOSTICS, nodeAt, nodePathAt, parseEql } from '../../../server/eql/index.ts';
import type { EqlQuery, EventFilter, Expression, SequenceQuery } from '../../../server/eql/index.ts';

/** A compact rendering of an expression tree, for precedence assertions. */
function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'Field':
      return (e.optional ? '?' : '') + e.name;
    case 'String':
      return JSON.stringify(e.value);
    case 'Number':
      return e.raw;
    case 'Boolean':
      return String(e.value);
    case 'Null':
      return 'null';
    case 'Logical':
      return `(${e.operator} ${e.operands.map(sexpr).join(' ')})`;
    case 'Not':
      return `(not ${sexpr(e.operand)})`;
    case 'Comparison':
    case 'Arithmetic':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Unary':
      return `(unary${e.operator} ${sexpr(e.operand)})`;
    case 'In':
      return `(${e.negated ? 'not-' : ''}in${e.caseInsensitive ? '~' : ''} ${sexpr(e.value)} [${e.items.map(sexpr).join(' ')}])`;
    case 'Match':
      return `(${e.operator} ${sexpr(e.value)} ${e.list ? `[${e.patterns.map(sexpr).join(' ')}]` : sexpr(e.patterns[0]!)})`;
    case 'Call':
      return `${e.name}${e.caseInsensitive ? '~' : ''}(${e.args.map(sexpr).join(', ')})`;
    case 'Paren':
      return `{${sexpr(e.expression)}}`;
    case 'Relationship':
      return `(${e.relation} of ${e.filter.category.kind})`;
    case 'Error':
      return '<error>';
  }
}

function parseClean(text: string): EqlQuery {
  const { ast, diagnostics } = parseEql(text);
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${text}`);
  return ast;
}

function condition(text: string): string {
  const ast = parseClean(`any where ${text}`);
  return sexpr((ast.body as EventFilter).condition);
}

const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('a sequence keeps its by keys, maxspan, runs, missing events and until', () => {
  const text = [
    'sequence by host.id, ?user.name with maxspan=30s',
    '  [process where true] by process.pid with runs=3',
    '  ![file where file.name : "x"] by file.pid',
    'until [process where event.type == "end"] by process.pid',
  ].join('\n');
  const ast = parseClean(text);
  const body = ast.body as SequenceQuery;
  assert.equal(body.kind, 'SequenceQuery');
  assert.equal(at(text, body.keywordSpan), 'sequence');
  assert.deepEqual(body.by!.keys.map(sexpr), ['host.id', '?user.name']);
  assert.equal(body.byAfterMaxspan, false);
  assert.equal(at(text, body.maxspan!.span), 'with maxspan=30s');
  assert.equal(body.maxspan!.value.kind === 'Number' && body.maxspan!.value.value, 30);
  assert.equal(body.maxspan!.unit, 's');
  assert.equal(body.terms.length, 2);
  const [first, missing] = body.terms;
  assert.equal(first!.missing, false);
  assert.equal(first!.closed, true);
  assert.equal(at(text, first!.span), '[process where true] by process.pid with runs=3');
  assert.equal((first!.filter.category as { name: string }).name, 'process');
  assert.deepEqual(first!.by!.keys.map(sexpr), ['process.pid']);
  assert.equal(first!.parameter!.key, 'runs');
  assert.equal(first!.parameter!.value.kind === 'Number' && first!.parameter!.value.value, 3);
  assert.equal(missing!.missing, true);
  assert.equal(at(text, missing!.span), '![file where file.name : "x"] by file.pid');
  assert.equal(sexpr(missing!.filter.condition), '(: file.name "x")');
  assert.equal(body.until!.missing, false);
  assert.equal(sexpr(body.until!.filter.condition), '(== event.type "end")');
  assert.deepEqual(body.until!.by!.keys.map(sexpr), ['process.pid']);
  assert.equal(body.span.end, text.length);
});

test('sample, any, quoted event categories and pipes', () => {
  const ast = parseClean('sample by host [any where true] ["my-category" where x > 1] | head 5 | tail 2');
  assert.equal(ast.body.kind, 'SampleQuery');
  if (ast.body.kind !== 'SampleQuery') return;
  const [anyTerm, quoted] = ast.body.terms;
  assert.deepEqual(anyTerm!.filter.category, { kind: 'EventCategory', span: { start: 16, end: 19 }, name: '', any: true, raw: 'any' });
  assert.equal(quoted!.filter.category.kind === 'EventCategory' && quoted!.filter.category.name, 'my-category');
  assert.deepEqual(
    ast.pipes.map((p) => [p.name, p.args.map(sexpr)]),
    [
      ['head', ['5']],
      ['tail', ['2']],
    ],
  );
});

test('precedence: or < and < not < comparison < + - < * / % < unary < predicate', () => {
  assert.equal(condition('a or b and not c == 1'), '(or a (and b (not (== c 1))))');
  assert.equal(condition('not a and b'), '(and (not a) b)');
  assert.equal(condition('1 + 2 * 3 - -4 % 5 > x'), '(> (- (+ 1 (* 2 3)) (% (unary- 4) 5)) x)');
  assert.equal(condition('a - b - c'), '(- (- a b) c)');
  // A predicate binds to the primary before it, as in EqlBase.g4.
  assert.equal(condition('a + b : "x"'), '(+ a (: b "x"))');
  assert.equal(condition('-x : "y"'), '(unary- (: x "y"))');
  assert.equal(condition('not x in ("a")'), '(not (in x ["a"]))');
  assert.equal(condition('x not in~ ("a", "b")'), '(not-in~ x ["a" "b"])');
  assert.equal(condition('x like~ ("a*", "b?") or y regex """[a-z]+"""'), '(or (like~ x ["a*" "b?"]) (regex y "[a-z]+"))');
  assert.equal(condition('(a or b) and c'), '(and {(or a b)} c)');
  assert.equal(condition('endsWith~(process.name, ".exe") and length(x) >= 2'), '(and endsWith~(process.name, ".exe") (>= length(x) 2))');
  assert.equal(condition('x == null and y != true and z < 1.5e3'), '(and (== x null) (!= y true) (< z 1.5e3))');
});

test('string literals keep the decoded value, the raw text and the style', () => {
  const text = String.raw`any where a == "tab\there \"q\" \u{1F600}" and b == """C:\Windows\""" and c == """a"""""`;
  const ast = parseClean(text);
  const strings: [string, string, string][] = [];
  const collect = (e: Expression): void => {
    if (e.kind === 'String') strings.push([e.value, e.raw, e.style]);
    if (e.kind === 'Logical') e.operands.forEach(collect);
    if (e.kind === 'Comparison') collect(e.right);
  };
  collect((ast.body as EventFilter).condition);
  assert.deepEqual(strings, [
    ['tab\there "q" \u{1F600}', String.raw`"tab\there \"q\" \u{1F600}"`, 'double'],
    ['C:\\Windows\\', String.raw`"""C:\Windows\"""`, 'raw'],
    ['a""', '"""a"""""', 'raw'],
  ]);
});

test('fields: dotted, backquoted, optional; names and segments decoded', () => {
  const text = 'any where ?`my field`.`a``b`.c == 1';
  const ast = parseClean(text);
  const comparison = (ast.body as EventFilter).condition;
  assert.equal(comparison.kind, 'Comparison');
  if (comparison.kind !== 'Comparison' || comparison.left.kind !== 'Field') return assert.fail('expected a field');
  const field = comparison.left;
  assert.equal(field.name, 'my field.a`b.c');
  assert.equal(field.optional, true);
  assert.equal(at(text, field.span), '?`my field`.`a``b`.c');
  assert.deepEqual(
    field.segments.map((s) => [s.name, s.quoted, at(text, s.span)]),
    [
      ['my field', true, '`my field`'],
      ['a`b', true, '`a``b`'],
      ['c', false, 'c'],
    ],
  );
});

test('function calls: the name span excludes `~`; names keep their spelling', () => {
  const text = 'any where startswith~(a, "b")';
  const call = (parseClean(text).body as EventFilter).condition;
  if (call.kind !== 'Call') return assert.fail('expected a call');
  assert.equal(call.name, 'startswith');
  assert.equal(call.caseInsensitive, true);
  assert.equal(at(text, call.nameSpan), 'startswith');
  assert.equal(at(text, call.span), 'startswith~(a, "b")');
  assert.equal(call.closed, true);
});

test('keywords are case-sensitive: a capitalised word is a name where a name fits', () => {
  const ast = parseClean('Sequence where Any == 1');
  assert.equal(ast.body.kind, 'EventFilter');
  assert.equal((ast.body as EventFilter).category.kind === 'EventCategory' && ((ast.body as EventFilter).category as { name: string }).name, 'Sequence');
  assert.equal(sexpr((ast.body as EventFilter).condition), '(== Any 1)');
});

test('comments are kept aside and do not disturb parsing', () => {
  const text = 'process where /* inline */ x == 1 // trailing';
  const ast = parseClean(text);
  assert.deepEqual(ast.comments.map((c) => at(text, c)), ['/* inline */', '// trailing']);
  assert.equal(sexpr((ast.body as EventFilter).condition), '(== x 1)');
});

test('nodeAt finds the field, call and placeholder under the cursor', () => {
  const text = 'process where process.na and endsWith(file.path, ';
  const { ast } = parseEql(text);
  assert.equal(nodeAt(ast, 24)?.kind, 'Field');
  assert.equal((nodeAt(ast, 24) as { name: string }).name, 'process.na');
  assert.equal(nodeAt(ast, 2)?.kind, 'EventCategory');
  assert.deepEqual(
    nodePathAt(ast, 40).map((n) => n.kind),
    ['Query', 'EventFilter', 'Logical', 'Call', 'Field'],
  );
  // After `, ` the missing argument is a placeholder inside the call.
  const path = nodePathAt(ast, text.length).map((n) => n.kind);
  assert.deepEqual(path.slice(-2), ['Call', 'Error']);
  assert.equal(nodeAt(ast, text.length + 1), undefined);
});

test('nodeAt prefers the node starting at the offset where two nodes touch', () => {
  const text = 'any where a==b';
  const { ast } = parseEql(text);
  assert.equal(nodeAt(ast, 10)?.kind, 'Field');
  assert.equal((nodeAt(ast, 11) as { name?: string }).name, 'a');
  assert.equal((nodeAt(ast, 13) as { name?: string }).name, 'b');
});

test('a missing operand is a placeholder spanning the gap, so the cursor there finds it', () => {
  const text = 'process where   ';
  const { ast } = parseEql(text);
  const cond = (ast.body as EventFilter).condition;
  assert.deepEqual([cond.kind, cond.span], ['Error', { start: 13, end: 16 }]);
  assert.equal(nodeAt(ast, 15)?.kind, 'Error');
});

test(`syntax diagnostics stop after ${MAX_SYNTAX_DIAGNOSTICS}, with a note`, () => {
  const text = `any where ${Array.from({ length: 150 }, () => '"a').join('\n')}`;
  const { diagnostics } = parseEql(text);
  assert.equal(diagnostics.length, MAX_SYNTAX_DIAGNOSTICS + 1);
  assert.deepEqual(
    [diagnostics.at(-1)!.code, diagnostics.at(-1)!.severity],
    ['eql-too-many-errors', 'information'],
  );
});

test('pathological inputs parse and check in linear time with bounded recursion', () => {
  const n = 5_000;
  const inputs = [
    `any where ${'('.repeat(n)}`,
    `any where ${'not '.repeat(n)}x`,
    `any where ${'- '.repeat(n)}x`,
    `any where ${Array.from({ length: n }, (_, i) => `f${i} == ${i}`).join(' or ')}`,
    `any where x == ${Array.from({ length: n }, () => '1').join(' + ')}`,
    `sequence ${'[a where true] '.repeat(n)}`,
    `any where ${'f('.repeat(n)}`,
    `any where ${'"'.repeat(n + 1)}`,
    '[]'.repeat(n),
  ];
  for (const text of inputs) {
    const started = performance.now();
    const { ast } = eqlFrontEnd.parse(text);
    eqlFrontEnd.check(ast, text, {});
    const elapsed = performance.now() - started;
    assert.equal(ast.span.end, text.length);
    // Generous for a shared machine: a quadratic parser takes tens of seconds on these inputs.
    assert.ok(elapsed < 2_000, `${elapsed.toFixed(0)} ms for ${text.slice(0, 30)}…`);
  }
});
