import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlFrontEnd } from '../../../server/kql/index.ts';
import { recoveryTests, seededErrorTests } from '../../support/seededErrors.ts';
import type { BrokenQuery, RecoveryCase } from '../../support/seededErrors.ts';
import { render } from './render.ts';

// Each broken query gives exactly one error, with this code and span.
const BROKEN: BrokenQuery[] = [
  // strings and escapes
  { query: 'a:"abc', code: 'kql-unterminated-string', span: [2, 6], at: '"abc' },
  { query: '"abc', code: 'kql-unterminated-string', span: [0, 4], at: '"abc' },
  { query: 'a:C\\Windows', code: 'kql-invalid-escape', span: [3, 5], at: '\\W' },
  { query: 'a:b\\', code: 'kql-invalid-escape', span: [3, 4], at: '\\' },
  { query: 'a:\\u00zz', code: 'kql-invalid-escape', span: [2, 4], at: '\\u' },
  { query: 'x:(a or \\d)', code: 'kql-invalid-escape', span: [8, 10], at: '\\d' },
  // brackets
  { query: 'a:(b or c', code: 'kql-unclosed-paren', span: [9, 9], at: '' },
  { query: '(a:b', code: 'kql-unclosed-paren', span: [4, 4], at: '' },
  { query: '((a:b)', code: 'kql-unclosed-paren', span: [6, 6], at: '' },
  { query: '(a:b   ', code: 'kql-unclosed-paren', span: [4, 4], at: '' },
  { query: 'a:{ (b:c }', code: 'kql-unclosed-paren', span: [9, 10], at: '}' },
  { query: 'a:{ b:c', code: 'kql-unclosed-brace', span: [7, 7], at: '' },
  { query: 'a:b )', code: 'kql-unexpected-token', span: [4, 5], at: ')' },
  { query: 'a:b }', code: 'kql-unexpected-token', span: [4, 5], at: '}' },
  { query: 'a:b {', code: 'kql-unexpected-token', span: [4, 5], at: '{' },
  // stray colons and range operators
  { query: 'a:b:c', code: 'kql-unexpected-token', span: [3, 4], at: ':' },
  { query: 'a:b c:d', code: 'kql-unexpected-token', span: [5, 6], at: ':' },
  { query: 'url.full:http://x', code: 'kql-unexpected-token', span: [13, 14], at: ':' },
  { query: 'a:b <', code: 'kql-unexpected-token', span: [4, 5], at: '<' },
  { query: 'a:b >= c', code: 'kql-unexpected-token', span: [4, 6], at: '>=' },
  // missing operators
  { query: 'a:"b" c', code: 'kql-missing-operator', span: [6, 7], at: 'c' },
  { query: 'a:(b) c:d', code: 'kql-missing-operator', span: [6, 7], at: 'c' },
  { query: '(a:b) (c:d)', code: 'kql-missing-operator', span: [6, 7], at: '(' },
  { query: 'x:"a"y:"b"', code: 'kql-missing-operator', span: [5, 6], at: 'y' },
  // keywords without their spaces
  { query: 'not(a:b)', code: 'kql-keyword-spacing', span: [0, 3], at: 'not' },
  { query: 'a:b and(c:d)', code: 'kql-keyword-spacing', span: [4, 7], at: 'and' },
  { query: '(a:b)and c:d', code: 'kql-keyword-spacing', span: [5, 8], at: 'and' },
  { query: '(a:b)or(c:d)', code: 'kql-keyword-spacing', span: [5, 7], at: 'or' },
  // missing queries and values
  { query: 'a:b and )', code: 'kql-expected-query', span: [8, 9], at: ')' },
  { query: 'a:b or )', code: 'kql-expected-query', span: [7, 8], at: ')' },
  { query: 'not ', code: 'kql-expected-query', span: [3, 3], at: '' },
  { query: 'x:"a" or', code: 'kql-expected-query', span: [6, 8], at: 'or' },
  { query: 'a:{}', code: 'kql-expected-query', span: [3, 4], at: '}' },
  { query: 'a:{ }', code: 'kql-expected-query', span: [4, 5], at: '}' },
  { query: '()', code: 'kql-expected-query', span: [1, 2], at: ')' },
  { query: '( )', code: 'kql-expected-query', span: [2, 3], at: ')' },
  { query: ')', code: 'kql-expected-query', span: [0, 1], at: ')' },
  { query: ':a', code: 'kql-expected-query', span: [0, 1], at: ':' },
  { query: 'a:()', code: 'kql-expected-query', span: [3, 4], at: ')' },
  { query: 'a:b or not )', code: 'kql-expected-query', span: [11, 12], at: ')' },
  { query: 'a:', code: 'kql-expected-value', span: [2, 2], at: '' },
  { query: 'a: )', code: 'kql-expected-value', span: [3, 4], at: ')' },
  { query: 'a::b', code: 'kql-expected-value', span: [2, 3], at: ':' },
  { query: 'a:(b or )', code: 'kql-expected-value', span: [8, 9], at: ')' },
  { query: 'a >=', code: 'kql-expected-value', span: [4, 4], at: '' },
  { query: 'a >= )', code: 'kql-expected-value', span: [5, 6], at: ')' },
  { query: 'a >= (1 or 2)', code: 'kql-expected-value', span: [5, 6], at: '(' },
  // not where Kibana does not take it
  { query: 'not not a', code: 'kql-double-not', span: [4, 7], at: 'not' },
  { query: 'a:(not not b)', code: 'kql-double-not', span: [7, 10], at: 'not' },
  { query: 'a:not b', code: 'kql-not-outside-list', span: [2, 5], at: 'not' },
];

describe('KQL seeded syntax errors', () => {
  seededErrorTests(kqlFrontEnd, BROKEN);
});

describe('KQL messages', () => {
  const message = (query: string) => kqlFrontEnd.parse(query).diagnostics[0].message;
  it('says where the unclosed bracket was opened', () => {
    assert.equal(message('a:b and\n  (c:d or e:f'), 'expected `)` to close the `(` opened at 2:3, found the end of the query');
    assert.equal(message('x:{ (y:1 }'), 'expected `)` to close the `(` opened at 1:5, found `}`');
  });
  it('explains stray colons and missing operators', () => {
    assert.equal(message('a:b:c'), 'unexpected `:`: join another condition with `and` or `or`, or, if `:` is part of the value, escape it as `\\:` or quote the value');
    assert.equal(message('a:"b" c'), 'expected `and` or `or` before `c`');
    assert.equal(message('a:'), 'expected a value after `a:`, found the end of the query');
    assert.equal(message('a >= (1 or 2)'), 'expected a value after the range operator, found `(` (a range takes a single value, not a list)');
  });
});

// After an error the parser goes on: later parts of the query are still in the tree.
const RECOVERY: RecoveryCase[] = [
  ['a:"abc\nand b:c', '(and (match f:"a" q:"abc") (match f:"b" lit:"c"))', ['kql-unterminated-string']],
  ['a:b ) and c:d', '(error (match f:"a" lit:"b") (match f:"c" lit:"d"))', ['kql-unexpected-token']],
  ['a:b ) or  c:d and e:f', '(error (match f:"a" lit:"b") (and (match f:"c" lit:"d") (match f:"e" lit:"f")))', ['kql-unexpected-token']],
  ['a:b c:d', '(error (match f:"a" lit:"b c") (match - lit:"d"))', ['kql-unexpected-token']],
  ['(a:b)and c:d', '(error (group (match f:"a" lit:"b")) (match f:"c" lit:"d"))', ['kql-keyword-spacing']],
  ['not(a:b)', '(error (match - lit:"not") (group (match f:"a" lit:"b")))', ['kql-keyword-spacing']],
  ['a:{ (b:c } and d:e', '(and (nested f:"a" (group-unclosed (match f:"b" lit:"c"))) (match f:"d" lit:"e"))', ['kql-unclosed-paren']],
  ['a:(b c:d) and e:"f', '(and (match f:"a" (value-group (error lit:"b c" lit:"d"))) (match f:"e" q:"f"))', ['kql-unexpected-token', 'kql-unterminated-string']],
  ['a:(b or ) and c:d', '(and (match f:"a" (value-group (value-or lit:"b" (error)))) (match f:"c" lit:"d"))', ['kql-expected-value']],
  ['a:not b and c:d', '(and (match f:"a" (value-not lit:"b")) (match f:"c" lit:"d"))', ['kql-not-outside-list']],
  ['x:C\\Windows and y:1', '(and (match f:"x" lit:"CWindows") (match f:"y" lit:"1"))', ['kql-invalid-escape']],
  ['not not a or b:c', '(or (not (not (match - lit:"a"))) (match f:"b" lit:"c"))', ['kql-double-not']],
];

describe('KQL recovery', () => {
  recoveryTests(kqlFrontEnd, render, RECOVERY);
});
