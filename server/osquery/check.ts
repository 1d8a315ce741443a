// Semantic checks on osquery SQL.
import type { Node } from 'sql-parser-cst';
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import type { OsqueryQuery } from './ast.ts';
import { cstChildren, cstSpan } from './cstNodes.ts';

const EQUALITY = new Set(['=', '==', '!=', '<>']);

export function checkOsquery(query: OsqueryQuery): QueryDiagnostic[] {
  const out: QueryDiagnostic[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'binary_expr' && typeof node.operator === 'string' && EQUALITY.has(node.operator)) {
      for (const side of [node.left, node.right]) {
        if (side.type === 'string_literal' && side.value.includes('%')) {
          out.push({
            span: cstSpan(side),
            severity: 'warning',
            code: 'osquery-equals-wildcard',
            message: `\`${node.operator}\` compares text exactly, so \`%\` here matches only a literal \`%\`: use LIKE for a pattern`,
          });
        }
      }
    }
    for (const child of cstChildren(node)) visit(child);
  };
  if (query.cst) visit(query.cst);
  return out;
}
