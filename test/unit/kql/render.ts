// A compact, exact rendering of KQL trees for assertions: `(and (match process.name lit:"cmd") ...)`.
import type { KqlNode } from '../../../server/kql/ast.ts';

export function render(node: KqlNode): string {
  switch (node.kind) {
    case 'query':
      return node.body ? render(node.body) : '(all)';
    case 'or':
    case 'and':
    case 'value-or':
    case 'value-and':
      return `(${node.kind} ${node.operands.map(render).join(' ')})`;
    case 'not':
    case 'value-not':
      return `(${node.kind} ${render(node.operand)})`;
    case 'group':
    case 'value-group':
      return `(${node.kind}${node.closed ? '' : '-unclosed'} ${render(node.body)})`;
    case 'nested':
      return `(nested${node.closed ? '' : '-unclosed'} ${render(node.field)} ${render(node.body)})`;
    case 'range':
      return `(range ${render(node.field)} ${node.operator} ${render(node.value)})`;
    case 'match':
      return `(match ${node.field ? render(node.field) : '-'} ${render(node.value)})`;
    case 'error':
      return `(error${node.parts.map((p) => ' ' + render(p)).join('')})`;
    case 'field':
      if (node.quoted) return `f:q:${JSON.stringify(node.name)}`;
      return node.pattern ? `f:w:${JSON.stringify(node.pattern)}` : `f:${JSON.stringify(node.name)}`;
    case 'quoted':
      return `q:${JSON.stringify(node.value)}`;
    case 'literal':
      return `lit:${JSON.stringify(node.value)}`;
    case 'wildcard':
      return `w:${JSON.stringify(node.pattern)}`;
  }
}
