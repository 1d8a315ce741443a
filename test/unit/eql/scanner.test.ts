import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSink } from '../../../server/common/diagnostics.ts';
import { scan } from '../../../server/eql/scanner.ts';

function tokens(text: string): { kinds: string[]; values: string[]; codes: string[] } {
  const sink = new DiagnosticSink();
  const result = scan(text, sink);
  return {
    kinds: result.tokens.map((t) => t.kind),
    values: result.tokens.map((t) => t.value),
    codes: sink.items.map((d) => d.code),
  };
}

test('keywords, punctuation and names of a sequence', () => {
  const { kinds, codes } = tokens('sequence by x with maxspan=30s [a where b : "c"] ![d where e != 1] | head 1');
  assert.deepEqual(kinds, [
    'sequence', 'by', 'identifier', 'with', 'maxspan', '=', 'integer', 'identifier',
    '[', 'identifier', 'where', 'identifier', ':', 'string', ']',
    '![', 'identifier', 'where', 'identifier', '!=', 'integer', ']',
    '|', 'identifier', 'integer', 'eof',
  ]);
  assert.deepEqual(codes, []);
});

test('numbers follow the EqlBase lexer: decimals, exponents, and a unit glued to a number', () => {
  assert.deepEqual(tokens('1 1.5 .5 1. 1e5 2.5E-3').kinds, ['integer', 'decimal', 'decimal', 'decimal', 'decimal', 'decimal', 'eof']);
  // `1e` has no exponent digits: the integer 1, then the name `e`; `30s` is 30 then `s`.
  assert.deepEqual(tokens('1e 30s').values, ['1', 'e', '30', 's', '']);
});

test('names: @timestamp, underscores, backquotes with doubled backquotes, tilde function names', () => {
  const { kinds, values } = tokens('@timestamp _x `my field` `a``b` endsWith~ in~ like~ regex~');
  assert.deepEqual(kinds, ['identifier', 'identifier', 'quotedIdentifier', 'quotedIdentifier', 'tildeIdentifier', 'in~', 'like~', 'regex~', 'eof']);
  assert.deepEqual(values.slice(0, 5), ['@timestamp', '_x', 'my field', 'a`b', 'endsWith']);
});

test('keywords are lowercase only; other cases are names that remember the keyword', () => {
  const sink = new DiagnosticSink();
  const [and, upper, mixed] = scan('and AND Where', sink).tokens;
  assert.equal(and!.kind, 'and');
  assert.equal(upper!.kind, 'identifier');
  assert.equal(upper!.keywordInOtherCase, 'and');
  assert.equal(mixed!.keywordInOtherCase, 'where');
});

test('strings decode escapes the way Elasticsearch does', () => {
  const { values, codes } = tokens(String.raw`"a\tb\\c\"d\'e\n\r\f\b" "\u{41}\u{1F600}\u{0000200f}" """C:\raw\""" """x"""""`);
  assert.deepEqual(values.slice(0, 4), ['a\tb\\c"d\'e\n\r\f\b', 'A\u{1F600}\u200f', 'C:\\raw\\', 'x""']);
  assert.deepEqual(codes, []);
});

test('comments are skipped and recorded; block comments nest', () => {
  const sink = new DiagnosticSink();
  const result = scan('a /* x /* y */ z */ b // tail\nc', sink);
  assert.deepEqual(result.tokens.map((t) => t.value), ['a', 'b', 'c', '']);
  assert.deepEqual(result.comments, [{ start: 2, end: 19 }, { start: 22, end: 29 }]);
  assert.deepEqual(sink.items, []);
});

test('only space, tab, CR and LF are whitespace', () => {
  const { codes } = tokens('a\fb\u00a0c');
  assert.deepEqual(codes, ['eql-invalid-character', 'eql-invalid-character']);
});

test('unknown characters in a row make one diagnostic', () => {
  const sink = new DiagnosticSink();
  scan('a #$^ b', sink);
  assert.deepEqual(
    sink.items.map((d) => [d.code, d.span.start, d.span.end, d.message]),
    [['eql-invalid-character', 2, 5, 'unexpected characters `#$^`']],
  );
});

test('an unterminated string stops at the line break', () => {
  const sink = new DiagnosticSink();
  const result = scan('"abc\nd', sink);
  assert.deepEqual(
    result.tokens.map((t) => [t.kind, t.start, t.end, t.value]),
    [
      ['string', 0, 4, 'abc'],
      ['identifier', 5, 6, 'd'],
      ['eof', 6, 6, ''],
    ],
  );
  assert.deepEqual(sink.items.map((d) => d.code), ['eql-unterminated-string']);
});
