// What surrounds an offset in an ES|QL query, for completion and hover: the
// command it belongs to, the function argument it sits in, and the columns
// available there.
import type * as A from './ast.ts';
import { analyzeEsql } from './analyzer.ts';
import type { ColumnInfo } from './columns.ts';
import { nodePathAt, walk } from './walk.ts';

export interface FunctionArgumentContext {
  call: A.FunctionCall;
  /** 0-based index of the argument the offset is in (counting commas before it). */
  argumentIndex: number;
}

export interface CursorContext {
  /** Nodes containing the offset, outermost first. */
  path: A.EsqlNode[];
  /** The command whose stretch of text (from its keyword to the next `|`) holds the offset. */
  command?: A.Command;
  /** The innermost function call whose parentheses hold the offset. */
  functionArgument?: FunctionArgumentContext;
  /** Columns the command receives, as far as the query defines them. */
  columns: ColumnInfo[];
  /** Whether index fields beyond `columns` may also be available. */
  moreColumnsPossible: boolean;
}

/** The command a pipeline assigns `offset` to: the last one whose region (from the `|` before it) starts at or before it. */
function commandAt(pipeline: A.Pipeline, offset: number): A.Command | undefined {
  let found: A.Command | undefined;
  let previousEnd = pipeline.span.start;
  pipeline.commands.forEach((command, i) => {
    const pipe = pipeline.pipes.find((p) => p >= previousEnd && p < command.span.start);
    const regionStart = i === 0 ? pipeline.span.start : pipe !== undefined ? pipe + 1 : command.span.start;
    if (offset >= regionStart) found = command;
    previousEnd = command.span.end;
  });
  if (found?.kind === 'Fork') {
    for (const branch of found.branches) {
      if (offset > branch.span.start && offset <= branch.span.end) return commandAt(branch.pipeline, offset) ?? found;
    }
  }
  return found;
}

/** The call with the latest `(` before the offset that is still open there (unclosed calls stay open to the command's end). */
function functionArgumentAt(command: A.Command, offset: number): FunctionArgumentContext | undefined {
  let found: A.FunctionCall | undefined;
  walk(command, (node) => {
    if (node.kind !== 'Function') return;
    const open = offset > node.openParen && (node.closeParen === undefined || offset <= node.closeParen);
    if (open && (!found || node.openParen > found.openParen)) found = node;
  });
  return found && { call: found, argumentIndex: found.commas.filter((comma) => comma < offset).length };
}

export function cursorContext(ast: A.EsqlQuery, text: string, offset: number): CursorContext {
  const path = nodePathAt(ast, offset);
  const command = commandAt(ast.pipeline, offset);
  const functionArgument = command && functionArgumentAt(command, offset);
  const scope = command ? analyzeEsql(ast, text).inputScopes.get(command) : undefined;
  return {
    path,
    command,
    functionArgument,
    columns: scope?.columns() ?? [],
    moreColumnsPossible: scope?.isOpen ?? true,
  };
}
