// Broken queries with the exact diagnostic each must produce (code and span),
// and nothing else. Syntax and semantic diagnostics are collected together, as
// the editor shows them. `recovers` lists fields that must still be in the tree
// after the error. Add a case by adding a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eqlFrontEnd, walk } from '../../../server/eql/index.ts';

interface SeededError {
  query: string;
  code: string;
  start: number;
  end: number;
  minStackVersion?: string;
  /** Field names that must be parsed despite the error. */
  recovers?: string[];
}

const CASES: SeededError[] = [
  // ----- strings, names, numbers, characters -----
  { query: `process where process.name == 'cmd.exe'`, code: 'eql-single-quoted-string', start: 30, end: 39 },
  { query: 'process where process.name : "C:\\Windows"', code: 'eql-invalid-escape', start: 32, end: 34 },
  { query: 'process where x == "\\u{1}"', code: 'eql-invalid-unicode-escape', start: 20, end: 25 },
  { query: 'process where x == "\\u{D83D}"', code: 'eql-invalid-unicode-escape', start: 20, end: 28 },
  { query: 'process where x == "\\u{zz}"', code: 'eql-invalid-unicode-escape', start: 20, end: 23 },
  { query: 'process where x == "abc', code: 'eql-unterminated-string', start: 19, end: 23 },
  { query: 'process where x == """abc', code: 'eql-unterminated-string', start: 19, end: 25 },
  { query: 'process where x == """a\nb""" and y == 1', code: 'eql-unterminated-string', start: 19, end: 28, recovers: ['y'] },
  { query: 'process where x == ?"raw"', code: 'eql-unsupported-raw-string', start: 19, end: 25 },
  { query: 'process where `bad == 1', code: 'eql-unterminated-identifier', start: 14, end: 23 },
  { query: 'process where x == 1 /* open', code: 'eql-unterminated-comment', start: 21, end: 28 },
  { query: 'process where x == 99999999999999999999', code: 'eql-number-too-large', start: 19, end: 39 },
  { query: 'process where x == 1 #', code: 'eql-invalid-character', start: 21, end: 22 },
  { query: 'process where a && b', code: 'eql-invalid-operator', start: 16, end: 18, recovers: ['a', 'b'] },
  { query: 'process where true || false', code: 'eql-invalid-operator', start: 19, end: 21 },
  { query: 'process where !a', code: 'eql-invalid-operator', start: 14, end: 15, recovers: ['a'] },
  { query: 'process where prócess == 1', code: 'eql-invalid-character', start: 14, end: 21 },

  // ----- query structure -----
  { query: '', code: 'eql-empty-query', start: 0, end: 0 },
  { query: 'process where', code: 'eql-expected-expression', start: 13, end: 13 },
  { query: 'process x == 1', code: 'eql-expected-token', start: 8, end: 9, recovers: ['x'] },
  { query: 'where x == 1', code: 'eql-expected-token', start: 0, end: 5, recovers: ['x'] },
  { query: 'process foo bar where x == 1', code: 'eql-unexpected-token', start: 8, end: 11, recovers: ['x'] },
  { query: '`my-category` where true', code: 'eql-backquoted-category', start: 0, end: 13 },
  { query: 'PROCESS WHERE a == 1', code: 'eql-keyword-case', start: 8, end: 13, recovers: ['a'] },
  { query: 'process where a == 1 AND b == 2', code: 'eql-keyword-case', start: 21, end: 24, recovers: ['a', 'b'] },
  { query: 'process where event.sequence == 1', code: 'eql-reserved-word', start: 20, end: 28, recovers: ['event.sequence'] },
  { query: 'process where true | ', code: 'eql-expected-token', start: 20, end: 20 },
  { query: 'process where x == 1 | head 5 x', code: 'eql-unexpected-token', start: 30, end: 31 },

  // ----- expressions -----
  { query: 'process where a == 1 b == 2 and c == 3', code: 'eql-unexpected-token', start: 21, end: 22, recovers: ['a', 'c'] },
  { query: 'process where a == == 1 and c == 3', code: 'eql-expected-expression', start: 19, end: 21, recovers: ['c'] },
  { query: 'process where (a == 1 or b == 2 and c == 3', code: 'eql-unclosed-bracket', start: 42, end: 42, recovers: ['a', 'b', 'c'] },
  { query: 'process where a == 1) and b == 2', code: 'eql-unexpected-token', start: 20, end: 21, recovers: ['b'] },
  { query: 'process where x not like "a*"', code: 'eql-misplaced-not', start: 16, end: 19 },
  { query: 'process where a < 1 < 2', code: 'eql-chained-comparison', start: 20, end: 21 },
  { query: 'process where a = 1', code: 'eql-single-equals', start: 16, end: 17 },
  { query: 'process where x : other.field', code: 'eql-expected-literal', start: 18, end: 29 },
  { query: 'process where x == "a" and z like~ ("c", d)', code: 'eql-expected-literal', start: 41, end: 42 },
  { query: 'process where x in ()', code: 'eql-expected-expression', start: 19, end: 21 },
  { query: 'process where x in "a"', code: 'eql-expected-token', start: 19, end: 22 },
  { query: 'process where x in ("a", "b"', code: 'eql-unclosed-bracket', start: 28, end: 28 },
  { query: 'process where x like~ ("a" "b") and z == 1', code: 'eql-unclosed-bracket', start: 27, end: 30, recovers: ['z'] },
  { query: 'process where length(a', code: 'eql-unclosed-bracket', start: 22, end: 22, recovers: ['a'] },
  { query: 'process where endsWith(a,)', code: 'eql-expected-expression', start: 25, end: 26 },
  { query: 'process where x.', code: 'eql-expected-token', start: 16, end: 16 },
  { query: 'process where ? == 1', code: 'eql-expected-token', start: 16, end: 18 },
  { query: `process where ${'('.repeat(250)}a${')'.repeat(250)} and b == 1`, code: 'eql-too-deeply-nested', start: 214, end: 215, recovers: ['b'] },

  // ----- sequences and samples: syntax -----
  { query: 'sequence [process where a == 1 [file where b == 2]', code: 'eql-unclosed-bracket', start: 31, end: 32, recovers: ['a', 'b'] },
  {
    query: 'sequence by host.id\n  [process where true]\n  [file where true\n  [network where x == 1]',
    code: 'eql-unclosed-bracket',
    start: 64,
    end: 65,
    recovers: ['x'],
  },
  { query: 'sequence by user.name [process where true] [file where true', code: 'eql-unclosed-bracket', start: 59, end: 59 },
  { query: 'sequence', code: 'eql-expected-token', start: 8, end: 8 },
  { query: 'sequence until [a where x]', code: 'eql-expected-token', start: 9, end: 14 },
  { query: 'sequence with maxspan 5m [a where true] [b where true]', code: 'eql-expected-token', start: 22, end: 23 },
  { query: 'sequence with maxspan==5m [a where true] [b where true]', code: 'eql-expected-token', start: 21, end: 23 },
  { query: 'sequence by a by b [x where true] [y where true]', code: 'eql-duplicate-clause', start: 14, end: 18 },
  { query: 'sequence [a where true] with runs=2 by x [b where true] by y', code: 'eql-misordered-clause', start: 36, end: 40 },
  { query: 'sequence [a where true] [b where true] until [c where true] [d where true]', code: 'eql-unexpected-token', start: 60, end: 74 },

  // ----- functions, comparisons, fields -----
  { query: 'process where foo(a)', code: 'eql-unknown-function', start: 14, end: 17 },
  { query: 'process where wildcard(a, "x*")', code: 'eql-unknown-function', start: 14, end: 22 },
  { query: 'sequence [process where a == 1] by x [file where f(b) == 2] by y', code: 'eql-unknown-function', start: 49, end: 50 },
  { query: 'process where stringContains(a)', code: 'eql-wrong-arity', start: 14, end: 31 },
  { query: 'process where between(a, "x", "y", true, 1)', code: 'eql-wrong-arity', start: 14, end: 43 },
  { query: 'process where length~(a) > 1', code: 'eql-not-case-insensitive', start: 14, end: 21 },
  { query: 'process where a.b == c.d', code: 'eql-field-comparison', start: 14, end: 24 },
  { query: 'process where length(a) == length(b)', code: 'eql-field-comparison', start: 14, end: 36 },
  { query: 'process where a[0] == 1', code: 'eql-unsupported-array-index', start: 15, end: 18 },
  { query: 'process where descendant of [process where true]', code: 'eql-unsupported-relationship', start: 14, end: 27 },

  // ----- sequences, samples, joins: semantics -----
  { query: 'sequence [process where true]', code: 'eql-too-few-terms', start: 0, end: 8 },
  { query: 'sequence [a where true] ![b where true]', code: 'eql-missing-maxspan', start: 24, end: 26 },
  { query: 'sequence with maxspan=5m ![a where true] ![b where true]', code: 'eql-no-positive-term', start: 0, end: 8 },
  { query: 'sequence [a where true] with runs=0 [b where true]', code: 'eql-invalid-runs', start: 34, end: 35 },
  { query: 'sequence [a where true] with runs=101 [b where true]', code: 'eql-invalid-runs', start: 34, end: 37 },
  { query: 'sequence [a where true] with repeat=2 [b where true]', code: 'eql-unknown-term-parameter', start: 29, end: 35 },
  { query: 'sequence with maxspan=0s [a where true] [b where true]', code: 'eql-invalid-maxspan', start: 22, end: 23 },
  { query: 'sequence with maxspan=5w [a where true] [b where true]', code: 'eql-invalid-maxspan', start: 23, end: 24 },
  { query: 'sequence with maxspan=5 [a where true] [b where true]', code: 'eql-invalid-maxspan', start: 22, end: 23 },
  { query: 'sequence with maxspan=1.5h [a where true] [b where true]', code: 'eql-invalid-maxspan', start: 22, end: 25 },
  { query: 'sequence with maxspan=5m by x [a where true] [b where true]', code: 'eql-by-after-with', start: 25, end: 29 },
  { query: 'sequence by x [a where true] by y [b where true]', code: 'eql-join-key-count', start: 34, end: 48 },
  { query: 'sequence [a where true] by length(x) [b where true] by y', code: 'eql-invalid-join-key', start: 27, end: 36 },
  { query: 'sample by x [a where true] [b where true] until [c where true]', code: 'eql-clause-not-allowed', start: 48, end: 62 },
  { query: 'sample by x [a where true] ![b where true]', code: 'eql-clause-not-allowed', start: 27, end: 29 },
  { query: 'sample with maxspan=5m [a where true] [b where true]', code: 'eql-clause-not-allowed', start: 7, end: 22 },
  { query: 'sample by x [a where true]', code: 'eql-too-few-terms', start: 0, end: 6 },
  { query: 'join [a where true] [b where true]', code: 'eql-unsupported-join', start: 0, end: 4 },

  // ----- pipes -----
  { query: 'process where true | head -1', code: 'eql-invalid-pipe-argument', start: 26, end: 28 },
  { query: 'process where true | head', code: 'eql-invalid-pipe-argument', start: 19, end: 25 },
  { query: 'process where true | tail 1, 2', code: 'eql-invalid-pipe-argument', start: 19, end: 30 },
  { query: 'process where true | sort @timestamp', code: 'eql-unsupported-pipe', start: 21, end: 25 },
  { query: 'process where true | hed 5', code: 'eql-unknown-pipe', start: 21, end: 24 },

  // ----- stack versions -----
  { query: 'sample by x [a where true] [b where true]', code: 'eql-requires-stack-version', start: 0, end: 6, minStackVersion: '8.5.0' },
  { query: 'process where ?user.id != null', code: 'eql-requires-stack-version', start: 14, end: 22, minStackVersion: '7.15.0' },
  { query: 'sequence with maxspan=1m [a where true] ![b where true]', code: 'eql-requires-stack-version', start: 40, end: 42, minStackVersion: '8.8.0' },
  { query: 'sequence [a where true] with runs=2', code: 'eql-requires-stack-version', start: 24, end: 35, minStackVersion: '7.15.0' },
];

for (const c of CASES) {
  test(`${c.code} at ${c.start}-${c.end}: ${JSON.stringify(c.query.length > 70 ? `${c.query.slice(0, 70)}…` : c.query)}`, () => {
    const { ast, diagnostics } = eqlFrontEnd.parse(c.query);
    const semantic = eqlFrontEnd.check(ast, c.query, c.minStackVersion ? { minStackVersion: c.minStackVersion } : {});
    const found = [...diagnostics, ...semantic].map((d) => ({ code: d.code, start: d.span.start, end: d.span.end, severity: d.severity }));
    assert.deepEqual(found, [{ code: c.code, start: c.start, end: c.end, severity: 'error' }]);
    if (c.recovers) {
      const fields = new Set<string>();
      walk(ast, (node) => {
        if (node.kind === 'Field') fields.add(node.name);
      });
      for (const name of c.recovers) assert.ok(fields.has(name), `field \`${name}\` missing from the tree; found ${[...fields].join(', ')}`);
    }
  });
}

const SOURCE_DIR = join(import.meta.dirname, '../../../server/eql');

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(join(SOURCE_DIR, file), 'utf8').matchAll(/'(eql-[a-z]+(?:-[a-z]+)*)'/g)) codes.add(match[1]!);
  }
  return codes;
}

test('every diagnostic code in server/eql has a seeded case', () => {
  const codes = codesInSource();
  const seeded = new Set(CASES.map((c) => c.code));
  // Reported only past MAX_SYNTAX_DIAGNOSTICS errors; see parser.test.ts.
  seeded.add('eql-too-many-errors');
  assert.ok(codes.size >= 40, `only ${codes.size} codes found`);
  assert.deepEqual([...codes].filter((code) => !seeded.has(code)).sort(), []);
});

test('the README documents exactly the codes the EQL front-end emits', () => {
  const documented = [...readFileSync(join(SOURCE_DIR, '../../README.md'), 'utf8').matchAll(/^\| `(eql-[a-z-]+)` \|/gm)].map((m) => m[1]!);
  assert.equal(new Set(documented).size, documented.length, 'a code is documented twice');
  assert.deepEqual(documented.sort(), [...codesInSource()].sort());
});
