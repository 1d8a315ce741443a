// The `huntkit` launcher loads the CLI bundle through V8's code cache: a run writes one
// cache per command, later runs use it, and a bad or disabled cache changes nothing but speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

const SAMPLES = 'samples/workspace';

test('the first run of a command writes its code cache, and later runs give the same output', () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const env = { HUNTKIT_COMPILE_CACHE: cache };
    const first = huntkit(['check', '--format', 'json', SAMPLES], { env });
    const files = readdirSync(cache);
    assert.equal(files.length, 1);
    // A short run: a thin cache, until a long run writes the full one.
    assert.match(files[0], /^[0-9a-f]{20}-check\.thin\.v8cache$/);
    const cached = huntkit(['check', '--format', 'json', SAMPLES], { env });
    assert.deepEqual([cached.status, cached.stdout], [first.status, first.stdout]);
    // Another command gets its own cache; the check cache is not rewritten by a cached run.
    const before = readFileSync(join(cache, files[0]));
    huntkit(['--help'], { env });
    assert.deepEqual(readdirSync(cache).sort(), [files[0], files[0].replace('-check.', '---help.')].sort());
    assert.deepEqual(readFileSync(join(cache, files[0])), before);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('a long run writes the full cache, which later runs use and keep', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const env = { HUNTKIT_COMPILE_CACHE: cache };
    huntkit(['check', '--format', 'json', SAMPLES], { env });
    const long = huntkit(['check', '--format', 'json', CORPUS], { env });
    const full = readdirSync(cache).filter((f) => /^[0-9a-f]{20}-check\.v8cache$/.test(f));
    assert.equal(full.length, 1);
    // The corpus run had worker threads: they keep a cache of their own.
    assert.ok(readdirSync(cache).some((f) => /-worker-check\.v8cache$/.test(f)));
    const written = statSync(join(cache, full[0])).mtimeMs;
    const again = huntkit(['check', '--format', 'json', CORPUS], { env });
    assert.equal(again.stdout, long.stdout);
    assert.equal(statSync(join(cache, full[0])).mtimeMs, written);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('writing a cache removes the caches of other builds once they are a day old', () => {
  const cache = mkdtempSync(join(tmpdir(), 'huntkit-cache-'));
  try {
    const old = join(cache, '0123456789abcdef0123-check.v8cache');
    const recent = join(cache, 'fedcba9876543210fedc-check.v8cache');
    const other = join(cache, 'notes.txt');
    for (const f of [old, recent, other]) writeFileSync(f, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);
    huntkit(['check', SAMPLES], { env: { HUNTKIT_COMPILE_CACHE: cache } });
    const names = readdirSync(cache);
    assert.ok(!names.includes('0123456789abcdef0123-check.v8cache'));
    assert.ok(names.includes('fedcba9876543210fedc-check.v8cache') && names.includes('notes.txt'));
    assert.equal(names.filter((n) => n.endsWith('.thin.v8cache')).length, 1);
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
