import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../../server/common/lineIndex.ts';
import { lineColumn } from '../../../server/common/diagnostics.ts';

test('positions agree with the LSP text document for LF, CRLF and lone CR', () => {
  for (const text of ['a\nbc\n\ndef', 'a\r\nbc\r\n\r\ndef', 'a\rbc\r\rdef', 'x\r\ny\nz\rw', '', '\n']) {
    const lines = new LineIndex(text);
    const doc = TextDocument.create('file:///x', 'toml', 1, text);
    for (let offset = 0; offset <= text.length; offset++) {
      // Between the \r and \n of a CRLF is no position a diagnostic can have.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      assert.deepEqual(lines.positionAt(offset), doc.positionAt(offset), `${JSON.stringify(text)} @ ${offset}`);
    }
  }
});

test('line starts cross worker threads as plain numbers and give the same positions', () => {
  const text = 'one\ntwo\nthree';
  const copy = new LineIndex(structuredClone(new LineIndex(text).lineStarts));
  assert.deepEqual(copy.positionAt(9), { line: 2, character: 1 });
});

test('lineColumn is 1-based line:column', () => {
  assert.equal(lineColumn('ab\ncd\nef', 0), '1:1');
  assert.equal(lineColumn('ab\ncd\nef', 4), '2:2');
  assert.equal(lineColumn('ab\ncd\nef', 6), '3:1');
});
