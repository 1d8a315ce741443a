// sql-parser-cst carries a speed patch (patches/sql-parser-cst+*.patch): its generated parser
// builds its constants and rule functions once instead of on every call, and each call
// resets only the parse state. Each parse must still be independent of the ones before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'sql-parser-cst';

const ROOT = join(import.meta.dirname, '../../..');
const SQLITE = { dialect: 'sqlite', includeRange: true } as const;

const failure = (sql: string, options: Parameters<typeof parse>[1] = SQLITE): string => {
  try {
    parse(sql, options);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`expected a syntax error in ${sql}`);
};

test('the patch is applied (npm ci runs patch-package)', () => {
  const [patch] = readdirSync(join(ROOT, 'patches')).filter((f) => f.startsWith('sql-parser-cst+'));
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/sql-parser-cst/package.json'), 'utf8')).version;
  assert.equal(patch, `sql-parser-cst+${version}.patch`);
  assert.match(readFileSync(join(ROOT, 'node_modules/sql-parser-cst/lib/parser.js'), 'utf8'), /Huntkit patch/);
});

test('a failure deep in one query does not leak its position or expectations into the next parse', () => {
  const deep = `SELECT ${'a, '.repeat(200)}b FROM t WHERE (x = 1`;
  const first = failure(deep);
  assert.match(first, /--> undefined:1:\d{3,}/);
  const short = failure('SELECT FROM');
  assert.match(short, /--> undefined:1:8$/m);
  assert.equal(failure('SELECT FROM'), short);
  assert.equal(failure(deep), first);
});

test('repeated parses give the same tree, whatever options the parse before used', () => {
  const sql = "SELECT name, path FROM processes WHERE name LIKE '%ssh%' -- note\nORDER BY 1;";
  const once = parse(sql, SQLITE);
  const withSpaces = parse(sql, { ...SQLITE, includeSpaces: true, includeComments: true, includeNewlines: true });
  assert.notDeepEqual(withSpaces, once);
  failure('SELECT (', SQLITE);
  assert.deepEqual(parse(sql, SQLITE), once);
  assert.deepEqual(parse(sql, { ...SQLITE, includeSpaces: true, includeComments: true, includeNewlines: true }), withSpaces);
  // Options are read per parse: a MySQL-only form is rejected by SQLite, accepted by MySQL, rejected again.
  const mysqlOnly = 'SELECT * FROM t LIMIT 1, 2 FOR UPDATE';
  failure(mysqlOnly, SQLITE);
  assert.ok(parse(mysqlOnly, { dialect: 'mysql' }));
  failure(mysqlOnly, SQLITE);
});
