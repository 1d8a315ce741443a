// Queries inside hunt and rule TOML files get their own language's scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';
import { assertScopes, innermost, tokenAt, tokenOf, tokenize, type Token } from './textmate.ts';

const skip = !corpusAvailable();

async function corpusFile(path: string): Promise<{ text: string; tokens: Token[] }> {
  const text = readFileSync(join(CORPUS, path), 'utf8');
  return { text, tokens: await tokenize('source.toml', text) };
}

/** The embedded language of a token, or undefined when it is plain TOML. */
function embedded(token: Token): string | undefined {
  return token.scopes.find((s) => s.startsWith('meta.embedded.block.'))?.slice('meta.embedded.block.'.length);
}

function assertLanguage(tokens: Token[], text: string, needle: string, language: string | undefined, from?: string): void {
  const token = tokenOf(tokens, text, needle, { from });
  assert.equal(embedded(token), language, `${JSON.stringify(needle)}: ${token.scopes.join(' ')}`);
  if (language) assert.ok(token.scopes.includes(`source.${language}`), `${needle} lacks source.${language}`);
}

test('an EQL rule: the query after `language = "eql"` gets source.eql scopes', { skip }, async () => {
  const { text, tokens } = await corpusFile('rules/windows/defense_evasion_unusual_network_connection_via_rundll32.toml');
  assertScopes(tokens, text, [
    ['query', 'support.type.property-name.toml', { from: "\nquery = '''" }],
    ["'''", 'punctuation.definition.string.begin.toml', { from: "\nquery = '''" }],
    ['sequence', 'keyword.other.eql'],
    ['host.id', 'variable.other.field.eql', { from: 'sequence' }],
    ['maxspan', 'keyword.other.parameter.eql'],
    ['m', 'keyword.other.unit.eql', { from: '=1m' }],
    ['process', 'entity.name.type.event-category.eql', { from: '[process' }],
    ['rundll32.exe', 'string.quoted.double.eql', { from: 'process.name :' }],
    ['/*', 'punctuation.definition.comment.begin.eql'],
    ['regex~', 'keyword.operator.pattern.eql'],
    ['\\".*\\.exe[^\\"].*', 'string.regexp.eql'],
    ['network', 'entity.name.type.event-category.eql', { from: '[network' }],
    ['cidrmatch', 'support.function.eql'],
    ['FF00::/8', 'string.quoted.double.eql'],
    ['framework', 'support.type.property-name.toml'],
  ]);
  assertLanguage(tokens, text, 'sequence', 'eql');
  assertLanguage(tokens, text, 'cidrmatch', 'eql');
  assertLanguage(tokens, text, 'eql', undefined, 'language = ');
  assert.ok(tokenOf(tokens, text, 'eql', { from: 'language = ' }).scopes.includes('meta.section.query-language.eql.toml'));
  // The closing delimiter and what follows are TOML again.
  const closer = tokenAt(tokens, text.indexOf("'''", text.indexOf('FF00::/8')));
  assert.deepEqual([closer.text, innermost(closer), embedded(closer)], ["'''", 'punctuation.definition.string.end.toml', undefined]);
  assert.ok(!tokenOf(tokens, text, 'framework').scopes.some((s) => s.startsWith('meta.section')));
});

test('an ES|QL hunt: every string of the query array gets source.esql scopes', { skip }, async () => {
  const { text, tokens } = await corpusFile('hunting/linux/queries/command_and_control_via_network_connections_with_low_occurrence_frequency_for_unique_agents.toml');
  for (let i = 0; i < 3; i++) {
    assertScopes(tokens, text, [
      ['from', 'keyword.control.command.esql', { occurrence: i, from: 'query = [' }],
      ['logs-endpoint.events.network-*', 'entity.name.type.index-pattern.esql', { occurrence: i }],
      ['CIDR_MATCH', 'support.function.builtin.esql', { occurrence: i }],
      ['count_distinct', 'support.function.builtin.esql', { occurrence: i }],
      ['IS', 'keyword.operator.is.esql', { occurrence: i }],
      ['day', 'keyword.other.unit.esql', { occurrence: i }],
      ['stats', 'keyword.control.command.esql', { occurrence: i }],
    ]);
    assertLanguage(tokens, text, 'sort', 'esql', i === 0 ? 'query = [' : `'''`.repeat(0) + text.split("'''").slice(0, 2 * i + 1).join("'''"));
  }
  assertScopes(tokens, text, [
    ['like', 'keyword.operator.pattern.esql'],
    ['python', 'string.quoted.double.esql'],
    ['rlike', 'keyword.operator.pattern.esql'],
    ['/tmp/[^/]+', 'string.regexp.esql'],
    [',', 'punctuation.separator.array.toml', { from: "| sort cc asc\n'''" }],
    [']', 'punctuation.definition.array.end.toml', { from: "| sort cc asc\n'''\n]" }],
  ]);
});

test('a KQL rule: fields, values with wildcards and keywords get source.kql scopes', { skip }, async () => {
  const { text, tokens } = await corpusFile('rules/cross-platform/defense_evasion_genai_config_modification.toml');
  assertScopes(tokens, text, [
    ['event.category', 'variable.other.field.kql', { from: "query = '''" }],
    [':', 'keyword.operator.comparison.kql', { from: "query = '''" }],
    ['file', 'string.quoted.double.kql', { from: 'event.category : "' }],
    ['and', 'keyword.operator.logical.kql', { from: "query = '''" }],
    ['(', 'punctuation.section.group.begin.kql', { from: 'event.action :' }],
    ['*', 'constant.character.wildcard.kql', { from: 'file.path : (' }],
    ['/.cursor/mcp.json', 'string.unquoted.kql'],
    ['or', 'keyword.operator.logical.kql', { from: 'mcp.json' }],
    ['field', 'support.type.property-name.toml', { from: '[rule.new_terms]' }],
  ]);
  assertLanguage(tokens, text, '/.cursor/mcp.json', 'kql');
  assertLanguage(tokens, text, 'new_terms_fields', undefined);
});

test('an osquery hunt: SQL strings of a hunt naming ES|QL and SQL are told apart by their first word', { skip }, async () => {
  const { text, tokens } = await corpusFile('hunting/linux/queries/persistence_via_cron.toml');
  assertScopes(tokens, text, [
    ['SELECT', 'keyword.other.osquery-sql'],
    ['datetime', 'support.function.osquery-sql'],
    ['unixepoch', 'string.quoted.single.osquery-sql'],
    ['LEFT', 'keyword.other.osquery-sql'],
    ['JOIN', 'keyword.other.osquery-sql'],
    ['IN', 'keyword.operator.membership.osquery-sql', { from: 'f.path IN' }],
    ['/etc/cron.allow', 'string.quoted.double.osquery-sql', { from: 'f.path IN' }],
    ['crontab', 'entity.name.type.table.osquery-sql', { from: 'SELECT * FROM' }],
  ]);
  assertLanguage(tokens, text, 'from', 'esql', 'query = [');
  assertLanguage(tokens, text, 'SELECT', 'osquery-sql');
  assertLanguage(tokens, text, 'crontab', 'osquery-sql', 'SELECT * FROM');
});

test('a hunt query starting with a stray `sql` line: the line is marked, the query still detected', { skip }, async () => {
  const { text, tokens } = await corpusFile('hunting/linux/queries/persistence_via_initramfs.toml');
  const marker = tokenOf(tokens, text, 'sql', { from: "'''sql" });
  assert.equal(innermost(marker), 'comment.line.language-marker.toml');
  assert.equal(embedded(marker), undefined);
  assertLanguage(tokens, text, 'from', 'esql', "'''sql");
  assertLanguage(tokens, text, 'SELECT', 'osquery-sql');
});

test('a Lucene rule is highlighted as Lucene only through its `language` key', { skip }, async () => {
  const { text, tokens } = await corpusFile('rules/_deprecated/privilege_escalation_setgid_bit_set_via_chmod.toml');
  assertScopes(tokens, text, [
    ['event.category', 'variable.other.field.lucene', { from: "query = '''" }],
    ['AND', 'keyword.operator.logical.lucene'],
    ['or', 'string.unquoted.lucene', { from: 'start ' }],
    ['g+s', 'string.unquoted.lucene'],
    ['2[0-9]{3}', 'string.regexp.lucene'],
    ['NOT', 'keyword.operator.logical.lucene'],
  ]);
  const withoutLanguage = text.replace('language = "lucene"', '#'.padEnd('language = "lucene"'.length));
  const guessed = await tokenize('source.toml', withoutLanguage);
  assertLanguage(guessed, withoutLanguage, 'g+s', 'kql');
});

test('threat_query is KQL, filter parameters named `query` stay plain strings', { skip }, async () => {
  const { text, tokens } = await corpusFile('rules/threat_intel/threat_intel_indicator_match_email.toml');
  assertScopes(tokens, text, [
    ['threat_query', 'support.type.property-name.toml'],
    ['@timestamp', 'variable.other.field.kql', { from: 'threat_query' }],
    ['>=', 'keyword.operator.comparison.kql', { from: 'threat_query' }],
    ['now-30d/d', 'string.quoted.double.kql'],
    ['email.from.address', 'variable.other.field.kql', { from: "query = '''" }],
    ['threat', 'string.quoted.double.basic.line.toml', { from: 'query = "threat"' }],
    ['enrichment', 'string.quoted.double.basic.line.toml', { from: 'query = "enrichment"' }],
  ]);
  assertLanguage(tokens, text, 'threat', undefined, 'query = "threat"');
  assert.ok(tokenOf(tokens, text, 'threat', { from: 'query = "threat"' }).scopes.includes('meta.section.filters.toml'));
  assertLanguage(tokens, text, 'email.from.address', 'kql', "query = '''");
});

test('osquery investigation queries in [[transform.osquery]] of an EQL rule are SQL', { skip }, async () => {
  const { text, tokens } = await corpusFile('rules/linux/command_and_control_linux_suspicious_proxychains_activity.toml');
  assertScopes(tokens, text, [
    ['SELECT', 'keyword.other.osquery-sql'],
    ['listening_ports', 'entity.name.type.table.osquery-sql'],
    ['process', 'entity.name.type.event-category.eql', { from: "query = '''" }],
  ]);
  assertLanguage(tokens, text, 'SELECT', 'osquery-sql');
});

/** Tokenizes a TOML snippet and returns the embedded language of the token at `needle`. */
async function languageAt(toml: string, needle: string, from?: string): Promise<string | undefined> {
  const tokens = await tokenize('source.toml', toml);
  return embedded(tokenOf(tokens, toml, needle, { from }));
}

test('without a `language` key the opening words choose the language, in every string form', async () => {
  const cases: [string, string, string | undefined][] = [
    ["query = '''\nsequence by host.id\n  [process where true]\n  [file where true]\n'''", 'by', 'eql'],
    ["query = '''any where true'''", 'where', 'eql'],
    ['query = """\n  FROM logs-* | LIMIT 1\n"""', 'LIMIT', 'esql'],
    ['query = "row a = 1"', 'a', 'esql'],
    ["query = 'with x as (select 1) select * from x'", 'select', 'osquery-sql'],
    ["query = '''\n\n/* why */\n-- more\nSELECT 1\n'''", '1', 'osquery-sql'],
    ["query = '''\n/* why */ process where true\n'''", 'true', 'eql'],
    ["query = '''\n// why\nfrom logs-*\n'''", 'logs-*', 'esql'],
    // A word followed by `:` is a KQL field, even when it reads like a command.
    ["query = '''\nfrom: alice and select : 1\n'''", 'alice', 'kql'],
    ["query = '''\nprocess.name:cmd.exe\n'''", 'cmd.exe', 'kql'],
    ["query = '''\nevent.category:process AND NOT user.name:root\n'''", 'root', 'kql'],
  ];
  for (const [toml, needle, language] of cases) {
    assert.equal(await languageAt(toml, needle, 'query'), language, toml);
  }
});

test('a hunt listing several languages decides per string of its array', async () => {
  const toml = [
    '[hunt]',
    'language = ["ES|QL", "SQL", "EQL"]',
    "query = ['''",
    'from logs-* | stats c = count()',
    "''', '''SELECT * FROM users''', \"sequence [a where true] [b where true]\", # comment",
    "'''",
    'host.name : x',
    "''']",
    'after = "x"',
  ].join('\n');
  assert.equal(await languageAt(toml, 'stats', undefined), 'esql');
  assert.equal(await languageAt(toml, 'users', undefined), 'osquery-sql');
  assert.equal(await languageAt(toml, 'sequence', undefined), 'eql');
  assert.equal(await languageAt(toml, 'x', 'host.name : '), 'kql');
  assert.equal(await languageAt(toml, ' comment', undefined), undefined);
  assert.equal(await languageAt(toml, 'after', undefined), undefined);
});

test('a `language` key decides over the opening words, until the next table header', async () => {
  const toml = [
    '[rule]',
    "language = 'kuery'",
    "query = '''from : alice'''",
    'threat_query = "x : y"',
    '[[rule.threat]]',
    "query = '''process where true'''",
    '[hunt]',
    'language = ["es|ql"] # one language',
    "query = ['''sequence''']",
  ].join('\n');
  assert.equal(await languageAt(toml, 'alice', undefined), 'kql');
  assert.equal(await languageAt(toml, 'y', 'x : '), 'kql');
  assert.equal(await languageAt(toml, 'true', undefined), 'eql');
  // Under `language = ["ES|QL"]` even `sequence` is read as ES|QL.
  assert.equal(await languageAt(toml, 'sequence', undefined), 'esql');
});

test('TOML escapes in basic strings are scoped before the query grammar sees them', async () => {
  const toml = 'query = "process where process.name == \\"cmd.exe\\" and x == \\\\"';
  const tokens = await tokenize('source.toml', toml);
  assertScopes(tokens, toml, [
    ['\\"', 'constant.character.escape.toml'],
    ['cmd.exe', 'variable.other.field.eql'],
    ['\\\\', 'constant.character.escape.toml'],
  ]);
  const closer = tokens[tokens.length - 1];
  assert.deepEqual([closer.text, innermost(closer)], ['"', 'punctuation.definition.string.end.toml']);
});

test('comments, open comments and raw strings in a query stop at the closing delimiter', async () => {
  const forms: [language: string, delimiter: string, query: string][] = [
    ['eql', "'''", 'process where /* open comment'],
    ['eql', "'''", 'process where x : """open raw string'],
    ['eql', "'''", 'process where true // a comment up to the delimiter'],
    ['eql', "'''", 'process where x regex~ """open regex'],
    ['eql', "'''", 'process where x regex ("a", '],
    ['eql', "'''", 'process where x : "open string'],
    ['kql', "'''", 'x : "open string'],
    ['lucene', "'''", 'x:"open phrase'],
    ['sql', "'''", "SELECT 'open string"],
    ['sql', "'''", 'SELECT "open string'],
    ['esql', "'''", 'from a | where x == "open string'],
    ['esql', "'''", 'from a | where x like ("a*", '],
    ['esql', "'''", 'from a | where x rlike """open'],
    ['eql', '"""', 'process where true // note'],
    ['kql', "'''", "user.name : O'Brien"],
    ['lucene', "'''", "user.name:O'Brien"],
    ['esql', "'''", 'from logs-* /* open'],
    ['esql', "'''", 'from logs-*'],
    ['esql', '"', 'from logs-* // \\"quoted\\" note'],
    ['sql', '"', 'SELECT 1 /* open'],
    ['sql', "'", 'SELECT 1 -- note'],
  ];
  for (const [language, delimiter, query] of forms) {
    const layouts = delimiter.length === 3 ? [query + delimiter, `${query}\n${delimiter}`] : [query + delimiter];
    for (const value of layouts) {
      const toml = ['[rule]', `language = "${language}"`, `query = ${delimiter}${value}`, 'note = "after"'].join('\n');
      const tokens = await tokenize('source.toml', toml);
      const closer = tokenAt(tokens, toml.lastIndexOf(delimiter, toml.indexOf('\nnote')));
      assert.deepEqual([closer.text, innermost(closer)], [delimiter, 'punctuation.definition.string.end.toml'], toml);
      const note = tokenOf(tokens, toml, 'note', { from: '\nnote' });
      assert.deepEqual([innermost(note), embedded(note)], ['support.type.property-name.toml', undefined], toml);
    }
  }
});
