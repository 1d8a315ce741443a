// Tree traversal for the EQL AST: children in source order, an iterative
// pre-order walk (deep `a + b + c + ...` chains cannot overflow the stack),
// and the node under an offset for completion and hover.
import type { EqlNode } from './ast.ts';

/** The direct children of a node, in source order. */
export function childNodes(node: EqlNode): EqlNode[] {
  switch (node.kind) {
    case 'Query':
      return [node.body, ...node.pipes];
    case 'EventFilter':
      return [node.category, node.condition];
    case 'SequenceQuery':
    case 'SampleQuery':
    case 'JoinQuery': {
      // Source order: `by` and `with` may come in either order in the header.
      const header: EqlNode[] = [];
      if (node.by) header.push(node.by);
      if (node.maxspan) header.push(node.maxspan);
      header.sort((a, b) => a.span.start - b.span.start);
      return node.until ? [...header, ...node.terms, node.until] : [...header, ...node.terms];
    }
    case 'EventTerm': {
      const children: EqlNode[] = [node.filter];
      if (node.by) children.push(node.by);
      if (node.parameter) children.push(node.parameter);
      return children;
    }
    case 'TermParameter':
    case 'MaxSpan':
      return [node.value];
    case 'JoinKeys':
      return node.keys;
    case 'Pipe':
      return node.args;
    case 'Logical':
      return node.operands;
    case 'Not':
    case 'Unary':
      return [node.operand];
    case 'Comparison':
    case 'Arithmetic':
      return [node.left, node.right];
    case 'In':
      return [node.value, ...node.items];
    case 'Match':
      return [node.value, ...node.patterns];
    case 'Call':
      return node.args;
    case 'Paren':
      return [node.expression];
    case 'Relationship':
      return [node.filter];
    case 'EventCategory':
    case 'Field':
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
    case 'Error':
      return [];
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
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
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
