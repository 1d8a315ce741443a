// index.yml / index.md: PyYAML's exact output, and upstream's update-in-place semantics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { huntIndexMarkdown, huntIndexYaml, updateHuntIndex } from '../../../server/docs/huntIndex.ts';
import type { HuntIndex, IndexedHunt } from '../../../server/docs/huntIndex.ts';
import { readHuntIndex } from '../../../server/docs/huntIndexReader.ts';
import { pyyamlDump } from '../../../server/docs/pyyamlDump.ts';
import type { YamlValue } from '../../../server/docs/pyyamlDump.ts';
import { firstDifference } from '../../../server/docs/textDiff.ts';

const HUNTING = join(CORPUS, 'hunting');
const committedYaml = readFileSync(join(HUNTING, 'index.yml'), 'utf8');
const committedMarkdown = readFileSync(join(HUNTING, 'index.md'), 'utf8');
const library = loadHuntLibrary(HUNTING);

function assertSameText(actual: string, expected: string, what: string) {
  const difference = firstDifference(expected, actual);
  assert.equal(difference, undefined, `${what}: first difference at line ${difference?.line}:\n  committed: ${JSON.stringify(difference?.before)}\n  generated: ${JSON.stringify(difference?.after)}`);
}

function readIndex(text: string): HuntIndex {
  const result = readHuntIndex(text);
  assert.ok('index' in result, 'error' in result ? `${result.error} at line ${result.line}` : '');
  return result.index;
}

test('regenerating the committed index.yml from the hunts gives it back byte for byte', () => {
  assertSameText(huntIndexYaml(updateHuntIndex(readIndex(committedYaml), library.hunts)), committedYaml, 'index.yml');
});

test('index.md from the updated index is byte-identical to the committed one', () => {
  assertSameText(huntIndexMarkdown(updateHuntIndex(readIndex(committedYaml), library.hunts)), committedMarkdown, 'index.md');
});

test('index.md does not depend on index.yml history: built from no index it is the same file', () => {
  assertSameText(huntIndexMarkdown(updateHuntIndex(new Map(), library.hunts)), committedMarkdown, 'index.md from scratch');
});

test('an index built from scratch holds the same entries as the committed one (138 uuids in 9 platforms)', () => {
  const fresh = updateHuntIndex(new Map(), library.hunts);
  const committed = readIndex(committedYaml);
  const sorted = (index: HuntIndex) => [...index].map(([platform, entries]) => [platform, [...entries].sort(([a], [b]) => (a < b ? -1 : 1))] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  assert.deepEqual(sorted(fresh), sorted(committed));
  assert.equal([...committed.values()].reduce((n, entries) => n + entries.size, 0), 138);
  assert.deepEqual([...committed.keys()], ['llm', 'macos', 'linux', 'okta', 'aws', 'windows', 'azure', 'cross-platform', 'network']);
});

test('the reader returns the committed index entry for entry, folded names joined', () => {
  const index = readIndex(committedYaml);
  assert.deepEqual(index.get('windows')!.get('0d960760-8a40-49c1-bbdd-4deb32c7fd67'), {
    name: 'Low Frequency of Process Execution via Windows Scheduled Task by Unique Agent',
    path: './windows/queries/execution_via_windows_scheduled_task_with_low_occurrence_frequency.toml',
    mitre: ['T1053', 'T1053.005'],
  });
  assertSameText(huntIndexYaml(index), committedYaml, 'index.yml round trip');
});

const hunt = (platform: string, uuid: string, name: string, mitre: string[] = []): IndexedHunt => ({
  platform,
  uuid,
  name,
  relativePath: `${platform}/queries/${uuid}.toml`,
  mitre,
});

test('updating keeps existing uuids in place, appends new ones and new platforms, and keeps stale entries', () => {
  const before = updateHuntIndex(new Map(), [hunt('b', 'u1', 'One'), hunt('b', 'u2', 'Two'), hunt('a', 'u3', 'Three')]);
  const after = updateHuntIndex(before, [hunt('b', 'u2', 'Two renamed', ['T1']), hunt('b', 'u4', 'Four'), hunt('c', 'u5', 'Five')]);
  assert.deepEqual(
    [...after].map(([platform, entries]) => [platform, [...entries].map(([uuid, entry]) => `${uuid}=${entry.name}`)]),
    [
      ['b', ['u1=One', 'u2=Two renamed', 'u4=Four']],
      ['a', ['u3=Three']],
      ['c', ['u5=Five']],
    ],
  );
  assert.equal(before.get('b')!.get('u2')!.name, 'Two', 'the input index is not modified');
  assert.equal(
    huntIndexMarkdown(after),
    '# List of Available Queries\n\nHere are the queries currently available:\n' +
      '\n\n## a\n- [Three](./a/docs/u3.md) (ES|QL)\n' +
      '\n\n## b\n- [Four](./b/docs/u4.md) (ES|QL)\n- [One](./b/docs/u1.md) (ES|QL)\n- [Two renamed](./b/docs/u2.md) (ES|QL)\n' +
      '\n\n## c\n- [Five](./c/docs/u5.md) (ES|QL)\n',
  );
});

test('index.md replaces every "queries" and ".toml" in the path, as upstream does', () => {
  const index = updateHuntIndex(new Map(), [{ platform: 'p', uuid: 'u', name: 'N', relativePath: 'p/queries/queries_x.toml.toml', mitre: [] }]);
  assert.ok(huntIndexMarkdown(index).endsWith('- [N](./p/docs/docs_x.md.md) (ES|QL)\n'));
});

// Expected strings below were produced by PyYAML 6.0.3:
// yaml.safe_dump({'p': {'u': {'name': NAME, 'path': './p/queries/x.toml', 'mitre': []}}}, default_flow_style=False, sort_keys=False)
const pyyamlNames: [string, string][] = [
  ['yes', "'yes'"],
  ['1.5', "'1.5'"],
  ['2024-01-01', "'2024-01-01'"],
  ['null', "'null'"],
  ['Key: value', "'Key: value'"],
  ['- leading dash', "'- leading dash'"],
  ['a # comment', "'a # comment'"],
  ["it's", "it's"],
  ['#hash', "'#hash'"],
  ['café ‘quote’', '"caf\\xE9 \\u2018quote\\u2019"'],
  ['tab\there', '"tab\\there"'],
  ['', "''"],
  ['   lead', "'   lead'"],
  [
    "Rare 'quoted' process names seen from hosts: the kind of thing worth a second look in any environment",
    "'Rare ''quoted'' process names seen from hosts: the kind of thing worth\n      a second look in any environment'",
  ],
  [
    'Entra ID ‘device code’ authentication from an unusual principal in a tenant with conditional access policies',
    '"Entra ID \\u2018device code\\u2019 authentication from an unusual principal\\\n      \\ in a tenant with conditional access policies"',
  ],
  ['Multi-line\nname', "'Multi-line\n\n      name'"],
];

for (const [name, written] of pyyamlNames) {
  test(`PyYAML style for name ${JSON.stringify(name)}, and it reads back`, () => {
    const expected = `p:\n  u:\n    name: ${written}\n    path: ./p/queries/x.toml\n    mitre: []\n`;
    const index: HuntIndex = new Map([['p', new Map([['u', { name, path: './p/queries/x.toml', mitre: [] }]])]]);
    assert.equal(huntIndexYaml(index), expected);
    assert.deepEqual(readIndex(expected), index);
  });
}

test('PyYAML quotes keys and list items that would read back as other types; empty collections are flow style', () => {
  const entry = new Map<string, YamlValue>([
    ['name', 'x'],
    ['path', 'y'],
    ['mitre', ['T1', 'no']],
  ]);
  const document = new Map<string, YamlValue>([
    ['a', new Map()],
    ['yes', new Map([['1', entry]])],
  ]);
  assert.equal(pyyamlDump(document), "a: {}\n'yes':\n  '1':\n    name: x\n    path: y\n    mitre:\n    - T1\n    - 'no'\n");
  assert.equal(pyyamlDump(new Map()), '{}\n');
});

test('a malformed index is reported with its line', () => {
  assert.deepEqual(readHuntIndex('aws:\n  u1:\n    name: x\n    owner: y\n'), { error: 'unexpected field `owner` in the entry for u1', line: 4 });
  assert.deepEqual(readHuntIndex('aws:\n  u1:\n    name: x\n    path: y\n'), { error: 'the entry for u1 needs `name`, `path` and `mitre`', line: 2 });
  assert.deepEqual(readHuntIndex('aws:\n   u1:\n'), { error: 'expected a key indented by 0 spaces', line: 2 });
  assert.deepEqual(readHuntIndex('{}\n'), { index: new Map() });
});
