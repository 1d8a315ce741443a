// Tree traversal for the EQL AST: children in source order, an iterative
// pre-order walk (deep `a + b + c + ...` chains cannot overflow the stack),
// and the node under an offset for completion and hover.
import type { EqlNode } from './ast.ts';

/** The direct children of a node, in source order. */
export function childNodes(node: EqlNode): EqlNode[] {
  const children: EqlNode[] = [];
  pushChildren(node, children);
  return children;
}

/** Appends the direct children of a node to `out`, in source order (no arrays of its own: walks run over every node). */
function pushChildren(node: EqlNode, out: EqlNode[]): void {
  switch (node.kind) {
    case 'Query':
      out.push(node.body, ...node.pipes);
      return;
    case 'EventFilter':
      out.push(node.category, node.condition);
      return;
    case 'SequenceQuery':
    case 'SampleQuery':
    case 'JoinQuery':
      // Source order: `by` and `with` may come in either order in the header.
      if (node.by && node.maxspan && node.maxspan.span.start < node.by.span.start) out.push(node.maxspan, node.by);
      else {
        if (node.by) out.push(node.by);
        if (node.maxspan) out.push(node.maxspan);
      }
      for (const term of node.terms) out.push(term);
      if (node.until) out.push(node.until);
      return;
    case 'EventTerm':
      out.push(node.filter);
      if (node.by) out.push(node.by);
      if (node.parameter) out.push(node.parameter);
      return;
    case 'TermParameter':
    case 'MaxSpan':
      out.push(node.value);
      return;
    case 'JoinKeys':
      for (const key of node.keys) out.push(key);
      return;
    case 'Pipe':
      for (const arg of node.args) out.push(arg);
      return;
    case 'Logical':
      for (const operand of node.operands) out.push(operand);
      return;
    case 'Not':
    case 'Unary':
      out.push(node.operand);
      return;
    case 'Comparison':
    case 'Arithmetic':
      out.push(node.left, node.right);
      return;
    case 'In':
      out.push(node.value);
      for (const item of node.items) out.push(item);
      return;
    case 'Match':
      out.push(node.value);
      for (const pattern of node.patterns) out.push(pattern);
      return;
    case 'Call':
      for (const arg of node.args) out.push(arg);
      return;
    case 'Paren':
      out.push(node.expression);
      return;
    case 'Relationship':
      out.push(node.filter);
      return;
    case 'EventCategory':
    case 'Field':
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
    case 'Error':
      return;
  }
}

/**
 * Visits `root` and its descendants in pre-order. Returning `false` from
 * `visit` skips that node's children.
 */
export function walk(root: EqlNode, visit: (node: EqlNode) => boolean | void): void {
  const stack: EqlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    // Children go on in source order, then are reversed in place so the first pops first.
    let low = stack.length;
    pushChildren(node, stack);
    for (let high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low];
      stack[low] = stack[high];
      stack[high] = swap;
    }
  }
}

/**
 * The chain of nodes containing `offset`, outermost first. A node contains the
 * offsets from its start up to and including its end, so a cursor right after
 * `process.na` is in that field; where two nodes touch, the one starting at
 * the offset wins.
 */
export function nodePathAt(root: EqlNode, offset: number): EqlNode[] {
  if (offset < root.span.start || offset > root.span.end) return [];
  const path: EqlNode[] = [root];
  let node = root;
  for (;;) {
    let inside: EqlNode | undefined;
    let touching: EqlNode | undefined;
    for (const child of childNodes(node)) {
      if (child.span.start <= offset && offset < child.span.end) {
        inside = child;
        break;
      }
      if (child.span.end === offset && (touching === undefined || child.span.start >= touching.span.start)) touching = child;
    }
    const next = inside ?? touching;
    if (!next) return path;
    path.push(next);
    node = next;
  }
}

/** The innermost node containing `offset` (see `nodePathAt`), or undefined outside the query. */
export function nodeAt(root: EqlNode, offset: number): EqlNode | undefined {
  const path = nodePathAt(root, offset);
  return path[path.length - 1];
}
