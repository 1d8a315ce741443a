import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osqueryFrontEnd, osqueryNodePath } from '../../../server/osquery/index.ts';
import type { OsqueryQuery } from '../../../server/osquery/index.ts';

function parseClean(text: string): OsqueryQuery {
  const { ast, diagnostics } = osqueryFrontEnd.parse(text);
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return ast;
}

describe('osquery parser', () => {
  it('keeps the sqlite CST with ranges', () => {
    const ast = parseClean('SELECT pid FROM processes;');
    assert.equal(ast.cst?.type, 'program');
    assert.deepEqual(ast.cst?.range, [0, 26]);
    assert.equal(ast.cst?.statements[0].type, 'select_stmt');
  });

  it('lists the tables with their aliases, and the columns with their qualifiers', () => {
    const text = "SELECT f.path, u.username AS owner, mtime FROM file f LEFT JOIN users AS u ON f.uid = u.uid WHERE f.path LIKE '/etc/%%'";
    const ast = parseClean(text);
    assert.deepEqual(ast.tables, [
      { name: 'file', alias: 'f', span: { start: 47, end: 51 } },
      { name: 'users', alias: 'u', span: { start: 64, end: 69 } },
    ]);
    assert.deepEqual(
      ast.columns.map((c) => `${c.qualifier ?? ''}.${c.name}@${c.span.start}`),
      ['f.path@9', 'u.username@17', '.mtime@36', 'f.uid@80', 'u.uid@88', 'f.path@100'],
    );
  });

  it('reads osquery\'s `groups` table, which sql-parser-cst reserves as a keyword', () => {
    const text = 'SELECT g.groupname FROM users u JOIN groups g ON u.gid = g.gid WHERE groups.gid > 0';
    const ast = parseClean(text);
    assert.deepEqual(ast.tables.map((t) => [t.name, t.alias, text.slice(t.span.start, t.span.end)]), [
      ['users', 'u', 'users'],
      ['groups', 'g', 'groups'],
    ]);
    assert.deepEqual(ast.columns.at(-1), { name: 'gid', qualifier: 'groups', span: { start: 76, end: 79 }, quoted: false });
    assert.deepEqual(parseClean('SELECT * FROM groups').tables.map((t) => t.name), ['groups']);
  });

  it('leaves `groups` and `window` alone in strings and where they are keywords', () => {
    const strings = parseClean("SELECT * FROM groups WHERE groupname = 'groups' -- groups");
    const where = strings.cst?.statements[0];
    assert.ok(where?.type === 'select_stmt');
    assert.match(JSON.stringify(where), /"type":"string_literal","text":"'groups'","value":"groups"/);
    const frame = parseClean('SELECT sum(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM groups');
    assert.deepEqual([frame.tables.map((t) => t.name), frame.columns.map((c) => c.name)], [['groups'], ['x', 'y']]);
    const named = parseClean('SELECT sum(x) OVER w FROM window WINDOW w AS (PARTITION BY z ORDER BY y)');
    assert.deepEqual([named.tables.map((t) => t.name), named.columns.map((c) => c.name)], [['window'], ['x', 'z', 'y']]);
  });

  it('leaves common table expressions out of the tables and marks double-quoted names', () => {
    const ast = parseClean('WITH recent AS (SELECT pid FROM processes) SELECT * FROM recent WHERE name = "sshd"');
    assert.deepEqual(ast.tables.map((t) => t.name), ['processes']);
    assert.deepEqual(ast.columns.map((c) => [c.name, c.quoted]), [['pid', false], ['name', false], ['sshd', true]]);
  });

  it('parses osquery idioms', () => {
    for (const text of [
      "SELECT * FROM file WHERE path LIKE '/home/%/.ssh/%%'",
      "SELECT * FROM processes WHERE regex_match(cmdline, '^/tmp/', 0) IS NOT NULL",
      'SELECT * FROM hash JOIN file USING (path) WHERE file.directory = \'/bin\'',
      "SELECT (CASE family WHEN 2 THEN 'IP4' ELSE family END) AS family FROM process_open_sockets",
      'SELECT * FROM kernel_info;',
      '-- only a comment',
      '',
    ]) {
      parseClean(text);
    }
  });

  it('finds the CST node under an offset', () => {
    const ast = parseClean('SELECT name FROM processes WHERE pid = 1');
    const path = osqueryNodePath(ast, 35);
    assert.deepEqual(path.map((n) => n.type), ['program', 'select_stmt', 'where_clause', 'binary_expr', 'identifier']);
    assert.deepEqual(osqueryNodePath(osqueryFrontEnd.parse('SELECT (').ast, 3), []);
  });
});
