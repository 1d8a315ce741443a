// What the osquery front-end produces: sql-parser-cst's concrete syntax tree
// for SQLite (osquery runs SQLite) plus the tables and columns it references.
import type { Program } from 'sql-parser-cst';
import type { Span } from '../common/diagnostics.ts';

export interface OsqueryQuery {
  kind: 'osquery';
  span: Span;
  /** The CST (sqlite dialect, every node with its `range`); null when the text does not parse. */
  cst: Program | null;
  /** Tables read in FROM and JOIN clauses, common table expressions excluded, in text order. */
  tables: OsqueryTableRef[];
  /** Names used as columns in expressions, in text order. */
  columns: OsqueryColumnRef[];
}

export interface OsqueryTableRef {
  /** As written, without quotes (`main.users` gives `users`). */
  name: string;
  alias: string | null;
  span: Span;
}

export interface OsqueryColumnRef {
  name: string;
  /** The table or alias before the dot (`f` in `f.path`), if any. */
  qualifier: string | null;
  span: Span;
  /**
   * Written in double quotes: SQLite reads `"x"` as a column when one is named
   * so and as the string 'x' otherwise, and osquery queries often mean the string.
   */
  quoted: boolean;
}
