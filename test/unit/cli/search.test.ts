// `huntkit search` against the corpus hunting library, compared with the library's own search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';
import { CORPUS } from '../../support/corpus.ts';
import { loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { searchHunts } from '../../../server/library/search.ts';
import { copyWritable, CORPUS_HUNTING, tempDir } from './fixtures.ts';

const hunts = loadHuntLibrary(CORPUS_HUNTING).hunts;

test('search --tactic TA0003 --format json lists the same 61 hunts as the library, paths relative to the hunting folder', () => {
  const r = huntkit(['search', '--tactic', 'TA0003', '--format', 'json', '--path', CORPUS_HUNTING]);
  assert.equal(r.status, 0, r.stderr);
  const found = JSON.parse(r.stdout) as { path: string; uuid: string; name: string }[];
  const expected = searchHunts(hunts, { tactic: 'TA0003' });
  assert.equal(expected.length, 61);
  assert.equal(found.length, expected.length);
  assert.deepEqual(found.map((hunt) => hunt.path), expected.map((hunt) => hunt.relativePath));
  assert.deepEqual(found.map((hunt) => hunt.uuid), expected.map((hunt) => hunt.uuid));
});

test('search finds the hunting folder under the current directory and prints a table with a count', () => {
  const r = huntkit(['search', '--keyword', 'dpkg', '--data-source', 'endpoint'], { cwd: CORPUS });
  assert.equal(r.status, 0, r.stderr);
  const expected = searchHunts(hunts, { keyword: 'dpkg', dataSource: 'endpoint' });
  assert.ok(expected.length > 0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^Name +UUID +Location +Platform +MITRE$/);
  assert.match(lines[1], /^-+ +-+ +-+ +-+ +-+$/);
  assert.equal(lines.length, expected.length + 3);
  assert.equal(lines.at(-1), `${expected.length} hunt${expected.length === 1 ? '' : 's'} found`);
  for (const hunt of expected) assert.ok(r.stdout.includes(hunt.relativePath), hunt.relativePath);
});

test('search by technique includes sub-techniques; by sub-technique matches exactly; nothing found is not an error', () => {
  const technique = huntkit(['search', '--technique', 'T1546', '--format', 'json', '--path', CORPUS_HUNTING]);
  assert.equal(technique.status, 0, technique.stderr);
  assert.equal(JSON.parse(technique.stdout).length, searchHunts(hunts, { technique: 'T1546' }).length);
  const subtechnique = huntkit(['search', '--subtechnique', 'T1546.016', '--format', 'json', '--path', CORPUS_HUNTING]);
  assert.deepEqual(
    JSON.parse(subtechnique.stdout).map((hunt: { uuid: string }) => hunt.uuid),
    searchHunts(hunts, { subtechnique: 'T1546.016' }).map((hunt) => hunt.uuid),
  );
  const none = huntkit(['search', '--keyword', 'no hunt mentions this phrase', '--path', CORPUS_HUNTING]);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '0 hunts found\n');
});

test('search: bad usage exits 2 with a clear message', (t) => {
  const cases: [string[], RegExp][] = [
    [['search', '--path', CORPUS_HUNTING], /give at least one of --tactic, --technique, --subtechnique, --data-source, --keyword$/m],
    [['search', '--tactic', 'TA9999', '--path', CORPUS_HUNTING], /unknown tactic 'TA9999': use an id \(TA0003\), a name \(Persistence\) or a short name \(persistence\)$/m],
    [['search', '--subtechnique', 'T1546', '--path', CORPUS_HUNTING], /--subtechnique takes a sub-technique id such as T1071\.001 \(got 'T1546'\)/m],
    [['search', '--tactic', 'TA0003', '--format', 'xml'], /--format must be one of table, json \(got 'xml'\)$/m],
    [['search', '--tactic', 'TA0003', '--path', 'nowhere'], /^huntkit search: nowhere is not a directory$/m],
  ];
  for (const [args, message] of cases) {
    const r = huntkit(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  // Two hunting folders under the current directory: the user must pick one.
  const dir = tempDir(t);
  for (const copy of ['a/hunting', 'b/hunting']) {
    mkdirSync(join(dir, copy, 'okta'), { recursive: true });
    copyWritable(join(CORPUS_HUNTING, 'okta'), join(dir, copy, 'okta'));
  }
  const two = huntkit(['search', '--tactic', 'TA0003'], { cwd: dir });
  assert.equal(two.status, 2);
  assert.match(two.stderr, /^huntkit search: found 2 hunting directories \(a\/hunting, b\/hunting\); name one with --path$/m);
});
