import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luceneFrontEnd } from '../../../server/lucene/index.ts';
import { recoveryTests, seededErrorTests } from '../../support/seededErrors.ts';
import type { BrokenQuery, RecoveryCase } from '../../support/seededErrors.ts';
import { render } from './render.ts';

// Each broken query gives exactly one error, with this code and span.
const BROKEN: BrokenQuery[] = [
  { query: '"abc', code: 'lucene-unterminated-phrase', span: [0, 4], at: '"abc' },
  { query: 'a:"abc', code: 'lucene-unterminated-phrase', span: [2, 6], at: '"abc' },
  { query: 'a:/abc', code: 'lucene-unterminated-regex', span: [2, 6], at: '/abc' },
  { query: '/a', code: 'lucene-unterminated-regex', span: [0, 2], at: '/a' },
  { query: 'x\\', code: 'lucene-invalid-escape', span: [1, 2], at: '\\' },
  { query: 'a\\u12', code: 'lucene-invalid-escape', span: [1, 3], at: '\\u' },
  { query: 'a\\u00zz', code: 'lucene-invalid-escape', span: [1, 3], at: '\\u' },
  { query: '[a\\ TO b]', code: 'lucene-invalid-escape', span: [2, 3], at: '\\' },
  { query: 'a:(b', code: 'lucene-unclosed-paren', span: [4, 4], at: '' },
  { query: '(a OR (b)', code: 'lucene-unclosed-paren', span: [9, 9], at: '' },
  { query: 'a ( b', code: 'lucene-unclosed-paren', span: [5, 5], at: '' },
  { query: 'a:b AND (c OR d', code: 'lucene-unclosed-paren', span: [15, 15], at: '' },
  { query: 'a)', code: 'lucene-unexpected-token', span: [1, 2], at: ')' },
  { query: 'a OR b)', code: 'lucene-unexpected-token', span: [6, 7], at: ')' },
  { query: 'x:y:z', code: 'lucene-unexpected-token', span: [3, 4], at: ':' },
  { query: '"a" :b', code: 'lucene-unexpected-token', span: [4, 5], at: ':' },
  { query: ':a', code: 'lucene-unexpected-token', span: [0, 1], at: ':' },
  { query: 'a ]', code: 'lucene-unexpected-token', span: [2, 3], at: ']' },
  { query: 'a }', code: 'lucene-unexpected-token', span: [2, 3], at: '}' },
  { query: '~2', code: 'lucene-unexpected-token', span: [0, 2], at: '~2' },
  { query: '^2', code: 'lucene-unexpected-token', span: [0, 1], at: '^' },
  { query: 'AND a', code: 'lucene-expected-query', span: [0, 3], at: 'AND' },
  { query: '&& a', code: 'lucene-expected-query', span: [0, 2], at: '&&' },
  { query: 'a AND', code: 'lucene-expected-query', span: [5, 5], at: '' },
  { query: 'a ||', code: 'lucene-expected-query', span: [4, 4], at: '' },
  { query: 'a NOT', code: 'lucene-expected-query', span: [5, 5], at: '' },
  { query: 'a AND OR b', code: 'lucene-expected-query', span: [6, 8], at: 'OR' },
  { query: 'NOT NOT a', code: 'lucene-expected-query', span: [4, 7], at: 'NOT' },
  { query: '+-a', code: 'lucene-expected-query', span: [1, 2], at: '-' },
  { query: 'a:', code: 'lucene-expected-query', span: [2, 2], at: '' },
  { query: 'a:)', code: 'lucene-expected-query', span: [2, 3], at: ')' },
  { query: 'a:~', code: 'lucene-expected-query', span: [2, 3], at: '~' },
  { query: '()', code: 'lucene-expected-query', span: [1, 2], at: ')' },
  { query: 'a AND ) OR b', code: 'lucene-expected-query', span: [6, 7], at: ')' },
  { query: 'a^', code: 'lucene-invalid-boost', span: [1, 2], at: '^' },
  { query: 'a^x', code: 'lucene-invalid-boost', span: [1, 2], at: '^' },
  { query: 'a ^ 2', code: 'lucene-invalid-boost', span: [2, 3], at: '^' },
  { query: '(a)^b', code: 'lucene-invalid-boost', span: [3, 4], at: '^' },
  { query: '[1 TO 5]^', code: 'lucene-invalid-boost', span: [8, 9], at: '^' },
  { query: '[1 5]', code: 'lucene-expected-range-to', span: [3, 4], at: '5' },
  { query: '[TO]', code: 'lucene-expected-range-to', span: [3, 4], at: ']' },
  { query: '[1 TO', code: 'lucene-expected-range-bound', span: [5, 5], at: '' },
  { query: '[1 TO ]', code: 'lucene-expected-range-bound', span: [6, 7], at: ']' },
  { query: '[1 TO 5 6]', code: 'lucene-unclosed-range', span: [8, 9], at: '6' },
  { query: '[1 TO 5', code: 'lucene-unclosed-range', span: [7, 7], at: '' },
];

describe('Lucene seeded syntax errors', () => {
  seededErrorTests(luceneFrontEnd, BROKEN);

  it('says where the unclosed bracket or range was opened', () => {
    assert.equal(luceneFrontEnd.parse('a AND\n  (b OR c').diagnostics[0].message, 'expected `)` to close the `(` opened at 2:3, found the end of the query');
    assert.equal(luceneFrontEnd.parse('x:[1 TO 5 6]').diagnostics[0].message, 'expected `]` or `}` to close the range opened at 1:3, found `6`');
  });
});

// After an error the parser goes on: later clauses are still in the tree.
const RECOVERY: RecoveryCase[] = [
  ['a:b:c AND d:e', 'a:"b" ? "c" AND d:"e"', ['lucene-unexpected-token']],
  ['a AND OR b', '"a" AND ? OR "b"', ['lucene-expected-query']],
  ['NOT NOT a', '-? -"a"', ['lucene-expected-query']],
  ['a^x AND b', '"a"^? "x" AND "b"', ['lucene-invalid-boost']],
  ['a ] b ] c', '"a" ? "b" ? "c"', ['lucene-unexpected-token']],
  ['x:[1 5] AND y:z', 'x:["1" TO "5"] AND y:"z"', ['lucene-expected-range-to']],
  ['(a OR b AND c:"d', '("a" OR "b" AND c:q:"d"', ['lucene-unterminated-phrase', 'lucene-unclosed-paren']],
  ['a:"x\nAND b:c', 'a:q:"x" AND b:"c"', ['lucene-unterminated-phrase']],
  ['a) OR (b', '"a" ? OR ("b"', ['lucene-unexpected-token', 'lucene-unclosed-paren']],
];

describe('Lucene recovery', () => {
  recoveryTests(luceneFrontEnd, render, RECOVERY);
});
