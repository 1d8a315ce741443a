// Finding the nodes under an offset, for completion and hover.
import { luceneChildren } from './ast.ts';
import type { LuceneNode, LuceneQuery } from './ast.ts';

/**
 * The chain of nodes from the root down to the innermost node whose span holds
 * `offset` (a node also holds the offset just after its end; a node that starts
 * there wins over one that ends there).
 */
export function luceneNodePath(query: LuceneQuery, offset: number): LuceneNode[] {
  const path: LuceneNode[] = [query];
  for (let node: LuceneNode | undefined = query; node; ) {
    let inside: LuceneNode | undefined;
    let touching: LuceneNode | undefined;
    for (const child of luceneChildren(node)) {
      if (child.span.start <= offset && offset < child.span.end) inside = child;
      else if (child.span.end === offset) touching = child;
    }
    node = inside ?? touching;
    if (node) path.push(node);
  }
  return path;
}
