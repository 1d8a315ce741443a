import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLucene } from '../../../../server/engine/lucene/index.ts';
import { translateLuceneRegex } from '../../../../server/engine/lucene/luceneRegex.ts';
import { fuzzyEdits, withinEdits } from '../../../../server/engine/lucene/fuzzy.ts';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { EngineOptions } from '../../../../server/engine/contract.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

const options: EngineOptions = { clock: fixedClock('2024-05-02T12:00:00Z') };

function matching(query: string, events: EventDocument[] = EVENTS): string[] {
  const compiled = compileLucene(query, options);
  if (!compiled.ok) assert.fail(`${query}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const keep = compiled.query.prefilter ?? (() => true);
  return events.filter((e) => keep(e)).map((e) => e.id as string);
}

const EVENTS: EventDocument[] = [
  { id: 'a', '@timestamp': '2024-05-01T10:00:00Z', process: { name: 'bash', pid: 42 }, user: { name: 'root' }, file: { path: '/tmp/a*b' } },
  { id: 'b', '@timestamp': '2024-04-30T10:00:00Z', process: { name: 'Bash', pid: 7 }, user: { name: 'alice' } },
  { id: 'c', '@timestamp': '2024-05-02T00:00:00Z', process: { name: 'sh', pid: 3 }, user: { name: ['root', 'admin'] }, message: 'foo bar' },
  { id: 'd', host: { name: 'web-01' } },
];

test('terms match exactly and case-sensitively; clauses without an operator are optional (default OR)', () => {
  assert.deepEqual(matching('process.name:bash'), ['a']);
  assert.deepEqual(matching('process.name:bash process.name:sh'), ['a', 'c']);
  assert.deepEqual(matching('user.name:admin'), ['c']);
});

test('AND, OR, NOT, + and - combine as Lucene combines them', () => {
  assert.deepEqual(matching('process.name:sh AND user.name:root'), ['c']);
  assert.deepEqual(matching('process.name:sh && user.name:alice'), []);
  assert.deepEqual(matching('user.name:root NOT process.name:sh'), ['a']);
  assert.deepEqual(matching('+user.name:root -process.name:bash'), ['c']);
  assert.deepEqual(matching('user.name:root || user.name:alice'), ['a', 'b', 'c']);
  // No precedence: `a AND b OR c` makes a and b required and c optional.
  assert.deepEqual(matching('process.name:bash AND user.name:root OR host.name:web-01'), ['a']);
  // A group of prohibited clauses alone matches everything else.
  assert.deepEqual(matching('-process.name:bash'), ['b', 'c', 'd']);
  assert.deepEqual(matching('NOT user.name:root'), ['b', 'd']);
  assert.deepEqual(matching('process.pid:42 OR (-process.name:bash -process.name:Bash)'), ['a', 'c', 'd']);
});

test('field:(group) applies the field to the clauses inside', () => {
  assert.deepEqual(matching('process.name:(bash OR sh)'), ['a', 'c']);
  assert.deepEqual(matching('user.name:(root AND admin)'), ['c']);
  assert.deepEqual(matching('process.name:(sh Bash)'), ['b', 'c']);
});

test('wildcards * and ?, escaped ones literal; field:* and _exists_: test existence', () => {
  assert.deepEqual(matching('process.name:?ash'), ['a', 'b']);
  assert.deepEqual(matching('process.name:*h'), ['a', 'b', 'c']);
  assert.deepEqual(matching('file.path:\\/tmp\\/a\\*b'), ['a']);
  assert.deepEqual(matching('file.path:\\/tmp\\/a*'), ['a']);
  assert.deepEqual(matching('file.path:\\/tmp\\/ab\\*'), []);
  assert.deepEqual(matching('host.name:*'), ['d']);
  assert.deepEqual(matching('_exists_:host'), ['d']);
  assert.deepEqual(matching('NOT _exists_:user.name'), ['d']);
});

test('*, *:* and an empty query match everything', () => {
  assert.deepEqual(matching('*'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(matching('*:*'), ['a', 'b', 'c', 'd']);
  const empty = compileLucene('', options);
  assert.ok(empty.ok);
  assert.equal(empty.query.prefilter, undefined);
});

test('a term without a field searches every field', () => {
  assert.deepEqual(matching('alice'), ['b']);
  assert.deepEqual(matching('"foo bar"'), ['c']);
  assert.deepEqual(matching('foo'), []);
  assert.deepEqual(matching('*:admin'), ['c']);
});

test('phrases match the whole value', () => {
  assert.deepEqual(matching('message:"foo bar"'), ['c']);
  assert.deepEqual(matching('message:"foo"'), []);
  assert.deepEqual(matching('file.path:"/tmp/a*b"'), ['a']);
});

test('ranges: brackets, braces, open ends and the >= form; dates with date math', () => {
  assert.deepEqual(matching('process.pid:[3 TO 7]'), ['b', 'c']);
  assert.deepEqual(matching('process.pid:{3 TO 7]'), ['b']);
  assert.deepEqual(matching('process.pid:[7 TO *]'), ['a', 'b']);
  assert.deepEqual(matching('process.pid:>=42'), ['a']);
  assert.deepEqual(matching('process.pid:<7'), ['c']);
  assert.deepEqual(matching('user.name:[a TO b]'), ['b', 'c']);
  assert.deepEqual(matching('@timestamp:[now-1d/d TO now]'), ['a', 'c']);
  assert.deepEqual(matching('@timestamp:{* TO 2024-05-01]'), ['a', 'b']);
  assert.deepEqual(matching('@timestamp:[* TO 2024-05-01}'), ['b']);
});

test('regular expressions are anchored, case-sensitive, in Lucene syntax', () => {
  assert.deepEqual(matching('process.name:/[bB]a.h/'), ['a', 'b']);
  assert.deepEqual(matching('process.name:/ash/'), []);
  assert.deepEqual(matching('process.name:/.*sh/'), ['a', 'b', 'c']);
  assert.deepEqual(matching('user.name:/ad(m|x)in/'), ['c']);
  assert.deepEqual(matching('host.name:/web-\\d+/'), ['d']);
  assert.deepEqual(matching('host.name:/"web-"@/'), ['d']);
});

test('regular expression translation: Lucene specials, classes and unsupported operators', () => {
  const ok = (pattern: string) => {
    const t = translateLuceneRegex(pattern);
    if (!t.ok) assert.fail(t.message);
    return t.regex;
  };
  assert.equal(ok('a^b$').test('a^b$'), true);
  assert.equal(ok('[a-c-]+').test('ab-c'), true);
  assert.equal(ok('[a-c-]+').test('d'), false);
  assert.equal(ok('[^0-9]{2,3}').test('abc'), true);
  assert.equal(ok('a{2}').test('aa'), true);
  assert.equal(ok('#|x').test('x'), true);
  assert.equal(ok('.').test('😀'), true);
  const complement = translateLuceneRegex('ab~c');
  assert.deepEqual(complement.ok ? null : [complement.offset, complement.message], [2, 'Lucene regular expression complement (`~`) is not supported by the local engine']);
  const unclosed = translateLuceneRegex('ab[c');
  assert.deepEqual(unclosed.ok ? null : unclosed.offset, 2);
});

test('an unsupported regular expression is a compile error at its place in the query', () => {
  const compiled = compileLucene('process.name:/a&b/', options);
  assert.equal(compiled.ok, false);
  if (compiled.ok) return;
  assert.deepEqual(compiled.diagnostics.map((d) => [d.code, d.span.start, d.span.end]), [['lucene-engine-regex', 15, 16]]);
});

test('fuzzy terms allow edits: AUTO by length for a bare ~, at most 2', () => {
  assert.deepEqual(matching('process.name:bsh~1'), ['a', 'c']);
  assert.deepEqual(matching('process.name:bsh~0'), []);
  assert.deepEqual(matching('process.name:bahs~1'), ['a']);
  assert.deepEqual(matching('process.name:bash~'), ['a', 'b']);
  assert.deepEqual(matching('process.name:bash~2'), ['a', 'b', 'c']);
  assert.deepEqual(matching('process.name:sh~'), ['c']);
  assert.equal(fuzzyEdits(null, 'ab'), 0);
  assert.equal(fuzzyEdits(null, 'abcde'), 1);
  assert.equal(fuzzyEdits(null, 'abcdef'), 2);
  assert.equal(fuzzyEdits(5, 'abc'), 2);
  assert.equal(withinEdits('kitten', 'sitting', 2), false);
  assert.equal(withinEdits('kitten', 'sittin', 2), true);
});

test('syntax errors come back as the parser reports them', () => {
  const compiled = compileLucene('process.name:(bash OR', options);
  assert.equal(compiled.ok, false);
  if (compiled.ok) return;
  assert.deepEqual(compiled.diagnostics.map((d) => d.code), ['lucene-expected-query']);
  assert.equal(compiled.diagnostics.every((d) => d.severity === 'error'), true);
});
