// The TextMate grammar shape the generators build, and the helpers they share.
// Grammars are written here as TypeScript (regexes as String.raw, comments beside
// them) and rendered to the committed *.tmLanguage.json files by generate.ts.

export interface CaptureRule {
  name?: string;
  patterns?: Rule[];
}

export type Captures = Record<string, CaptureRule>;

export interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
}

export interface Grammar {
  name: string;
  scopeName: string;
  /** For injection grammars: where the patterns apply (`L:` = before the host's own patterns). */
  injectionSelector?: string;
  fileTypes?: string[];
  patterns: Rule[];
  repository: Record<string, Rule>;
}

export function ref(name: string): Rule {
  return { include: `#${name}` };
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** A regex alternation of literal words, longest first so a prefix never wins. */
export function words(list: Iterable<string>): string {
  const unique = [...new Set(list)];
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return unique.map(escapeRegex).join('|');
}

/*
 * Comments and strings that can run to the end of a line or past it. Standalone they end
 * as the language says; embedded in a host string they also stop before `stopBefore`
 * (the host's closing delimiter), because a nested rule never sees its parent's end.
 */

export function blockComment(language: string, stopBefore?: string): Rule {
  return {
    name: `comment.block.${language}`,
    begin: String.raw`/\*`,
    end: stopBefore ? String.raw`\*/|(?=${stopBefore})` : String.raw`\*/`,
    beginCaptures: { 0: { name: `punctuation.definition.comment.begin.${language}` } },
    endCaptures: { 0: { name: `punctuation.definition.comment.end.${language}` } },
  };
}

/** A string that cannot span lines: an unclosed one stops at the end of its line. */
export function lineString(scope: string, language: string, quote: string, patterns: Rule[], stopBefore?: string, closing = quote): Rule {
  return {
    name: scope,
    begin: quote,
    end: `(${closing})|$` + (stopBefore ? `|(?=${stopBefore})` : ''),
    beginCaptures: { 0: { name: `punctuation.definition.string.begin.${language}` } },
    endCaptures: { 1: { name: `punctuation.definition.string.end.${language}` } },
    patterns,
  };
}

export function lineComment(language: string, marker: '//' | '--', stopBefore?: string): Rule {
  const kind = marker === '//' ? 'double-slash' : 'double-dash';
  return {
    name: `comment.line.${kind}.${language}`,
    match: stopBefore ? `(${marker}).*?(?=${stopBefore}|$)` : `(${marker}).*$`,
    captures: { 1: { name: `punctuation.definition.comment.${language}` } },
  };
}

/** The JSON text of a grammar as committed, with a note saying where it comes from. */
export function renderGrammar(grammar: Grammar, sourceFile: string): string {
  const output = {
    information_for_contributors: [
      `Generated from syntaxes/source/${sourceFile}: edit that file, then run \`npx tsx syntaxes/source/generate.ts\`.`,
    ],
    ...grammar,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
