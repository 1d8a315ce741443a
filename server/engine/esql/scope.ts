// The columns flowing between commands. Computed columns live in row slots;
// source columns are read from the row's event on first use and cached in a slot.
// Which source fields exist is only known from the data, so after FROM the scope
// holds a "rest" entry standing for every source field not named otherwise
// (dropped, renamed, kept by pattern), expanded into concrete columns (sorted by
// name, as Elasticsearch lists mapped fields) when the result is built.
import type { Span } from '../../common/diagnostics.ts';
import type { ColumnPattern } from '../../esql/ast.ts';
import type { Compiled, Evaluator, Row } from './compiled.ts';
import type { SourceSchema } from './source.ts';
import type { EsqlType, Value } from './types.ts';
import { CompileError } from './warnings.ts';

export interface Column {
  name: string;
  type: EsqlType;
  read: Evaluator;
  /** Set when every row holds the same value (EVAL of a constant): lets later commands fold it. */
  constant?: { value: Value };
}

/** Row slot allocation for one stretch of the pipeline (a new one starts after STATS). */
export class Layout {
  size = 0;

  allocate(): number {
    return this.size++;
  }

  newRow(src: Row['src']): Row {
    return { src, vals: new Array(this.size) };
  }
}

/** Source fields reachable from the rows' events, each read once per row into a cached slot. */
export class SourceAccess {
  private readonly slots = new Map<string, Column>();

  constructor(
    readonly schema: SourceSchema,
    readonly layout: Layout,
  ) {}

  column(sourceName: string, outName: string = sourceName): Column {
    let cached = this.slots.get(sourceName);
    if (!cached) {
      const field = this.schema.field(sourceName);
      const slot = this.layout.allocate();
      const read = field.read;
      cached = {
        name: sourceName,
        type: field.type,
        read: (row) => {
          let v = row.vals[slot];
          if (v === undefined) {
            v = row.src === null ? null : read(row.src);
            row.vals[slot] = v;
          }
          return v;
        },
      };
      this.slots.set(sourceName, cached);
    }
    return outName === sourceName ? cached : { ...cached, name: outName };
  }
}

type RestOperation =
  | { kind: 'exclude'; test: (name: string) => boolean }
  | { kind: 'filter'; test: (name: string) => boolean }
  | { kind: 'rename'; from: string; to: string };

/** The source fields not yet named by the query: which ones remain, under which names. */
export class SourceRest {
  constructor(
    private readonly operations: readonly RestOperation[] = [],
    /** Columns that replace a source field in place (MV_EXPAND of a source field). */
    readonly overrides: ReadonlyMap<string, Column> = new Map(),
  ) {}

  private with(operation: RestOperation): SourceRest {
    const overrides = new Map(this.overrides);
    for (const name of overrides.keys()) {
      if ((operation.kind === 'exclude' && operation.test(name)) || (operation.kind === 'filter' && !operation.test(name))) overrides.delete(name);
    }
    if (operation.kind === 'rename') {
      overrides.delete(operation.to);
      const moved = overrides.get(operation.from);
      if (moved) {
        overrides.delete(operation.from);
        overrides.set(operation.to, { ...moved, name: operation.to });
      }
    }
    return new SourceRest([...this.operations, operation], overrides);
  }

  exclude(test: (name: string) => boolean): SourceRest {
    return this.with({ kind: 'exclude', test });
  }

  filter(test: (name: string) => boolean): SourceRest {
    return this.with({ kind: 'filter', test });
  }

  rename(from: string, to: string): SourceRest {
    return this.with({ kind: 'rename', from, to });
  }

  withOverride(column: Column): SourceRest {
    const overrides = new Map(this.overrides);
    overrides.set(column.name, column);
    return new SourceRest(this.operations, overrides);
  }

  /** The source field an output name stands for, if the rest still holds it. */
  resolve(outName: string): string | undefined {
    let name = outName;
    for (let i = this.operations.length - 1; i >= 0; i--) {
      const op = this.operations[i]!;
      if (op.kind === 'exclude' && op.test(name)) return undefined;
      if (op.kind === 'filter' && !op.test(name)) return undefined;
      if (op.kind === 'rename') {
        if (name === op.to) name = op.from;
        else if (name === op.from) return undefined;
      }
    }
    return name;
  }

  /** Output names of the given source fields (in their order), with the source field each reads. */
  list(sourceNames: readonly string[]): { outName: string; sourceName: string }[] {
    const out: { outName: string; sourceName: string }[] = [];
    for (const sourceName of sourceNames) {
      let name: string | undefined = sourceName;
      for (const op of this.operations) {
        if (op.kind === 'exclude' && op.test(name)) name = undefined;
        else if (op.kind === 'filter' && !op.test(name)) name = undefined;
        else if (op.kind === 'rename') {
          if (name === op.from) name = op.to;
          else if (name === op.to) name = undefined;
        }
        if (name === undefined) break;
      }
      if (name !== undefined) out.push({ outName: name, sourceName });
    }
    return out;
  }
}

export type ScopeEntry = { kind: 'column'; column: Column } | { kind: 'rest'; rest: SourceRest };

/** `*` matches any run of characters, dots included. */
function matchesPattern(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  if (!name.startsWith(parts[0]!) || !name.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  const end = name.length - parts[parts.length - 1]!.length;
  if (end < at) return false;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > end) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

function unknownColumn(name: string, span: Span): CompileError {
  return new CompileError(span, 'esql-engine-unknown-column', `Unknown column [${name}]`);
}

export class Scope {
  constructor(
    readonly entries: readonly ScopeEntry[],
    /** Present while rows still carry their source events. */
    readonly source: SourceAccess | undefined,
  ) {}

  get rest(): SourceRest | undefined {
    for (const entry of this.entries) if (entry.kind === 'rest') return entry.rest;
    return undefined;
  }

  columns(): Column[] {
    return this.entries.flatMap((e) => (e.kind === 'column' ? [e.column] : []));
  }

  /** The column a name refers to, or undefined when no column has it. */
  find(name: string): Column | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.kind === 'column') {
        if (entry.column.name === name) return entry.column;
      } else {
        const override = entry.rest.overrides.get(name);
        if (override) return override;
        const sourceName = entry.rest.resolve(name);
        if (sourceName !== undefined && this.source) return this.source.column(sourceName, name);
      }
    }
    return undefined;
  }

  resolve(name: string, span: Span): Compiled {
    const column = this.find(name);
    if (!column) throw unknownColumn(name, span);
    if (column.constant) {
      const value = column.constant.value;
      return { type: column.type, eval: () => value, constant: true };
    }
    return { type: column.type, eval: column.read, constant: false };
  }

  /** Adds (or replaces) a column at the end, as EVAL does. */
  withColumn(column: Column): Scope {
    const entries: ScopeEntry[] = [];
    for (const entry of this.entries) {
      if (entry.kind === 'column') {
        if (entry.column.name !== column.name) entries.push(entry);
      } else entries.push({ kind: 'rest', rest: entry.rest.exclude((n) => n === column.name) });
    }
    entries.push({ kind: 'column', column });
    return new Scope(entries, this.source);
  }

  /** Replaces a column where it stands (MV_EXPAND). */
  replaceInPlace(column: Column): Scope {
    const entries = this.entries.map((entry): ScopeEntry => {
      if (entry.kind === 'column') return entry.column.name === column.name ? { kind: 'column', column } : entry;
      return entry.rest.resolve(column.name) !== undefined || entry.rest.overrides.has(column.name) ? { kind: 'rest', rest: entry.rest.withOverride(column) } : entry;
    });
    return new Scope(entries, this.source);
  }

  keep(patterns: readonly ColumnPattern[]): Scope {
    const precedence = (p: ColumnPattern) => (!p.wildcard ? 3 : p.name === '*' ? 1 : 2);
    const winner = (name: string): number => {
      let best = -1;
      patterns.forEach((p, i) => {
        if ((p.wildcard ? matchesPattern(p.name, name) : p.name === name) && (best < 0 || precedence(p) >= precedence(patterns[best]!))) best = i;
      });
      return best;
    };
    const entries: ScopeEntry[] = [];
    patterns.forEach((pattern, index) => {
      if (!pattern.wildcard) {
        if (winner(pattern.name) !== index) return;
        const column = this.find(pattern.name);
        if (!column) throw unknownColumn(pattern.name, pattern.span);
        entries.push({ kind: 'column', column });
        return;
      }
      for (const entry of this.entries) {
        if (entry.kind === 'column') {
          if (matchesPattern(pattern.name, entry.column.name) && winner(entry.column.name) === index) entries.push(entry);
        } else {
          entries.push({ kind: 'rest', rest: entry.rest.filter((n) => matchesPattern(pattern.name, n) && winner(n) === index) });
        }
      }
    });
    return new Scope(entries, this.source);
  }

  drop(patterns: readonly ColumnPattern[]): Scope {
    const dropped = (name: string) => patterns.some((p) => (p.wildcard ? matchesPattern(p.name, name) : p.name === name));
    for (const pattern of patterns) {
      if (!pattern.wildcard && !this.find(pattern.name)) throw unknownColumn(pattern.name, pattern.span);
    }
    const entries: ScopeEntry[] = [];
    for (const entry of this.entries) {
      if (entry.kind === 'column') {
        if (!dropped(entry.column.name)) entries.push(entry);
      } else entries.push({ kind: 'rest', rest: entry.rest.exclude(dropped) });
    }
    return new Scope(entries, this.source);
  }

  rename(from: ColumnPattern, to: string): Scope {
    if (from.wildcard) throw new CompileError(from.span, 'esql-engine-unsupported-rename', 'renaming by pattern is not supported by the local engine');
    const existing = this.find(from.name);
    if (!existing) throw unknownColumn(from.name, from.span);
    if (from.name === to) return this;
    const entries: ScopeEntry[] = [];
    for (const entry of this.entries) {
      if (entry.kind === 'column') {
        if (entry.column.name === from.name) entries.push({ kind: 'column', column: { ...entry.column, name: to } });
        else if (entry.column.name !== to) entries.push(entry);
      } else {
        const holdsOld = entry.rest.resolve(from.name) !== undefined || entry.rest.overrides.has(from.name);
        const shadowsOld = this.entries.some((e) => e.kind === 'column' && e.column.name === from.name);
        entries.push({ kind: 'rest', rest: holdsOld && !shadowsOld ? entry.rest.rename(from.name, to) : entry.rest.exclude((n) => n === to) });
      }
    }
    return new Scope(entries, this.source);
  }
}
