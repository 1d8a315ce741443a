import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { eventFileRef, planByteRanges, readEventBatches, readEvents, readNdjsonRange, type ReadOptions, type ReadWarning } from '../../../server/engine/eventReader.ts';
import type { EventDocument } from '../../../server/engine/values.ts';

const dir = mkdtempSync(join(tmpdir(), 'huntkit-reader-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options: ReadOptions = {}): Promise<{ events: EventDocument[]; warnings: ReadWarning[] }> {
  const warnings: ReadWarning[] = [];
  const events: EventDocument[] = [];
  for await (const event of readEvents(path, { ...options, onWarning: (w) => warnings.push(w) })) events.push(event);
  return { events, warnings };
}

const NDJSON = ['{"a":1}', '{"a":2,"s":"é€"}', 'not json', '', '   ', '{"a":3}\r', '[1,2]', '{"a":"x\\ny"}', '{"a":4'].join('\n') + '\n{"a":5}';

test('ndjson: every object line in order, malformed lines reported with their line and byte offset', async () => {
  const path = file('mixed.ndjson', NDJSON);
  for (const chunkSize of [1, 3, 7, 64, 1 << 20]) {
    const { events, warnings } = await readAll(path, { chunkSize });
    assert.deepEqual(events, [{ a: 1 }, { a: 2, s: 'é€' }, { a: 3 }, { a: 'x\ny' }, { a: 5 }], `chunk ${chunkSize}`);
    assert.deepEqual(
      warnings.map((w) => [w.line, w.offset, w.message.split(':')[0]]),
      [
        [3, 28, 'malformed JSON'],
        [7, 51, 'line is not a JSON object'],
        [9, 70, 'malformed JSON'],
      ],
      `chunk ${chunkSize}`,
    );
    assert.ok(warnings.every((w) => w.file === path));
  }
});

test('ndjson.gz reads like the plain file; a truncated archive ends with a warning, not a crash', async () => {
  const gz = gzipSync(Buffer.from(NDJSON));
  const path = file('mixed.ndjson.gz', gz);
  const { events, warnings } = await readAll(path);
  assert.equal(events.length, 5);
  assert.deepEqual(warnings.map((w) => w.line), [3, 7, 9]);

  const truncated = file('truncated.ndjson.gz', gz.subarray(0, gz.length - 12));
  const result = await readAll(truncated);
  assert.deepEqual(result.events, events.slice(0, result.events.length));
  assert.equal(result.warnings.filter((w) => /^gzip data is corrupt or truncated/.test(w.message)).length, 1);
});

test('ndjson: batches are yielded per chunk', async () => {
  const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i }));
  const path = file('batches.ndjson', lines.join('\n') + '\n');
  const sizes: number[] = [];
  for await (const batch of readEventBatches(path, { chunkSize: 128 })) sizes.push(batch.length);
  // 100 lines of 8 or 9 bytes in 128-byte chunks.
  assert.ok(sizes.length >= 6, `batches: ${sizes.join(',')}`);
  assert.equal(sizes.reduce((a, b) => a + b, 0), 100);
});

test('ndjson: a line longer than maxRecordBytes is skipped with a warning and reading goes on', async () => {
  const long = JSON.stringify({ blob: 'x'.repeat(5000) });
  const path = file('long.ndjson', `{"a":1}\n${long}\n{"a":2}\n`);
  const { events, warnings } = await readAll(path, { chunkSize: 100, maxRecordBytes: 1000 });
  assert.deepEqual(events, [{ a: 1 }, { a: 2 }]);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].line, 2);
  assert.equal(warnings[0].offset, 8);
  assert.match(warnings[0].message, /longer than 1000 bytes/);
});

const ARRAY = `[
  {"a": 1, "s": "]}{[,\\"\\\\"},
  {"b": {"c": [1, 2, {"d": "}"}]}},
  42,
  {"bad": tru},
  {"e": "ü"}
]
`;

test('json array: elements streamed by the splitter, whatever the chunk boundaries', async () => {
  const path = file('events.json', ARRAY);
  for (const chunkSize of [1, 2, 5, 13, 1 << 20]) {
    const { events, warnings } = await readAll(path, { chunkSize });
    assert.deepEqual(events, [{ a: 1, s: ']}{[,"\\' }, { b: { c: [1, 2, { d: '}' }] } }, { e: 'ü' }], `chunk ${chunkSize}`);
    assert.deepEqual(
      warnings.map((w) => [w.line, w.message.split(':')[0]]),
      [
        [4, 'element is not a JSON object'],
        [5, 'malformed JSON'],
      ],
      `chunk ${chunkSize}`,
    );
  }
});

test('json: concatenated top-level objects, gz form, and structural errors', async () => {
  const stream = file('stream.json', '{"a":1}\n{"a":2} {"a":\n3}');
  assert.deepEqual((await readAll(stream, { chunkSize: 4 })).events, [{ a: 1 }, { a: 2 }, { a: 3 }]);

  const gz = file('events.json.gz', gzipSync(Buffer.from(ARRAY)));
  assert.equal((await readAll(gz)).events.length, 3);

  const unclosed = await readAll(file('unclosed.json', '[{"a":1},\n{"a":2'));
  assert.deepEqual(unclosed.events, [{ a: 1 }]);
  assert.deepEqual(unclosed.warnings.map((w) => [w.line, w.message]), [[2, 'unterminated value at end of file']]);

  const trailing = await readAll(file('trailing.json', '[{"a":1}]\n{"b":2}'));
  assert.deepEqual(trailing.events, [{ a: 1 }]);
  assert.deepEqual(trailing.warnings.map((w) => [w.line, w.message]), [[2, 'content after the top-level array ignored']]);
});

test('eventFileRef picks the format from the extension', () => {
  assert.deepEqual(eventFileRef('/d/logs-x-default.ndjson.gz'), { path: '/d/logs-x-default.ndjson.gz', format: 'ndjson', compressed: true });
  assert.deepEqual(eventFileRef('/d/a.jsonl'), { path: '/d/a.jsonl', format: 'ndjson', compressed: false });
  assert.deepEqual(eventFileRef('/d/a.json'), { path: '/d/a.json', format: 'json', compressed: false });
  assert.deepEqual(eventFileRef('/d/extra.data'), { path: '/d/extra.data', format: 'json', compressed: false });
});

test('byte ranges that tile a file yield every line exactly once', async () => {
  // Lines of varied length, multi-byte characters, an empty line and no final newline.
  const lines = Array.from({ length: 120 }, (_, i) => JSON.stringify({ i, pad: 'ü'.repeat(i % 7), t: 'x'.repeat((i * 37) % 50) }));
  lines.splice(60, 0, '');
  const path = file('ranges.ndjson', lines.join('\n'));
  const expected = Array.from({ length: 120 }, (_, i) => i);
  for (const parts of [1, 2, 3, 7, 16, 100, 300]) {
    for (const chunkSize of parts > 100 ? [64] : [5, 64, 1 << 16]) {
      const ranges = await planByteRanges(path, parts);
      assert.equal(ranges[0].start, 0);
      for (let k = 1; k < ranges.length; k++) assert.equal(ranges[k].start, ranges[k - 1].end);
      const seen: number[] = [];
      for (const range of ranges) {
        for await (const batch of readNdjsonRange(path, range, { chunkSize })) for (const event of batch) seen.push(event.i as number);
      }
      assert.deepEqual(seen, expected, `parts ${parts}, chunk ${chunkSize}`);
    }
  }
});

test('a byte range reports malformed lines by byte offset (line numbers only when it starts the file)', async () => {
  const path = file('range-bad.ndjson', '{"a":1}\n{"a":2}\nbroken\n{"a":3}\n');
  const warnings: ReadWarning[] = [];
  const events: EventDocument[] = [];
  for await (const batch of readNdjsonRange(path, { start: 9, end: 32 }, { onWarning: (w) => warnings.push(w) })) events.push(...batch);
  assert.deepEqual(events, [{ a: 3 }]);
  assert.deepEqual(warnings.map((w) => [w.line, w.offset]), [[undefined, 16]]);
});
