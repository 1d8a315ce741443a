// Field access with Elasticsearch's view of a JSON source: a dotted field name
// reaches the same value whether the source nests objects (`{"process":{"name":"x"}}`),
// uses dotted keys (`{"process.name":"x"}`) or mixes both; arrays are multi-valued
// fields, and arrays of objects flatten (`{"a":[{"b":1},{"b":2}]}` gives a.b = [1, 2]).
import type { EventDocument, FieldValue, JsonValue } from './values.ts';

export interface FieldAccessor {
  /** The field name as asked for (before alias resolution). */
  readonly field: string;
  /** The concrete path read after resolving aliases. */
  readonly path: string;
  /** Every leaf value of the field, in source order; empty when the field is missing or null. */
  values(event: EventDocument): FieldValue[];
  /** Appends the field's values to `out` (lets a hot loop reuse one array). */
  collect(event: EventDocument, out: FieldValue[]): void;
  /** The first value, or undefined when missing: the cheap path for single-valued fields. */
  first(event: EventDocument): FieldValue | undefined;
}

export interface FieldAccessOptions {
  /** Field aliases from a mapping (`event.category` → `event_type`). */
  aliases?: ReadonlyMap<string, string>;
}

/** One way to consume source keys from a position in the path: the key to look up and where the path continues. */
interface Step {
  key: string;
  next: number;
}

/**
 * Compiles a dotted field name once into the keys to try at each depth, so reading
 * an event does only property lookups (no string splitting or joining per event).
 */
export function compileFieldAccessor(field: string, options: FieldAccessOptions = {}): FieldAccessor {
  const path = options.aliases?.get(field) ?? field;
  const segments = path.split('.');
  const depth = segments.length;
  // steps[i]: every key made of segments i..j joined with dots, longest last.
  const steps: Step[][] = segments.map((_, i) => {
    const out: Step[] = [];
    for (let j = i; j < depth; j++) out.push({ key: segments.slice(i, j + 1).join('.'), next: j + 1 });
    return out;
  });

  const collectFrom = (node: JsonValue | undefined, level: number, out: FieldValue[]): void => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) collectFrom(node[i], level, out);
      return;
    }
    if (level === depth) {
      if (typeof node !== 'object') out.push(node);
      return;
    }
    if (typeof node !== 'object') return;
    const choices = steps[level];
    for (let s = 0; s < choices.length; s++) {
      const child = (node as Record<string, JsonValue | undefined>)[choices[s].key];
      // Inherited members (`constructor`, `toString`) are functions and fall through every check.
      if (child !== undefined && typeof child !== 'function') collectFrom(child, choices[s].next, out);
    }
  };

  const firstFrom = (node: JsonValue | undefined, level: number): FieldValue | undefined => {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = firstFrom(node[i], level);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (level === depth) return typeof node === 'object' ? undefined : node;
    if (typeof node !== 'object') return undefined;
    const choices = steps[level];
    for (let s = 0; s < choices.length; s++) {
      const child = (node as Record<string, JsonValue | undefined>)[choices[s].key];
      if (child !== undefined && typeof child !== 'function') {
        const found = firstFrom(child, choices[s].next);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };

  return {
    field,
    path,
    values(event) {
      const out: FieldValue[] = [];
      collectFrom(event, 0, out);
      return out;
    },
    collect(event, out) {
      collectFrom(event, 0, out);
    },
    first(event) {
      return firstFrom(event, 0);
    },
  };
}

/** Every leaf field name present in an event, dotted, in source order (duplicates removed). */
export function fieldNames(event: EventDocument): string[] {
  const names = new Set<string>();
  const walk = (node: JsonValue, prefix: string) => {
    if (node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, prefix);
      return;
    }
    if (typeof node === 'object') {
      for (const key of Object.keys(node)) walk(node[key], prefix === '' ? key : `${prefix}.${key}`);
      return;
    }
    if (prefix !== '') names.add(prefix);
  };
  walk(event, '');
  return [...names];
}
