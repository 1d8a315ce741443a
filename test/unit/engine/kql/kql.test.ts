import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileKql } from '../../../../server/engine/kql/index.ts';
import { fixedClock } from '../../../../server/engine/clock.ts';
import type { EngineOptions } from '../../../../server/engine/contract.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

const options: EngineOptions = { clock: fixedClock('2024-05-02T12:00:00Z') };

/** Ids of the events the query keeps, in order. */
function matching(query: string, events: EventDocument[], engine: EngineOptions = options): string[] {
  const compiled = compileKql(query, engine);
  if (!compiled.ok) assert.fail(`${query}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const keep = compiled.query.prefilter ?? (() => true);
  return events.filter((e) => keep(e)).map((e) => e.id as string);
}

const EVENTS: EventDocument[] = [
  { id: 'a', '@timestamp': '2024-05-01T10:00:00Z', process: { name: 'bash', pid: 42, args: ['-c', 'id'] }, user: { name: 'root' }, source: { ip: '10.1.2.3' }, tty: true },
  { id: 'b', '@timestamp': '2024-04-30T23:59:59.999Z', process: { name: 'Bash', pid: 7 }, user: { name: 'alice' }, source: { ip: '192.168.0.1' }, tty: false },
  { id: 'c', '@timestamp': '2024-05-02T00:00:00Z', 'process.name': 'bash2', 'process.pid': '42', message: 'foo bar', source: { ip: '2001:db8::1' } },
  { id: 'd', process: { parent: { name: 'sshd' } }, tags: ['x', 'linux'] },
];

test('field:value is an exact, case-sensitive match; nested and dotted keys read alike', () => {
  assert.deepEqual(matching('process.name:bash', EVENTS), ['a']);
  assert.deepEqual(matching('process.name:Bash', EVENTS), ['b']);
  assert.deepEqual(matching('process.name:bash2', EVENTS), ['c']);
  assert.deepEqual(matching('process.name:bas', EVENTS), []);
});

test('a multi-valued field matches when any value does', () => {
  assert.deepEqual(matching('process.args:id', EVENTS), ['a']);
  assert.deepEqual(matching('tags:linux', EVENTS), ['d']);
  // Both values present, in different array elements.
  assert.deepEqual(matching('process.args:(id and "-c")', EVENTS), ['a']);
  assert.deepEqual(matching('process.args:(id and nope)', EVENTS), []);
});

test('numbers compare as numbers, strings as keywords, booleans as true/false', () => {
  assert.deepEqual(matching('process.pid:42', EVENTS), ['a', 'c']);
  assert.deepEqual(matching('process.pid:42.0', EVENTS), ['a']);
  assert.deepEqual(matching('tty:true', EVENTS), ['a']);
  assert.deepEqual(matching('tty:false', EVENTS), ['b']);
});

test('quoted values are phrases matched whole; * inside quotes is a plain character', () => {
  assert.deepEqual(matching('message:"foo bar"', EVENTS), ['c']);
  assert.deepEqual(matching('message:"foo"', EVENTS), []);
  assert.deepEqual(matching('message:"foo*"', EVENTS), []);
  assert.deepEqual(matching('message:foo*', EVENTS), ['c']);
});

test('wildcards: prefix, suffix, infix, inner, escaped; never on numbers', () => {
  assert.deepEqual(matching('process.name:ba*', EVENTS), ['a', 'c']);
  assert.deepEqual(matching('process.name:*sh', EVENTS), ['a', 'b']);
  assert.deepEqual(matching('process.name:*as*', EVENTS), ['a', 'b', 'c']);
  assert.deepEqual(matching('process.name:b*2', EVENTS), ['c']);
  assert.deepEqual(matching('process.name:b\\*', EVENTS), []);
  assert.deepEqual(matching('process.pid:4*', EVENTS), ['c']);
  // Characters special to regular expressions are plain in wildcard values.
  assert.deepEqual(matching('message:f*o?b-a\\(r\\)*', [{ id: 'm', message: 'foo?b-a(r)!' }]), ['m']);
  assert.deepEqual(matching('message:f*o?b-a\\(r\\)*', [{ id: 'm', message: 'fooxb-a(r)!' }]), []);
});

test('field:* is exists (a leaf or an object with values); not field:* its absence', () => {
  assert.deepEqual(matching('user.name:*', EVENTS), ['a', 'b']);
  assert.deepEqual(matching('not user.name:*', EVENTS), ['c', 'd']);
  assert.deepEqual(matching('process.parent:*', EVENTS), ['d']);
  assert.deepEqual(matching('process:*', EVENTS), ['a', 'b', 'c', 'd']);
});

test('ranges: numbers, keywords, IPs', () => {
  assert.deepEqual(matching('process.pid > 10', EVENTS), ['a', 'c']);
  // A JSON string is a keyword: "42" sorts after "100".
  assert.deepEqual(matching('process.pid > 100', EVENTS), ['c']);
  assert.deepEqual(matching('process.pid <= 7', EVENTS), ['b', 'c']);
  assert.deepEqual(matching('process.name >= bash', EVENTS), ['a', 'c']);
  assert.deepEqual(matching('process.name < bash', EVENTS), ['b']);
  assert.deepEqual(matching('source.ip >= 10.0.0.0 and source.ip < 11.0.0.0', EVENTS), ['a']);
});

test('date ranges: date math against the clock, partial dates rounded per side', () => {
  assert.deepEqual(matching('@timestamp >= now-1d', EVENTS), ['c']);
  assert.deepEqual(matching('@timestamp >= now-1d/d', EVENTS), ['a', 'c']);
  assert.deepEqual(matching('@timestamp < now-1d/d', EVENTS), ['b']);
  // lte a day includes the whole day; lt a day stops before it.
  assert.deepEqual(matching('@timestamp <= 2024-04-30', EVENTS), ['b']);
  assert.deepEqual(matching('@timestamp < 2024-04-30', EVENTS), []);
  assert.deepEqual(matching('@timestamp > 2024-05-01', EVENTS), ['c']);
  assert.deepEqual(matching('@timestamp >= 2024-05-01', EVENTS), ['a', 'c']);
  // A value on the timestamp field names its whole period, as Kibana's range from the value to itself.
  assert.deepEqual(matching('@timestamp:2024-05-01', EVENTS), ['a']);
  assert.deepEqual(matching('@timestamp:2024-05', EVENTS), ['a', 'c']);
});

test('IP values: CIDR blocks and IPv6 spellings', () => {
  assert.deepEqual(matching('source.ip:10.0.0.0/8', EVENTS), ['a']);
  assert.deepEqual(matching('source.ip:"192.168.0.0/16"', EVENTS), ['b']);
  assert.deepEqual(matching('source.ip:2001\\:db8\\:0\\:0\\:0\\:0\\:0\\:1', EVENTS), ['c']);
  assert.deepEqual(matching('source.ip:2001\\:db8\\:\\:/32', EVENTS), ['c']);
});

test('nested field:{ … } reads inner fields under the outer name', () => {
  assert.deepEqual(matching('process:{ name:bash and pid > 10 }', EVENTS), ['a']);
  assert.deepEqual(matching('process:{ parent:{ name:sshd } }', EVENTS), ['d']);
  assert.deepEqual(matching('process:{ name:Bash or parent.name:sshd }', EVENTS), ['b', 'd']);
});

test('value lists: or, and, not, groups', () => {
  assert.deepEqual(matching('process.name:(bash or Bash)', EVENTS), ['a', 'b']);
  assert.deepEqual(matching('process.name:(not bash)', EVENTS), ['b', 'c', 'd']);
  assert.deepEqual(matching('process.name:(ba* and not bash)', EVENTS), ['c']);
  assert.deepEqual(matching('process.pid:(7 or 42)', EVENTS), ['a', 'b', 'c']);
});

test('boolean logic: and binds tighter than or; not; groups', () => {
  assert.deepEqual(matching('user.name:alice or process.name:bash and user.name:root', EVENTS), ['a', 'b']);
  assert.deepEqual(matching('(user.name:alice or process.name:bash) and not tty:false', EVENTS), ['a']);
  assert.deepEqual(matching('not (process.name:bash or process.name:Bash)', EVENTS), ['c', 'd']);
});

test('free text searches every field, exactly; * alone and *:* match everything', () => {
  assert.deepEqual(matching('sshd', EVENTS), ['d']);
  assert.deepEqual(matching('"foo bar"', EVENTS), ['c']);
  assert.deepEqual(matching('foo', EVENTS), []);
  assert.deepEqual(matching('42', EVENTS), ['a', 'c']);
  assert.deepEqual(matching('ali*', EVENTS), ['b']);
  assert.deepEqual(matching('*', EVENTS), ['a', 'b', 'c', 'd']);
  assert.deepEqual(matching('*:*', EVENTS), ['a', 'b', 'c', 'd']);
});

test('wildcard field names search every field they match', () => {
  assert.deepEqual(matching('process.*:sshd', EVENTS), ['d']);
  assert.deepEqual(matching('*.name:alice', EVENTS), ['b']);
  assert.deepEqual(matching('process.p*:*', EVENTS), ['a', 'b', 'c', 'd']);
});

test('aliases redirect field names; the timestamp field can be another date field', () => {
  const aliased: EngineOptions = { ...options, aliases: new Map([['process.executable', 'process.name']]) };
  assert.deepEqual(matching('process.executable:bash', EVENTS, aliased), ['a']);
  const events = [{ id: 'x', created: '2024-05-01T00:00:00Z' }, { id: 'y', created: '2024-06-01T00:00:00Z' }];
  assert.deepEqual(matching('created:2024-05-01', events, { ...options, timestampField: 'created' }), ['x']);
});

test('an empty query has no prefilter: every event passes', () => {
  const compiled = compileKql('   ', options);
  assert.ok(compiled.ok);
  assert.equal(compiled.query.prefilter, undefined);
  assert.equal(compiled.query.language, 'kuery');
});

test('a query with syntax errors does not compile and reports the parser diagnostics', () => {
  const compiled = compileKql('process.name:(bash or ', options);
  assert.equal(compiled.ok, false);
  if (compiled.ok) return;
  assert.deepEqual(
    compiled.diagnostics.map((d) => [d.code, d.span.start]),
    [['kql-expected-value', 21]],
  );
});

test('the sink returns the newest events first, at most `limit`, ties in file order', () => {
  const compiled = compileKql('kind:x', { ...options, limit: 3 });
  assert.ok(compiled.ok);
  const sink = compiled.query.createSink();
  const pushed: EventDocument[] = [
    { id: '1', kind: 'x', '@timestamp': '2024-05-01T00:00:01Z' },
    { id: '2', kind: 'x' },
    { id: '3', kind: 'x', '@timestamp': '2024-05-01T00:00:03Z' },
    { id: '4', kind: 'x', '@timestamp': '2024-05-01T00:00:01Z' },
    { id: '5', kind: 'x', '@timestamp': ['2024-04-01T00:00:00Z', '2024-05-01T00:00:02Z'] },
  ];
  for (const e of pushed) sink.push(e);
  const output = sink.finish();
  assert.equal(output.kind, 'events');
  if (output.kind !== 'events') return;
  assert.deepEqual(output.events.map((e) => e.id), ['3', '5', '1']);
});

test('the default limit is 100 and events without a timestamp come last', () => {
  const compiled = compileKql('', options);
  assert.ok(compiled.ok);
  const sink = compiled.query.createSink();
  sink.push({ id: 'none' });
  for (let i = 0; i < 150; i++) sink.push({ id: `e${i}`, '@timestamp': 1_700_000_000_000 + i });
  const output = sink.finish();
  assert.ok(output.kind === 'events');
  assert.equal(output.events.length, 100);
  assert.equal(output.events[0].id, 'e149');
  assert.equal(output.events[99].id, 'e50');
  const small = compileKql('', { ...options, limit: 2 });
  assert.ok(small.ok);
  const smallSink = small.query.createSink();
  smallSink.push({ id: 'none' });
  smallSink.push({ id: 'dated', '@timestamp': 0 });
  const smallOutput = smallSink.finish();
  assert.ok(smallOutput.kind === 'events');
  assert.deepEqual(smallOutput.events.map((e) => e.id), ['dated', 'none']);
});
