import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';

/** The document text under a query span: what a diagnostic there would underline. */
function underlined(text: string, query: string, needle: string, occurrence = 0): string {
  const doc = parseHuntRuleDocument(text);
  const q = doc.queries.find((x) => x.text === query) ?? doc.queries[0];
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = q.text.indexOf(needle, at + 1);
  assert.notEqual(at, -1, `${needle} not in query`);
  const span = q.toDocumentSpan({ start: at, end: at + needle.length });
  return text.slice(span.start, span.end);
}

const RULE_HEAD = '[metadata]\ncreation_date = "2024/01/01"\n\n[rule]\nlanguage = "eql"\ntype = "eql"\n';

test('literal multi-line strings map one to one, after the trimmed first newline', () => {
  const text = `${RULE_HEAD}query = '''\nprocess where process.name == "a\\tb"\n'''\n`;
  const doc = parseHuntRuleDocument(text);
  assert.equal(doc.queries[0].text, 'process where process.name == "a\\tb"\n');
  assert.equal(underlined(text, doc.queries[0].text, 'process.name'), 'process.name');
  assert.equal(underlined(text, doc.queries[0].text, '"a\\tb"'), '"a\\tb"');
});

test('basic multi-line strings: escapes and line-ending backslashes map to their source', () => {
  const text = `${RULE_HEAD}query = """\nprocess where \\\n     process.name == \\"x\\\\y\\" and\nuser.name == "\\u00e9t\\u00e9"\n"""\n`;
  const doc = parseHuntRuleDocument(text);
  const q = doc.queries[0];
  assert.equal(q.text, 'process where process.name == "x\\y" and\nuser.name == "été"\n');
  // An escaped quote decodes to one character but underlines its two source characters.
  assert.equal(underlined(text, q.text, '"x\\y"'), '\\"x\\\\y\\"');
  // After the line-ending backslash the text continues on the next source line.
  assert.equal(underlined(text, q.text, 'process.name'), 'process.name');
  assert.equal(underlined(text, q.text, 'été'), '\\u00e9t\\u00e9');
  assert.equal(underlined(text, q.text, 'user.name'), 'user.name');
});

test('single-line basic strings with escapes', () => {
  const text = `${RULE_HEAD.replace(/eql/g, 'kuery').replace('type = "kuery"', 'type = "query"')}query = "process.name:\\"cmd.exe\\" and user.name:root"\n`;
  const doc = parseHuntRuleDocument(text);
  assert.equal(doc.queries[0].text, 'process.name:"cmd.exe" and user.name:root');
  assert.equal(doc.queries[0].language, 'kuery');
  assert.equal(underlined(text, doc.queries[0].text, 'user.name'), 'user.name');
  assert.equal(underlined(text, doc.queries[0].text, '"cmd.exe"'), '\\"cmd.exe\\"');
});

test('CRLF line endings keep positions exact', () => {
  const text = `${RULE_HEAD}query = '''\r\nprocess where\r\n  process.name == "x"\r\n'''\r\n`.replace(/(?<!\r)\n/g, '\r\n');
  const doc = parseHuntRuleDocument(text);
  const q = doc.queries[0];
  assert.equal(underlined(text, q.text, 'process.name'), 'process.name');
  assert.equal(underlined(text, q.text, '"x"'), '"x"');
});

test('hunt query arrays: each query maps into its own string, with a stray sql line stripped', () => {
  const text = `[hunt]\nname = "x"\nlanguage = ["ES|QL", "SQL"]\nquery = [\n'''sql\nfrom logs-* | limit 1\n''',\n'''\nSELECT * FROM processes\n'''\n]\n`;
  const doc = parseHuntRuleDocument(text);
  assert.equal(doc.kind, 'hunt');
  assert.equal(doc.queries.length, 2);
  assert.equal(doc.queries[0].language, 'esql');
  assert.equal(doc.queries[0].strippedPrefix, 4);
  assert.equal(doc.queries[0].text, 'from logs-* | limit 1\n');
  assert.equal(doc.queries[1].language, 'osquery');
  assert.equal(underlined(text, doc.queries[0].text, 'logs-*'), 'logs-*');
  assert.equal(underlined(text, doc.queries[1].text, 'processes'), 'processes');
  const span = doc.queries[1].toDocumentSpan({ start: 0, end: 6 });
  assert.equal(text.slice(span.start, span.end), 'SELECT');
});
