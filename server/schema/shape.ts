// Declarative shapes for TOML tables (which keys, which types, which values) and the
// walker that checks a document against them. Hunt and rule schemas are written with it.
import type { DiagnosticSink, Severity } from '../common/diagnostics.ts';
import { displayPath, type TomlKind, type TomlNode, type TomlTree } from './tomlTree.ts';

export interface ShapeContext {
  tree: TomlTree;
  sink: DiagnosticSink;
  /** Code prefix: `hunt` or `rule`. */
  prefix: string;
  /** Upstream rejects unknown rule keys; hunts only get a warning; undefined ignores them. */
  unknownKeySeverity: Severity | undefined;
}

export interface StringPattern {
  regex: RegExp;
  code: string;
  /** What a valid value looks like, e.g. "a date written YYYY/MM/DD". */
  expected: string;
}

/** Checks of a string beyond its shape, e.g. that a date exists. */
export type StringCheck = (node: TomlNode, context: ShapeContext) => void;

export type Shape =
  | { type: 'string'; nonEmpty?: boolean; oneOf?: readonly string[]; pattern?: StringPattern; check?: StringCheck }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'list'; of: Shape; minItems?: number; maxItems?: number }
  | { type: 'table'; fields: Fields }
  /** A table whose keys are free-form (e.g. `meta`, `extended`). */
  | { type: 'openTable' }
  /** The first option whose TOML type matches applies. */
  | { type: 'either'; options: readonly Shape[] };

export interface Field {
  shape: Shape;
  required?: boolean;
}

export type Fields = Readonly<Record<string, Field>>;

export const string = (options: Omit<Extract<Shape, { type: 'string' }>, 'type'> = {}): Shape => ({ type: 'string', ...options });
export const nonEmptyString: Shape = { type: 'string', nonEmpty: true };
export const integer = (options: Omit<Extract<Shape, { type: 'integer' }>, 'type'> = {}): Shape => ({ type: 'integer', ...options });
export const boolean: Shape = { type: 'boolean' };
export const listOf = (of: Shape, options: Omit<Extract<Shape, { type: 'list' }>, 'type' | 'of'> = {}): Shape => ({ type: 'list', of, ...options });
export const table = (fields: Fields): Shape => ({ type: 'table', fields });
export const openTable: Shape = { type: 'openTable' };
export const either = (...options: Shape[]): Shape => ({ type: 'either', options });
export const required = (shape: Shape): Field => ({ shape, required: true });
export const optional = (shape: Shape): Field => ({ shape });

const KIND_OF_SHAPE: Record<Shape['type'], TomlKind | undefined> = {
  string: 'string',
  integer: 'integer',
  boolean: 'boolean',
  list: 'array',
  table: 'table',
  openTable: 'table',
  either: undefined,
};

const KIND_NAMES: Record<TomlKind, string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a float',
  boolean: 'a boolean',
  datetime: 'a date-time',
  array: 'an array',
  table: 'a table',
};

function describeShape(shape: Shape): string {
  switch (shape.type) {
    case 'list':
      return shape.of.type === 'string' ? 'an array of strings' : shape.of.type === 'table' || shape.of.type === 'openTable' ? 'an array of tables' : 'an array';
    case 'either':
      return shape.options.map(describeShape).join(' or ');
    default:
      return KIND_NAMES[KIND_OF_SHAPE[shape.type]!];
  }
}

/** `value` in backticks, shortened so a long string does not swamp the message. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return '`' + (text.length > 60 ? text.slice(0, 57) + '...' : text) + '`';
}

function listing(values: readonly string[]): string {
  return values.map((v) => '`' + v + '`').join(', ');
}

/** The name of a node in messages, e.g. `rule.threat[0].tactic`. */
export function nameOf(node: TomlNode): string {
  return quote(displayPath(node.path));
}

/** Checks a table against `fields`; `owner` names it in messages (default: its path), e.g. "[rule] of a `query` rule". */
export function checkTable(table: TomlNode, fields: Fields, owner: string | undefined, context: ShapeContext): void {
  const { tree, sink, prefix, unknownKeySeverity } = context;
  const present = table.value as Record<string, unknown>;
  for (const key in present) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (field) {
      if (!isPlainString(field.shape) || typeof present[key] !== 'string') checkValue(tree.child(table, key)!, field.shape, context);
    } else if (unknownKeySeverity) {
      const child = tree.child(table, key)!;
      const message = `unknown key ${quote(key)} in ${owner ?? nameOf(table)}`;
      sink.items.push({ span: child.keySpan ?? child.span, severity: unknownKeySeverity, code: `${prefix}-unknown-key`, message });
    }
  }
  for (const key of requiredKeys(fields)) {
    if (!Object.hasOwn(present, key)) sink.error(table.span, `${prefix}-missing-key`, `missing required key ${quote(key)} in ${owner ?? nameOf(table)}`);
  }
}

/** A string shape any string satisfies: such values need no node of their own (most keys of a rule are). */
function isPlainString(shape: Shape): boolean {
  return shape.type === 'string' && !shape.nonEmpty && !shape.oneOf && !shape.pattern && !shape.check;
}

const requiredKeysCache = new WeakMap<Fields, string[]>();

function requiredKeys(fields: Fields): string[] {
  let keys = requiredKeysCache.get(fields);
  if (!keys) requiredKeysCache.set(fields, (keys = Object.keys(fields).filter((key) => fields[key].required)));
  return keys;
}

export function checkValue(node: TomlNode, shape: Shape, context: ShapeContext): void {
  const applied = shape.type === 'either' ? shape.options.find((o) => KIND_OF_SHAPE[o.type] === node.kind) : shape;
  if (!applied || KIND_OF_SHAPE[applied.type] !== node.kind) {
    context.sink.error(node.span, `${context.prefix}-wrong-type`, `${nameOf(node)} must be ${describeShape(shape)}, not ${KIND_NAMES[node.kind]}`);
    return;
  }
  if (applied.type === 'string') {
    if (checkString(node, applied, context)) applied.check?.(node, context);
  } else if (applied.type === 'integer') checkInteger(node, applied, context);
  else if (applied.type === 'list') checkList(node, applied, context);
  else if (applied.type === 'table') checkTable(node, applied.fields, undefined, context);
}

/** Emptiness, enumeration and format of a string; false when one of them fails. */
function checkString(node: TomlNode, shape: Extract<Shape, { type: 'string' }>, context: ShapeContext): boolean {
  const { sink, prefix } = context;
  const value = node.value as string;
  if (shape.nonEmpty && value.trim() === '') {
    sink.error(node.span, `${prefix}-empty-value`, `${nameOf(node)} must not be empty`);
    return false;
  }
  if (shape.oneOf && !shape.oneOf.includes(value)) {
    sink.error(node.span, `${prefix}-invalid-value`, `${nameOf(node)} must be one of ${listing(shape.oneOf)}, not ${quote(value)}`);
    return false;
  }
  if (shape.pattern && !shape.pattern.regex.test(value)) {
    sink.error(node.span, shape.pattern.code, `${nameOf(node)} must be ${shape.pattern.expected}, not ${quote(value)}`);
    return false;
  }
  return true;
}

function checkInteger(node: TomlNode, shape: Extract<Shape, { type: 'integer' }>, context: ShapeContext): void {
  const value = Number(node.value);
  const { min, max } = shape;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
    context.sink.error(node.span, `${context.prefix}-out-of-range`, `${nameOf(node)} must be ${range}, not ${value}`);
  }
}

function checkList(node: TomlNode, shape: Extract<Shape, { type: 'list' }>, context: ShapeContext): void {
  const { tree, sink, prefix } = context;
  const items = node.value as unknown[];
  if (shape.minItems !== undefined && items.length < shape.minItems) {
    const needs = shape.minItems === 1 ? 'must not be empty' : `needs at least ${shape.minItems} items`;
    sink.error(node.span, `${prefix}-empty-value`, `${nameOf(node)} ${needs}`);
  }
  if (shape.maxItems !== undefined && items.length > shape.maxItems) {
    sink.error(node.span, `${prefix}-too-many-items`, `${nameOf(node)} takes at most ${shape.maxItems} items, not ${items.length}`);
  }
  const plain = isPlainString(shape.of);
  for (let i = 0; i < items.length; i++) {
    if (plain && typeof items[i] === 'string') continue;
    checkValue(tree.child(node, i)!, shape.of, context);
  }
}
