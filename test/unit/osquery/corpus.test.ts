import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { osqueryFrontEnd } from '../../../server/osquery/index.ts';
import { corpusAvailable, corpusQueries } from '../../support/corpus.ts';

/**
 * Hunt queries that are not valid SQL, upstream bugs that SQLite itself rejects
 * (checked with sqlite3 3.40): a missing comma between two select columns, or
 * an alias with a space in it. Keyed by `file#index`: [code, start, end, text at the span].
 */
const INVALID_UPSTREAM: Record<string, [string, number, number, string]> = {
  'persistence_via_dynamic_linker_hijacking.toml#3': ['osquery-syntax-error', 292, 300, 'datetime'],
  'persistence_via_loadable_kernel_modules.toml#2': ['osquery-syntax-error', 292, 300, 'datetime'],
  'persistence_via_git_hook_pager.toml#2': ['osquery-syntax-error', 283, 287, 'time'],
  'persistence_via_systemd_timers.toml#3': ['osquery-syntax-error', 206, 219, 'modified_time'],
  'persistence_via_package_manager.toml#2': ['osquery-reserved-word', 84, 89, 'group'],
  'persistence_via_udev.toml#2': ['osquery-reserved-word', 84, 89, 'group'],
};

describe('osquery corpus', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const queries = corpusQueries().filter((q) => q.language === 'osquery');

  it('has the 61 osquery queries of the snapshot', () => {
    assert.equal(queries.length, 61);
  });

  it('parses every valid query without error, and reports each invalid one exactly', () => {
    const found: Record<string, [string, number, number, string]> = {};
    for (const q of queries) {
      const { diagnostics } = osqueryFrontEnd.parse(q.text);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length <= 1, 'sql-parser-cst stops at its first error');
      for (const d of errors) found[`${basename(q.file)}#${q.index}`] = [d.code, d.span.start, d.span.end, q.text.slice(d.span.start, d.span.end)];
    }
    assert.deepEqual(found, INVALID_UPSTREAM);
  });

  it('finds the tables of every valid query', () => {
    for (const q of queries) {
      const { ast } = osqueryFrontEnd.parse(q.text);
      if (ast.cst) assert.ok(ast.tables.length > 0, `${q.file}#${q.index} reads no table`);
    }
  });
});
