import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kqlFrontEnd, kqlNestedPrefix, kqlNodePath } from '../../../server/kql/index.ts';
import type { KqlNode } from '../../../server/kql/index.ts';

/** `|` marks the cursor; returns the kinds along the path and the text of the innermost node. */
function at(marked: string): { kinds: string[]; text: string; prefix: string; path: KqlNode[] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const path = kqlNodePath(kqlFrontEnd.parse(text).ast, offset);
  const last = path[path.length - 1];
  return { kinds: path.map((n) => n.kind), text: text.slice(last.span.start, last.span.end), prefix: kqlNestedPrefix(path), path };
}

describe('KQL node at offset', () => {
  it('finds the field under the cursor', () => {
    const r = at('a:1 and proc|ess.name:cmd');
    assert.deepEqual(r.kinds, ['query', 'and', 'match', 'field']);
    assert.equal(r.text, 'process.name');
  });

  it('finds a value in a list, below the match that names its field', () => {
    const r = at('event.type:(start or proc|ess_started)');
    assert.deepEqual(r.kinds, ['query', 'match', 'value-group', 'value-or', 'literal']);
    assert.equal(r.text, 'process_started');
    const match = r.path[1];
    assert.ok(match.kind === 'match' && match.field?.name === 'event.type');
  });

  it('takes the node just typed when the cursor is at its end', () => {
    assert.equal(at('a:cmd|').text, 'cmd');
    assert.deepEqual(at('a:cmd|').kinds, ['query', 'match', 'literal']);
  });

  it('finds the empty value of an unfinished match', () => {
    const r = at('a:1 and b:|');
    assert.deepEqual(r.kinds, ['query', 'and', 'match', 'error']);
    assert.equal(r.text, '');
  });

  it('gives the nested path for fields inside nested queries', () => {
    assert.equal(at('a:{ b:{ c|:1 } }').prefix, 'a.b');
    assert.equal(at('a:{ b:{ c:1 } } and d|:2').prefix, '');
    // the nested field itself is not inside its own nested query
    assert.equal(at('a:{ b|:{ c:1 } }').prefix, 'a');
  });
});
