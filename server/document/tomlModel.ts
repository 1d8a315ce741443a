// A typed view of a TOML file: every key and value with its exact source range.
import { parseTOML, getStaticTOMLValue, ParseError } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import { parse as parseTomlValues, TomlDate } from 'smol-toml';
import type { Span } from '../common/diagnostics.ts';

export type TomlPath = readonly (string | number)[];

/** The TOML type a value was written as. */
export type TomlKind = 'string' | 'integer' | 'float' | 'boolean' | 'datetime' | 'array' | 'table';

export interface TomlEntry {
  /** Full path, e.g. ['rule', 'threat', 0, 'technique', 0, 'id']. */
  path: TomlPath;
  /** The key as written (absent for array elements). */
  keySpan?: Span;
  valueSpan: Span;
  kind: TomlKind;
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
  /**
   * Whether spans are known. The values-only model (parseTomlValuesModel) has every span
   * at 0: it serves batch checks, which re-parse exactly only the files with findings.
   */
  exactSpans: boolean;
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
    return { text, exactSpans: true, value: undefined, syntaxError: describeParseError(text, error), entries, tables };
  }
  const addValue = (path: TomlPath, node: AST.TOMLContentNode, keySpan?: Span) => {
    entries.set(pathKey(path), { path, keySpan, valueSpan: spanOf(node), kind: nodeKind(node), value: undefined });
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
  return { text, exactSpans: true, value, entries, tables };
}

function nodeKind(node: AST.TOMLContentNode): TomlKind {
  if (node.type === 'TOMLArray') return 'array';
  if (node.type === 'TOMLInlineTable') return 'table';
  if (node.kind === 'string' || node.kind === 'integer' || node.kind === 'float' || node.kind === 'boolean') return node.kind;
  return 'datetime';
}

const NO_SPAN: Span = { start: 0, end: 0 };

/**
 * The same model from a fast values-only parser, without source positions (about five
 * times faster than the full parse). Undefined when that parser rejects the text: the
 * full parse then says why.
 */
export function parseTomlValuesModel(text: string): TomlModel | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseTomlValues(text, { integersAsBigInt: true }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const entries = new Map<string, TomlEntry>();
  const tables: TomlTableHeader[] = [];
  // Convert to the full parser's values (integers as numbers, dates as Date) while listing entries.
  const convert = (value: unknown, path: (string | number)[]): unknown => {
    let kind: TomlKind;
    let converted: unknown = value;
    if (typeof value === 'bigint') {
      kind = 'integer';
      converted = Number(value);
    } else if (typeof value === 'number') kind = 'float';
    else if (typeof value === 'string') kind = 'string';
    else if (typeof value === 'boolean') kind = 'boolean';
    else if (value instanceof TomlDate) {
      kind = 'datetime';
      converted = new Date(value.getTime());
    } else if (Array.isArray(value)) {
      kind = 'array';
      converted = value.map((element, i) => convert(element, [...path, i]));
    } else {
      kind = 'table';
      const table: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) table[key] = convert(child, [...path, key]);
      converted = table;
      if (path.length > 0) tables.push({ path, span: NO_SPAN, kind: 'standard' });
    }
    if (path.length > 0) entries.set(pathKey(path), { path, keySpan: undefined, valueSpan: NO_SPAN, kind, value: converted });
    return converted;
  };
  const value = convert(parsed, []) as Record<string, unknown>;
  return { text, exactSpans: false, value, entries, tables };
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
