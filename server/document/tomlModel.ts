// A typed view of a TOML file: every key and value with its exact source range.
import { parseTOML, getStaticTOMLValue, ParseError } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type { Span } from '../common/diagnostics.ts';

export type TomlPath = readonly (string | number)[];

export interface TomlEntry {
  /** Full path, e.g. ['rule', 'threat', 0, 'technique', 0, 'id']. */
  path: TomlPath;
  /** The key as written (absent for array elements). */
  keySpan?: Span;
  valueSpan: Span;
  node: AST.TOMLContentNode;
  value: unknown;
}

export interface TomlTableHeader {
  path: TomlPath;
  span: Span;
  kind: 'standard' | 'array';
}

export interface TomlSyntaxError {
  span: Span;
  message: string;
}

export interface TomlModel {
  text: string;
  /** The parsed value, or undefined when the file is not valid TOML. */
  value: Record<string, unknown> | undefined;
  syntaxError?: TomlSyntaxError;
  /** Entries by their path joined with '.', e.g. `rule.threat.0.tactic.id`. */
  entries: Map<string, TomlEntry>;
  tables: TomlTableHeader[];
}

export function pathKey(path: TomlPath): string {
  return path.join('.');
}

function spanOf(node: { range: [number, number] }): Span {
  return { start: node.range[0], end: node.range[1] };
}

export function parseTomlModel(text: string): TomlModel {
  const entries = new Map<string, TomlEntry>();
  const tables: TomlTableHeader[] = [];
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch (error) {
    return { text, value: undefined, syntaxError: describeParseError(text, error), entries, tables };
  }
  const addValue = (path: TomlPath, node: AST.TOMLContentNode, keySpan?: Span) => {
    entries.set(pathKey(path), { path, keySpan, valueSpan: spanOf(node), node, value: undefined });
    if (node.type === 'TOMLArray') node.elements.forEach((element, i) => addValue([...path, i], element));
    else if (node.type === 'TOMLInlineTable') for (const kv of node.body) addKeyValue(path, kv);
  };
  const addKeyValue = (base: TomlPath, kv: AST.TOMLKeyValue) => {
    const keys = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
    addValue([...base, ...keys], kv.value, spanOf(kv.key));
  };
  const top = program.body[0];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      addKeyValue([], item);
      continue;
    }
    tables.push({ path: item.resolvedKey, span: spanOf(item.key), kind: item.kind });
    for (const kv of item.body) addKeyValue(item.resolvedKey, kv);
  }
  const value = getStaticTOMLValue(program) as Record<string, unknown>;
  // Each entry's value is the part of the whole value at its path (computed once, not per node).
  for (const entry of entries.values()) entry.value = valueAt(value, entry.path);
  return { text, value, entries, tables };
}

function valueAt(root: unknown, path: TomlPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function describeParseError(text: string, error: unknown): TomlSyntaxError {
  if (error instanceof ParseError) {
    let start = Math.min(error.index, text.length);
    // Errors found at the end of the file (a missing value, an unclosed array) belong
    // to the last thing written, not to the empty space after it.
    if (text.slice(start).trim() === '') {
      start = text.length;
      while (start > 0 && /\s/.test(text[start - 1])) start--;
      start = Math.max(0, start - 1);
    }
    // Underline the offending token (up to the end of the line), at least one character.
    let end = start;
    while (end < text.length && !/[\s=\]\[,{}]/.test(text[end])) end++;
    if (end === start) end = Math.min(start + 1, text.length);
    return { span: { start, end }, message: `Invalid TOML: ${error.message.replace(/\.$/, '')}` };
  }
  return { span: { start: 0, end: 0 }, message: `Invalid TOML: ${String(error)}` };
}
