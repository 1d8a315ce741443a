// TOML 1.0 (plus the 1.1 escapes \e and \xHH), scope source.toml.
import type { Grammar, Rule } from './grammar.ts';
import { ref } from './grammar.ts';

const BARE_KEY = String.raw`[A-Za-z0-9_-]+`;
const BASIC_KEY = String.raw`"(?:[^"\\\n]|\\.)*"`;
const LITERAL_KEY = String.raw`'[^'\n]*'`;
const SIMPLE_KEY = `(?:${BARE_KEY}|${BASIC_KEY}|${LITERAL_KEY})`;
/** A dotted key: `a`, `a.b`, `"a b".c`, with optional spaces around the dots. */
export const TOML_KEY = String.raw`${SIMPLE_KEY}(?:[ \t]*\.[ \t]*${SIMPLE_KEY})*`;

/** Scope names the query injection reuses so injected keys and strings look like the rest of the file. */
export const TOML_SCOPES = {
  key: 'support.type.property-name.toml',
  keyValueSeparator: 'punctuation.separator.key-value.toml',
  comment: 'comment.line.number-sign.toml',
  commentPunctuation: 'punctuation.definition.comment.toml',
  array: 'meta.array.toml',
  arrayBegin: 'punctuation.definition.array.begin.toml',
  arrayEnd: 'punctuation.definition.array.end.toml',
  arraySeparator: 'punctuation.separator.array.toml',
  escape: 'constant.character.escape.toml',
  lineContinuation: 'constant.character.escape.line-continuation.toml',
  invalidEscape: 'invalid.illegal.escape.toml',
  strings: {
    "'''": 'string.quoted.triple.literal.block.toml',
    '"""': 'string.quoted.triple.basic.block.toml',
    "'": 'string.quoted.single.literal.line.toml',
    '"': 'string.quoted.double.basic.line.toml',
  },
} as const;

export type TomlDelimiter = keyof typeof TOML_SCOPES.strings;

/**
 * Where a string opened by `delimiter` closes. A multi-line string may end with up
 * to two extra quotes that belong to its content (`''''` is `'` then the closer),
 * so the closer is the last three quotes of the run.
 */
export function closingDelimiter(delimiter: TomlDelimiter): string {
  switch (delimiter) {
    case "'''":
      return "'''(?!')";
    case '"""':
      return '"""(?!")';
    default:
      return delimiter;
  }
}

const VALID_ESCAPE: Rule = { name: TOML_SCOPES.escape, match: String.raw`\\(?:[btnfre"\\]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})` };

/** Escapes of basic strings; a backslash before anything else is an error. */
export const BASIC_STRING_ESCAPES: Rule[] = [VALID_ESCAPE, { name: TOML_SCOPES.invalidEscape, match: String.raw`\\(?:.|$)` }];

const keyParts = (bareScope: string): Rule[] => [
  { name: bareScope, match: BASIC_KEY, captures: { 0: { patterns: [VALID_ESCAPE] } } },
  { name: bareScope, match: LITERAL_KEY },
  { name: bareScope, match: BARE_KEY },
  { name: 'punctuation.separator.dot.toml', match: String.raw`\.` },
];

const stringRule = (delimiter: TomlDelimiter, patterns: Rule[]): Rule => {
  const singleLine = delimiter.length === 1;
  return {
    name: TOML_SCOPES.strings[delimiter],
    begin: delimiter,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.toml' } },
    // A single-line string left open stops at the end of its line rather than swallowing the file.
    end: singleLine ? `(${closingDelimiter(delimiter)})|$` : closingDelimiter(delimiter),
    endCaptures: { [singleLine ? 1 : 0]: { name: 'punctuation.definition.string.end.toml' } },
    patterns,
  };
};

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME = String.raw`\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?`;
const OFFSET = String.raw`(?:[Zz]|[+-]\d{2}:\d{2})`;
const DECIMAL = String.raw`(?:0|[1-9](?:_?[0-9])*)`;
const DIGITS = String.raw`[0-9](?:_?[0-9])*`;
const EXPONENT = String.raw`[eE][+-]?${DIGITS}`;
// Values never touch a word character, a dot or another number sign.
const BEFORE_VALUE = String.raw`(?<![\w.+-])`;
const AFTER_VALUE = String.raw`(?![\w.:+-])`;

export const tomlGrammar: Grammar = {
  name: 'TOML',
  scopeName: 'source.toml',
  fileTypes: ['toml'],
  patterns: [ref('comment'), ref('array-table-header'), ref('table-header'), ref('key-value'), ref('value')],
  repository: {
    comment: {
      match: '(#).*$',
      name: TOML_SCOPES.comment,
      captures: { 1: { name: TOML_SCOPES.commentPunctuation } },
    },
    'array-table-header': {
      name: 'meta.table.array.toml',
      match: String.raw`^[ \t]*(\[\[)[ \t]*(${TOML_KEY})[ \t]*(\]\])`,
      captures: {
        1: { name: 'punctuation.definition.table.array.begin.toml' },
        2: { patterns: keyParts('entity.name.section.table.array.toml') },
        3: { name: 'punctuation.definition.table.array.end.toml' },
      },
    },
    'table-header': {
      name: 'meta.table.toml',
      match: String.raw`^[ \t]*(\[)[ \t]*(${TOML_KEY})[ \t]*(\])`,
      captures: {
        1: { name: 'punctuation.definition.table.begin.toml' },
        2: { patterns: keyParts('entity.name.section.table.toml') },
        3: { name: 'punctuation.definition.table.end.toml' },
      },
    },
    'key-value': {
      match: String.raw`^[ \t]*(${TOML_KEY})[ \t]*(=)`,
      captures: { 1: { patterns: keyParts(TOML_SCOPES.key) }, 2: { name: TOML_SCOPES.keyValueSeparator } },
    },
    'inline-key-value': {
      match: String.raw`(${TOML_KEY})[ \t]*(=)`,
      captures: { 1: { patterns: keyParts(TOML_SCOPES.key) }, 2: { name: TOML_SCOPES.keyValueSeparator } },
    },
    value: {
      patterns: [
        ref('string'),
        ref('datetime'),
        ref('number'),
        { name: 'constant.language.boolean.toml', match: String.raw`(?<![\w-])(?:true|false)(?![\w-])` },
        ref('array'),
        ref('inline-table'),
      ],
    },
    string: {
      patterns: [
        stringRule('"""', [{ name: TOML_SCOPES.lineContinuation, match: String.raw`\\[ \t]*$` }, ...BASIC_STRING_ESCAPES]),
        stringRule("'''", []),
        stringRule('"', BASIC_STRING_ESCAPES),
        stringRule("'", []),
      ],
    },
    datetime: {
      patterns: [
        { name: 'constant.other.time.datetime.offset.toml', match: `${BEFORE_VALUE}${DATE}[Tt ]${TIME}${OFFSET}${AFTER_VALUE}` },
        { name: 'constant.other.time.datetime.local.toml', match: `${BEFORE_VALUE}${DATE}[Tt ]${TIME}${AFTER_VALUE}` },
        { name: 'constant.other.time.date.toml', match: `${BEFORE_VALUE}${DATE}${AFTER_VALUE}` },
        { name: 'constant.other.time.time.toml', match: `${BEFORE_VALUE}${TIME}${AFTER_VALUE}` },
      ],
    },
    number: {
      patterns: [
        { name: 'constant.numeric.integer.hexadecimal.toml', match: `${BEFORE_VALUE}0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*${AFTER_VALUE}` },
        { name: 'constant.numeric.integer.octal.toml', match: `${BEFORE_VALUE}0o[0-7](?:_?[0-7])*${AFTER_VALUE}` },
        { name: 'constant.numeric.integer.binary.toml', match: `${BEFORE_VALUE}0b[01](?:_?[01])*${AFTER_VALUE}` },
        { name: 'constant.numeric.float.toml', match: `${BEFORE_VALUE}[+-]?${DECIMAL}(?:\\.${DIGITS}(?:${EXPONENT})?|${EXPONENT})${AFTER_VALUE}` },
        { name: 'constant.numeric.float.special.toml', match: `${BEFORE_VALUE}[+-]?(?:inf|nan)(?![\\w-])` },
        { name: 'constant.numeric.integer.toml', match: `${BEFORE_VALUE}[+-]?${DECIMAL}${AFTER_VALUE}` },
      ],
    },
    array: {
      name: TOML_SCOPES.array,
      begin: String.raw`\[`,
      beginCaptures: { 0: { name: TOML_SCOPES.arrayBegin } },
      end: String.raw`\]`,
      endCaptures: { 0: { name: TOML_SCOPES.arrayEnd } },
      patterns: [ref('comment'), { name: TOML_SCOPES.arraySeparator, match: ',' }, ref('value')],
    },
    'inline-table': {
      name: 'meta.table.inline.toml',
      begin: String.raw`\{`,
      beginCaptures: { 0: { name: 'punctuation.definition.table.inline.begin.toml' } },
      end: String.raw`\}`,
      endCaptures: { 0: { name: 'punctuation.definition.table.inline.end.toml' } },
      patterns: [ref('comment'), { name: 'punctuation.separator.table.inline.toml', match: ',' }, ref('inline-key-value'), ref('value')],
    },
  },
};
