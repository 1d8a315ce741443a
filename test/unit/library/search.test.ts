// Search results checked against counts computed here straight from the TOML files and the
// shared ATT&CK catalog (and, for a few, against figures measured with Python's tomllib).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { CORPUS, SHARED, tomlFiles } from '../../support/corpus.ts';
import { loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { duplicateUuids, findHuntByUuid, resolveTactic, searchHunts } from '../../../server/library/search.ts';

const HUNTING = join(CORPUS, 'hunting');
const hunts = loadHuntLibrary(HUNTING).hunts;

interface RawHunt {
  file: string;
  platform: string;
  name: string;
  description: string;
  integration: string[];
  mitre: string[];
  notes: string[];
  references: string[];
}

const raw: RawHunt[] = tomlFiles(HUNTING).map((file) => {
  const hunt = (getStaticTOMLValue(parseTOML(readFileSync(file, 'utf8'))) as any).hunt;
  return { file, platform: file.split('/').at(-3)!, ...hunt, notes: hunt.notes ?? [], references: hunt.references ?? [] };
});

const catalog = JSON.parse(readFileSync(join(SHARED, 'data/attack-enterprise.json'), 'utf8')) as { techniques: { id: string; tactics: string[] }[] };
const tacticsOf = new Map(catalog.techniques.map((t) => [t.id, t.tactics]));
const rawTactics = (id: string) => tacticsOf.get(id) ?? tacticsOf.get(id.split('.')[0]) ?? [];

const count = (predicate: (hunt: RawHunt) => boolean) => raw.filter(predicate).length;

test('tactic: hunts mapped to any technique of the tactic, by id, name or short name', () => {
  for (const [tactic, measured] of [['TA0003', 61], ['TA0011', 17], ['TA0006', 16], ['TA0040', 0]] as const) {
    const expected = count((h) => h.mitre.some((id) => rawTactics(id).includes(tactic)));
    assert.equal(expected, measured, `independent count for ${tactic}`);
    assert.equal(searchHunts(hunts, { tactic }).length, expected, tactic);
  }
  assert.equal(searchHunts(hunts, { tactic: 'Persistence' }).length, 61);
  assert.equal(searchHunts(hunts, { tactic: 'command-and-control' }).length, 17);
  assert.equal(resolveTactic('ta0006')?.name, 'Credential Access');
  assert.deepEqual(searchHunts(hunts, { tactic: 'no such tactic' }), []);
});

test('technique: T1071 also finds T1071.xxx; a sub-technique id matches exactly', () => {
  for (const [technique, measured] of [['T1071', 11], ['T1059', 20], ['T1078', 16], ['T1098', 7]] as const) {
    const expected = count((h) => h.mitre.some((id) => id === technique || id.startsWith(`${technique}.`)));
    assert.equal(expected, measured);
    assert.equal(searchHunts(hunts, { technique }).length, expected, technique);
  }
  assert.equal(searchHunts(hunts, { technique: 't1071' }).length, 11, 'ids are case-insensitive');
  for (const [subtechnique, measured] of [['T1059.001', 2], ['T1078.004', 14], ['T1546.004', 4]] as const) {
    assert.equal(count((h) => h.mitre.includes(subtechnique)), measured);
    assert.equal(searchHunts(hunts, { subtechnique }).length, measured, subtechnique);
    assert.equal(searchHunts(hunts, { technique: subtechnique }).length, measured, `${subtechnique} as a technique`);
  }
});

test('data source: platform folder, integration, or integration package', () => {
  assert.equal(searchHunts(hunts, { dataSource: 'aws.cloudtrail' }).length, count((h) => h.integration.includes('aws.cloudtrail')));
  assert.equal(searchHunts(hunts, { dataSource: 'aws.cloudtrail' }).length, 24);
  assert.equal(searchHunts(hunts, { dataSource: 'linux' }).length, count((h) => h.platform === 'linux'));
  assert.equal(searchHunts(hunts, { dataSource: 'endpoint' }).length, 87);
  const bedrock = count((h) => h.platform === 'aws_bedrock' || h.integration.some((i) => i.split('.')[0] === 'aws_bedrock'));
  assert.equal(searchHunts(hunts, { dataSource: 'AWS_Bedrock' }).length, bedrock);
  assert.equal(bedrock, 4);
});

test('keyword: case-insensitive in name, description, notes and references', () => {
  for (const [keyword, measured] of [['powershell', 6], ['BASE64', 2], ['okta', 11]] as const) {
    const wanted = keyword.toLowerCase();
    const expected = count((h) => [h.name, h.description, ...h.notes, ...h.references].some((text) => text.toLowerCase().includes(wanted)));
    assert.equal(expected, measured);
    assert.equal(searchHunts(hunts, { keyword }).length, expected, keyword);
  }
  // A reference-only match: a URL path segment that appears in no name, description or note.
  const referenceOnly = raw.find((h) => h.references.length > 0)!;
  const segment = referenceOnly.references[0];
  assert.ok(searchHunts(hunts, { keyword: segment }).some((hunt) => hunt.path === referenceOnly.file));
});

test('criteria combine: every one must hold', () => {
  assert.equal(searchHunts(hunts, { dataSource: 'linux', tactic: 'TA0003' }).length, 28);
  const combined = searchHunts(hunts, { dataSource: 'windows', technique: 'T1059', keyword: 'powershell' });
  const expected = count((h) => (h.platform === 'windows' || h.integration.some((i) => i.split('.')[0] === 'windows')) && h.mitre.some((id) => id === 'T1059' || id.startsWith('T1059.')) && [h.name, h.description, ...h.notes, ...h.references].some((t) => t.toLowerCase().includes('powershell')));
  assert.equal(combined.length, expected);
  assert.ok(expected > 0);
  assert.equal(searchHunts(hunts, {}).length, 140);
});

test('findHuntByUuid returns the hunt the index lists: the last of those sharing a uuid', () => {
  assert.equal(findHuntByUuid(hunts, 'e6e78858-6482-11ef-93bd-f661ea17fbcc')!.relativePath, 'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml');
  assert.equal(findHuntByUuid(hunts, '9aaf1113-cf7a-4fd7-b796-f6456fdaffb5')!.relativePath, 'macos/queries/execution_unsigned_or_untrusted_binary_execution_via_python.toml');
  assert.equal(findHuntByUuid(hunts, 'nope'), undefined);
  assert.deepEqual([...duplicateUuids(hunts).keys()], ['9aaf1113-cf7a-4fd7-b796-f6456fdaffb5', '04d4b300-bf2f-4e86-8fab-c51502a1db32']);
});
