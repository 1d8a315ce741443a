// A navigable view of a TOML model for schema checks: every table, array and value
// by path, with the TOML type it was written as and where to underline it.
import type { Span } from '../common/diagnostics.ts';
import { NO_SPAN, pathKey, type TomlEntry, type TomlKind, type TomlModel, type TomlPath } from '../document/tomlModel.ts';

export type { TomlKind };

/** A table, array or value of the document. */
export class TomlNode {
  constructor(
    /** The table or array holding it (undefined for the document itself). */
    readonly parent: TomlNode | undefined,
    /** Its key in the parent table, or index in the parent array. */
    readonly name: string | number,
    readonly kind: TomlKind,
    readonly value: unknown,
    /** The value as written; for a table without an inline value, its header or first key. */
    readonly span: Span,
    /** The key as written (a dotted key or a `[table]` header), when there is one. */
    readonly keySpan: Span | undefined,
    /** Written as a value (`key = ...`), rather than declared by `[table]` headers. */
    readonly inline: boolean,
  ) {}

  get path(): TomlPath {
    const path: (string | number)[] = [];
    for (let node: TomlNode | undefined = this; node?.parent; node = node.parent) path.unshift(node.name);
    return path;
  }
}

/** `rule.threat.0.tactic` → "rule.threat[0].tactic", the way users read TOML paths. */
export function displayPath(path: TomlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

export class TomlTree {
  /** Each key/value entry, by the table that holds it and its key there. */
  private readonly entries = new Map<object, Map<string | number, TomlEntry>>();
  /** Where each table or array without an inline value is declared: its header, else the first key below it. */
  private readonly declared = new Map<object, Span>();

  constructor(private readonly model: TomlModel) {
    const root = model.value;
    // Without source positions there is nothing to locate: children are read off the values.
    if (!root || !model.exactSpans) return;
    for (const table of model.tables) {
      const value = valueAt(root, table.path);
      if (typeof value === 'object' && value !== null && !this.declared.has(value)) this.declared.set(value, table.span);
      // An array of tables is located by the header of its first element.
      const array = table.kind === 'array' ? valueAt(root, table.path.slice(0, -1)) : undefined;
      if (typeof array === 'object' && array !== null && !this.declared.has(array)) this.declared.set(array, table.span);
    }
    for (const entry of model.entries.values()) {
      const { path } = entry;
      // Array elements are looked up by path when needed: most are plain strings no check ever visits.
      if (typeof path[path.length - 1] === 'number') continue;
      let parent: unknown = root;
      for (let i = 0; i < path.length - 1 && typeof parent === 'object' && parent !== null; i++) {
        parent = (parent as Record<string | number, unknown>)[path[i]];
        // Tables made only of dotted keys (`a.b = 1`) are located by their first key.
        if (typeof parent === 'object' && parent !== null && !this.declared.has(parent)) this.declared.set(parent, entry.keySpan ?? entry.valueSpan);
      }
      if (typeof parent !== 'object' || parent === null) continue;
      let byName = this.entries.get(parent);
      if (!byName) this.entries.set(parent, (byName = new Map()));
      byName.set(path[path.length - 1], entry);
    }
  }

  /** The document itself: its top-level table. */
  get root(): TomlNode {
    return new TomlNode(undefined, '', 'table', this.model.value ?? {}, { start: 0, end: 0 }, undefined, false);
  }

  /** The node at `path`, or undefined when the document does not define it. */
  node(path: TomlPath): TomlNode | undefined {
    let node: TomlNode | undefined = this.root;
    for (const part of path) {
      node = this.child(node, part);
      if (!node) return undefined;
    }
    return node;
  }

  /** The child of a table (by key) or of an array (by index). */
  child(parent: TomlNode, name: string | number): TomlNode | undefined {
    const value = parent.value;
    if (value === null || typeof value !== 'object') return undefined;
    const childValue = (value as Record<string | number, unknown>)[name];
    if (childValue === undefined) return undefined;
    if (this.model.memberKind) return new TomlNode(parent, name, this.model.memberKind(value, name, childValue), childValue, NO_SPAN, undefined, true);
    const entry =
      typeof name === 'string' ? this.entries.get(value)?.get(name) : parent.inline ? this.model.entries.get(`${pathKey(parent.path)}.${name}`) : undefined;
    if (entry) return new TomlNode(parent, name, entry.kind, childValue, entry.valueSpan, entry.keySpan, true);
    // A table or array of tables without a value of its own.
    const span = this.declared.get(childValue as object) ?? { start: 0, end: 0 };
    return new TomlNode(parent, name, Array.isArray(childValue) ? 'array' : 'table', childValue, span, span, false);
  }

  /** The keys of a table or the elements of an array, in source order. */
  children(parent: TomlNode): TomlNode[] {
    const value = parent.value;
    const out: TomlNode[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) out.push(this.child(parent, i)!);
    } else if (parent.kind === 'table') {
      for (const name in value as Record<string, unknown>) out.push(this.child(parent, name)!);
    }
    return out;
  }
}

function valueAt(root: unknown, path: TomlPath): unknown {
  let value = root;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}
