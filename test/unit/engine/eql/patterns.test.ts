import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PatternError, regexTest, wildcardTest } from '../../../../server/engine/eql/patterns.ts';

test('wildcards: fast paths and the general case agree with * / ? semantics', () => {
  const cases: [string, string, boolean][] = [
    ['cmd.exe', 'cmd.exe', true],
    ['cmd.exe', 'cmd.exe2', false],
    ['cmd*', 'cmd.exe', true],
    ['*.exe', 'cmd.exe', true],
    ['*md*', 'cmd.exe', true],
    ['c*e', 'ce', true],
    ['c*e', 'cme', true],
    ['ab*ab', 'ab', false],
    ['c?d.exe', 'cmd.exe', true],
    ['c?d.exe', 'cd.exe', false],
    ['*', '', true],
    ['a*b?c', 'a-b-c', true],
    ['a.b', 'axb', false],
    ['[x]*', '[x]yz', true],
    ['😀?', '😀x', true],
    ['?', '😀', true],
  ];
  for (const [pattern, value, expected] of cases) assert.equal(wildcardTest(pattern, false)(value), expected, `${pattern} ~ ${value}`);
  assert.equal(wildcardTest('CMD*', true)('cmd.exe'), true, 'case-insensitive matchers expect lowercased values');
  assert.equal(wildcardTest('CMD*', false)('cmd.exe'), false);
});

test('Lucene regexes: anchored, `.` any character, quoted literals, @, #, intervals, repetition stacks', () => {
  const cases: [string, string, boolean][] = [
    ['abc', 'xabcx', false],
    ['.*abc.*', 'xabcx', true],
    ['a.c', 'a\nc', true],
    ['"a.c"', 'a.c', true],
    ['"a.c"', 'abc', false],
    ['a@', 'anything', true],
    ['a#', 'a', false],
    ['file<1-10>', 'file7', true],
    ['file<1-10>', 'file11', false],
    ['file<01-10>', 'file07', true],
    ['file<01-10>', 'file7', false],
    ['.*?net1.*?', 'net1 localgroup', true],
    ['[a-c]+', 'abcabc', true],
    ['[^a-c]+', 'xyz', true],
    ['[^a-c]+', 'xaz', false],
    ['a{2,3}', 'aaa', true],
    ['a{2,3}', 'aaaa', false],
    ['a{2}{2}', 'aaaa', true],
    ['(ab|cd)*', 'abcdab', true],
    ['\\d+\\.\\w\\s', '12.a ', true],
    ['[\\d]+', '123', true],
    ['\\$\\^', '$^', true],
    ['^a$', '^a$', true],
    ['()a', 'a', true],
  ];
  for (const [pattern, value, expected] of cases) assert.equal(regexTest(pattern, false)(value), expected, `${pattern} ~ ${JSON.stringify(value)}`);
});

test('case-insensitive regexes fold ASCII letters only, also in classes', () => {
  assert.equal(regexTest('cmd\\.exe', true)('CMD.EXE'), true);
  assert.equal(regexTest('[a-c]+', true)('AbC'), true);
  assert.equal(regexTest('é', true)('É'), false);
  assert.equal(regexTest('cmd', false)('CMD'), false);
});

test('regex errors: unsupported operators and malformed patterns say which', () => {
  const error = (pattern: string) => {
    try {
      regexTest(pattern, false);
    } catch (e) {
      assert.ok(e instanceof PatternError);
      return [e.unsupported, e.message] as const;
    }
    return assert.fail(`${pattern} compiled`);
  };
  assert.deepEqual(error('a~b'), [true, 'the regex complement operator `~` in `a~b` is not supported by the local engine']);
  assert.deepEqual(error('a.+&.+b'), [true, 'the regex intersection operator `&` in `a.+&.+b` is not supported by the local engine']);
  assert.deepEqual(error('a(b'), [false, 'the regular expression `a(b` is not valid: expected `)`']);
  assert.deepEqual(error('*a'), [false, 'the regular expression `*a` is not valid: `*` has nothing to repeat']);
  assert.deepEqual(error('[z-a]'), [false, 'the regular expression `[z-a]` is not valid: the class range z-a is reversed']);
  assert.equal(error('x<1-99999>')[0], true);
});
