// Node-at-offset and cursor context, the basis for completion and hover.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as A from '../../../server/esql/ast.ts';
import { cursorContext, nodeAtOffset, nodePathAt, parseEsql } from '../../../server/esql/index.ts';

/** The query with `‸` removed, and the offset where it stood. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function contextAt(marked: string) {
  const { text, offset } = cursor(marked);
  return cursorContext(parseEsql(text).ast, text, offset);
}

describe('ES|QL node at offset', () => {
  it('finds the innermost node, counting a span end as inside', () => {
    const { text, offset } = cursor('FROM a | EVAL x = to_lower(host.na‸me)');
    const node = nodeAtOffset(parseEsql(text).ast, offset) as A.ColumnRef;
    assert.equal(node.kind, 'Column');
    assert.equal(node.name, 'host.name');
    const atEnd = nodeAtOffset(parseEsql('ROW x = abc').ast, 11);
    assert.equal(atEnd.kind, 'Column');
  });

  it('lists the enclosing nodes outermost first', () => {
    const { text, offset } = cursor('FROM a | WHERE x > len‸gth(y)');
    const kinds = nodePathAt(parseEsql(text).ast, offset).map((n) => n.kind);
    assert.deepEqual(kinds, ['Query', 'Pipeline', 'Where', 'Binary', 'Function']);
  });
});

describe('ES|QL cursor context', () => {
  it('knows the function and argument position, also in an unfinished call', () => {
    const inside = contextAt('FROM a | EVAL d = date_diff("day", ‸, now())');
    assert.deepEqual([inside.functionArgument?.call.name, inside.functionArgument?.argumentIndex], ['date_diff', 1]);
    const unfinished = contextAt('FROM a | EVAL d = concat(a, b, ‸');
    assert.deepEqual([unfinished.functionArgument?.call.name, unfinished.functionArgument?.argumentIndex], ['concat', 2]);
    assert.equal(contextAt('FROM a | EVAL d = concat(a)‸').functionArgument, undefined);
  });

  it('picks the innermost call for nested calls', () => {
    const context = contextAt('ROW x = to_upper(concat("a", ‸))');
    assert.deepEqual([context.functionArgument?.call.name, context.functionArgument?.argumentIndex], ['concat', 1]);
  });

  it('assigns the text after a pipe to the command being typed', () => {
    const context = contextAt('FROM a | STATS c = count(*) BY h | ‸');
    assert.equal(context.command?.kind, 'Unknown');
    assert.deepEqual(context.columns.map((c) => c.name), ['c', 'h']);
    assert.equal(context.moreColumnsPossible, false);
  });

  it('lists the columns a command receives', () => {
    const context = contextAt('FROM a | EVAL x = 1 | WHERE ‸');
    assert.equal(context.command?.kind, 'Where');
    assert.deepEqual(context.columns.map((c) => [c.name, c.type]), [['x', 'integer']]);
    assert.equal(context.moreColumnsPossible, true);
  });

  it('finds the command inside a FORK branch', () => {
    const context = contextAt('ROW a = 1 | FORK (EVAL b = 2 | WHERE ‸) (LIMIT 1)');
    assert.equal(context.command?.kind, 'Where');
    assert.deepEqual(context.columns.map((c) => c.name), ['a', 'b']);
  });
});
