import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertScopes, innermost, tokenOf, tokenize } from './textmate.ts';

test('ES|QL source commands: index patterns and metadata fields after FROM', async () => {
  const text = 'FROM logs-endpoint.events.process-*, remote:logs-* METADATA _id, _version // sources\n| LIMIT 10';
  const tokens = await tokenize('source.esql', text);
  assertScopes(tokens, text, [
    ['FROM', 'keyword.control.command.esql'],
    ['logs-endpoint.events.process-*', 'entity.name.type.index-pattern.esql'],
    [',', 'punctuation.separator.comma.esql'],
    ['remote:logs-*', 'entity.name.type.index-pattern.esql'],
    ['METADATA', 'keyword.other.esql'],
    ['_id', 'variable.other.field.esql'],
    ['_version', 'variable.other.field.esql'],
    [' sources', 'comment.line.double-slash.esql'],
    ['|', 'keyword.operator.pipe.esql'],
    ['LIMIT', 'keyword.control.command.esql'],
    ['10', 'constant.numeric.integer.esql'],
  ]);
  const row = 'row a = 1, b = "x"';
  const rowTokens = await tokenize('source.esql', row);
  assertScopes(rowTokens, row, [
    ['row', 'keyword.control.command.esql'],
    ['a', 'variable.other.field.esql'],
    ['=', 'keyword.operator.assignment.esql'],
  ]);
});

test('ES|QL processing commands, functions, time spans, casts and parameters (any case)', async () => {
  const text = [
    'from logs-*',
    '| where @timestamp > now() - 7 day and host.os.type == "linux" and not CIDR_MATCH(destination.ip, "10.0.0.0/8")',
    '| eval ip = source.address::ip, d = date_trunc(1 hour, @timestamp), u = my_udf(?threshold)',
    '| LOOKUP  JOIN threat_intel ON source.ip',
    '| stats cc = count(), hosts = count_distinct(host.id) by process.executable',
    '| mv_expand `odd field`',
    '| keep process.*, cc',
    '| sort cc desc nulls last',
  ].join('\n');
  const tokens = await tokenize('source.esql', text);
  assertScopes(tokens, text, [
    ['where', 'keyword.control.command.esql'],
    ['@timestamp', 'variable.other.field.esql'],
    ['>', 'keyword.operator.comparison.esql'],
    ['now', 'support.function.builtin.esql'],
    ['-', 'keyword.operator.arithmetic.esql', { from: 'now()' }],
    ['7', 'constant.numeric.integer.esql'],
    ['day', 'keyword.other.unit.esql'],
    ['and', 'keyword.operator.logical.esql'],
    ['==', 'keyword.operator.comparison.esql'],
    ['linux', 'string.quoted.double.esql'],
    ['not', 'keyword.operator.logical.esql'],
    ['CIDR_MATCH', 'support.function.builtin.esql'],
    ['eval', 'keyword.control.command.esql'],
    ['::', 'keyword.operator.cast.esql'],
    ['ip', 'storage.type.esql', { from: '::' }],
    ['date_trunc', 'support.function.builtin.esql'],
    ['hour', 'keyword.other.unit.esql'],
    ['my_udf', 'entity.name.function.esql'],
    ['?threshold', 'variable.parameter.esql'],
    ['LOOKUP  JOIN', 'keyword.control.command.esql'],
    ['ON', 'keyword.other.esql'],
    ['stats', 'keyword.control.command.esql'],
    ['count_distinct', 'support.function.builtin.esql'],
    ['by', 'keyword.other.esql'],
    ['process.executable', 'variable.other.field.esql'],
    ['mv_expand', 'keyword.control.command.esql'],
    ['`odd field`', 'variable.other.field.esql'],
    ['process.*', 'variable.other.field.esql'],
    ['desc', 'keyword.other.esql'],
    ['nulls last', 'keyword.other.esql'],
  ]);
});

test('ES|QL strings: like wildcards, rlike regexes, triple quotes, escapes, grok patterns', async () => {
  const text = [
    'from logs-*',
    '| where process.name like "python*" and url.path rlike ".*/proxy/(run|exec)(/|$).*"',
    '  and message rlike ("""a"b""", "c\\.d") and x is not null and y in ("a\\tb")',
    '| grok message "%{IP:source.ip} %{WORD:verb}"',
  ].join('\n');
  const tokens = await tokenize('source.esql', text);
  assertScopes(tokens, text, [
    ['like', 'keyword.operator.pattern.esql'],
    ['python', 'string.quoted.double.esql'],
    ['*', 'constant.character.wildcard.esql', { from: 'python' }],
    ['rlike', 'keyword.operator.pattern.esql'],
    ['.*/proxy/(run|exec)(/|$).*', 'string.regexp.esql'],
    ['"""', 'punctuation.definition.string.begin.esql'],
    ['a"b', 'string.regexp.esql'],
    ['\\.', 'invalid.illegal.escape.esql'],
    ['is', 'keyword.operator.is.esql'],
    ['null', 'constant.language.null.esql'],
    ['in', 'keyword.operator.membership.esql'],
    ['\\t', 'constant.character.escape.esql'],
    ['grok', 'keyword.control.command.esql'],
    ['%{IP:source.ip}', 'constant.other.placeholder.esql'],
  ]);
});

test('ES|QL: `ts` is a command only at the start of the query; block comments', async () => {
  const text = 'TS metrics-*\n/* why */ | eval ts = 1';
  const tokens = await tokenize('source.esql', text);
  assert.equal(innermost(tokenOf(tokens, text, 'TS')), 'keyword.control.command.esql');
  assert.equal(innermost(tokenOf(tokens, text, 'metrics-*')), 'entity.name.type.index-pattern.esql');
  assert.equal(innermost(tokenOf(tokens, text, ' why ')), 'comment.block.esql');
  assert.equal(innermost(tokenOf(tokens, text, 'ts', { from: 'eval' })), 'variable.other.field.esql');
});
