import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonStringListRepr, pythonStringRepr } from '../../../server/docs/pythonRepr.ts';

test('list repr matches CPython 3.11 for quotes, escapes and non-printable characters', () => {
  // Expected text printed by python3 -c "print(repr([...]))".
  assert.equal(
    pythonStringListRepr(['x\u200by', 'tab\there', 'é', '\x7f', '\u{1F642}', '\u00a0', 'both\'"', '\u2028']),
    "['x\\u200by', 'tab\\there', 'é', '\\x7f', '\u{1F642}', '\\xa0', 'both\\'\"', '\\u2028']",
  );
});

test('a string holding only single quotes is wrapped in double quotes', () => {
  assert.equal(pythonStringRepr("it's"), '"it\'s"');
  assert.equal(pythonStringRepr('a\\b\n'), "'a\\\\b\\n'");
  assert.equal(pythonStringListRepr([]), '[]');
});
