import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertScopes, innermost, tokenOf, tokenize } from './textmate.ts';

test('EQL sequences: keywords, parameters with time units, event categories, fields', async () => {
  const text = [
    'sequence by host.id, process.entity_id with maxspan=1m',
    '  [process where process.name : "rundll32.exe"] with runs=2',
    '  ![file where ?process.parent.name != null]',
    'until [any where true]',
  ].join('\n');
  const tokens = await tokenize('source.eql', text);
  assertScopes(tokens, text, [
    ['sequence', 'keyword.other.eql'],
    ['by', 'keyword.other.eql'],
    ['host.id', 'variable.other.field.eql'],
    ['process.entity_id', 'variable.other.field.eql'],
    ['with', 'keyword.other.eql'],
    ['maxspan', 'keyword.other.parameter.eql'],
    ['=', 'keyword.operator.assignment.eql'],
    ['1', 'constant.numeric.integer.eql'],
    ['m', 'keyword.other.unit.eql', { from: '=1m' }],
    ['[', 'punctuation.section.brackets.begin.eql'],
    ['process', 'entity.name.type.event-category.eql', { from: '[process' }],
    ['where', 'keyword.other.eql'],
    [':', 'keyword.operator.comparison.eql'],
    ['rundll32.exe', 'string.quoted.double.eql'],
    ['runs', 'keyword.other.parameter.eql'],
    ['2', 'constant.numeric.integer.eql', { from: 'runs' }],
    ['!', 'keyword.operator.missing-event.eql'],
    ['file', 'entity.name.type.event-category.eql'],
    ['?', 'keyword.operator.optional.eql'],
    ['process.parent.name', 'variable.other.field.eql'],
    ['!=', 'keyword.operator.comparison.eql'],
    ['null', 'constant.language.null.eql'],
    ['until', 'keyword.other.eql'],
    ['any', 'keyword.other.eql'],
    ['true', 'constant.language.boolean.eql'],
  ]);
});

test('EQL operators: case-insensitive variants, lists, wildcards and regex operands', async () => {
  const text = [
    'process where process.name like~ ("cmd*.exe", "pw?.exe") and not process.args in~ ("-enc") and',
    '  process.command_line regex~ """\\".*\\.exe[^\\"].*""" and file.path regex ("/tmp/[a-z]+", "/dev/shm/.*") and',
    '  process.pid + 1 > 2.5e3',
  ].join('\n');
  const tokens = await tokenize('source.eql', text);
  assertScopes(tokens, text, [
    ['like~', 'keyword.operator.pattern.eql'],
    ['*', 'constant.character.wildcard.eql'],
    ['?', 'constant.character.wildcard.eql', { from: 'pw?' }],
    ['and', 'keyword.operator.logical.eql'],
    ['not', 'keyword.operator.logical.eql'],
    ['in~', 'keyword.operator.membership.eql'],
    ['regex~', 'keyword.operator.pattern.eql'],
    ['"""', 'punctuation.definition.string.begin.eql'],
    ['\\".*\\.exe[^\\"].*', 'string.regexp.eql'],
    ['regex', 'keyword.operator.pattern.eql', { from: 'file.path' }],
    ['/tmp/[a-z]+', 'string.regexp.eql'],
    ['/dev/shm/.*', 'string.regexp.eql'],
    ['+', 'keyword.operator.arithmetic.eql', { from: 'process.pid' }],
    ['>', 'keyword.operator.comparison.eql'],
    ['2.5e3', 'constant.numeric.decimal.eql'],
  ]);
});

test('EQL functions, escapes, backtick fields, comments and pipes', async () => {
  const text = [
    '/* block',
    '   comment */',
    'network where cidrMatch(destination.ip, "10.0.0.0/8") and startsWith~(file.path, "C:\\\\Windows\\\\") and',
    '  myPlugin(`odd-field`) == "tab\\there \\q" // trailing',
    '| head 5',
  ].join('\n');
  const tokens = await tokenize('source.eql', text);
  assertScopes(tokens, text, [
    ['/*', 'punctuation.definition.comment.begin.eql'],
    ['   comment ', 'comment.block.eql'],
    ['network', 'entity.name.type.event-category.eql'],
    ['cidrMatch', 'support.function.eql'],
    ['startsWith', 'support.function.eql'],
    ['~', 'keyword.operator.case-insensitive.eql'],
    ['\\\\', 'constant.character.escape.eql'],
    ['myPlugin', 'entity.name.function.eql'],
    ['`odd-field`', 'variable.other.field.eql'],
    ['\\t', 'constant.character.escape.eql'],
    ['\\q', 'invalid.illegal.escape.eql'],
    [' trailing', 'comment.line.double-slash.eql'],
    ['|', 'keyword.operator.pipe.eql'],
    ['head', 'keyword.control.command.eql'],
    ['5', 'constant.numeric.integer.eql'],
  ]);
});

test('EQL keywords are lowercase and never part of a field path', async () => {
  const text = 'process where process.sequence == 1 and Sequence == 2 and user.in == 3';
  const tokens = await tokenize('source.eql', text);
  assert.equal(innermost(tokenOf(tokens, text, 'process.sequence')), 'variable.other.field.eql');
  assert.equal(innermost(tokenOf(tokens, text, 'Sequence')), 'variable.other.field.eql');
  assert.equal(innermost(tokenOf(tokens, text, 'user.in')), 'variable.other.field.eql');
});

test('an EQL string left open stops at the end of its line', async () => {
  const text = 'process where process.name == "cmd.exe\nand true';
  const tokens = await tokenize('source.eql', text);
  assert.equal(innermost(tokenOf(tokens, text, 'cmd.exe')), 'string.quoted.double.eql');
  assert.equal(innermost(tokenOf(tokens, text, 'and')), 'keyword.operator.logical.eql');
});
