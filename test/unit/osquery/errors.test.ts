import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osqueryFrontEnd } from '../../../server/osquery/index.ts';
import { seededErrorTests } from '../../support/seededErrors.ts';
import type { BrokenQuery } from '../../support/seededErrors.ts';

// Each broken query gives exactly one error, with this code and span.
const BROKEN: BrokenQuery[] = [
  { query: 'SELECT', code: 'osquery-syntax-error', span: [6, 6], at: '' },
  { query: 'SELECT * FROM', code: 'osquery-syntax-error', span: [13, 13], at: '' },
  { query: 'SELECT * FROM processes WHERE', code: 'osquery-syntax-error', span: [29, 29], at: '' },
  { query: 'SELECT * FROM t WHERE a == ', code: 'osquery-syntax-error', span: [26, 26], at: '' },
  { query: 'SELECT * FORM processes', code: 'osquery-syntax-error', span: [9, 13], at: 'FORM' },
  { query: 'SELEC * FROM processes', code: 'osquery-syntax-error', span: [0, 5], at: 'SELEC' },
  { query: 'SELECT pid,, name FROM processes', code: 'osquery-syntax-error', span: [11, 12], at: ',' },
  { query: 'SELECT a b c FROM t', code: 'osquery-syntax-error', span: [11, 12], at: 'c' },
  { query: 'SELECT * FROM t t2 t3', code: 'osquery-syntax-error', span: [19, 21], at: 't3' },
  { query: 'SELECT * FROM processes WHERE (pid = 1', code: 'osquery-syntax-error', span: [38, 38], at: '' },
  { query: 'SELECT * FROM processes WHERE pid = 1)', code: 'osquery-syntax-error', span: [37, 38], at: ')' },
  { query: 'SELECT * FROM processes p JOIN users u ON', code: 'osquery-syntax-error', span: [41, 41], at: '' },
  { query: 'SELECT * FROM processes ORDER pid', code: 'osquery-syntax-error', span: [30, 33], at: 'pid' },
  { query: 'SELECT * FROM t WHERE a = 1 GROUP', code: 'osquery-syntax-error', span: [33, 33], at: '' },
  { query: 'SELECT count( FROM processes', code: 'osquery-syntax-error', span: [14, 18], at: 'FROM' },
  { query: "SELECT datetime(atime, 'unixepoch' FROM file", code: 'osquery-syntax-error', span: [35, 39], at: 'FROM' },
  { query: 'SELECT * FROM processes WHERE name IN ()', code: 'osquery-syntax-error', span: [39, 40], at: ')' },
  { query: 'SELECT * FROM t WHERE a IN (1,)', code: 'osquery-syntax-error', span: [30, 31], at: ')' },
  { query: 'SELECT count(a,) FROM t', code: 'osquery-syntax-error', span: [15, 16], at: ')' },
  { query: 'SELECT CASE WHEN 1 THEN 2 FROM t', code: 'osquery-syntax-error', span: [26, 30], at: 'FROM' },
  { query: 'SELECT * FROM t WHERE a = = 1', code: 'osquery-syntax-error', span: [26, 27], at: '=' },
  { query: 'SELECT * FROM t WHERE a NOT 1', code: 'osquery-syntax-error', span: [28, 29], at: '1' },
  { query: 'SELECT * FROM (SELECT 1', code: 'osquery-syntax-error', span: [23, 23], at: '' },
  { query: 'WITH x AS SELECT 1 SELECT * FROM x', code: 'osquery-syntax-error', span: [10, 16], at: 'SELECT' },
  { query: 'SELECT * FROM t WHERE a = 1 OR OR b = 2', code: 'osquery-syntax-error', span: [31, 33], at: 'OR' },
  { query: 'SELECT DISTINCT FROM t', code: 'osquery-syntax-error', span: [16, 20], at: 'FROM' },
  { query: 'SELECT * FROM t JOIN ON a = b', code: 'osquery-syntax-error', span: [21, 23], at: 'ON' },
  { query: 'SELECT * FROM t ORDER BY a,', code: 'osquery-syntax-error', span: [27, 27], at: '' },
  { query: 'SELECT * FROM t GROUP BY a, ORDER BY a', code: 'osquery-syntax-error', span: [28, 33], at: 'ORDER' },
  { query: 'SELECT * FROM t LIMIT', code: 'osquery-syntax-error', span: [21, 21], at: '' },
  { query: 'SELECT * FROM t WHERE a BETWEEN 1', code: 'osquery-syntax-error', span: [33, 33], at: '' },
  { query: 'SELECT * FROM t WHERE a LIKE', code: 'osquery-syntax-error', span: [28, 28], at: '' },
  { query: 'SELECT * FROM t WHERE a = 1; SELECT', code: 'osquery-syntax-error', span: [35, 35], at: '' },
  { query: 'SELECT * FROM t UNION SELECT', code: 'osquery-syntax-error', span: [28, 28], at: '' },
  { query: "SELECT * FROM file WHERE path = '/etc/passwd' AND mtime >", code: 'osquery-syntax-error', span: [57, 57], at: '' },
  { query: "SELECT * FROM processes WHERE name = 'x", code: 'osquery-unterminated-string', span: [37, 39], at: "'x" },
  { query: "SELECT * FROM file WHERE path LIKE '/etc/%\nAND 1", code: 'osquery-unterminated-string', span: [35, 42], at: "'/etc/%" },
  { query: 'SELECT "abc FROM t', code: 'osquery-unterminated-string', span: [7, 18], at: '"abc FROM t' },
  { query: 'SELECT a AS group FROM t', code: 'osquery-reserved-word', span: [12, 17], at: 'group' },
  { query: 'SELECT a AS from FROM t', code: 'osquery-reserved-word', span: [12, 16], at: 'from' },
  { query: 'SELECT name AS select FROM t', code: 'osquery-reserved-word', span: [15, 21], at: 'select' },
  { query: 'SELECT g.groupname AS group owner FROM groups g', code: 'osquery-reserved-word', span: [22, 27], at: 'group' },
  { query: 'SELECT pid, FROM processes', code: 'osquery-trailing-comma', span: [10, 11], at: ',' },
  { query: 'SELECT pid, name,\nFROM processes', code: 'osquery-trailing-comma', span: [16, 17], at: ',' },
];

describe('osquery seeded syntax errors', () => {
  seededErrorTests(osqueryFrontEnd, BROKEN);
});

describe('osquery messages', () => {
  const message = (query: string) => osqueryFrontEnd.parse(query).diagnostics[0].message;
  it('turns sql-parser-cst\'s expectations into a short readable list', () => {
    assert.equal(message('SELECT * FROM'), 'unexpected end of query: expected an identifier, `GLOB`, `LATERAL`, `LIKE`, `REPLACE`, `ROWS` or `(`');
    assert.equal(message('SELECT * FROM processes ORDER pid'), 'unexpected `pid`: expected `BY`');
    assert.equal(message('SELECT * FROM processes WHERE (pid = 1'), 'unexpected end of query: expected `)`, `,`, `AND`, `COLLATE`, `DIV`, `GLOB`, `IS`, `MATCH`, …');
  });
  it('suggests the missing comma between two columns', () => {
    assert.equal(message('SELECT a b c FROM t'), 'unexpected `c` (is a `,` missing before it?): expected `,`, `EXCEPT`, `FROM`, `GROUP`, `HAVING`, `INTERSECT`, `LIMIT`, `ORDER`, …');
  });
  it('names the reserved word', () => {
    assert.equal(message('SELECT a AS group FROM t'), '`group` is a reserved word in SQLite and cannot be used as a name here: quote it as `"group"` or choose another name');
  });
});
