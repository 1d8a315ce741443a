import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSnippet } from './expandSnippet.ts';

test('placeholders expand to their text and mirrors copy the first placeholder', () => {
  assert.equal(expandSnippet('id = "${1:T1059}" url = "/${1}/" $1', {}), 'id = "T1059" url = "/T1059/" T1059');
});

test('typed values replace placeholders and their mirrors', () => {
  assert.equal(expandSnippet('id = "${1:T1059}.${2:001}" url = "/${1}/${2}/"', {}, { 1: 'T1548', 2: '002' }), 'id = "T1548.002" url = "/T1548/002/"');
});

test('nested placeholders expand inside their parent', () => {
  assert.equal(expandSnippet('${1:from ${2:logs-*} | limit 10}', {}), 'from logs-* | limit 10');
});

test('a choice takes its first option, with escaped bars and commas', () => {
  assert.equal(expandSnippet('["${1|ES\\|QL,EQL\\,x|}"]', {}), '["ES|QL"]');
});

test('variables take the given values, else their default', () => {
  assert.equal(expandSnippet('$UUID ${CURRENT_YEAR} ${NOPE:fallback}', { UUID: 'u-1', CURRENT_YEAR: '2026' }), 'u-1 2026 fallback');
});

test('escaped dollar, brace and backslash are literal', () => {
  assert.equal(expandSnippet('\\$1 ${1:a\\}b} \\\\', {}), '$1 a}b \\');
});

test('an unknown variable without default and a transform are rejected', () => {
  assert.throws(() => expandSnippet('$NOPE', {}), /unknown snippet variable \$NOPE/);
  assert.throws(() => expandSnippet('${1/a/b/}', {}), /unsupported snippet syntax/);
});
