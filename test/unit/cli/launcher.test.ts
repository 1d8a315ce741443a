// The `huntkit` launcher loads the CLI bundle through V8's code cache: a run writes one
// cache per command, later runs use it, and a bad or disabled cache changes nothing but speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';

const SAMPLES = 'samples/workspace';

test('the first run of a command writes its code cache, and later runs give the same output', () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const env = { HUNTKIT_COMPILE_CACHE: cache };
    const first = huntkit(['check', '--format', 'json', SAMPLES], { env });
    const files = readdirSync(cache);
    assert.equal(files.length, 1);
    assert.match(files[0], /^[0-9a-f]{20}-check\.v8cache$/);
    const cached = huntkit(['check', '--format', 'json', SAMPLES], { env });
    assert.deepEqual([cached.status, cached.stdout], [first.status, first.stdout]);
    // Another command gets its own cache; the check cache is not rewritten by a cached run.
    const before = readFileSync(join(cache, files[0]));
    huntkit(['--help'], { env });
    assert.deepEqual(readdirSync(cache).sort(), [files[0], files[0].replace('-check', '---help')].sort());
    assert.deepEqual(readFileSync(join(cache, files[0])), before);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('a corrupt cache is rejected and rewritten; the run is unaffected', () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const env = { HUNTKIT_COMPILE_CACHE: cache };
    const clean = huntkit(['check', '--format', 'json', SAMPLES], { env });
    const [file] = readdirSync(cache);
    writeFileSync(join(cache, file), 'not a V8 code cache');
    const corrupt = huntkit(['check', '--format', 'json', SAMPLES], { env });
    assert.deepEqual([corrupt.status, corrupt.stdout, corrupt.stderr], [clean.status, clean.stdout, clean.stderr]);
    assert.notEqual(readFileSync(join(cache, file), 'utf8'), 'not a V8 code cache');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('HUNTKIT_COMPILE_CACHE=off writes nothing; an unwritable cache folder is ignored', () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const off = huntkit(['check', '--format', 'json', SAMPLES], { env: { HUNTKIT_COMPILE_CACHE: 'off' } });
    assert.deepEqual(readdirSync(cache), []);
    // A file where the folder should be: the cache cannot be written, the check still runs.
    const blocked = join(cache, 'blocked');
    writeFileSync(blocked, '');
    const unwritable = huntkit(['check', '--format', 'json', SAMPLES], { env: { HUNTKIT_COMPILE_CACHE: join(blocked, 'sub') } });
    assert.deepEqual([unwritable.status, unwritable.stdout, unwritable.stderr], [off.status, off.stdout, off.stderr]);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
