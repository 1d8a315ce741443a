// Query highlighting: exact tokens on small queries per language, and on every corpus query
// the HTML gives back the query text exactly, with nothing unescaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusQueries } from '../../support/corpus.ts';
import { classifyTokens, escapeHtml, highlightHtml, highlightLanguageOf } from '../../../server/docs/highlight.ts';
import type { HighlightLanguage } from '../../../server/docs/highlight.ts';

/** Tokens as `class:text`, which reads better in failures than offsets. */
function tokens(code: string, language: HighlightLanguage): string[] {
  return classifyTokens(code, language).map((token) => `${token.class}:${code.slice(token.start, token.end)}`);
}

function unhighlight(html: string): string {
  return html
    .replace(/<span class="hk-[a-z]+">|<\/span>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

test('language names from fence info words and hunt languages', () => {
  assert.deepEqual(
    ['eql', 'ES|QL', 'esql', 'kuery', 'KQL', 'lucene', 'sql', 'osquery', 'yaml', ''].map(highlightLanguageOf),
    ['eql', 'esql', 'esql', 'kql', 'kql', 'lucene', 'sql', 'sql', undefined, undefined],
  );
});

test('EQL: event category and keywords, fields, functions, strings, time spans, pipes, comments', () => {
  const code = 'sequence by host.id with maxspan=30s\n  [process where process.name : "a\\"b" and length(`odd name`) > 2] // c\n| head 5';
  assert.deepEqual(tokens(code, 'eql'), [
    'keyword:sequence', 'keyword:by', 'field:host.id', 'keyword:with', 'keyword:maxspan', 'operator:=', 'number:30s',
    'keyword:process', 'keyword:where', 'field:process.name', 'operator::', 'string:"a\\"b"', 'keyword:and',
    'function:length', 'field:`odd name`', 'operator:>', 'number:2', 'comment:// c',
    'operator:|', 'keyword:head', 'number:5',
  ]);
  assert.deepEqual(classifyTokens('any where true', 'eql'), [
    { start: 0, end: 3, class: 'keyword' },
    { start: 4, end: 9, class: 'keyword' },
    { start: 10, end: 14, class: 'keyword' },
  ]);
  assert.deepEqual(tokens('x like~ ?"C:\\raw" or y == """tri"ple"""', 'eql'), [
    'field:x', 'keyword:like', 'operator:~', 'string:?"C:\\raw"', 'keyword:or', 'field:y', 'operator:==', 'string:"""tri"ple"""',
  ]);
});

test('ES|QL: commands after pipes, index patterns left plain, functions, time units, casts', () => {
  const code = 'FROM logs-endpoint.events.* METADATA _id\n/* c */ | WHERE @timestamp > NOW() - 7 days AND x::long IS NOT NULL\n| STATS n = COUNT(*) BY `host.name`';
  assert.deepEqual(tokens(code, 'esql'), [
    'keyword:FROM', 'keyword:METADATA', 'field:_id', 'comment:/* c */',
    'operator:|', 'keyword:WHERE', 'field:@timestamp', 'operator:>', 'function:NOW', 'operator:-', 'number:7', 'keyword:days',
    'keyword:AND', 'field:x', 'operator:::', 'field:long', 'keyword:IS', 'keyword:NOT', 'keyword:NULL',
    'operator:|', 'keyword:STATS', 'field:n', 'operator:=', 'function:COUNT', 'operator:*', 'keyword:BY', 'field:`host.name`',
  ]);
  assert.deepEqual(tokens('from "logs-*", other | limit 1', 'esql'), ['keyword:from', 'string:"logs-*"', 'operator:|', 'keyword:limit', 'number:1']);
});

test('KQL: a word before `:` or a range operator is a field; and/or/not are keywords; numbers; wildcards stay plain', () => {
  const code = 'event.category:process and not process.name : (bash or "s h") and bytes >= 10 and path: C\\:\\\\win*';
  assert.deepEqual(tokens(code, 'kql'), [
    'field:event.category', 'operator::', 'keyword:and', 'keyword:not', 'field:process.name', 'operator::',
    'keyword:or', 'string:"s h"', 'keyword:and', 'field:bytes', 'operator:>=', 'number:10', 'keyword:and', 'field:path', 'operator::',
  ]);
});

test('Lucene: fields, upper-case operators only, ranges, regexes, boosts', () => {
  const code = 'process.name:(cmd.exe OR powershell.exe) AND -user.name:admin and size:[1 TO 5] path:/et.*/ x^2';
  assert.deepEqual(tokens(code, 'lucene'), [
    'field:process.name', 'operator::', 'keyword:OR', 'keyword:AND', 'operator:-', 'field:user.name', 'operator::',
    'field:size', 'operator::', 'number:1', 'keyword:TO', 'number:5', 'field:path', 'operator::', 'string:/et.*/',
    'operator:^', 'number:2',
  ]);
});

test('SQL (osquery): keywords any case, functions, quoted names, strings with doubled quotes, comments', () => {
  const code = 'SELECT p.name, datetime(p.start_time, \'unix\'\'epoch\') AS "start" FROM processes p WHERE p.pid > 0x10; -- done';
  assert.deepEqual(tokens(code, 'sql'), [
    'keyword:SELECT', 'field:p', 'field:name', 'function:datetime', 'field:p', 'field:start_time', "string:'unix''epoch'",
    'keyword:AS', 'field:"start"', 'keyword:FROM', 'field:processes', 'field:p', 'keyword:WHERE', 'field:p', 'field:pid',
    'operator:>', 'number:0x10', 'comment:-- done',
  ]);
});

test('unterminated strings and comments run to the end; stray characters are kept', () => {
  assert.deepEqual(tokens('a == "open', 'eql'), ['field:a', 'operator:==', 'string:"open']);
  assert.deepEqual(tokens('x /* open', 'esql'), ['keyword:x', 'comment:/* open']);
  assert.equal(unhighlight(highlightHtml('a:b \\', 'kql')), 'a:b \\');
  assert.equal(unhighlight(highlightHtml('a # $ \u{1F600} b', 'eql')), 'a # $ \u{1F600} b');
});

test('everything is escaped: markup in a query is text', () => {
  const code = 'process where process.name == "<img src=x onerror=alert(1)>" and x < 1 & \'y\'';
  const html = highlightHtml(code, 'eql');
  assert.ok(html.includes('<span class="hk-string">&quot;&lt;img src=x onerror=alert(1)&gt;&quot;</span>'), html);
  assert.ok(!/<(?!span class="hk-[a-z]+">|\/span>)/.test(html), html);
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('every corpus query: tokens in order and in bounds, and the HTML gives back exactly the query text', () => {
  const queries = corpusQueries();
  assert.ok(queries.length > 2000, `${queries.length} queries`);
  const languages: Record<string, HighlightLanguage> = { eql: 'eql', esql: 'esql', kuery: 'kql', lucene: 'lucene', osquery: 'sql' };
  const classified = new Map<string, number>();
  for (const query of queries) {
    const language = languages[query.language];
    let position = 0;
    for (const token of classifyTokens(query.text, language)) {
      assert.ok(token.start >= position && token.end > token.start && token.end <= query.text.length, `${query.file}: token ${JSON.stringify(token)}`);
      position = token.end;
      classified.set(token.class, (classified.get(token.class) ?? 0) + 1);
    }
    const html = highlightHtml(query.text, language);
    assert.equal(unhighlight(html), query.text, query.file);
    assert.ok(!/<(?!span class="hk-[a-z]+">|\/span>)/.test(html), `${query.file}: raw markup`);
  }
  for (const tokenClass of ['keyword', 'string', 'number', 'comment', 'function', 'field', 'operator']) assert.ok((classified.get(tokenClass) ?? 0) > 100, tokenClass);
});
