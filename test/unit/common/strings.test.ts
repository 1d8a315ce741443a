// Values kept long after their file's text (identities, queries for later) must not keep
// that text alive: V8 cuts substrings as views of the string they come from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { detached } from '../../../server/common/strings.ts';

test('a detached string equals the original', () => {
  for (const text of ['', 'short', 'exactly13char', 'a longer value cut from a file', 'ünïcödé and 😀 beyond thirteen']) assert.equal(detached(text), text);
});

test('keeping detached substrings lets the texts they were cut from go; plain substrings keep them', () => {
  const script = `
    const { detached } = await import(${JSON.stringify(new URL('../../../server/common/strings.ts', import.meta.url).href)});
    const heldMb = (cut) => {
      const kept = [];
      for (let i = 0; i < 200; i++) {
        const file = 'x'.repeat(500_000) + i;       // 200 files of half a megabyte
        kept.push(cut(file.slice(1000, 1040)));     // a 40-character value from each
      }
      globalThis.gc(); globalThis.gc();
      const mb = process.memoryUsage().heapUsed / 1e6;
      return [mb, kept.length];
    };
    const [sliced] = heldMb((s) => s);
    globalThis.gc();
    const [own] = heldMb(detached);
    console.log(JSON.stringify({ sliced, own }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { sliced, own } = JSON.parse(r.stdout) as { sliced: number; own: number };
  // 200 half-megabyte texts are 100 MB: kept whole through plain substrings, gone with detached ones.
  assert.ok(sliced > 90, `plain substrings held ${sliced} MB`);
  assert.ok(own < 30, `detached substrings held ${own} MB`);
});
