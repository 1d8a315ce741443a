import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertScopes, innermost, tokenAt, tokenOf, tokenize } from './textmate.ts';

test('TOML tables, array tables and bare, quoted and dotted keys', async () => {
  const text = [
    '# a comment',
    '[rule.threat_filters."$state"]',
    '[[ rule . threat ]]',
    'bare-key_1 = 1',
    '"quoted \\u0041 key" = 2',
    "site.'literal key'.\"x\" = 3 # trailing",
  ].join('\n');
  const tokens = await tokenize('source.toml', text);
  assertScopes(tokens, text, [
    ['#', 'punctuation.definition.comment.toml'],
    [' a comment', 'comment.line.number-sign.toml'],
    ['[', 'punctuation.definition.table.begin.toml'],
    ['rule', 'entity.name.section.table.toml'],
    ['.', 'punctuation.separator.dot.toml'],
    ['"$state"', 'entity.name.section.table.toml'],
    [']', 'punctuation.definition.table.end.toml'],
    ['[[', 'punctuation.definition.table.array.begin.toml'],
    ['threat', 'entity.name.section.table.array.toml', { from: '[[' }],
    [']]', 'punctuation.definition.table.array.end.toml'],
    ['bare-key_1', 'support.type.property-name.toml'],
    ['=', 'punctuation.separator.key-value.toml'],
    ['\\u0041', 'constant.character.escape.toml'],
    ['site', 'support.type.property-name.toml'],
    ["'literal key'", 'support.type.property-name.toml'],
    ['"x"', 'support.type.property-name.toml'],
    [' trailing', 'comment.line.number-sign.toml'],
  ]);
});

test('TOML strings: basic, literal, both multi-line forms, escapes', async () => {
  const text = [
    's = "tab\\t \\"q\\" \\U0001F600 \\x41 \\q"',
    "l = 'C:\\no\\escapes'",
    'm = """',
    'line \\',
    '  continued \\e""""',
    "r = '''",
    "it's raw\\n''''",
    'after = 1',
  ].join('\n');
  const tokens = await tokenize('source.toml', text);
  assertScopes(tokens, text, [
    ['"', 'punctuation.definition.string.begin.toml'],
    ['\\t', 'constant.character.escape.toml'],
    ['\\"', 'constant.character.escape.toml'],
    ['\\U0001F600', 'constant.character.escape.toml'],
    ['\\x41', 'constant.character.escape.toml'],
    ['\\q', 'invalid.illegal.escape.toml'],
    ["'", 'punctuation.definition.string.begin.toml', { from: 'l =' }],
    ['C:\\no\\escapes', 'string.quoted.single.literal.line.toml'],
    ['"""', 'punctuation.definition.string.begin.toml'],
    ['\\', 'constant.character.escape.line-continuation.toml', { from: 'line ' }],
    ['\\e', 'constant.character.escape.toml', { from: 'continued' }],
    // A closing run of four quotes is one quote of content, then the delimiter.
    ['"', 'string.quoted.triple.basic.block.toml', { from: 'continued \\e' }],
    ["'''", 'punctuation.definition.string.begin.toml'],
    ["it's raw\\n'", 'string.quoted.triple.literal.block.toml'],
    ['after', 'support.type.property-name.toml'],
  ]);
  const closer = tokenAt(tokens, text.indexOf('\\e""""') + 3);
  assert.deepEqual([closer.text, innermost(closer)], ['"""', 'punctuation.definition.string.end.toml']);
});

test('TOML numbers, booleans, dates and times', async () => {
  const text = [
    'ints = [1_000, -17, +0, 0xDEAD_beef, 0o755, 0b1101]',
    'floats = [-0.5e+3, 6.626e-34, 1e6, inf, -nan]',
    'flags = [true, false]',
    'when = [1979-05-27T07:32:00Z, 1979-05-27 00:32:00.999-07:00, 1979-05-27T07:32:00, 1979-05-27, 07:32:00]',
  ].join('\n');
  const tokens = await tokenize('source.toml', text);
  assertScopes(tokens, text, [
    ['1_000', 'constant.numeric.integer.toml'],
    ['-17', 'constant.numeric.integer.toml'],
    ['+0', 'constant.numeric.integer.toml'],
    ['0xDEAD_beef', 'constant.numeric.integer.hexadecimal.toml'],
    ['0o755', 'constant.numeric.integer.octal.toml'],
    ['0b1101', 'constant.numeric.integer.binary.toml'],
    ['-0.5e+3', 'constant.numeric.float.toml'],
    ['6.626e-34', 'constant.numeric.float.toml'],
    ['1e6', 'constant.numeric.float.toml'],
    ['inf', 'constant.numeric.float.special.toml'],
    ['-nan', 'constant.numeric.float.special.toml'],
    ['true', 'constant.language.boolean.toml'],
    ['false', 'constant.language.boolean.toml'],
    ['1979-05-27T07:32:00Z', 'constant.other.time.datetime.offset.toml'],
    ['1979-05-27 00:32:00.999-07:00', 'constant.other.time.datetime.offset.toml'],
    ['1979-05-27T07:32:00', 'constant.other.time.datetime.local.toml', { from: '-07:00, ' }],
    ['1979-05-27', 'constant.other.time.date.toml', { from: '07:32:00,' }],
    ['07:32:00', 'constant.other.time.time.toml', { from: '1979-05-27, ' }],
  ]);
});

test('TOML arrays and inline tables nest and span lines', async () => {
  const text = [
    'tags = [',
    '    "Domain: Endpoint", # why',
    '    [1, { a = 1, "b c".d = "x" }],',
    ']',
    'next = 2',
  ].join('\n');
  const tokens = await tokenize('source.toml', text);
  assertScopes(tokens, text, [
    ['[', 'punctuation.definition.array.begin.toml'],
    ['Domain: Endpoint', 'string.quoted.double.basic.line.toml'],
    [',', 'punctuation.separator.array.toml'],
    [' why', 'comment.line.number-sign.toml'],
    ['{', 'punctuation.definition.table.inline.begin.toml'],
    ['a', 'support.type.property-name.toml', { from: '{' }],
    [',', 'punctuation.separator.table.inline.toml', { from: 'a = 1' }],
    ['"b c"', 'support.type.property-name.toml'],
    ['d', 'support.type.property-name.toml', { from: '"b c"' }],
    ['}', 'punctuation.definition.table.inline.end.toml'],
    [']', 'punctuation.definition.array.end.toml', { from: '}],' }],
    ['next', 'support.type.property-name.toml'],
  ]);
  assert.ok(tokenOf(tokens, text, 'Domain: Endpoint').scopes.includes('meta.array.toml'));
  assert.ok(!tokenOf(tokens, text, 'next').scopes.includes('meta.array.toml'));
});
