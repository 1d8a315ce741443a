// Generic access to sql-parser-cst nodes, whose many node types all share `type` and `range`.
import type { Node } from 'sql-parser-cst';
import type { Span } from '../common/diagnostics.ts';

export function isCstNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The direct child nodes of a CST node, in field order (comments and whitespace excluded). */
export function cstChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (const key in node) {
    if (key === 'leading' || key === 'trailing' || key === 'range') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isCstNode(item)) out.push(item);
    } else if (isCstNode(value)) {
      out.push(value);
    }
  }
  return out;
}

export function cstSpan(node: Node): Span {
  const range = node.range ?? [0, 0];
  return { start: range[0], end: range[1] };
}
