// The tables and columns a query refers to, read off the CST.
import type { Node } from 'sql-parser-cst';
import type { OsqueryColumnRef, OsqueryTableRef } from './ast.ts';
import { cstChildren, cstSpan } from './cstNodes.ts';

export interface OsqueryReferences {
  tables: OsqueryTableRef[];
  columns: OsqueryColumnRef[];
}

export function collectReferences(root: Node): OsqueryReferences {
  const tables: OsqueryTableRef[] = [];
  const columns: OsqueryColumnRef[] = [];
  const cteNames = new Set<string>();

  const visit = (node: Node): void => {
    switch (node.type) {
      case 'keyword':
      case 'all_columns':
        return;
      case 'common_table_expr':
        cteNames.add(node.table.name.toLowerCase());
        visit(node.expr);
        return;
      case 'from_clause':
        visitFrom(node.expr);
        return;
      case 'alias':
        // The alias itself names a result, not a column.
        visit(node.expr);
        return;
      case 'func_call':
        if (node.args) visit(node.args);
        if (node.filter) visit(node.filter);
        if (node.over) visit(node.over);
        return;
      // Window names are not columns.
      case 'over_arg':
        if (node.window.type !== 'identifier') visit(node.window);
        return;
      case 'named_window':
        visit(node.window);
        return;
      case 'window_definition':
        if (node.partitionBy) visit(node.partitionBy);
        if (node.orderBy) visit(node.orderBy);
        if (node.frame) visit(node.frame);
        return;
      case 'member_expr':
        if (node.property.type === 'identifier') {
          columns.push({
            name: node.property.name,
            qualifier: qualifierName(node.object),
            span: cstSpan(node.property),
            quoted: node.property.text.startsWith('"'),
          });
        }
        return;
      case 'identifier':
        columns.push({ name: node.name, qualifier: null, span: cstSpan(node), quoted: node.text.startsWith('"') });
        return;
    }
    for (const child of cstChildren(node)) visit(child);
  };

  const addTable = (node: Node, alias: string | null): boolean => {
    if (node.type === 'identifier') {
      tables.push({ name: node.name, alias, span: cstSpan(node) });
      return true;
    }
    if (node.type === 'member_expr' && node.property.type === 'identifier') {
      tables.push({ name: node.property.name, alias, span: cstSpan(node.property) });
      return true;
    }
    return false;
  };

  const visitFrom = (node: Node): void => {
    switch (node.type) {
      case 'join_expr':
        visitFrom(node.left);
        visitFrom(node.right);
        if (node.specification) visit(node.specification);
        return;
      case 'alias':
        if (!addTable(node.expr, node.alias.name)) visitFrom(node.expr);
        return;
      case 'paren_expr':
        visitFrom(node.expr);
        return;
    }
    if (!addTable(node, null)) visit(node);
  };

  visit(root);
  return { tables: tables.filter((t) => !cteNames.has(t.name.toLowerCase())), columns };
}

function qualifierName(node: Node): string | null {
  if (node.type === 'identifier') return node.name;
  if (node.type === 'member_expr' && node.property.type === 'identifier') return node.property.name;
  return null;
}
