// The ES|QL syntax tree: node kinds, decoded literal values, operator
// precedence, every command's shape and exact spans.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as A from '../../../server/esql/ast.ts';
import { parseEsql } from '../../../server/esql/index.ts';

function parseClean(text: string): A.EsqlQuery {
  const { ast, diagnostics } = parseEsql(text);
  assert.deepEqual(diagnostics, [], `syntax errors in ${JSON.stringify(text)}`);
  return ast;
}

function commandsOf(text: string): A.Command[] {
  return parseClean(text).pipeline.commands;
}

function command<K extends A.Command['kind']>(text: string, index: number, kind: K): Extract<A.Command, { kind: K }> {
  const found = commandsOf(text)[index];
  assert.equal(found?.kind, kind);
  return found as Extract<A.Command, { kind: K }>;
}

/** The expression of the single ROW field. */
function rowExpression(expression: string): A.Expression {
  return command(`ROW x = ${expression}`, 0, 'Row').fields[0]!.expression;
}

function sliceOf(text: string, node: { span: A.Expression['span'] }): string {
  return text.slice(node.span.start, node.span.end);
}

/** A compact rendering of an expression's structure. */
function shape(e: A.Expression): string {
  switch (e.kind) {
    case 'Literal':
      return JSON.stringify(e.value);
    case 'Column':
      return e.name;
    case 'Binary':
      return `(${shape(e.left)} ${e.operator} ${shape(e.right)})`;
    case 'Unary':
      return `(${e.operator} ${shape(e.operand)})`;
    case 'Function':
      return `${e.lowerName}(${e.star ? '*' : e.args.map(shape).join(', ')})`;
    case 'In':
      return `(${shape(e.value)} ${e.negated ? 'not in' : 'in'} [${e.list.map(shape).join(', ')}])`;
    case 'Like':
      return `(${shape(e.value)} ${e.negated ? 'not ' : ''}${e.operator} [${e.patterns.map(shape).join(', ')}])`;
    case 'IsNull':
      return `(${shape(e.value)} is ${e.negated ? 'not ' : ''}null)`;
    case 'Cast':
      return `${shape(e.value)}::${e.typeName}`;
    case 'Match':
      return `(${shape(e.field)} : ${shape(e.query)})`;
    case 'Paren':
      return `[${shape(e.expression)}]`;
    case 'TimeSpan':
      return `${e.quantity} ${e.unit}`;
    case 'Param':
      return e.raw;
    case 'List':
      return `[${e.items.map(shape).join(', ')}]`;
    default:
      return e.kind;
  }
}

describe('ES|QL literals', () => {
  it('decodes string escapes and keeps the raw text', () => {
    const literal = rowExpression('"a\\tb\\n\\"c\\\\"') as A.Literal;
    assert.equal(literal.kind, 'Literal');
    assert.equal(literal.literalType, 'string');
    assert.equal(literal.value, 'a\tb\n"c\\');
    assert.equal(literal.raw, '"a\\tb\\n\\"c\\\\"');
  });

  it('keeps triple-quoted strings verbatim, with up to two trailing quotes', () => {
    const plain = rowExpression('"""C:\\Windows\\(x|y)"""') as A.Literal;
    assert.equal(plain.value, 'C:\\Windows\\(x|y)');
    assert.equal(plain.tripleQuoted, true);
    const quoted = rowExpression('"""say "hi"""""') as A.Literal;
    assert.equal(quoted.value, 'say "hi""');
  });

  it('reads numbers, booleans and null', () => {
    const types = ['42', '4.5', '.5', '1e3', '2.5E-2', 'TRUE', 'false', 'NULL'].map((text) => {
      const literal = rowExpression(text) as A.Literal;
      return [literal.literalType, literal.value];
    });
    assert.deepEqual(types, [
      ['integer', 42],
      ['decimal', 4.5],
      ['decimal', 0.5],
      ['decimal', 1000],
      ['decimal', 0.025],
      ['boolean', true],
      ['boolean', false],
      ['null', null],
    ]);
  });

  it('reads time spans with or without a space', () => {
    const text = 'ROW a = 7 days, b = 5m, c = 1 HOUR';
    const [a, b, c] = command(text, 0, 'Row').fields.map((f) => f.expression as A.TimeSpanLiteral);
    assert.deepEqual([a!.quantity, a!.unit, b!.quantity, b!.unit, c!.unit], [7, 'days', 5, 'm', 'HOUR']);
    assert.equal(sliceOf(text, a!), '7 days');
    assert.deepEqual(b!.unitSpan, { start: 21, end: 22 });
  });

  it('reads list literals and parameters', () => {
    assert.equal(shape(rowExpression('[1, 2, 3]')), '[1, 2, 3]');
    const params = command('ROW a = ?, b = ?name, c = ?2, d = ??field', 0, 'Row').fields.map((f) => f.expression as A.Param);
    assert.deepEqual(
      params.map((p) => [p.raw, p.name, p.position, p.identifierParam]),
      [
        ['?', undefined, undefined, false],
        ['?name', 'name', undefined, false],
        ['?2', undefined, 2, false],
        ['??field', 'field', undefined, true],
      ],
    );
  });
});

describe('ES|QL names', () => {
  it('makes a column reference of dotted and backquoted names', () => {
    const text = 'ROW x = `odd``name`.part.`a.b`';
    const column = command(text, 0, 'Row').fields[0]!.expression as A.ColumnRef;
    assert.equal(column.kind, 'Column');
    assert.equal(column.name, 'odd`name.part.a.b');
    assert.deepEqual(
      column.parts.map((p) => [p.name, p.quoted, text.slice(p.span.start, p.span.end)]),
      [
        ['odd`name', true, '`odd``name`'],
        ['part', false, 'part'],
        ['a.b', true, '`a.b`'],
      ],
    );
  });

  it('accepts @timestamp and _-prefixed names', () => {
    assert.equal(shape(rowExpression('@timestamp')), '@timestamp');
    assert.equal(shape(rowExpression('_index')), '_index');
  });

  it('reads keywords in any case and skips comments, nested block comments included', () => {
    const text = 'from a // line | not a pipe\n/* block /* nested | */ still comment */ | Where x IS not NULL | eVaL y = 1';
    const kinds = commandsOf(text).map((c) => c.kind);
    assert.deepEqual(kinds, ['From', 'Where', 'Eval']);
  });
});

describe('ES|QL operator precedence', () => {
  const cases: [string, string][] = [
    ['a OR b AND c', '(a or (b and c))'],
    ['NOT a AND b', '((not a) and b)'],
    ['NOT a == 1', '(not (a == 1))'],
    ['a + b * c - d', '((a + (b * c)) - d)'],
    ['a - b - c', '((a - b) - c)'],
    ['-a::long', '(- a::long)'],
    ['a + 1 > b % 2', '((a + 1) > (b % 2))'],
    ['(a + b) * c', '([(a + b)] * c)'],
    ['a NOT IN (1, 2) OR b IN ("x")', '((a not in [1, 2]) or (b in ["x"]))'],
    ['a LIKE "x*" AND b NOT RLIKE ("y", "z")', '((a like ["x*"]) and (b not rlike ["y", "z"]))'],
    ['a IS NOT NULL OR b IS NULL', '((a is not null) or (b is null))'],
    ['message:"error" AND x', '((message : "error") and x)'],
    ['now() - 7 days', '(now() - 7 days)'],
    ['count(*)', 'count(*)'],
    ['FIRST(x, y)', 'first(x, y)'],
    ['"1"::integer::string', '"1"::integer::string'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => assert.equal(shape(rowExpression(input)), expected));
  }

  it('gives binary nodes the operator span', () => {
    const text = 'ROW x = a >= 10';
    const binary = command(text, 0, 'Row').fields[0]!.expression as A.BinaryExpression;
    assert.equal(sliceOf(text, { span: binary.operatorSpan }), '>=');
    assert.equal(sliceOf(text, binary), 'a >= 10');
  });
});

describe('ES|QL source commands', () => {
  it('reads index patterns: wildcards, remote clusters, selectors, quoted names, date math', () => {
    const text = 'FROM logs-*, remote:logs-*, a::failures, "quoted idx", <logs-{now/d}> METADATA _id, _index';
    const from = command(text, 0, 'From');
    assert.equal(from.timeSeries, false);
    assert.deepEqual(
      from.sources.map((s) => (s.kind === 'IndexPattern' ? [s.cluster, s.index, s.selector, s.quoted] : s.kind)),
      [
        [undefined, 'logs-*', undefined, false],
        ['remote', 'logs-*', undefined, false],
        [undefined, 'a', 'failures', false],
        [undefined, 'quoted idx', undefined, true],
        [undefined, '<logs-{now/d}>', undefined, false],
      ],
    );
    assert.deepEqual(from.metadata.map((m) => m.name), ['_id', '_index']);
    assert.equal(sliceOf(text, from.sources[1]!), 'remote:logs-*');
  });

  it('reads TS, ROW, SHOW INFO and SET', () => {
    assert.equal(command('TS metrics-*', 0, 'From').timeSeries, true);
    assert.equal(command('SHOW INFO', 0, 'Show').item, 'info');
    const query = parseClean('SET time_zone = "UTC"; FROM a');
    assert.deepEqual(query.settings.map((s) => [s.name, (s.value as A.Literal).value]), [['time_zone', 'UTC']]);
  });

  it('reads FROM subqueries', () => {
    const from = command('FROM a, (FROM b | WHERE x > 1)', 0, 'From');
    const subquery = from.sources[1] as A.Subquery;
    assert.equal(subquery.kind, 'Subquery');
    assert.deepEqual(subquery.pipeline.commands.map((c) => c.kind), ['From', 'Where']);
  });
});

describe('ES|QL processing commands', () => {
  it('EVAL with and without names', () => {
    const text = 'FROM a | EVAL x = a + 1, a * 2';
    const fields = command(text, 1, 'Eval').fields;
    assert.equal(fields[0]!.target?.name, 'x');
    assert.equal(fields[1]!.target, undefined);
    assert.equal(sliceOf(text, fields[1]!), 'a * 2');
  });

  it('KEEP and DROP patterns', () => {
    const keep = command('FROM a | KEEP `a b`, host.*, *name, @timestamp', 1, 'Keep');
    assert.deepEqual(keep.columns.map((c) => [c.name, c.wildcard]), [
      ['a b', false],
      ['host.*', true],
      ['*name', true],
      ['@timestamp', false],
    ]);
    assert.deepEqual(command('FROM a | DROP x, y*', 1, 'Drop').columns.map((c) => c.name), ['x', 'y*']);
    assert.deepEqual(command('FROM a | KEEP ?cols', 1, 'Keep').columns.map((c) => [c.name, c.parameter]), [['?cols', true]]);
  });

  it('RENAME in both forms', () => {
    const rename = command('FROM a | RENAME old AS new, fresh = stale', 1, 'Rename');
    assert.deepEqual(rename.clauses.map((c) => [c.oldName.name, c.newName.name, c.form]), [
      ['old', 'new', 'as'],
      ['stale', 'fresh', 'assign'],
    ]);
  });

  it('STATS with aggregate filters and groupings', () => {
    const text = 'FROM a | STATS c = COUNT(*), m = MAX(x) WHERE x > 1 BY h = host.name, bucket(@timestamp, 1 hour)';
    const stats = command(text, 1, 'Stats');
    assert.equal(stats.inline, false);
    assert.deepEqual(stats.aggregates.map((a) => [a.field.target?.name, a.filter && shape(a.filter)]), [
      ['c', undefined],
      ['m', '(x > 1)'],
    ]);
    assert.deepEqual(stats.groupings.map((g) => [g.target?.name, shape(g.expression)]), [
      ['h', 'host.name'],
      [undefined, 'bucket(@timestamp, 1 hour)'],
    ]);
    assert.equal(sliceOf(text, { span: stats.byKeyword! }), 'BY');
  });

  it('STATS with only BY, INLINE STATS and INLINESTATS', () => {
    assert.deepEqual(command('FROM a | STATS BY x', 1, 'Stats').aggregates, []);
    const inline = command('FROM a | INLINE STATS n = COUNT(*) BY x', 1, 'Stats');
    assert.deepEqual([inline.inline, inline.name], [true, 'INLINE STATS']);
    const text = 'FROM a | inline   stats n = COUNT(*)';
    assert.equal(sliceOf(text, { span: command(text, 1, 'Stats').nameSpan }), 'inline   stats');
    assert.equal(command('FROM a | INLINESTATS n = COUNT(*)', 1, 'Stats').name, 'INLINESTATS');
  });

  it('SORT with directions and null ordering', () => {
    const sort = command('FROM a | SORT a DESC NULLS FIRST, b ASC, c NULLS LAST', 1, 'Sort');
    assert.deepEqual(sort.orders.map((o) => [shape(o.expression), o.direction, o.nulls]), [
      ['a', 'desc', 'first'],
      ['b', 'asc', undefined],
      ['c', undefined, 'last'],
    ]);
  });

  it('LIMIT, SAMPLE and MV_EXPAND', () => {
    assert.equal(shape(command('FROM a | LIMIT 10', 1, 'Limit').count), '10');
    const sample = command('FROM a | SAMPLE 0.1 42', 1, 'Sample');
    assert.deepEqual([shape(sample.probability), sample.seed && shape(sample.seed)], ['0.1', '42']);
    assert.equal(shape(command('FROM a | MV_EXPAND event.category', 1, 'MvExpand').column), 'event.category');
  });

  it('DISSECT with APPEND_SEPARATOR and GROK with several patterns', () => {
    const dissect = command('FROM a | DISSECT message "%{a} %{+a}" APPEND_SEPARATOR = ","', 1, 'Dissect');
    assert.deepEqual([shape(dissect.input), shape(dissect.pattern)], ['message', '"%{a} %{+a}"']);
    assert.deepEqual(dissect.options.map((o) => [o.name, shape(o.value)]), [['APPEND_SEPARATOR', '","']]);
    const grok = command('FROM a | GROK message "%{IP:ip}", """%{WORD:w}"""', 1, 'Grok');
    assert.deepEqual(grok.patterns.map(shape), ['"%{IP:ip}"', '"%{WORD:w}"']);
  });

  it('ENRICH with policy mode, ON and WITH', () => {
    const enrich = command('FROM a | ENRICH _remote:geo-policy ON ip WITH city = city_name, country', 1, 'Enrich');
    assert.deepEqual([enrich.policy.mode, enrich.policy.name, enrich.matchField?.name], ['_remote', 'geo-policy', 'ip']);
    assert.deepEqual(enrich.withClauses.map((c) => [c.newName?.name, c.field.name]), [
      ['city', 'city_name'],
      [undefined, 'country'],
    ]);
  });

  it('LOOKUP JOIN with a field list or an expression', () => {
    const simple = command('FROM a | LOOKUP JOIN threats ON source.ip, user.name', 1, 'Join');
    assert.deepEqual([simple.joinType, simple.name, simple.target.index, simple.conditions.map(shape)], ['lookup', 'LOOKUP JOIN', 'threats', ['source.ip', 'user.name']]);
    const qualified = command('FROM a | LOOKUP JOIN threats AS t ON source.ip == t.ip', 1, 'Join');
    assert.deepEqual([qualified.qualifier, qualified.conditions.map(shape)], ['t', ['(source.ip == t.ip)']]);
  });

  it('CHANGE_POINT with ON, AS and BY', () => {
    const changePoint = command('FROM a | CHANGE_POINT v ON t AS kind, p BY host', 1, 'ChangePoint');
    assert.deepEqual(
      [shape(changePoint.value), changePoint.key && shape(changePoint.key), changePoint.typeColumn?.name, changePoint.pvalueColumn?.name, changePoint.groupings.map(shape)],
      ['v', 't', 'kind', 'p', ['host']],
    );
  });

  it('COMPLETION in its current and older forms', () => {
    const current = command('FROM a | COMPLETION answer = prompt WITH { "inference_id": "llm" }', 1, 'Completion');
    assert.deepEqual([current.target?.name, shape(current.prompt), current.options?.entries.map((e) => [e.key.value, shape(e.value)])], ['answer', 'prompt', [['inference_id', '"llm"']]]);
    const older = command('FROM a | COMPLETION prompt WITH llm AS answer', 1, 'Completion');
    assert.deepEqual([older.target?.name, older.inferenceId && shape(older.inferenceId)], ['answer', 'llm']);
  });

  it('FORK branches are pipelines of processing commands', () => {
    const text = 'FROM a | FORK (WHERE x | LIMIT 1) (STATS c = COUNT(*))';
    const fork = command(text, 1, 'Fork');
    assert.deepEqual(fork.branches.map((b) => b.pipeline.commands.map((c) => c.kind)), [['Where', 'Limit'], ['Stats']]);
    assert.equal(sliceOf(text, fork.branches[0]!), '(WHERE x | LIMIT 1)');
  });

  it('RERANK and FUSE', () => {
    const rerank = command('FROM a | RERANK score = "q" ON title, body WITH {"inference_id": "r"}', 1, 'Rerank');
    assert.deepEqual([rerank.target?.name, shape(rerank.query), rerank.fields.map((f) => shape(f.expression))], ['score', '"q"', ['title', 'body']]);
    const fuse = command('FROM a | FUSE linear SCORE BY s KEY BY k1, k2 GROUP BY g WITH {"normalizer": "none"}', 1, 'Fuse');
    assert.deepEqual([fuse.method, fuse.score?.name, fuse.keys.map((k) => k.name), fuse.group?.name, fuse.options?.entries.length], ['linear', 's', ['k1', 'k2'], 'g', 1]);
  });

  it('URI_PARTS, REGISTERED_DOMAIN, USER_AGENT, IP_LOCATION and MMR', () => {
    const kinds = commandsOf('FROM a | URI_PARTS p = url.original | REGISTERED_DOMAIN d = dns.question.name | USER_AGENT ua = ua_text WITH {"x": true} | IP_LOCATION geo = source.ip | MMR ON v LIMIT 5').map((c) =>
      c.kind === 'Extract' ? `${c.name}:${c.target.name}` : c.kind,
    );
    assert.deepEqual(kinds, ['From', 'URI_PARTS:p', 'REGISTERED_DOMAIN:d', 'USER_AGENT:ua', 'IP_LOCATION:geo', 'Mmr']);
  });

  it('keeps unknown commands as nodes and skips their arguments', () => {
    const commands = commandsOf('FROM a | frobnicate x y (z) | KEEP b');
    assert.deepEqual(commands.map((c) => [c.kind, c.name]), [
      ['From', 'FROM'],
      ['Unknown', 'frobnicate'],
      ['Keep', 'KEEP'],
    ]);
  });

  it('records pipe offsets and command spans without trailing trivia', () => {
    const text = 'FROM a  | WHERE x   // note\n| KEEP x';
    const query = parseClean(text);
    assert.deepEqual(query.pipeline.pipes, [8, 28]);
    assert.deepEqual(query.pipeline.commands.map((c) => sliceOf(text, c)), ['FROM a', 'WHERE x', 'KEEP x']);
  });
});

describe('ES|QL function calls', () => {
  it('records argument separators and parentheses', () => {
    const text = 'ROW x = concat(a, "b", c)';
    const call = command(text, 0, 'Row').fields[0]!.expression as A.FunctionCall;
    assert.deepEqual([call.name, call.openParen, call.commas, call.closeParen], ['concat', 14, [16, 21], 24]);
    assert.deepEqual(call.nameSpan, { start: 8, end: 14 });
  });

  it('takes a named-parameter map as the last argument', () => {
    const call = rowExpression('match(title, "x", {"fuzziness": 2, "nested": {"a": true}})') as A.FunctionCall;
    const map = call.args[2] as A.MapExpression;
    assert.equal(map.kind, 'Map');
    assert.deepEqual(map.entries.map((e) => [e.key.value, e.value.kind]), [
      ['fuzziness', 'Literal'],
      ['nested', 'Map'],
    ]);
  });

  it('reads lambdas', () => {
    const call = rowExpression('mv_apply(xs, (a, b) -> a + b)') as A.FunctionCall;
    const lambda = call.args[1] as A.Lambda;
    assert.deepEqual([lambda.kind, lambda.params.map((p) => p.name), shape(lambda.body)], ['Lambda', ['a', 'b'], '(a + b)']);
  });
});

describe('ES|QL error recovery', () => {
  it('always returns a tree, with placeholders where input is missing', () => {
    const { ast, diagnostics } = parseEsql('FROM a | WHERE x == | EVAL y = (1 + ');
    assert.deepEqual(diagnostics.map((d) => d.code), ['esql-expected-expression', 'esql-expected-expression']);
    const [, where, evaluation] = ast.pipeline.commands;
    assert.equal(((where as A.WhereCommand).condition as A.BinaryExpression).right.kind, 'Missing');
    assert.equal((evaluation as A.EvalCommand).fields[0]!.target?.name, 'y');
  });

  it('names what an unclosed bracket needed, with its position', () => {
    const { diagnostics } = parseEsql('FROM a\n| EVAL x = f(1,\n  2');
    assert.equal(diagnostics[0]!.message, 'expected `,` or `)` to close the arguments of `f` opened at 2:13, found the end of the query');
  });
});
