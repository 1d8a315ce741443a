// Every ES|QL query of the detection-rules corpus parses and checks without
// errors, except the few hunt queries below that Elasticsearch itself would
// reject (hunts are not validated upstream): those are pinned to the errors
// they must produce.
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { esqlFrontEnd } from '../../../server/esql/index.ts';
import { CORPUS, corpusAvailable, corpusQueries } from '../../support/corpus.ts';

interface PinnedQuery {
  /** Error codes in order of position. */
  codes: string[];
  why: string;
}

const INVALID_HUNTS: Record<string, PinnedQuery> = {
  'hunting/aws/queries/servicequotas_discovery_multi_region_get_service_quota_calls.toml#0': {
    codes: ['esql-unexpected-token'],
    why: '`event.provider = "..."` uses `=`, which is assignment, not comparison (`==`)',
  },
  'hunting/azure/queries/aks_kubelet_proxy_command_execution_from_external_source.toml#0': {
    codes: ['esql-invalid-escape', 'esql-invalid-escape', 'esql-invalid-escape'],
    why: '`"\\?"` and `"\\."` are not ES|QL string escapes (only \\t \\n \\r \\" \\\\); the regexes need """...""" strings',
  },
  'hunting/azure/queries/entra_authentication_attempts_behind_rare_user_agents.toml#0': {
    codes: ['esql-expected-expression'],
    why: 'the last LIKE in the parenthesised list is followed by a dangling `or`',
  },
  'hunting/okta/queries/credential_access_rapid_reset_password_requests_for_different_users.toml#0': {
    codes: ['esql-expected-expression', 'esql-unknown-column'],
    why: '`reset_counts = by ...` has no aggregate, and `source.user.full_name` was not kept by the KEEP before STATS',
  },
  'hunting/windows/queries/execution_via_windows_scheduled_task_with_low_occurrence_frequency.toml#0': {
    codes: ['esql-wrong-arity', 'esql-expected-expression'],
    why: '`now(-)` is not an expression (NOW takes no arguments)',
  },
};

describe('ES|QL corpus', { skip: !corpusAvailable() && 'reference corpus not available' }, () => {
  const queries = corpusAvailable() ? corpusQueries().filter((q) => q.language === 'esql') : [];

  it('finds the 377 ES|QL queries', () => {
    assert.equal(queries.length, 377);
  });

  it('parses and checks every query without errors, except the pinned invalid hunts', () => {
    const unexpected: string[] = [];
    const pinnedSeen = new Set<string>();
    for (const query of queries) {
      const key = `${relative(CORPUS, query.file)}#${query.index}`;
      const { ast, diagnostics } = esqlFrontEnd.parse(query.text);
      const errors = [...diagnostics, ...esqlFrontEnd.check(ast, query.text, {})]
        .filter((d) => d.severity === 'error')
        .sort((a, b) => a.span.start - b.span.start);
      const pinned = INVALID_HUNTS[key];
      if (pinned) {
        pinnedSeen.add(key);
        assert.deepEqual(errors.map((e) => e.code), pinned.codes, `${key}: ${pinned.why}`);
      } else if (errors.length > 0) {
        unexpected.push(`${key}: ${errors.map((e) => `${e.code} at ${e.span.start}: ${e.message}`).join('; ')}`);
      }
    }
    assert.deepEqual(unexpected, []);
    assert.deepEqual([...pinnedSeen].sort(), Object.keys(INVALID_HUNTS).sort());
  });

  it('reports no warnings on the corpus either', () => {
    const warnings = queries.flatMap((query) => {
      const { ast } = esqlFrontEnd.parse(query.text);
      return esqlFrontEnd.check(ast, query.text, {}).filter((d) => d.severity === 'warning').map((d) => `${query.file}: ${d.code}`);
    });
    assert.deepEqual(warnings, []);
  });
});
