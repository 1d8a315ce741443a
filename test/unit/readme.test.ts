// The README is the reference for diagnostic codes: every code the product emits is documented there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

test('every diagnostic code written literally in server/ is documented in the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/`((?:toml|file|internal|hunt|rule|eql|esql|kql|lucene|osquery)-[a-z-]+)`/g)].map((m) => m[1]));
  const emitted = new Set<string>();
  for (const file of sources(join(ROOT, 'server'))) {
    if (file.includes(`${join('server', 'engine')}`)) continue; // engine messages are not diagnostics
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '((?:toml|file|internal|hunt|rule|eql|esql|kql|lucene|osquery)-[a-z-]+)'/g)) emitted.add(m[1]);
    for (const m of text.matchAll(/\.(?:error|warning|info|hint)\([^,]+, '((?:hunt|rule|eql|esql|kql|lucene|osquery)-[a-z-]+)'/g)) emitted.add(m[1]);
  }
  assert.ok(emitted.size > 100, `found only ${emitted.size} codes in the source`);
  assert.deepEqual([...emitted].filter((code) => !documented.has(code)).sort(), []);
});
