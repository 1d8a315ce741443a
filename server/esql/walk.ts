// Generic traversal of the ES|QL tree: every property holding a node (an
// object with a `kind`) or an array of nodes is a child.
import type { EsqlNode } from './ast.ts';

function isNode(value: unknown): value is EsqlNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Direct children of a node, in source order. */
export function childrenOf(node: EsqlNode): EsqlNode[] {
  const children: EsqlNode[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  // Property order is not always source order (`RENAME new = old`).
  return children.sort((a, b) => a.span.start - b.span.start);
}

/** Depth-first pre-order walk; return `false` from `visit` to skip a node's children. */
export function walk(node: EsqlNode, visit: (node: EsqlNode, parent: EsqlNode | undefined) => boolean | void, parent?: EsqlNode): void {
  if (visit(node, parent) === false) return;
  for (const child of childrenOf(node)) walk(child, visit, node);
}

/**
 * The chain of nodes whose span contains `offset`, outermost first. An offset
 * equal to a span's end counts as inside, so a cursor just after a name finds it.
 */
export function nodePathAt(root: EsqlNode, offset: number): EsqlNode[] {
  const path: EsqlNode[] = [];
  let current: EsqlNode | undefined = root;
  while (current) {
    path.push(current);
    let next: EsqlNode | undefined;
    for (const child of childrenOf(current)) {
      if (child.span.start <= offset && offset <= child.span.end) next = child;
    }
    current = next;
  }
  return path;
}

/** The innermost node whose span contains `offset`. */
export function nodeAtOffset(root: EsqlNode, offset: number): EsqlNode {
  const path = nodePathAt(root, offset);
  return path[path.length - 1]!;
}
