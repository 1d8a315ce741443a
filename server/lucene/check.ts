// Semantic checks on a parsed Lucene query: constructs Elasticsearch accepts
// but that rarely mean what their author intended.
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { luceneChildren } from './ast.ts';
import type { LuceneClause, LuceneNode, LuceneQuery } from './ast.ts';

export function checkLucene(query: LuceneQuery, text: string): QueryDiagnostic[] {
  const out: QueryDiagnostic[] = [];
  const visit = (node: LuceneNode): void => {
    if (node.kind === 'query' || node.kind === 'group') checkConjunctions(node.clauses, out);
    if (node.kind === 'clause') checkClause(node, text, out);
    for (const child of luceneChildren(node)) visit(child);
  };
  visit(query);
  return out;
}

/** Lucene gives `AND` and `OR` no precedence: `a AND b OR c` is not `(a AND b) OR c`. */
function checkConjunctions(clauses: readonly LuceneClause[], out: QueryDiagnostic[]): void {
  const first = clauses.find((c) => c.conjunction)?.conjunction;
  const other = first && clauses.find((c) => c.conjunction && c.conjunction.operator !== first.operator)?.conjunction;
  if (!first || !other) return;
  out.push({
    span: other.span,
    severity: 'warning',
    code: 'lucene-mixed-operators',
    message: `\`${first.raw}\` and \`${other.raw}\` are mixed without parentheses; the query string syntax gives them no precedence, so group the clauses with \`( )\``,
  });
}

function checkClause(clause: LuceneClause, text: string, out: QueryDiagnostic[]): void {
  const query = clause.query;
  if (query.kind === 'term') {
    if (/^(and|or|not)$/i.test(query.raw) && clause.field === null) {
      out.push({
        span: query.span,
        severity: 'warning',
        code: 'lucene-lowercase-operator',
        message: `\`${query.raw}\` is searched as a word: operators are written in capitals, \`${query.raw.toUpperCase()}\``,
      });
    }
    if (/^(>=?|<=?)$/.test(query.value)) {
      out.push({
        span: query.span,
        severity: 'warning',
        code: 'lucene-detached-comparison',
        message: `\`${query.raw}\` is searched as a term: write the value right after it, without a space, as in \`field:${query.value}10\``,
      });
    }
  }
  if (query.kind === 'regex' && query.raw.length > 1 && query.raw.endsWith('/')) {
    const before = query.span.start > 0 ? text[query.span.start - 1] : ' ';
    const after = query.span.end < text.length ? text[query.span.end] : ' ';
    if (!/[\s(:+\-!]/.test(before) || !/[\s)^~]/.test(after)) {
      out.push({
        span: query.span,
        severity: 'warning',
        code: 'lucene-slash-regex',
        message: `\`${query.raw}\` is read as a regular expression because of its slashes: if it is part of a path, escape each \`/\` as \`\\/\` or quote the value`,
      });
    }
  }
}
