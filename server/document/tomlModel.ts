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
  readonly entries: Map<string, TomlEntry>;
  readonly tables: TomlTableHeader[];
  /** The entry at `path` (cheaper than `entries` on the values-only model). */
  entry(path: TomlPath): TomlEntry | undefined;
  /** Values-only model: the TOML type of member `name` of `container` (a table or array of `value`). */
  memberKind?(container: object, name: string | number, value: unknown): TomlKind;
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
    return { text, exactSpans: true, value: undefined, syntaxError: describeParseError(text, error), entries, tables, entry: (path) => entries.get(pathKey(path)) };
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
  return { text, exactSpans: true, value, entries, tables, entry: (path) => entries.get(pathKey(path)) };
}

function nodeKind(node: AST.TOMLContentNode): TomlKind {
  if (node.type === 'TOMLArray') return 'array';
  if (node.type === 'TOMLInlineTable') return 'table';
  if (node.kind === 'string' || node.kind === 'integer' || node.kind === 'float' || node.kind === 'boolean') return node.kind;
  return 'datetime';
}

/** Where values-only models place everything: they know no positions. */
export const NO_SPAN: Span = { start: 0, end: 0 };

/**
 * The same model from a fast values-only parser, without source positions (about five
 * times faster than the full parse). Undefined when that parser rejects the text: the
 * full parse then says why. Its entries are listed only when asked for: a batch check
 * reads a handful of values by path and walks the rest through the schema's tree.
 */
export function parseTomlValuesModel(text: string): TomlModel | undefined {
  // Most hunt and rule files hold no float or date values: their values can be used as parsed
  // (integers as numbers tell themselves apart from floats). Our smol-toml patch says when
  // a file held one: it is parsed again, integers as BigInt, and converted keeping the kinds.
  let parsed: Record<string, unknown>;
  let floatOrDate = false;
  const onFloatOrDate = () => {
    floatOrDate = true;
  };
  try {
    parsed = parseTomlValues(text, { onFloatOrDate } as SmolParseOptions) as Record<string, unknown>;
    if (!floatOrDate) return new ValuesOnlyModel(text, parsed, undefined);
    parsed = parseTomlValues(text, { integersAsBigInt: true }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const integers = new WeakMap<object, Set<string | number>>();
  const value = toExactParserValues(parsed, integers) as Record<string, unknown>;
  return new ValuesOnlyModel(text, value, integers);
}

/** smol-toml's options, with the callback our patch adds (patches/smol-toml+*.patch). */
type SmolParseOptions = NonNullable<Parameters<typeof parseTomlValues>[1]> & { onFloatOrDate?: () => void };

/**
 * Converts to the full parser's values: plain objects, integers as numbers (remembered per
 * container, so the model can still tell `1` from `1.0`), dates as Date.
 */
function toExactParserValues(value: unknown, integers: WeakMap<object, Set<string | number>>): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = convertMember(value[i], out, i, integers);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value as Record<string, unknown>) out[key] = convertMember((value as Record<string, unknown>)[key], out, key, integers);
  return out;
}

function convertMember(value: unknown, container: object, name: string | number, integers: WeakMap<object, Set<string | number>>): unknown {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    let names = integers.get(container);
    if (!names) integers.set(container, (names = new Set()));
    names.add(name);
    return Number(value);
  }
  if (value instanceof TomlDate) return new Date(value.getTime());
  return toExactParserValues(value, integers);
}

class ValuesOnlyModel implements TomlModel {
  readonly exactSpans = false;
  private listed: { entries: Map<string, TomlEntry>; tables: TomlTableHeader[] } | undefined;

  /** `integers` lists the integer members of each container; without it every number is an integer. */
  constructor(
    readonly text: string,
    readonly value: Record<string, unknown>,
    private readonly integers: WeakMap<object, Set<string | number>> | undefined,
  ) {}

  /** The TOML type of `value`, the member `name` of `container`. */
  memberKind(container: object, name: string | number, value: unknown): TomlKind {
    if (typeof value === 'string') return 'string';
    if (typeof value === 'number') return !this.integers || this.integers.get(container)?.has(name) ? 'integer' : 'float';
    if (typeof value === 'boolean') return 'boolean';
    if (value instanceof Date) return 'datetime';
    return Array.isArray(value) ? 'array' : 'table';
  }

  entry(path: TomlPath): TomlEntry | undefined {
    if (path.length === 0) return undefined;
    let container: unknown = this.value;
    for (let i = 0; i < path.length - 1; i++) {
      container = (container as Record<string | number, unknown>)[path[i]];
      if (typeof container !== 'object' || container === null || container instanceof Date) return undefined;
    }
    const name = path[path.length - 1];
    if (!Object.hasOwn(container as object, name)) return undefined;
    const value = (container as Record<string | number, unknown>)[name];
    return { path, keySpan: undefined, valueSpan: NO_SPAN, kind: this.memberKind(container as object, name, value), value };
  }

  get entries(): Map<string, TomlEntry> {
    return (this.listed ??= this.list()).entries;
  }

  get tables(): TomlTableHeader[] {
    return (this.listed ??= this.list()).tables;
  }

  private list(): { entries: Map<string, TomlEntry>; tables: TomlTableHeader[] } {
    const entries = new Map<string, TomlEntry>();
    const tables: TomlTableHeader[] = [];
    const visit = (container: object, path: (string | number)[]) => {
      for (const [name, value] of Object.entries(container)) {
        const key = Array.isArray(container) ? Number(name) : name;
        const childPath = [...path, key];
        const kind = this.memberKind(container, key, value);
        entries.set(pathKey(childPath), { path: childPath, keySpan: undefined, valueSpan: NO_SPAN, kind, value });
        if (kind === 'table') tables.push({ path: childPath, span: NO_SPAN, kind: 'standard' });
        if (kind === 'table' || kind === 'array') visit(value as object, childPath);
      }
    };
    visit(this.value, []);
    return { entries, tables };
  }
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
