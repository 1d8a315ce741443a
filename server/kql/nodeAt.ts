// Finding the nodes under an offset, for completion and hover.
import { nodePath } from '../common/nodePath.ts';
import { kqlChildren } from './ast.ts';
import type { KqlNode, KqlQuery } from './ast.ts';

/** The chain of nodes from the root down to the innermost node under `offset` (see `nodePath`). */
export function kqlNodePath(query: KqlQuery, offset: number): KqlNode[] {
  return nodePath<KqlNode>(query, offset, kqlChildren);
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
