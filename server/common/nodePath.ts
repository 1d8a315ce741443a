// Finding the nodes under an offset, for completion and hover, in a tree whose
// nodes carry spans and list their children in text order.
import type { Span } from './diagnostics.ts';

/**
 * The chain of nodes from `root` down to the innermost node whose span holds
 * `offset` (a node also holds the offset just after its end, where a cursor
 * stands after typing it; a node that starts there wins over one that ends there).
 */
export function nodePath<Node extends { span: Span }>(root: Node, offset: number, children: (node: Node) => readonly Node[]): Node[] {
  const path: Node[] = [root];
  for (let node: Node | undefined = root; node; ) {
    let inside: Node | undefined;
    let touching: Node | undefined;
    for (const child of children(node)) {
      if (child.span.start <= offset && offset < child.span.end) inside = child;
      else if (child.span.end === offset) touching = child;
    }
    node = inside ?? touching;
    if (node) path.push(node);
  }
  return path;
}
