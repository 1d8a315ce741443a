import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { huntFilePaths, huntPlatform, loadHuntLibrary } from '../../../server/library/huntLibrary.ts';
import { readHunt, universalNewlines } from '../../../server/library/hunt.ts';

const HUNTING = join(CORPUS, 'hunting');

test('loads all 140 corpus hunts, each with its platform folder, none invalid', () => {
  const library = loadHuntLibrary(HUNTING);
  assert.equal(library.hunts.length, 140);
  assert.deepEqual(library.invalid, []);
  // Independently: the TOML files in each <platform>/queries folder.
  for (const platform of readdirSync(HUNTING, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
    const files = readdirSync(join(HUNTING, platform, 'queries')).filter((name) => name.endsWith('.toml'));
    assert.equal(library.hunts.filter((hunt) => hunt.platform === platform).length, files.length, platform);
  }
});

test('a record carries the hunt fields, its paths and platform', () => {
  const hunt = loadHuntLibrary(HUNTING).hunts.find((h) => h.uuid === 'e6e78858-6482-11ef-93bd-f661ea17fbcc')!;
  assert.equal(hunt.relativePath, 'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml');
  assert.equal(hunt.path, join(HUNTING, 'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml'));
  assert.equal(hunt.platform, 'aws');
  assert.equal(hunt.name, 'High Frequency of EC2 Multi-Region `DescribeInstances` API Calls');
  assert.deepEqual(hunt.integration, ['aws.cloudtrail']);
  assert.deepEqual(hunt.language, ['ES|QL']);
  assert.deepEqual(hunt.mitre, ['T1580']);
  assert.equal(hunt.notes.length, 4);
  assert.deepEqual(hunt.references, []);
  assert.equal(hunt.query.length, 1);
  assert.ok(hunt.description.startsWith('This hunting query identifies when a user makes multiple `DescribeInstances`'));
});

test('hunt files are listed in code-point order, whatever the directory order', () => {
  const paths = huntFilePaths(HUNTING);
  assert.deepEqual(paths, [...paths].sort());
  assert.equal(paths[0], 'aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml');
});

test('platform is the folder holding queries/, or the hunting folder itself at top level', () => {
  assert.equal(huntPlatform('/x/hunting', 'linux/queries/a.toml'), 'linux');
  assert.equal(huntPlatform('/x/hunting', 'deep/okta/queries/a.toml'), 'okta');
  assert.equal(huntPlatform('/x/hunting', 'queries/a.toml'), 'hunting');
});

test('readHunt reports wrong types, unknown fields and empty queries', () => {
  const result = readHunt(
    '[hunt]\nauthor = ["Elastic"]\ndescription = "d"\nintegration = "endpoint"\nuuid = ""\nname = "n"\nlanguage = ["EQL"]\nlicense = "l"\nquery = []\nseverity = "low"\n',
  );
  assert.equal(result.hunt, undefined);
  assert.deepEqual(result.problems, [
    'unknown hunt field `severity`',
    '`author` must be a string',
    '`integration` must be a list of strings',
    '`query` must list at least one query',
    '`uuid` must not be empty',
  ]);
  assert.deepEqual(readHunt('not toml = ').problems.length, 1);
  assert.match(readHunt('not toml = ').problems[0], /^not valid TOML: /);
  assert.deepEqual(readHunt('[rule]\nname = "x"\n').problems, ['no [hunt] table']);
});

test('readHunt reads CRLF files as Python does, with \\n line ends', () => {
  const { hunt } = readHunt(
    '[hunt]\r\nauthor = "a"\r\ndescription = """\r\nline one\r\nline two\r\n"""\r\nintegration = ["endpoint"]\r\nuuid = "u"\r\nname = "n"\r\nlanguage = ["EQL"]\r\nlicense = "l"\r\nquery = [\'\'\'\r\nprocess where true\r\n\'\'\']\r\n',
  );
  assert.equal(hunt!.description, 'line one\nline two\n');
  assert.deepEqual(hunt!.query, ['process where true\n']);
  assert.deepEqual([hunt!.notes, hunt!.mitre, hunt!.references], [[], [], []]);
  assert.equal(universalNewlines('a\r\nb\rc\n'), 'a\nb\nc\n');
});
