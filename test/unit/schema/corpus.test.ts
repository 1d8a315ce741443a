// The acceptance measure: on upstream's own corpus, report what upstream would reject and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lineColumn, type QueryDiagnostic } from '../../../server/common/diagnostics.ts';
import { parseHuntRuleDocument, type HuntRuleDocument } from '../../../server/document/huntRuleDocument.ts';
import { checkHunt } from '../../../server/schema/hunt.ts';
import { checkRule } from '../../../server/schema/rule.ts';
import { checkWorkspace } from '../../../server/schema/workspace.ts';
import { CORPUS, corpusAvailable, tomlFiles } from '../../support/corpus.ts';

/**
 * Every error the corpus holds, as `file line:column code`, each a genuine problem
 * upstream's own checks do not catch.
 */
const GENUINE_PROBLEMS: Record<string, string> = {
  // Two hunts share a uuid: upstream's index.yml is keyed by uuid and lists only one of each pair.
  'hunting/macos/queries/command_and_control_suspicious_executable_file_creation_via_python.toml 4:8 hunt-duplicate-uuid': 'index.yml keeps only the other hunt',
  'hunting/macos/queries/execution_unsigned_or_untrusted_binary_execution_via_python.toml 4:8 hunt-duplicate-uuid': 'same pair, other side',
  'hunting/macos/queries/defense_evasion_self_deleted_python_script_outbound_network_connection.toml 4:8 hunt-duplicate-uuid': 'index.yml keeps only the other hunt',
  'hunting/macos/queries/execution_suspicious_python_app_execution_via_streamlit.toml 4:8 hunt-duplicate-uuid': 'same pair, other side',
};

/** Warnings the corpus holds: stale ATT&CK ids that upstream accepts, worth fixing but not invalid. */
const STALE_ATTACK_IDS: Record<string, string> = {
  // MITRE revoked T1574.002 (DLL Side-Loading) into T1574.001 (DLL) in ATT&CK v17; upstream does not validate hunts' mitre lists.
  'hunting/linux/queries/privilege_escalation_via_suid_binaries.toml 17:23 hunt-revoked-technique': 'T1574.002 is revoked',
  'hunting/windows/queries/detect_rare_dll_sideload_by_occurrence.toml 45:19 hunt-revoked-technique': 'T1574.002 is revoked',
  // MITRE revoked T1547.011 (Plist Modification) in favour of T1647 (ATT&CK v11); upstream's deprecation test only looks at technique-level ids.
  'hunting/macos/queries/persistence_via_suspicious_launch_agent_or_launch_daemon_with_low_occurrence.toml 14:20 hunt-revoked-technique': 'T1547.011 is revoked',
  'rules/macos/persistence_hidden_plist_filename.toml 102:10 rule-revoked-technique': 'T1547.011 is revoked (sub-technique)',
  'rules/macos/persistence_suspicious_launch_agent_or_launch_daemon.toml 112:10 rule-revoked-technique': 'T1547.011 is revoked (sub-technique)',
  // T1660 is ATT&CK Mobile's Phishing; hunts map to ATT&CK Enterprise, where phishing is T1566.
  'hunting/aws/queries/sns_direct_to_phone_messaging_spike.toml 21:10 hunt-unknown-technique': 'T1660 is not an Enterprise technique',
};

test('the corpus: only genuine problems are errors, warnings are rare', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const files = ['rules', 'rules_building_block', 'hunting'].flatMap((root) => tomlFiles(join(CORPUS, root)));
  const documents: { path: string; document: HuntRuleDocument }[] = [];
  const findings: { path: string; text: string; diagnostic: QueryDiagnostic }[] = [];
  let parseMs = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const started = performance.now();
    const document = parseHuntRuleDocument(text);
    parseMs += performance.now() - started;
    assert.notEqual(document.kind, 'other', `${file} is neither a hunt nor a rule`);
    documents.push({ path: relative(CORPUS, file), document });
  }

  const check = (document: HuntRuleDocument) => (document.kind === 'hunt' ? checkHunt(document) : checkRule(document));
  let started = performance.now();
  for (const { path, document } of documents) {
    for (const diagnostic of check(document)) findings.push({ path, text: document.toml.text, diagnostic });
  }
  const firstPassMs = performance.now() - started;
  // CPU time, so that other processes competing for the cores do not count.
  const cpuBefore = process.cpuUsage();
  for (const { document } of documents) check(document);
  const cpu = process.cpuUsage(cpuBefore);
  const warmPassMs = (cpu.user + cpu.system) / 1000;
  started = performance.now();
  for (const [path, diagnostics] of checkWorkspace(documents)) {
    const text = documents.find((d) => d.path === path)!.document.toml.text;
    for (const diagnostic of diagnostics) findings.push({ path, text, diagnostic });
  }
  const workspaceMs = performance.now() - started;

  const warnings = new Map<string, number>();
  for (const { diagnostic } of findings) {
    if (diagnostic.severity === 'warning') warnings.set(diagnostic.code, (warnings.get(diagnostic.code) ?? 0) + 1);
  }
  const errors = findings
    .filter((f) => f.diagnostic.severity === 'error')
    .map((f) => `${f.path} ${lineColumn(f.text, f.diagnostic.span.start)} ${f.diagnostic.code}`)
    .sort();
  console.log(
    `schema corpus: ${files.length} files; parse ${parseMs.toFixed(0)} ms; checks ${firstPassMs.toFixed(0)} ms (first pass), ` +
      `${warmPassMs.toFixed(0)} ms CPU (warm); workspace ${workspaceMs.toFixed(0)} ms; ${errors.length} errors (all pinned genuine problems)`,
  );
  console.log(`schema corpus warnings by code: ${warnings.size === 0 ? 'none' : [...warnings].map(([code, n]) => `${code} ${n}`).join(', ')}`);

  assert.equal(files.length, 2332);
  assert.deepEqual(errors, Object.keys(GENUINE_PROBLEMS).sort());
  const warningList = findings
    .filter((f) => f.diagnostic.severity === 'warning')
    .map((f) => `${f.path} ${lineColumn(f.text, f.diagnostic.span.start)} ${f.diagnostic.code}`)
    .sort();
  assert.deepEqual(warningList, Object.keys(STALE_ATTACK_IDS).sort());
  assert.ok(warmPassMs < 1000, `checking the corpus must take well under a second, took ${warmPassMs.toFixed(0)} ms`);
});
