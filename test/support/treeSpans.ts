// Span invariants of syntax trees, checked by the fuzz tests.
import type { Span } from '../../server/common/diagnostics.ts';

/** Every child lies inside its parent, and siblings come in text order. */
export function spansNest<Node extends { span: Span }>(node: Node, children: (node: Node) => readonly Node[]): boolean {
  let previousStart = node.span.start;
  for (const child of children(node)) {
    if (child.span.start < node.span.start || child.span.end > node.span.end || child.span.start > child.span.end) return false;
    if (child.span.start < previousStart) return false;
    previousStart = child.span.start;
    if (!spansNest(child, children)) return false;
  }
  return true;
}
