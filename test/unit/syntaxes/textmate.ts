// Tokenizes text with the committed grammars the way VS Code does (vscode-textmate +
// the Oniguruma WebAssembly build), with the query injection registered for source.toml.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import type { IGrammar, StateStack } from 'vscode-textmate';
import { GRAMMARS } from '../../../syntaxes/source/grammars.ts';
import { INJECTION_SCOPE_NAME } from '../../../syntaxes/source/tomlQueries.ts';

export const SYNTAXES = resolve(import.meta.dirname, '../../../syntaxes');

const require = createRequire(import.meta.url);

/** The Oniguruma WebAssembly build VS Code uses, loaded once. */
export const onigLib = (async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return {
    createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
    createOnigString: (text: string) => oniguruma.createOnigString(text),
  };
})();

/** Scope name → committed grammar file. */
const grammarFiles = new Map(
  GRAMMARS.map((g) => [g.grammar.scopeName, join(SYNTAXES, g.file)]),
);

const registry = new textmate.Registry({
  onigLib,
  loadGrammar: async (scopeName) => {
    const file = grammarFiles.get(scopeName);
    return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
  },
  getInjections: (scopeName) => (scopeName === 'source.toml' ? [INJECTION_SCOPE_NAME] : undefined),
});

const loaded = new Map<string, Promise<IGrammar>>();

export function grammarFor(scopeName: string): Promise<IGrammar> {
  let grammar = loaded.get(scopeName);
  if (!grammar) {
    grammar = registry.loadGrammar(scopeName).then((g) => {
      if (!g) throw new Error(`no grammar for ${scopeName}`);
      return g;
    });
    loaded.set(scopeName, grammar);
  }
  return grammar;
}

export interface Token {
  /** UTF-16 offset of the token in the whole text. */
  start: number;
  end: number;
  line: number;
  text: string;
  scopes: string[];
}

/** Tokens of `text` with offsets into the whole text (line breaks belong to no token). */
export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await grammarFor(scopeName);
  const tokens: Token[] = [];
  let state: StateStack = textmate.INITIAL;
  let offset = 0;
  text.split('\n').forEach((rawLine, line) => {
    const lineText = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const result = grammar.tokenizeLine(lineText, state);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      if (end > t.startIndex) tokens.push({ start: offset + t.startIndex, end: offset + end, line, text: lineText.slice(t.startIndex, end), scopes: t.scopes });
    }
    state = result.ruleStack;
    offset += rawLine.length + 1;
  });
  return tokens;
}

/** The token covering `offset`. */
export function tokenAt(tokens: readonly Token[], offset: number): Token {
  const token = tokens.find((t) => t.start <= offset && offset < t.end);
  if (!token) throw new Error(`no token at offset ${offset}`);
  return token;
}

/**
 * The token at the `occurrence`-th place `needle` appears in `text` (after `from`);
 * the token must be exactly `needle` so tests pin token boundaries too.
 */
export function tokenOf(tokens: readonly Token[], text: string, needle: string, options: { occurrence?: number; from?: string } = {}): Token {
  let offset = options.from === undefined ? 0 : text.indexOf(options.from);
  if (offset < 0) throw new Error(`${JSON.stringify(options.from)} not in text`);
  for (let i = 0; i <= (options.occurrence ?? 0); i++) {
    offset = text.indexOf(needle, i === 0 ? offset : offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  }
  return tokenAt(tokens, offset);
}

/** The innermost scope of a token. */
export const innermost = (token: Token) => token.scopes[token.scopes.length - 1];

/** `[needle, innermost scope]`, optionally `{ occurrence, from }` to pick which appearance of the needle. */
export type Expectation = [needle: string, scope: string, options?: { occurrence?: number; from?: string }];

/** Each needle is exactly one token whose innermost scope is the expected one. */
export function assertScopes(tokens: readonly Token[], text: string, expectations: readonly Expectation[]): void {
  const failures: string[] = [];
  for (const [needle, scope, options] of expectations) {
    let token: Token;
    try {
      token = tokenOf(tokens, text, needle, options);
    } catch (error) {
      failures.push((error as Error).message);
      continue;
    }
    if (token.text !== needle || innermost(token) !== scope) {
      failures.push(`${JSON.stringify(needle)}: got token ${JSON.stringify(token.text)} with ${token.scopes.slice(1).join(' ')}, expected ${scope}`);
    }
  }
  if (failures.length) throw new Error(failures.join('\n'));
}
