import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFieldAccessor, fieldNames } from '../../../server/engine/fieldAccess.ts';
import type { EventDocument } from '../../../server/engine/values.ts';

test('nested objects, dotted keys and mixes of both reach the same field', () => {
  const name = compileFieldAccessor('process.parent.name');
  const shapes: EventDocument[] = [
    { process: { parent: { name: 'bash' } } },
    { 'process.parent.name': 'bash' },
    { process: { 'parent.name': 'bash' } },
    { 'process.parent': { name: 'bash' } },
  ];
  for (const event of shapes) {
    assert.deepEqual(name.values(event), ['bash'], JSON.stringify(event));
    assert.equal(name.first(event), 'bash');
  }
  // Both spellings at once: Elasticsearch indexes both values.
  assert.deepEqual(name.values({ process: { parent: { name: 'a' }, 'parent.name': 'b' }, 'process.parent.name': 'c' }), ['a', 'b', 'c']);
});

test('arrays are multi-valued fields; arrays of objects flatten', () => {
  assert.deepEqual(compileFieldAccessor('a.b').values({ a: [{ b: 1 }, { b: 2 }, { c: 3 }, { b: [4, [5]] }] }), [1, 2, 4, 5]);
  assert.deepEqual(compileFieldAccessor('event.type').values({ event: { type: ['start', 'process_started'] } }), ['start', 'process_started']);
  assert.equal(compileFieldAccessor('a.b').first({ a: [{ c: 1 }, { b: 'x' }] }), 'x');
});

test('null, missing and object-valued fields have no values', () => {
  const field = compileFieldAccessor('a.b');
  for (const event of [{}, { a: null }, { a: { b: null } }, { a: { b: [null, null] } }, { a: { b: { c: 1 } } }, { a: 'text' }, { a: { b: [] } }] as EventDocument[]) {
    assert.deepEqual(field.values(event), [], JSON.stringify(event));
    assert.equal(field.first(event), undefined);
  }
  assert.deepEqual(field.values({ a: { b: [null, 0, false, ''] } }), [0, false, '']);
  // Inherited members of plain objects are not fields.
  assert.deepEqual(compileFieldAccessor('a.constructor').values({ a: {} }), []);
  assert.deepEqual(compileFieldAccessor('toString').values({}), []);
});

test('collect appends to a reused array; aliases resolve before access', () => {
  const out: (string | number | boolean)[] = ['kept'];
  compileFieldAccessor('x').collect({ x: [1, 2] }, out);
  assert.deepEqual(out, ['kept', 1, 2]);
  const category = compileFieldAccessor('event.category', { aliases: new Map([['event.category', 'event_type']]) });
  assert.equal(category.path, 'event_type');
  assert.equal(category.field, 'event.category');
  assert.equal(category.first({ event_type: 'process', event: { category: 'ignored' } }), 'process');
});

test('fieldNames lists leaf fields with dotted names', () => {
  assert.deepEqual(fieldNames({ '@timestamp': 't', process: { name: 'x', args: ['a'], parent: { pid: 1 } }, 'host.name': 'h', a: [{ b: 1 }, { c: null }], empty: {} }), [
    '@timestamp',
    'process.name',
    'process.args',
    'process.parent.pid',
    'host.name',
    'a.b',
  ]);
});
