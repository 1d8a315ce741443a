// The set of columns flowing between commands. Columns the query produces
// (EVAL, STATS, ROW, ...) are known with their type; index fields are not
// known in advance, so after FROM the set is "open": any name may exist until
// a command such as STATS or KEEP fixes the set.
import type { Span } from '../common/diagnostics.ts';
import type { EsqlType } from './typing.ts';

export interface ColumnInfo {
  name: string;
  /** Undefined when unknown (index fields). */
  type: EsqlType | undefined;
  /** Where the query created the column; undefined for index fields. */
  origin?: Span;
}

/** Which command last fixed the column set, for messages. */
export interface ClosedBy {
  command: string;
  span: Span;
}

export type Resolution = { status: 'known'; column: ColumnInfo } | { status: 'possible' } | { status: 'missing' };

/** `*` matches any run of characters, dots included. */
export function matchesPattern(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starN = n;
    } else if (starP >= 0) {
      p = starP + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export class ColumnScope {
  private constructor(
    private readonly known: Map<string, ColumnInfo>,
    /** Unknown fields may exist when they match one of these patterns... */
    private readonly openPatterns: string[],
    /** ...and none of these (dropped or renamed away). */
    private readonly excludedPatterns: string[],
    readonly closedBy: ClosedBy | undefined,
  ) {}

  /** Everything may exist (after FROM, or after a command whose output is unknown). */
  static open(): ColumnScope {
    return new ColumnScope(new Map(), ['*'], [], undefined);
  }

  /** Exactly the given columns. */
  static closed(columns: readonly ColumnInfo[], closedBy: ClosedBy): ColumnScope {
    return new ColumnScope(new Map(columns.map((c) => [c.name, c])), [], [], closedBy);
  }

  clone(): ColumnScope {
    return new ColumnScope(new Map(this.known), [...this.openPatterns], [...this.excludedPatterns], this.closedBy);
  }

  /** True when unknown names may still exist. */
  get isOpen(): boolean {
    return this.openPatterns.length > 0;
  }

  get openPatternList(): readonly string[] {
    return this.openPatterns;
  }

  columns(): ColumnInfo[] {
    return [...this.known.values()];
  }

  resolve(name: string): Resolution {
    const column = this.known.get(name);
    if (column) return { status: 'known', column };
    if (this.mayExist(name)) return { status: 'possible' };
    return { status: 'missing' };
  }

  private mayExist(name: string): boolean {
    return this.openPatterns.some((p) => matchesPattern(p, name)) && !this.excludedPatterns.some((p) => matchesPattern(p, name));
  }

  /** Known columns matching a pattern. */
  matching(pattern: string): ColumnInfo[] {
    return [...this.known.values()].filter((c) => matchesPattern(pattern, c.name));
  }

  /** Whether unknown fields matching `pattern` might exist. */
  mayHaveMatches(pattern: string): boolean {
    if (this.openPatterns.length === 0) return false;
    if (!pattern.includes('*')) return this.mayExist(pattern);
    // Conservative: an open set may hold fields matching any wildcard pattern not wholly excluded.
    return !this.excludedPatterns.some((p) => matchesPattern(p, pattern));
  }

  /** Adds or replaces a column; like Elasticsearch, a redefined column moves to the end. */
  set(column: ColumnInfo): void {
    this.known.delete(column.name);
    this.known.set(column.name, column);
  }

  /** Removes known columns and unknown fields matching the pattern. */
  drop(pattern: string): void {
    for (const name of [...this.known.keys()]) if (matchesPattern(pattern, name)) this.known.delete(name);
    if (this.openPatterns.length > 0) this.excludedPatterns.push(pattern);
  }

  /** Lets unknown fields in (after ENRICH or LOOKUP JOIN add fields nobody declared). */
  openUp(pattern = '*'): void {
    this.openPatterns.push(pattern);
  }

  /**
   * KEEP: the kept columns, in pattern order; unknown fields survive only
   * under wildcard patterns.
   */
  keep(kept: readonly ColumnInfo[], wildcardPatterns: readonly string[], closedBy: ClosedBy): ColumnScope {
    const open = this.openPatterns.length > 0 ? [...wildcardPatterns] : [];
    return new ColumnScope(new Map(kept.map((c) => [c.name, c])), open, open.length > 0 ? [...this.excludedPatterns] : [], closedBy);
  }

  /** Union of several scopes (FORK branches). */
  static union(scopes: readonly ColumnScope[], closedBy: ClosedBy): ColumnScope {
    const known = new Map<string, ColumnInfo>();
    const open: string[] = [];
    for (const scope of scopes) {
      for (const column of scope.known.values()) {
        const previous = known.get(column.name);
        known.set(column.name, previous && previous.type !== column.type ? { ...column, type: undefined } : column);
      }
      open.push(...scope.openPatterns);
    }
    return new ColumnScope(known, open, [], closedBy);
  }
}
