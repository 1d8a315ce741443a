import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMappingText } from '../../../server/engine/mapping.ts';
import { SHARED } from '../../support/corpus.ts';

test('mappings flatten to dotted paths with aliases, multi-fields and options', () => {
  const mapping = parseMappingText(`# a comment line
{ "mappings": { "properties": {
  "event_type": { "type": "[runtime_random_keyword_type]" },
  "event": { "properties": { "category": { "type": "alias", "path": "event_type" } } },
  "file_name": { "type": "text", "fields": { "keyword": { "type": "keyword", "ignore_above": 256 } } },
  "opt": { "type": "keyword", "null_value": "NULL" },
  "when": { "type": "date", "format": "dd-MM-yyyy" },
  "height": { "type": "scaled_float", "scaling_factor": 100 }
} } }`);
  assert.deepEqual([...mapping.fields.keys()], ['event_type', 'event', 'event.category', 'file_name', 'file_name.keyword', 'opt', 'when', 'height']);
  assert.equal(mapping.fields.get('event_type')!.type, 'keyword');
  assert.equal(mapping.fields.get('event')!.type, 'object');
  assert.deepEqual(mapping.fields.get('event.category'), { path: 'event.category', type: 'alias', aliasOf: 'event_type' });
  assert.deepEqual(mapping.fields.get('file_name.keyword'), { path: 'file_name.keyword', type: 'keyword', ignoreAbove: 256, multiFieldOf: 'file_name' });
  assert.equal(mapping.fields.get('opt')!.nullValue, 'NULL');
  assert.equal(mapping.fields.get('when')!.format, 'dd-MM-yyyy');
  assert.equal(mapping.fields.get('height')!.scalingFactor, 100);
  assert.deepEqual([...mapping.aliases], [['event.category', 'event_type']]);
  assert.equal(parseMappingText('{"properties":{"a":{"type":"[runtime_random_keyword_type]"}}}', { keywordPlaceholderType: 'wildcard' }).fields.get('a')!.type, 'wildcard');
});

test('the endgame conformance mapping', () => {
  const mapping = parseMappingText(readFileSync(join(SHARED, 'conformance/eql/data/endgame-140.mapping'), 'utf8'));
  assert.deepEqual([...mapping.aliases], [
    ['event.category', 'event_type'],
    ['event.sequence', 'serial_event_id'],
  ]);
  assert.equal(mapping.fields.get('source_address')!.type, 'ip');
  assert.equal(mapping.fields.get('hostname.keyword')!.multiFieldOf, 'hostname');
});
