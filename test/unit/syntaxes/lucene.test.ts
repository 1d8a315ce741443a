import { test } from 'node:test';
import { assertScopes, tokenize } from './textmate.ts';

test('Lucene fields, upper-case operators, modifiers, regexes and wildcards', async () => {
  const text = 'event.category:process AND process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:ro?t* && +host.name:web -tag:test || !x:y or z';
  const tokens = await tokenize('source.lucene', text);
  assertScopes(tokens, text, [
    ['event.category', 'variable.other.field.lucene'],
    [':', 'keyword.operator.comparison.lucene'],
    ['process', 'string.unquoted.lucene'],
    ['AND', 'keyword.operator.logical.lucene'],
    ['g+s', 'string.unquoted.lucene'],
    ['OR', 'keyword.operator.logical.lucene'],
    ['/', 'punctuation.definition.string.begin.lucene'],
    ['2[0-9]{3}', 'string.regexp.lucene'],
    ['NOT', 'keyword.operator.logical.lucene'],
    ['ro', 'string.unquoted.lucene', { from: 'user.name:' }],
    ['?', 'constant.character.wildcard.lucene'],
    ['*', 'constant.character.wildcard.lucene', { from: 'ro?t' }],
    ['&&', 'keyword.operator.logical.lucene'],
    ['+', 'keyword.operator.modifier.lucene', { from: '&& ' }],
    ['-', 'keyword.operator.modifier.lucene', { from: 'web' }],
    ['||', 'keyword.operator.logical.lucene'],
    ['!', 'keyword.operator.logical.lucene'],
    // Lower-case `or` is a term in Lucene.
    ['or', 'string.unquoted.lucene', { from: 'x:y' }],
  ]);
});

test('Lucene ranges, phrases with proximity, fuzziness, boosts, _exists_ and escapes', async () => {
  const text = 'port:[1024 TO *] AND bytes:{0 TO 100} AND age:>=10 AND msg:"quick fox"~3 AND name:jon~1^2.5 AND _exists_:user.id AND path:C\\:\\\\tmp';
  const tokens = await tokenize('source.lucene', text);
  assertScopes(tokens, text, [
    ['[', 'punctuation.section.range.begin.lucene'],
    ['1024', 'constant.numeric.lucene'],
    ['TO', 'keyword.operator.range.lucene'],
    [']', 'punctuation.section.range.end.lucene'],
    ['{', 'punctuation.section.range.begin.lucene'],
    ['}', 'punctuation.section.range.end.lucene'],
    ['>=', 'keyword.operator.comparison.lucene'],
    ['10', 'constant.numeric.lucene', { from: '>=' }],
    ['quick fox', 'string.quoted.double.lucene'],
    ['~', 'keyword.operator.fuzzy.lucene'],
    ['3', 'constant.numeric.lucene', { from: '~3' }],
    ['jon', 'string.unquoted.lucene'],
    ['^', 'keyword.operator.boost.lucene'],
    ['2.5', 'constant.numeric.lucene'],
    ['_exists_', 'support.variable.exists.lucene'],
    ['user.id', 'string.unquoted.lucene'],
    ['\\:', 'constant.character.escape.lucene'],
  ]);
});
