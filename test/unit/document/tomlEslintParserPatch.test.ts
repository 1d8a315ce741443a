// toml-eslint-parser carries a speed patch (patches/toml-eslint-parser+*.patch): its string
// states take runs of plain characters in one step instead of one code point at a time.
// Values, ranges, line and column positions, and errors must stay exactly as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';

const ROOT = join(import.meta.dirname, '../../..');

test('the patch is applied (npm ci runs patch-package)', () => {
  const [patch] = readdirSync(join(ROOT, 'patches')).filter((f) => f.startsWith('toml-eslint-parser+'));
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/toml-eslint-parser/package.json'), 'utf8')).version;
  assert.equal(patch, `toml-eslint-parser+${version}.patch`);
  assert.match(readFileSync(join(ROOT, 'node_modules/toml-eslint-parser/lib/index.mjs'), 'utf8'), /Huntkit patch/);
});

/** Line (1-based) and column (0-based) of `offset`, counting `\n`, `\r\n` and a lone `\r` as line ends the way the parser does. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

test('strings of every kind: plain runs, escapes and line ends give the same values, ranges and positions', () => {
  const long = 'query text with tabs\tand unicode é 😀 '.repeat(40);
  const text = [
    `a = "${long}\\t\\u00e9\\U0001F600 after escapes ${long}"`,
    `b = '${long}'`,
    `c = """\n${`${long}\n`.repeat(30)}line ending backslash \\\n     continues\\n"""`,
    `d = '''\n${`${long}\n`.repeat(30)}it's ''quoted'' here'''`,
    'e = """two quotes at the end"""""',
    'f = 1',
  ].join('\n');
  const program = parseTOML(text);
  const value = getStaticTOMLValue(program) as Record<string, unknown>;
  assert.equal(value.a, `${long}\té😀 after escapes ${long}`);
  assert.equal(value.b, long);
  assert.equal(value.c, `${`${long}\n`.repeat(30)}line ending backslash continues\n`);
  assert.equal(value.d, `${`${long}\n`.repeat(30)}it's ''quoted'' here`);
  assert.equal(value.e, 'two quotes at the end""');
  const body = (program.body[0] as AST.TOMLTopLevelTable).body as AST.TOMLKeyValue[];
  for (const kv of body) {
    const key = (kv.key.keys[0] as AST.TOMLBare).name;
    const start = text.indexOf(`\n${key} = `) + 1 || 0;
    assert.equal(kv.range[0], start, key);
    assert.deepEqual(kv.loc.start, position(text, start), key);
    const valueStart = start + `${key} = `.length;
    assert.equal(kv.value.range[0], valueStart, key);
    const valueEnd = key === 'f' ? text.length : text.indexOf(`\n${String.fromCharCode(key.charCodeAt(0) + 1)} = `);
    assert.equal(kv.value.range[1], valueEnd, key);
    assert.deepEqual(kv.value.loc.end, position(text, valueEnd), key);
  }
});

test('CRLF in multi-line strings is read as LF, with lines counted once', () => {
  const text = 'a = """\r\none\r\ntwo"""\r\nb = \'\'\'\r\nx\r\ny\'\'\'\r\nc = 1';
  const program = parseTOML(text);
  assert.deepEqual(getStaticTOMLValue(program), { a: 'one\ntwo', b: 'x\ny', c: 1 });
  const c = ((program.body[0] as AST.TOMLTopLevelTable).body as AST.TOMLKeyValue[])[2];
  assert.deepEqual(c.loc.start, { line: 7, column: 0 });
});

test('errors inside strings after a long plain run point at the offending character', () => {
  const run = 'x'.repeat(500);
  const cases: [string, string][] = [
    [`a = "${run}\u0001"`, '\u0001'],
    [`a = """\n${run}\n${run}\u0007"""`, '\u0007'],
    [`a = '''\n${run}\n${run}\u007f'''`, '\u007f'],
    [`a = '${run}\u0002'`, '\u0002'],
    [`a = """\n${run}\n${run} \\q"""`, '\\q'],
  ];
  for (const [text, bad] of cases) {
    const at = text.indexOf(bad) + (bad === '\\q' ? 1 : 0);
    assert.throws(
      () => parseTOML(text),
      (error: { index: number; lineNumber: number; column: number }) => {
        assert.equal(error.index, at, JSON.stringify(bad));
        const { line, column } = position(text, at);
        assert.deepEqual([error.lineNumber, error.column], [line, column], JSON.stringify(bad));
        return true;
      },
    );
  }
  for (const unterminated of [`a = "${run}`, `a = '''${run}\n${run}`, `a = """${run}\n${run}`, `a = "${run}\nb = 1"`]) assert.throws(() => parseTOML(unterminated), /Unterminated string/);
});
