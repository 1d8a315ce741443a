// Parses osquery SQL with sql-parser-cst (sqlite dialect). That parser stops at
// the first error and throws it as formatted text; this module turns it into
// one diagnostic with the offending token's span and a readable message.
import { parse as parseSql, sqliteKeywords } from 'sql-parser-cst';
import type { Node, Program } from 'sql-parser-cst';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type { OsqueryQuery } from './ast.ts';
import { cstChildren } from './cstNodes.ts';
import { collectReferences } from './references.ts';

export interface OsqueryParseResult {
  ast: OsqueryQuery;
  diagnostics: QueryDiagnostic[];
}

export function parseOsquery(text: string): OsqueryParseResult {
  const { source, standIns } = withNameStandIns(text);
  let cst: Program;
  try {
    cst = parseSql(source, { dialect: 'sqlite', includeRange: true });
  } catch (e) {
    return { ast: emptyQuery(text), diagnostics: [syntaxDiagnostic(text, readSyntaxError(e, source))] };
  }
  if (standIns.length > 0) restoreNames(cst, text, standIns);
  const ast: OsqueryQuery = { kind: 'osquery', span: { start: 0, end: text.length }, cst, ...collectReferences(cst) };
  return { ast, diagnostics: trailingCommas(cst, text) };
}

/**
 * sql-parser-cst reserves `groups` and `window` in its sqlite dialect (it cannot
 * parse them as names yet), but SQLite takes them as names, and osquery has a
 * `groups` table. Where they are not keywords (a window frame's `GROUPS BETWEEN…`,
 * a `WINDOW w AS (…)` clause) they get a stand-in name of the same length, so
 * no offset moves; strings, quoted names and comments are left alone.
 */
const NAME_KEYWORD = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`[^`]*`?|\[[^\]]*\]?|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|\b(groups|window)\b/gi;
const KEYWORD_FOLLOWS: Record<string, RegExp> = {
  groups: /^\s+(?:between|unbounded|current|\d)/i,
  window: /^\s+\w+\s+as\s*\(/i,
};
const STAND_INS: Record<string, string> = { groups: 'gr0ups', window: 'w1ndow' };

function withNameStandIns(text: string): { source: string; standIns: number[] } {
  const standIns: number[] = [];
  const source = text.replace(NAME_KEYWORD, (match: string, word: string | undefined, offset: number) => {
    if (word === undefined) return match;
    const lower = word.toLowerCase();
    if (KEYWORD_FOLLOWS[lower].test(text.slice(offset + word.length, offset + word.length + 64))) return match;
    standIns.push(offset);
    return STAND_INS[lower];
  });
  return { source, standIns };
}

function emptyQuery(text: string): OsqueryQuery {
  return { kind: 'osquery', span: { start: 0, end: text.length }, cst: null, tables: [], columns: [] };
}

/** Puts the original names back on the identifiers parsed from stand-ins. */
function restoreNames(node: Node, text: string, standIns: readonly number[]): void {
  if (node.type === 'identifier' && node.range && standIns.includes(node.range[0])) {
    node.text = text.slice(node.range[0], node.range[1]);
    node.name = node.text;
  }
  for (const child of cstChildren(node)) restoreNames(child, text, standIns);
}

/** sql-parser-cst accepts `SELECT a, FROM t` (an empty last column), which SQLite rejects. */
function trailingCommas(node: Node, text: string): QueryDiagnostic[] {
  const out: QueryDiagnostic[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'list_expr') {
      const last = n.items[n.items.length - 1];
      if (last?.type === 'empty' && last.range) {
        const comma = text.lastIndexOf(',', last.range[0]);
        out.push({
          span: { start: comma, end: comma + 1 },
          severity: 'error',
          code: 'osquery-trailing-comma',
          message: 'this `,` is followed by no column: remove it or add the missing column',
        });
      }
    }
    for (const child of cstChildren(n)) visit(child);
  };
  visit(node);
  return out;
}

interface SyntaxFailure {
  offset: number;
  /** sql-parser-cst's expectation list, e.g. `"("`, `identifier`, `[0-9]`. */
  expected: string[];
  /** The error text when it is not in sql-parser-cst's format. */
  unformatted: string | null;
}

/**
 * Reads sql-parser-cst's error text:
 *   Syntax Error: Unexpected "groups"
 *   Was expecting to see: "(", "GLOB", identifier, or whitespace
 *   --> undefined:16:5
 * Its line:column (1-based, lines split at \n only) gives the offset.
 */
function readSyntaxError(e: unknown, text: string): SyntaxFailure {
  const message = e instanceof Error ? e.message : String(e);
  const position = /^--> .*:(\d+):(\d+)$/m.exec(message);
  if (!position) return { offset: 0, expected: [], unformatted: message };
  let offset = 0;
  for (let line = 1; line < Number(position[1]); line++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) break;
    offset = newline + 1;
  }
  offset = Math.min(offset + Number(position[2]) - 1, text.length);
  const expectedLine = /^Was expecting to see: (.*)$/m.exec(message)?.[1] ?? '';
  const expected = [...expectedLine.matchAll(/"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[A-Za-z_][\w ]*/g)].map((m) => m[0].replace(/^or /, '').trim());
  return { offset, expected: expected.filter((x) => x !== 'or' && x !== ''), unformatted: null };
}

function syntaxDiagnostic(text: string, failure: SyntaxFailure): QueryDiagnostic {
  const { offset } = failure;
  if (failure.unformatted !== null) {
    return { span: { start: 0, end: text.length }, severity: 'error', code: 'osquery-syntax-error', message: failure.unformatted };
  }
  // A reserved word used as a name: the parser stops right after it, wanting only more of a name.
  const before = /\w+$/.exec(text.slice(0, offset))?.[0];
  const wantsNameCharacters = failure.expected.length > 0 && failure.expected.every((item) => item.startsWith('['));
  if (before && sqliteKeywords[before.toUpperCase()] && wantsNameCharacters) {
    return {
      span: { start: offset - before.length, end: offset },
      severity: 'error',
      code: 'osquery-reserved-word',
      message: `\`${before}\` is a reserved word in SQLite and cannot be used as a name here: quote it as \`"${before}"\` or choose another name`,
    };
  }
  const quote = text[offset];
  if ((quote === "'" || quote === '"') && !text.includes(quote, offset + 1)) {
    const lineEnd = text.indexOf('\n', offset);
    return {
      span: { start: offset, end: lineEnd < 0 ? text.length : lineEnd },
      severity: 'error',
      code: 'osquery-unterminated-string',
      message: `unterminated ${quote === "'" ? 'string' : 'double-quoted text'}: add the closing \`${quote}\``,
    };
  }
  const span = tokenSpan(text, offset);
  const found = offset >= text.length ? 'end of query' : `\`${text.slice(span.start, span.end)}\``;
  const expected = describeExpected(failure.expected);
  const missingComma = failure.expected.includes('","') && !failure.expected.includes('")"') && /^\w/.test(text.slice(span.start)) ? ' (is a `,` missing before it?)' : '';
  return {
    span,
    severity: 'error',
    code: 'osquery-syntax-error',
    message: `unexpected ${found}${missingComma}${expected ? `: expected ${expected}` : ''}`,
  };
}

/** The token at `offset`: a word, a quoted string, or a single character; empty at the end. */
function tokenSpan(text: string, offset: number): Span {
  if (offset >= text.length) {
    const end = text.trimEnd().length;
    return { start: end, end };
  }
  const rest = text.slice(offset);
  const token = /^\w+/.exec(rest) ?? /^'(?:[^']|'')*'/.exec(rest) ?? /^"(?:[^"]|"")*"/.exec(rest);
  return { start: offset, end: offset + (token ? token[0].length : 1) };
}

const MAX_EXPECTED = 8;

/**
 * The most telling expectations first: kinds of token (`identifier`, `number`),
 * then the closing `)` and `,`, keywords, characters, other operators, the end.
 */
function expectationRank(item: string): number {
  if (item === 'end of input') return 5;
  if (/^[a-z]/.test(item)) return 0;
  if (item === '")"' || item === '","') return 1;
  if (/^"[A-Z_]+"$/.test(item)) return 2;
  if (item.startsWith('[')) return 3;
  return 4;
}

/** Parameter markers, which osquery does not bind. */
const PARAMETER_MARKERS = new Set(['"$"', '":"', '"?"', '"@"']);

function describeExpected(expected: readonly string[]): string {
  const words: string[] = [];
  const ordered = expected.filter((e) => !PARAMETER_MARKERS.has(e)).sort((a, b) => expectationRank(a) - expectationRank(b));
  for (const item of ordered) {
    let word: string | null;
    if (item.startsWith('"')) word = `\`${item.slice(1, -1).replace(/\\(.)/g, '$1')}\``;
    else if (item === '[0-9]') word = 'a digit';
    else if (item.startsWith('[')) word = 'a letter';
    else if (item === 'end of input') word = 'the end of the query';
    else if (item === 'whitespace' || item === 'comment') word = null;
    else word = `${/^[aeiou]/i.test(item) ? 'an' : 'a'} ${item}`;
    if (word !== null && !words.includes(word)) words.push(word);
  }
  if (words.length > MAX_EXPECTED) return `${words.slice(0, MAX_EXPECTED).join(', ')}, …`;
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
