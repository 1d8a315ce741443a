// Finding the nodes under an offset, for completion and hover.
import { kqlChildren } from './ast.ts';
import type { KqlNode, KqlQuery } from './ast.ts';

/**
 * The chain of nodes from the root down to the innermost node whose span holds
 * `offset` (a node also holds the offset just after its end, where a cursor
 * stands after typing it; a node that starts there wins over one that ends there).
 */
export function kqlNodePath(query: KqlQuery, offset: number): KqlNode[] {
  const path: KqlNode[] = [query];
  for (let node: KqlNode | undefined = query; node; ) {
    let inside: KqlNode | undefined;
    let touching: KqlNode | undefined;
    for (const child of kqlChildren(node)) {
      if (child.span.start <= offset && offset < child.span.end) inside = child;
      else if (child.span.end === offset) touching = child;
    }
    node = inside ?? touching;
    if (node) path.push(node);
  }
  return path;
}

/**
 * The dotted path of the nested queries around the last node of `path`:
 * `a:{ b:{ c:1 } }` gives `a.b` at `c`, so the full field name there is `a.b.c`.
 */
export function kqlNestedPrefix(path: readonly KqlNode[]): string {
  const names: string[] = [];
  path.forEach((node, i) => {
    if (node.kind === 'nested' && path[i + 1] !== node.field && i + 1 < path.length) names.push(node.field.name);
  });
  return names.join('.');
}
