import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { huntkit, ROOT } from '../../support/cli.ts';
import { CORPUS, corpusAvailable } from '../../support/corpus.ts';

const GOOD = readFileSync(new URL('../../../samples/workspace/hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml', import.meta.url), 'utf8');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('check on the sample workspace finds no errors and exits 0', () => {
  const r = huntkit(['check', 'samples/workspace']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1[0-9] files checked: 0 errors/);
});

test('json output: LSP positions, severities and codes; exit 1 on errors', () => {
  const dir = workspace({
    'hunting/linux/queries/good.toml': GOOD,
    'hunting/linux/queries/bad.toml': GOOD.replace('author = "Elastic"\n', '').replace('1d7cae97-2dea-4f01-b04c-85fa4bd991d0', '1d7cae97-2dea-4f01-b04c-85fa4bd991d1').replace('Persistence via DPKG/RPM Package', 'Another'),
    'Cargo.toml': '[package]\nname = "x"\n',
  });
  const r = huntkit(['check', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const diagnostics = JSON.parse(r.stdout);
  const missing = diagnostics.filter((d: any) => d.code === 'hunt-missing-key');
  assert.equal(missing.length, 1);
  assert.equal(missing[0].file, join('hunting/linux/queries/bad.toml'));
  assert.equal(missing[0].severity, 'error');
  assert.deepEqual(Object.keys(missing[0].range.start), ['line', 'character']);
  assert.ok(diagnostics.every((d: any) => !d.file.includes('Cargo')));
});

test('sarif output is SARIF 2.1.0 with 1-based regions', () => {
  const dir = workspace({ 'hunting/x/queries/broken.toml': '[hunt]\nname = "x\n' });
  const r = huntkit(['check', '--format', 'sarif'], { cwd: dir });
  assert.equal(r.status, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'toml-syntax');
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'hunting/x/queries/broken.toml');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 2);
  assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'toml-syntax');
});

test('text output is file:line:col: severity [code] message', () => {
  const dir = workspace({ 'h.toml': GOOD.replace('name = "Persistence via DPKG/RPM Package"\n', '') });
  const r = huntkit(['check', 'h.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^h\.toml:1:2: error \[hunt-missing-key\] .*name/m);
});

test('bad usage exits 2 with the usage text', () => {
  const bad = huntkit(['check', '--format', 'xml']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format must be one of text, json, sarif/);
  assert.equal(huntkit(['check', 'no/such/path']).status, 2);
  assert.equal(huntkit(['frobnicate']).status, 2);
  assert.equal(huntkit([]).status, 2);
});

test('worker threads give the same result as one thread', () => {
  const one = huntkit(['check', '--format', 'json', '--workers', '0', 'samples/workspace']);
  const two = huntkit(['check', '--format', 'json', '--workers', '2', 'samples/workspace']);
  assert.equal(one.status, two.status);
  assert.deepEqual(JSON.parse(two.stdout), JSON.parse(one.stdout));
  assert.equal(huntkit(['check', '--workers', '-1', 'samples/workspace']).status, 2);
});

test('on the corpus the default (main thread and workers the launcher started) matches one thread', { skip: !corpusAvailable() && 'corpus not available' }, () => {
  const one = huntkit(['check', '--format', 'json', '--workers', '0', CORPUS]);
  const parallel = huntkit(['check', '--format', 'json', CORPUS]);
  assert.deepEqual([parallel.status, parallel.stderr], [one.status, one.stderr]);
  assert.equal(parallel.stdout, one.stdout);
  assert.ok(JSON.parse(one.stdout).length > 0);
});

test('the whole output reaches a slow reader before the process exits', { skip: (!corpusAvailable() || process.platform === 'win32') && 'needs the corpus and a POSIX shell' }, () => {
  // SARIF for the corpus is larger than a pipe's buffer; the reader starts only after a pause.
  const full = huntkit(['check', '--format', 'sarif', CORPUS]).stdout;
  assert.ok(full.length > 65536);
  const cli = JSON.stringify(resolve(ROOT, 'dist/cli.cjs'));
  const r = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${cli} check --format sarif ${JSON.stringify(CORPUS)} | (sleep 1; cat)`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.stdout, full);
});

test('--select and --ignore choose the codes reported, and the exit status follows what is reported', () => {
  const dir = workspace({
    'hunting/linux/queries/bad.toml': GOOD.replace('author = "Elastic"\n', '').replace('name = "Persistence via DPKG/RPM Package"', 'name = "Persistence via DPKG/RPM Package"\nnickname = "x"'),
  });
  const codes = (extra: string[]) => {
    const r = huntkit(['check', '--format', 'json', ...extra, '.'], { cwd: dir });
    return { status: r.status, codes: (JSON.parse(r.stdout) as { code: string }[]).map((d) => d.code).sort() };
  };
  const all = codes([]);
  assert.equal(all.status, 1);
  assert.ok(all.codes.includes('hunt-missing-key') && all.codes.includes('hunt-unknown-key'), all.codes.join());
  assert.deepEqual(codes(['--select', 'hunt-missing-key']), { status: 1, codes: ['hunt-missing-key'] });
  // The only error left out: nothing reported is an error, so the exit status is 0.
  assert.deepEqual(codes(['--ignore', 'hunt-missing-key']), { status: 0, codes: all.codes.filter((c) => c !== 'hunt-missing-key') });
  assert.deepEqual(codes(['--select', 'hunt', '--ignore', 'hunt-missing-key,hunt-unknown-key']).codes, all.codes.filter((c) => c.startsWith('hunt-') && c !== 'hunt-missing-key' && c !== 'hunt-unknown-key'));
});

test('a --select or --ignore entry no code could match is bad usage', () => {
  const r = huntkit(['check', '--select', 'kuery', 'samples/workspace']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--select: `kuery` is not a diagnostic code or prefix: codes start with toml, file, internal, hunt, rule, eql, esql, kql, lucene, osquery/);
  assert.equal(r.stdout, '');
});
