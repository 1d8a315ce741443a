import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFieldAccessor } from '../../../../server/engine/fieldAccess.ts';
import { FieldCatalog } from '../../../../server/engine/eql/fieldTypes.ts';
import type { EqlValue } from '../../../../server/engine/eql/eqlValues.ts';
import { flattenMapping } from '../../../../server/engine/mapping.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';

const shapes: EventDocument[] = [
  { a: { b: { c: 'nested' } } },
  { 'a.b.c': 'dotted' },
  { a: { 'b.c': 'half' }, 'a.b': { c: 'other half' } },
  { a: { b: { c: ['x', 'y', null] } } },
  { a: [{ b: { c: 1 } }, { b: { c: 2 } }] },
  { a: { b: [{ c: true }, { c: false }] } },
  { a: { b: { c: [['deep'], { no: 1 }] } } },
  { a: { b: { c: null } } },
  { a: { b: 'not an object' } },
  { a: { b: { c: { d: 'object leaf' } } } },
  { a: { b: { constructor: 'own' } } },
  {},
];

test('the typed reader returns what the shared accessor returns, for every source shape', () => {
  const catalog = new FieldCatalog({ timestampField: '@timestamp' });
  for (const path of ['a.b.c', 'a.b.constructor', 'a', 'toString']) {
    const field = catalog.field(path);
    const accessor = compileFieldAccessor(path);
    for (const shape of shapes) {
      const out: EqlValue[] = [];
      const n = field.collect(shape, out);
      assert.deepEqual(out.slice(0, n), accessor.values(shape), `${path} in ${JSON.stringify(shape)}`);
    }
  }
});

test('mapped fields are coerced to their type; values the type cannot hold are dropped', () => {
  const mapping = flattenMapping({ properties: { n: { type: 'long' }, k: { type: 'keyword' }, b: { type: 'boolean' }, ip: { type: 'ip' }, t: { type: 'date_nanos' } } });
  const catalog = new FieldCatalog({ mapping, timestampField: '@timestamp' });
  const read = (name: string, event: EventDocument) => {
    const out: EqlValue[] = [];
    return out.slice(0, catalog.field(name).collect(event, out));
  };
  assert.deepEqual(read('n', { n: ['12', 3.9, 'x'] }), [12, 3]);
  assert.deepEqual(read('k', { k: [5, true, 'text'] }), ['5', 'true', 'text']);
  assert.deepEqual(read('b', { b: ['true', false, 'yes'] }), [true, false]);
  assert.deepEqual(read('ip', { ip: ['10.0.0.1', 'nope'] }), ['00000000000000000000ffff0a000001']);
  assert.deepEqual(read('t', { t: '1970-01-01T00:00:01.000000002Z' }), [1_000_000_002n]);
  assert.equal(catalog.isKnown('n'), true);
  assert.equal(catalog.isKnown('zzz'), false);
});
