// The README is the reference for diagnostic codes: every code the product emits is documented there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_FAMILIES, LANGUAGE_CODE_FAMILY } from '../../server/common/codeFilter.ts';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const FAMILY = `(?:${CODE_FAMILIES.join('|')})`;

/** Codes written literally in a source file. */
function codesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(new RegExp(`code: '(${FAMILY}-[a-z-]+)'`, 'g'))].map((m) => m[1]),
    ...[...text.matchAll(new RegExp(`\\.(?:error|warning|info|hint)\\([^,]+, '(${FAMILY}-[a-z-]+)'`, 'g'))].map((m) => m[1]),
  ];
}

test('every diagnostic code written literally in server/ is documented in the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(new RegExp(`\`(${FAMILY}-[a-z-]+)\``, 'g'))].map((m) => m[1]));
  const emitted = new Set<string>();
  for (const file of sources(join(ROOT, 'server'))) {
    if (file.includes(`${join('server', 'engine')}`)) continue; // engine messages are not diagnostics
    for (const code of codesIn(file)) emitted.add(code);
  }
  assert.ok(emitted.size > 100, `found only ${emitted.size} codes in the source`);
  assert.deepEqual([...emitted].filter((code) => !documented.has(code)).sort(), []);
});

test("each query language's codes start with its family, which `--ignore` skips the language by", () => {
  for (const [language, family] of Object.entries(LANGUAGE_CODE_FAMILY)) {
    const folder = join(ROOT, 'server', language === 'kuery' ? 'kql' : language);
    const codes = sources(folder).flatMap(codesIn);
    assert.ok(codes.length >= 4, `${folder}: ${codes.length} codes`);
    assert.deepEqual(codes.filter((code) => !code.startsWith(`${family}-`)), [], folder);
  }
});
