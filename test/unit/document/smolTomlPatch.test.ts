// smol-toml's string scanner carries a speed patch (patches/smol-toml+*.patch: plain runs are
// skipped by a sticky regex). Strings must parse exactly as the exact parser reads them,
// and malformed ones must still be rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseValues } from 'smol-toml';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';

const ROOT = join(import.meta.dirname, '../../..');

test('the patch is applied (npm ci runs patch-package)', () => {
  const [patch] = readdirSync(join(ROOT, 'patches')).filter((f) => f.startsWith('smol-toml+'));
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/smol-toml/package.json'), 'utf8')).version;
  assert.equal(patch, `smol-toml+${version}.patch`);
  assert.match(readFileSync(join(ROOT, 'node_modules/smol-toml/dist/primitive.js'), 'utf8'), /Huntkit patch/);
});

const exact = (text: string) => getStaticTOMLValue(parseTOML(text));

test('strings of every kind parse as the exact parser reads them', () => {
  const strings = [
    'a = "plain"',
    'a = "tab\\tand \\"quotes\\" and \\\\ and \\u00e9 and \\U0001F600"',
    'a = ""',
    "a = 'literal \\n stays'",
    "a = ''",
    'a = """\nfirst\n  second\nthird"""',
    'a = """\n  one \\\n     two \\\n\n  three"""',
    'a = """quote at the end: """"',
    'a = """two quotes then end"""""',
    "a = '''\nliteral\nwith 'quotes' and \\ backslashes'''",
    "a = ''''one quote inside''''",
    "a = '''ends with two quotes'''''",
    'a = ["x", \'y\', """z""", \'\'\'w\'\'\']',
    `a = "${'long run '.repeat(2000)}\\n"`,
    `a = """\n${'line\n'.repeat(3000)}"""`,
  ];
  // structuredClone: smol-toml's tables have no prototype, the exact parser's do.
  for (const text of strings) assert.deepEqual(structuredClone(parseValues(text)), exact(text), text.slice(0, 60));
  // CRLF inside multi-line strings is kept (toml-eslint-parser normalizes it to LF; TOML allows both).
  assert.deepEqual(structuredClone(parseValues('a = """\r\nx\r\ny"""\r\nb = \'\'\'\r\nx\r\ny\'\'\'')), { a: 'x\r\ny', b: 'x\r\ny' });
});

test('malformed strings are still rejected', () => {
  // (A lone CR in a multi-line string is no TOML newline; toml-eslint-parser lets it pass.)
  const malformed = ['a = "bare\u0001control"', "a = 'bare\rreturn'", 'a = "no end', "a = '''no end", 'a = """\nbad \\q escape"""', 'a = "new\nline"', "a = '''lone\rcr'''", 'a = """lone\rcr"""', 'a = "del\u007f"', 'a = """ \\  x"""'];
  for (const text of malformed) assert.throws(() => parseValues(text), /Invalid TOML document/, JSON.stringify(text));
});
