// Finding the CST nodes under an offset, for completion and hover.
import type { Node } from 'sql-parser-cst';
import type { OsqueryQuery } from './ast.ts';
import { cstChildren } from './cstNodes.ts';

/**
 * The chain of CST nodes from the program down to the innermost node whose
 * range holds `offset` (a node also holds the offset just after its end; a
 * node that starts there wins over one that ends there). Empty without a CST.
 */
export function osqueryNodePath(query: OsqueryQuery, offset: number): Node[] {
  if (!query.cst) return [];
  const path: Node[] = [query.cst];
  for (let node: Node | undefined = query.cst; node; ) {
    let inside: Node | undefined;
    let touching: Node | undefined;
    for (const child of cstChildren(node)) {
      if (!child.range) continue;
      const [start, end] = child.range;
      if (start <= offset && offset < end) inside = child;
      else if (end === offset) touching = child;
    }
    node = inside ?? touching;
    if (node) path.push(node);
  }
  return path;
}
