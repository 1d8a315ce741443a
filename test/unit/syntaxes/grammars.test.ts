// The committed grammar files, the package.json fragment and the language configurations
// agree with each other and with the grammar sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Rule } from '../../../syntaxes/source/grammar.ts';
import { GRAMMARS, renderedGrammar } from '../../../syntaxes/source/grammars.ts';
import { EMBEDDED_LANGUAGES, INJECTION_SCOPE_NAME } from '../../../syntaxes/source/tomlQueries.ts';
import { SYNTAXES, onigLib } from './textmate.ts';

const ROOT = resolve(SYNTAXES, '..');

interface Contributes {
  languages: { id: string; extensions?: string[]; configuration: string }[];
  grammars: { language?: string; scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }[];
  snippets: { language: string; path: string }[];
}

/** What package.json contributes: the languages, grammars and snippets the tests check. */
function contributes(): Contributes {
  return JSON.parse(readFileSync(join(SYNTAXES, '../package.json'), 'utf8')).contributes;
}

test('every committed grammar is exactly what syntaxes/source generates', () => {
  for (const entry of GRAMMARS) {
    assert.equal(readFileSync(join(SYNTAXES, entry.file), 'utf8'), renderedGrammar(entry), `${entry.file} is stale: run npx tsx syntaxes/source/generate.ts`);
  }
});

test('every regex of every grammar compiles in Oniguruma', async () => {
  const onig = await onigLib;
  let count = 0;
  const visit = (rules: Iterable<Rule>) => {
    for (const rule of rules) {
      for (const source of [rule.match, rule.begin, rule.end]) {
        if (source === undefined) continue;
        assert.doesNotThrow(() => onig.createOnigScanner([source]).dispose(), `regex does not compile: ${source}`);
        count++;
      }
      for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
        for (const capture of Object.values(captures ?? {})) visit(capture.patterns ?? []);
      }
      visit(rule.patterns ?? []);
    }
  };
  for (const { grammar } of GRAMMARS) visit([...grammar.patterns, ...Object.values(grammar.repository)]);
  assert.ok(count > 300, `only ${count} regexes found`);
});

test('every include names a rule of its own grammar or a shipped grammar', () => {
  for (const { file, grammar } of GRAMMARS) {
    const visit = (rules: Iterable<Rule>) => {
      for (const rule of rules) {
        if (rule.include) {
          const [scope, name] = rule.include.split('#');
          const target = scope ? GRAMMARS.find((g) => g.grammar.scopeName === scope)?.grammar : grammar;
          assert.ok(target, `${file}: ${rule.include} names no shipped grammar`);
          if (name !== undefined) assert.ok(Object.hasOwn(target.repository, name), `${file}: ${rule.include} names no rule`);
        }
        for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
          for (const capture of Object.values(captures ?? {})) visit(capture.patterns ?? []);
        }
        visit(rule.patterns ?? []);
      }
    };
    visit([...grammar.patterns, ...Object.values(grammar.repository)]);
  }
});

test('the contributes fragment declares every grammar with the scope name in its file', () => {
  const { grammars } = contributes();
  assert.deepEqual(
    grammars.map((g) => g.path).sort(),
    GRAMMARS.map((g) => `./syntaxes/${g.file}`).sort(),
  );
  for (const g of grammars) {
    const file = JSON.parse(readFileSync(join(ROOT, g.path), 'utf8'));
    assert.equal(file.scopeName, g.scopeName, g.path);
  }
});

test('the injection targets source.toml and maps each embedded block to a declared language', () => {
  const { grammars, languages } = contributes();
  const injection = grammars.find((g) => g.scopeName === INJECTION_SCOPE_NAME);
  assert.ok(injection);
  assert.deepEqual(injection.injectTo, ['source.toml']);
  assert.deepEqual(injection.embeddedLanguages, Object.fromEntries(EMBEDDED_LANGUAGES.map((l) => [`meta.embedded.block.${l.id}`, l.id])));
  const declared = new Set(languages.map((l) => l.id));
  for (const id of Object.values(injection.embeddedLanguages ?? {})) assert.ok(declared.has(id), `${id} is not a declared language`);
  for (const language of EMBEDDED_LANGUAGES) {
    const grammar = grammars.find((g) => g.language === language.id);
    assert.equal(grammar?.scopeName, language.scopeName, language.id);
  }
});

test('standalone languages own their extensions and every configuration file is valid', () => {
  const { languages, snippets } = contributes();
  assert.deepEqual(
    Object.fromEntries(languages.filter((l) => l.extensions).map((l) => [l.id, l.extensions])),
    { toml: ['.toml'], eql: ['.eql'], esql: ['.esql'], kql: ['.kql'] },
  );
  const comments: Record<string, unknown> = {};
  for (const language of languages) {
    const config = JSON.parse(readFileSync(join(ROOT, language.configuration), 'utf8'));
    comments[language.id] = config.comments;
    for (const [open, close] of config.brackets) {
      assert.ok(config.autoClosingPairs.some((p: { open: string; close: string }) => p.open === open && p.close === close), `${language.id}: ${open} is not auto-closed`);
    }
    if (config.wordPattern) {
      const word = new RegExp(config.wordPattern);
      assert.equal(word.exec('  process.parent.name == 1')?.[0], 'process.parent.name', language.id);
      assert.equal(word.exec('?@timestamp')?.[0], '@timestamp', language.id);
    }
  }
  assert.deepEqual(comments, {
    toml: { lineComment: '#' },
    eql: { lineComment: '//', blockComment: ['/*', '*/'] },
    esql: { lineComment: '//', blockComment: ['/*', '*/'] },
    kql: undefined,
    lucene: undefined,
    'osquery-sql': { lineComment: '--', blockComment: ['/*', '*/'] },
  });
  assert.deepEqual(snippets, [{ language: 'toml', path: './snippets/huntkit.code-snippets' }]);
  assert.ok(existsSync(join(ROOT, snippets[0].path)));
});
