import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertScopes, innermost, tokenOf, tokenize } from './textmate.ts';

test('KQL fields, values, groups, ranges and keywords in any case', async () => {
  const text = [
    'event.category:process AND event.type:(start or process_started) and',
    'not process.name : "power shell.exe" and event.code >= 4624',
    'or user:{ name: bob }',
  ].join('\n');
  const tokens = await tokenize('source.kql', text);
  assertScopes(tokens, text, [
    ['event.category', 'variable.other.field.kql'],
    [':', 'keyword.operator.comparison.kql'],
    ['process', 'string.unquoted.kql'],
    ['AND', 'keyword.operator.logical.kql'],
    ['(', 'punctuation.section.group.begin.kql'],
    ['start', 'string.unquoted.kql'],
    ['or', 'keyword.operator.logical.kql', { from: '(start' }],
    ['process_started', 'string.unquoted.kql'],
    [')', 'punctuation.section.group.end.kql'],
    ['not', 'keyword.operator.logical.kql'],
    ['process.name', 'variable.other.field.kql'],
    ['power shell.exe', 'string.quoted.double.kql'],
    ['>=', 'keyword.operator.comparison.kql'],
    ['4624', 'constant.numeric.kql'],
    ['or', 'keyword.operator.logical.kql', { from: '\nor' }],
    ['user', 'variable.other.field.kql'],
    ['{', 'punctuation.section.braces.begin.kql'],
    ['name', 'variable.other.field.kql', { from: '{' }],
    ['bob', 'string.unquoted.kql'],
    ['}', 'punctuation.section.braces.end.kql'],
  ]);
});

test('KQL wildcards and escapes, inside and outside quotes', async () => {
  const text = 'file.path:C\\:\\\\Windows\\\\*.exe and host.*:web\\ 01 and msg:"a \\"b\\" \\d" and x:\\and y and z:bad\\q';
  const tokens = await tokenize('source.kql', text);
  assertScopes(tokens, text, [
    ['file.path', 'variable.other.field.kql'],
    ['C', 'string.unquoted.kql'],
    ['\\:', 'constant.character.escape.kql'],
    ['\\\\', 'constant.character.escape.kql'],
    ['*', 'constant.character.wildcard.kql'],
    ['.exe', 'string.unquoted.kql'],
    ['host.', 'variable.other.field.kql'],
    ['*', 'constant.character.wildcard.kql', { from: 'host.' }],
    ['\\"', 'constant.character.escape.kql'],
    // Inside quotes an unknown escape is the backslash itself, not an error.
    [' \\d', 'string.quoted.double.kql'],
    ['\\and', 'constant.character.escape.kql'],
    ['\\q', 'invalid.illegal.escape.kql'],
  ]);
});

test('KQL keywords need surrounding whitespace: `orange` and `android` are values', async () => {
  const text = 'fruit:orange or os:android';
  const tokens = await tokenize('source.kql', text);
  assert.equal(innermost(tokenOf(tokens, text, 'orange')), 'string.unquoted.kql');
  assert.equal(innermost(tokenOf(tokens, text, 'android')), 'string.unquoted.kql');
  assert.equal(innermost(tokenOf(tokens, text, 'or', { from: ' or ' })), 'keyword.operator.logical.kql');
});
