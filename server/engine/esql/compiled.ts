// What compiling an expression yields, and the context expressions compile in.
import type { Span } from '../../common/diagnostics.ts';
import type * as A from '../../esql/ast.ts';
import type { Clock } from '../clock.ts';
import type { EventDocument } from '../values.ts';
import type { SourceSchema } from './source.ts';
import type { TimeZone } from './zone.ts';
import type { EsqlType, Value } from './types.ts';
import { CompileError, WarningLog, WarningSite } from './warnings.ts';

/**
 * One row flowing through the pipeline: the event it came from (while source
 * columns are still reachable) and the values of computed columns by slot.
 * A source column's slot caches its value once read (`undefined` = not read yet).
 */
export interface Row {
  src: EventDocument | null;
  vals: (Value | undefined)[];
}

export type Evaluator = (row: Row) => Value;

export interface Compiled {
  type: EsqlType;
  eval: Evaluator;
  /** Independent of the row (literals, now(), functions of constants): evaluated once. */
  constant: boolean;
}

/** Resolves column names against the columns flowing into a command. */
export interface ColumnResolver {
  resolve(name: string, span: Span): Compiled;
}

export interface ExpressionContext {
  text: string;
  columns: ColumnResolver;
  clock: Clock;
  /** The query's time zone (`SET time_zone`), for calendar work on dates. */
  zone: TimeZone;
  log: WarningLog;
  /** The source fields, while rows are still the source events (full-text functions read them). */
  source?: SourceSchema;
  /** Inside a STATS aggregate expression: compiles an aggregate call into a reader of its result. */
  aggregate?: (call: A.FunctionCall) => Compiled;
}

export function site(context: ExpressionContext, span: Span, treatedAs: 'null' | 'false' = 'null'): WarningSite {
  return new WarningSite(context.log, context.text, span, treatedAs);
}

export function constant(type: EsqlType, value: Value): Compiled {
  return { type, eval: () => value, constant: true };
}

/** Evaluates a constant expression once, on first use. */
export function memoized(compiled: Compiled): Compiled {
  if (!compiled.constant) return compiled;
  const inner = compiled.eval;
  let done = false;
  let cached: Value = null;
  return {
    type: compiled.type,
    constant: true,
    eval: (row) => {
      if (!done) {
        cached = inner(row);
        done = true;
      }
      return cached;
    },
  };
}

const EMPTY_ROW: Row = { src: null, vals: [] };

/** The value of a constant expression, computed now. */
export function foldConstant(compiled: Compiled): Value {
  return compiled.eval(EMPTY_ROW);
}

export function typeError(span: Span, message: string): CompileError {
  return new CompileError(span, 'esql-engine-type-mismatch', message);
}
