import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osqueryFrontEnd } from '../../../server/osquery/index.ts';

function check(text: string): [string, string, number, number][] {
  const { ast, diagnostics } = osqueryFrontEnd.parse(text);
  assert.deepEqual(diagnostics, []);
  return osqueryFrontEnd.check(ast, text, {}).map((d) => [d.code, d.severity, d.span.start, d.span.end]);
}

describe('osquery semantic checks', () => {
  it('warns when `=` compares with a LIKE pattern', () => {
    assert.deepEqual(check("SELECT * FROM file WHERE path = '/boot/efi/EFI/%/grub.cfg'"), [['osquery-equals-wildcard', 'warning', 32, 58]]);
    assert.deepEqual(check("SELECT * FROM file WHERE '/etc/%' == path"), [['osquery-equals-wildcard', 'warning', 25, 33]]);
  });

  it('stays quiet on LIKE patterns and exact comparisons', () => {
    assert.deepEqual(check("SELECT * FROM file WHERE path LIKE '/etc/%%' OR path = '/etc/passwd'"), []);
  });

  it('has nothing to check without a tree', () => {
    const { ast } = osqueryFrontEnd.parse('SELECT FROM WHERE');
    assert.equal(ast.cst, null);
    assert.deepEqual(osqueryFrontEnd.check(ast, 'SELECT FROM WHERE', {}), []);
  });
});
