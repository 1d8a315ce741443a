// Semantic checks on a parsed KQL query: constructs Kibana accepts but that
// rarely mean what their author intended.
import type { QueryDiagnostic } from '../common/diagnostics.ts';
import { kqlChildren } from './ast.ts';
import type { KqlField, KqlLiteral, KqlNode, KqlQuery, KqlWildcard } from './ast.ts';

/** An operator word that Kibana read as text because it lacks a space or an operand on one side. */
const STRANDED_KEYWORD = /(^|[ \t\r\n\u00a0])(and|or|not)(?=[ \t\r\n\u00a0]|$)/gi;

export function checkKql(query: KqlQuery): QueryDiagnostic[] {
  const out: QueryDiagnostic[] = [];
  const visit = (node: KqlNode): void => {
    switch (node.kind) {
      case 'range':
        if (node.value.kind === 'wildcard') {
          out.push({
            span: node.value.span,
            severity: 'warning',
            code: 'kql-wildcard-in-range',
            message: `\`*\` in a range value is compared as a plain character, not as a wildcard: \`${node.value.raw}\``,
          });
        }
        break;
      case 'field':
        checkUnquotedText(node, out);
        if (!node.quoted && /\s/.test(node.name)) {
          out.push({
            span: node.span,
            severity: 'warning',
            code: 'kql-space-in-field-name',
            message: `the field name \`${node.name}\` contains a space: is an \`and\`, an \`or\` or a \`:\` missing? (quote the name if the space is intended)`,
          });
        }
        break;
      case 'literal':
      case 'wildcard':
        checkUnquotedText(node, out);
        break;
      case 'quoted':
        if (node.value.includes('*') && node.value !== '*') {
          out.push({
            span: node.span,
            severity: 'information',
            code: 'kql-quoted-wildcard',
            message: '`*` inside quotes matches a literal `*`, not any text: remove the quotes to use it as a wildcard',
          });
        }
        break;
    }
    // Text the parser could not place is explained by its syntax errors already.
    if (node.kind !== 'error') for (const child of kqlChildren(node)) visit(child);
  };
  visit(query);
  return out;
}

function checkUnquotedText(node: KqlField | KqlLiteral | KqlWildcard, out: QueryDiagnostic[]): void {
  if (node.kind === 'field' && node.quoted) return;
  for (const m of node.raw.matchAll(STRANDED_KEYWORD)) {
    const start = node.span.start + m.index + m[1].length;
    out.push({
      span: { start, end: start + m[2].length },
      severity: 'warning',
      code: 'kql-keyword-in-value',
      message: `\`${m[2]}\` is read as part of the text \`${node.raw}\`, not as an operator (an operator needs a space and an operand on each side); quote the text or escape the word as \`\\${m[2]}\` if that is intended`,
    });
  }
}
