// Every ES|QL query of the detection-rules corpus compiles for the local engine,
// except those pinned below, and runs over generated sample data without failing;
// the hunt queries the sample data plants true positives for find them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixedClock } from '../../../../server/engine/clock.ts';
import { compileEsql, type EsqlTable } from '../../../../server/engine/esql/index.ts';
import { compileIndexPattern, describeEventFile } from '../../../../server/engine/indexPattern.ts';
import { DEFAULT_SAMPLE_NOW, generateSampleData } from '../../../../server/engine/sampleData/generate.ts';
import type { EventDocument } from '../../../../server/engine/values.ts';
import { CORPUS, corpusAvailable, corpusQueries } from '../../../support/corpus.ts';

/** Queries that cannot compile, with the first diagnostic code and why. */
const PINNED: Record<string, { code: string; why: string }> = {
  // Syntax errors Elasticsearch would report too (see test/unit/esql/corpus.test.ts).
  'hunting/aws/queries/servicequotas_discovery_multi_region_get_service_quota_calls.toml#0': { code: 'esql-unexpected-token', why: '`=` used for comparison' },
  'hunting/azure/queries/aks_kubelet_proxy_command_execution_from_external_source.toml#0': { code: 'esql-invalid-escape', why: '`\\?` is no string escape' },
  'hunting/azure/queries/entra_authentication_attempts_behind_rare_user_agents.toml#0': { code: 'esql-expected-expression', why: 'dangling `or`' },
  'hunting/okta/queries/credential_access_rapid_reset_password_requests_for_different_users.toml#0': { code: 'esql-expected-expression', why: '`reset_counts = by`' },
  'hunting/windows/queries/execution_via_windows_scheduled_task_with_low_occurrence_frequency.toml#0': { code: 'esql-expected-expression', why: '`now(-)`' },
  // ENRICH reads an enrich policy's index, which local event files do not have.
  'hunting/windows/queries/detect_dll_hijack_via_masquerading_as_microsoft_native_libraries.toml#0': { code: 'esql-engine-unsupported-command', why: 'ENRICH' },
  'hunting/windows/queries/detect_dll_hijack_via_masquerading_as_microsoft_native_libraries.toml#1': { code: 'esql-engine-unsupported-command', why: 'ENRICH' },
  // COMPLETION calls an LLM inference endpoint.
  'rules/cross-platform/command_and_control_curl_activity_auditd_llm_triage.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/command_and_control_curl_activity_llm_triage.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/command_and_control_wget_activity_auditd_llm_triage.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/command_and_control_wget_activity_llm_triage.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/multiple_alerts_llm_attack_chain_triage_by_host.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/multiple_alerts_llm_by_user_entity.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
  'rules/cross-platform/multiple_alerts_llm_compromised_user_triage.toml#0': { code: 'esql-engine-unsupported-command', why: 'COMPLETION' },
};

/** Hunt queries the sample data's scenarios are written for, with the rows they find. */
const FINDS_SCENARIO = [
  'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml#0',
  'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml#1',
  'hunting/linux/queries/persistence_via_cron.toml#1',
  'hunting/windows/queries/suspicious_base64_encoded_powershell_commands.toml#0',
];

describe('ES|QL corpus queries on the local engine', { skip: !corpusAvailable() && 'reference corpus not available' }, () => {
  const queries = corpusAvailable() ? corpusQueries().filter((q) => q.language === 'esql') : [];
  const key = (q: (typeof queries)[number]) => `${relative(CORPUS, q.file)}#${q.index}`;
  const clock = fixedClock(DEFAULT_SAMPLE_NOW);

  it('compiles every query except the pinned ones, which fail with their code', () => {
    assert.ok(queries.length >= 370, `${queries.length} queries`);
    const unexpected: string[] = [];
    for (const q of queries) {
      const result = compileEsql(q.text, { clock });
      const pinned = PINNED[key(q)];
      if (result.ok) {
        if (pinned) unexpected.push(`${key(q)} compiled, expected ${pinned.code} (${pinned.why})`);
      } else if (!pinned || result.diagnostics[0]!.code !== pinned.code) {
        unexpected.push(`${key(q)}: ${result.diagnostics[0]!.code} ${result.diagnostics[0]!.message}`);
      }
    }
    assert.deepEqual(unexpected, []);
    assert.deepEqual(Object.keys(PINNED).filter((k) => !queries.some((q) => key(q) === k)), [], 'every pinned query exists');
  });

  it('runs every compiled query over sample data without failing; scenario hunts find their events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huntkit-esql-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    await generateSampleData(dir, { events: 3000, seed: 7 });
    const data = readdirSync(dir).flatMap((name) => {
      const file = describeEventFile(name);
      if (!file) return [];
      const events = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as EventDocument);
      return [{ index: file.index, events }];
    });
    const found: string[] = [];
    for (const q of queries) {
      const result = compileEsql(q.text, { clock });
      if (!result.ok) continue;
      const { query } = result;
      const matches = compileIndexPattern(query.sourcePattern ?? '*');
      const sink = query.createSink();
      for (const { index, events } of data) {
        if (!matches(index)) continue;
        for (const event of events) if (!query.prefilter || query.prefilter(event)) sink.push(event);
      }
      const table = sink.finish() as EsqlTable;
      assert.equal(table.kind, 'table');
      for (const row of table.rows) assert.equal(row.length, table.columns.length, key(q));
      if (table.rows.length > 0 && key(q).startsWith('hunting/')) found.push(key(q));
    }
    for (const target of FINDS_SCENARIO) assert.ok(found.includes(target), `${target} finds its scenario`);
  });
});
