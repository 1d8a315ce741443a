// Test results as text for people, JUnit XML for CI servers, or TAP.
import { displayPath } from './messages.ts';
import type { QueryTestResult } from './queryTests.ts';

export const TEST_FORMATS = ['text', 'junit', 'tap'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

function testName(result: QueryTestResult): string {
  return `${displayPath(result.subject.file)} ${result.name}`;
}

function tally(results: readonly QueryTestResult[]): { passed: number; failed: number; skipped: number } {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

export function textReport(results: readonly QueryTestResult[]): string {
  const word = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;
  let out = '';
  for (const r of results) {
    out += `${word[r.status]} ${testName(r)}: ${r.message}\n`;
    for (const line of r.details) out += `     ${line}\n`;
  }
  const { passed, failed, skipped } = tally(results);
  out += `${results.length} ${results.length === 1 ? 'test' : 'tests'}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
  return out;
}

function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** JUnit XML: one test suite per hunt or rule, one test case per query. */
export function junitReport(results: readonly QueryTestResult[]): string {
  const bySubject = new Map<string, QueryTestResult[]>();
  for (const r of results) {
    const cases = bySubject.get(r.subject.file);
    if (cases) cases.push(r);
    else bySubject.set(r.subject.file, [r]);
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = tally(results);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="huntkit" tests="${results.length}" failures="${total.failed}" skipped="${total.skipped}" time="${seconds(results.reduce((t, r) => t + r.elapsedMs, 0))}">\n`;
  for (const [file, cases] of bySubject) {
    const t = tally(cases);
    const name = xml(displayPath(file));
    out += `  <testsuite name="${name}" tests="${cases.length}" failures="${t.failed}" skipped="${t.skipped}" time="${seconds(cases.reduce((s, r) => s + r.elapsedMs, 0))}">\n`;
    for (const r of cases) {
      out += `    <testcase classname="${name}" name="${xml(r.name)}" time="${seconds(r.elapsedMs)}"`;
      if (r.status === 'passed') {
        out += '/>\n';
        continue;
      }
      out += '>\n';
      if (r.status === 'skipped') out += `      <skipped message="${xml(r.message)}"/>\n`;
      else out += `      <failure message="${xml(r.message)}">${xml([r.message, ...r.details].join('\n'))}</failure>\n`;
      out += '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}

/** TAP version 13, with a YAML block of details under failures. */
export function tapReport(results: readonly QueryTestResult[]): string {
  let out = `TAP version 13\n1..${results.length}\n`;
  results.forEach((r, i) => {
    const name = testName(r).replaceAll('#', '\\#');
    if (r.status === 'skipped') {
      out += `ok ${i + 1} - ${name} # SKIP ${r.message}\n`;
      return;
    }
    out += `${r.status === 'passed' ? 'ok' : 'not ok'} ${i + 1} - ${name}\n`;
    if (r.status === 'failed') {
      out += `  ---\n  message: ${JSON.stringify(r.message)}\n`;
      if (r.details.length > 0) out += `  details:\n${r.details.map((d) => `    - ${JSON.stringify(d)}\n`).join('')}`;
      out += '  ...\n';
    }
  });
  return out;
}
