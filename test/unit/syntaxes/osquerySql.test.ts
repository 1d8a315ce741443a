import { test } from 'node:test';
import { assertScopes, tokenize } from './textmate.ts';

test('osquery SQL keywords, tables, qualified columns, functions and strings', async () => {
  const text = [
    '-- file owners',
    'select f.path, u.username AS owner, datetime(f.mtime, \'unixepoch\') AS modified, my_fn(f.size), COUNT(*)',
    'FROM file f LEFT JOIN users u ON f.uid = u.uid',
    'WHERE f.path LIKE \'/etc/cron.%\' AND f.path NOT IN (\'it\'\'s\', "/tmp") OR f.size > 0x10',
    '  AND f.directory = {{file.directory}} /* templated */;',
  ].join('\n');
  const tokens = await tokenize('source.osquery-sql', text);
  assertScopes(tokens, text, [
    [' file owners', 'comment.line.double-dash.osquery-sql'],
    ['select', 'keyword.other.osquery-sql'],
    ['f', 'variable.other.table.osquery-sql', { from: 'f.path' }],
    ['path', 'variable.other.column.osquery-sql'],
    ['AS', 'keyword.other.osquery-sql'],
    ['datetime', 'support.function.osquery-sql'],
    ['unixepoch', 'string.quoted.single.osquery-sql'],
    ['my_fn', 'entity.name.function.osquery-sql'],
    ['COUNT', 'support.function.osquery-sql'],
    ['*', 'keyword.operator.star.osquery-sql'],
    ['FROM', 'keyword.other.osquery-sql'],
    ['file', 'entity.name.type.table.osquery-sql', { from: 'FROM' }],
    ['LEFT', 'keyword.other.osquery-sql'],
    ['JOIN', 'keyword.other.osquery-sql'],
    ['users', 'entity.name.type.table.osquery-sql'],
    ['=', 'keyword.operator.comparison.osquery-sql'],
    ['LIKE', 'keyword.operator.pattern.osquery-sql'],
    ['NOT', 'keyword.operator.logical.osquery-sql'],
    ['IN', 'keyword.operator.membership.osquery-sql', { from: 'NOT ' }],
    ["''", 'constant.character.escape.osquery-sql'],
    ['/tmp', 'string.quoted.double.osquery-sql'],
    ['0x10', 'constant.numeric.hexadecimal.osquery-sql'],
    ['{{file.directory}}', 'variable.other.placeholder.osquery-sql'],
    [' templated ', 'comment.block.osquery-sql'],
    [';', 'punctuation.terminator.statement.osquery-sql'],
  ]);
});
