// Every TOML file of the reference corpus, tokenized as VS Code would: each query string
// is highlighted in its language from its first word to its closing delimiter, nothing
// embedded leaks outside the strings, and no token is marked invalid except the escapes
// ES|QL really rejects. (Takes a while: 17 MB of TOML through vscode-textmate.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CORPUS, corpusAvailable, corpusQueries, tomlFiles } from '../../support/corpus.ts';
import { GRAMMAR_LANGUAGE, queryStrings } from './corpusStrings.ts';
import { tokenize, type Token } from './textmate.ts';

const skip = !corpusAvailable();

const embeddedLanguage = (token: Token) => token.scopes.find((s) => s.startsWith('meta.embedded.block.'))?.slice('meta.embedded.block.'.length);

interface FileReport {
  queries: number;
  problems: string[];
  invalid: { file: string; text: string; scope: string }[];
}

async function checkFile(path: string, report: FileReport): Promise<void> {
  const file = relative(CORPUS, path);
  const text = readFileSync(path, 'utf8');
  const strings = queryStrings(text);
  const tokens = await tokenize('source.toml', text);
  const problem = (token: Token, what: string) => report.problems.push(`${file}:${token.line + 1}: ${JSON.stringify(token.text)} ${what} (${token.scopes.slice(1).join(' ')})`);
  for (const token of tokens) {
    const invalid = token.scopes.find((s) => s.startsWith('invalid.'));
    if (invalid) report.invalid.push({ file, text: token.text, scope: invalid });
    const inside = strings.find((q) => token.start >= q.contentStart && token.end <= q.contentEnd);
    const language = embeddedLanguage(token);
    if (!inside || inside.language === null) {
      if (token.scopes.some((s) => s.startsWith('meta.embedded'))) problem(token, 'is embedded outside any query');
    } else if (token.start >= inside.textStart && token.text.trim() !== '' && language !== inside.language) {
      problem(token, `is ${language ?? 'not embedded'}, expected ${inside.language}`);
    }
  }
  for (const q of strings) {
    report.queries++;
    const delimiter = text.slice(q.contentEnd, q.end);
    const closer = tokens.find((t) => t.start === q.contentEnd);
    if (!closer || closer.text !== delimiter || !closer.scopes.includes('punctuation.definition.string.end.toml')) {
      report.problems.push(`${file}: ${q.path} does not close at its ${delimiter}`);
    }
  }
}

for (const root of ['rules', 'rules_building_block', 'hunting']) {
  test(`corpus ${root}/: every query string gets its language, between its delimiters only`, { skip }, async () => {
    const report: FileReport = { queries: 0, problems: [], invalid: [] };
    const files = tomlFiles(join(CORPUS, root));
    for (const path of files) await checkFile(path, report);
    assert.deepEqual(report.problems.slice(0, 20), [], `${report.problems.length} problems`);
    assert.ok(report.queries > 100, `${root}: only ${report.queries} query strings`);
    if (root !== 'hunting') {
      assert.deepEqual(report.invalid, []);
    } else {
      // One upstream hunt escapes regex characters in ES|QL strings (`"\."`), which the
      // ES|QL lexer rejects: only `\t \n \r \" \\` are escapes there.
      const file = 'hunting/azure/queries/aks_kubelet_proxy_command_execution_from_external_source.toml';
      assert.deepEqual([...new Set(report.invalid.map((i) => `${i.file} ${i.scope} ${i.text}`))].sort(), [
        `${file} invalid.illegal.escape.esql \\.`,
        `${file} invalid.illegal.escape.esql \\?`,
      ]);
      assert.equal(report.invalid.length, 16);
    }
  });
}

test('with no `language` key, the opening words alone pick every corpus query\'s language (Lucene reads as KQL)', { skip }, async () => {
  const wrong: string[] = [];
  const queries = corpusQueries();
  for (const q of queries) {
    assert.ok(!q.text.includes("'''"), q.file);
    const toml = `query = '''\n${q.text}'''\n`;
    const tokens = await tokenize('source.toml', toml);
    const expected = q.language === 'lucene' ? 'kql' : GRAMMAR_LANGUAGE[q.language];
    const first = tokens.find((t) => t.start > 12 && t.text.trim() !== '' && !t.scopes.some((s) => s.startsWith('comment.') && s.endsWith('.query.toml')));
    if (!first || embeddedLanguage(first) !== expected || tokens.some((t) => t.start > 12 && t.end <= toml.length - 5 && t.text.trim() && embeddedLanguage(t) !== expected && !t.scopes.some((s) => s.endsWith('.query.toml')))) {
      wrong.push(`${relative(CORPUS, q.file)} ${q.key}[${q.index}]: expected ${expected}, first token ${JSON.stringify(first?.text)} is ${first && embeddedLanguage(first)}`);
    }
  }
  assert.equal(queries.length, 2334);
  assert.deepEqual(wrong, []);
});
