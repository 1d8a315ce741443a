// A compact, exact rendering of Lucene trees for assertions: `(AND +field:term "phrase"~2)`.
import type { LuceneClause, LuceneNode } from '../../../server/lucene/ast.ts';

export function render(node: LuceneNode): string {
  switch (node.kind) {
    case 'query':
      return node.clauses.map(render).join(' ');
    case 'clause':
      return clause(node);
    case 'group':
      return `(${node.clauses.map(render).join(' ')}${node.closed ? ')' : ''}${boost(node.boost)}`;
    case 'term':
      return `${node.wildcard ? 'w:' : ''}${JSON.stringify(node.value)}${node.fuzzy ? `~${node.fuzzy.value ?? ''}` : ''}${boost(node.boost)}`;
    case 'phrase':
      return `q:${JSON.stringify(node.value)}${node.slop ? `~${node.slop.value ?? ''}` : ''}${boost(node.boost)}`;
    case 'regex':
      return `re:${JSON.stringify(node.pattern)}${boost(node.boost)}`;
    case 'range': {
      const bound = (b: typeof node.lower) => (b === null ? '' : b.kind === 'error' ? '?' : b.value === null ? '*' : JSON.stringify(b.value));
      if (node.form === 'comparison') return `${node.lower ? `>${node.includeLower ? '=' : ''}${bound(node.lower)}` : `<${node.includeUpper ? '=' : ''}${bound(node.upper)}`}${boost(node.boost)}`;
      return `${node.includeLower ? '[' : '{'}${bound(node.lower)} TO ${bound(node.upper)}${node.includeUpper ? ']' : '}'}${boost(node.boost)}`;
    }
    case 'field':
      return `${node.name}:`;
    case 'bound':
      return node.value === null ? '*' : JSON.stringify(node.value);
    case 'error':
      return '?';
  }
}

function clause(node: LuceneClause): string {
  const conjunction = node.conjunction ? `${node.conjunction.operator.toUpperCase()} ` : '';
  const modifier = node.modifier ? (node.modifier.occur === 'must' ? '+' : '-') : '';
  return `${conjunction}${modifier}${node.field ? render(node.field) : ''}${render(node.query)}`;
}

function boost(b: { value: number | null } | null): string {
  return b ? `^${b.value ?? '?'}` : '';
}
