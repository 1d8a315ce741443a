// The bundled CLI is also the script of its worker threads: each kind of worker (engine
// scans, batch checks) loads its own module by role. Run through the real bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huntkit } from '../../support/cli.ts';

test('a query over input past the parallel threshold runs in bundled scan workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-scan-'));
  try {
    // About 70 MB of events (the threshold is 64 MB), every 1000th a match.
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) lines.push(JSON.stringify({ '@timestamp': '2026-08-21T08:00:00.000Z', event: { category: 'process' }, process: { name: i === 0 ? 'bash' : 'sshd', args: ['x'.repeat(40)] }, host: { name: `host-${i}` } }));
    const block = lines.join('\n') + '\n';
    writeFileSync(join(dir, 'logs-endpoint.events.process-default.ndjson'), block.repeat(Math.ceil((70 << 20) / block.length)));
    const r = huntkit(['query', '--language', 'kuery', 'process.name:bash', '--data', dir, '--workers', '2', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /of [\d,]+ events read from 1 file in [\d.]+ s, 2 threads\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
