// Elasticsearch EQL (event queries, sequences, samples, pipes), scope source.eql.
// Keywords are lowercase only, as in Elasticsearch's EqlBase.g4 lexer; function
// names are matched in any case because Elasticsearch resolves them that way.
import type { Grammar, Rule } from './grammar.ts';
import { blockComment, lineComment, lineString, ref, words } from './grammar.ts';

/** Elasticsearch's EQL functions (a `~` suffix makes the string ones case-insensitive). */
const FUNCTIONS = [
  'add',
  'between',
  'cidrMatch',
  'concat',
  'divide',
  'endsWith',
  'indexOf',
  'length',
  'modulo',
  'multiply',
  'number',
  'startsWith',
  'string',
  'stringContains',
  'substring',
  'subtract',
];

// An identifier may start with `@` (`@timestamp`); a word never continues a field path.
const IDENT = String.raw`[A-Za-z_@][A-Za-z0-9_]*`;
const NOT_AFTER_WORD = String.raw`(?<![\w@.])`;
const NOT_BEFORE_WORD = String.raw`(?![\w@.~])`;
const keyword = (list: string[]) => `${NOT_AFTER_WORD}(?:${words(list)})${NOT_BEFORE_WORD}`;

const stringEscapes: Rule[] = [
  { name: 'constant.character.escape.eql', match: String.raw`\\(?:[btnfr"'\\]|u\{[0-9A-Fa-f]{1,8}\})` },
  { name: 'invalid.illegal.escape.eql', match: String.raw`\\(?:.|$)` },
];

/** `*` and `?` match any characters / one character under `:`, `like` and `like~`. */
const wildcard: Rule = { name: 'constant.character.wildcard.eql', match: String.raw`[*?]` };

/** A regular expression operand: the string's body is a regex, so no wildcard scopes inside. */
const regexString = (delimiter: '"""' | '"', stopBefore?: string): Rule =>
  delimiter === '"'
    ? lineString('string.regexp.eql', 'eql', '"', stringEscapes, stopBefore)
    : {
        name: 'string.regexp.eql',
        begin: '"""',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.eql' } },
        end: stopBefore ? `(""")|(?=${stopBefore})` : '(""")',
        endCaptures: { 1: { name: 'punctuation.definition.string.end.eql' } },
      };

const REGEX_OPERATOR = `${NOT_AFTER_WORD}(regex~?)${NOT_BEFORE_WORD}`;

/** `regex "..."`, `regex """..."""` (may span lines), `regex ("...", ...)`. */
const regexOperand = (stopBefore?: string): Rule[] => {
  const stop = stopBefore ? `|(?=${stopBefore})` : '';
  return [
    {
      begin: `${REGEX_OPERATOR}[ \\t]*(?=""")`,
      beginCaptures: { 1: { name: 'keyword.operator.pattern.eql' } },
      end: `(?<=""")${stop}`,
      patterns: [regexString('"""', stopBefore)],
    },
    {
      begin: `${REGEX_OPERATOR}[ \\t]*(?=")`,
      beginCaptures: { 1: { name: 'keyword.operator.pattern.eql' } },
      end: String.raw`(?<=")|$` + stop,
      patterns: [regexString('"', stopBefore)],
    },
    {
      name: 'meta.regex-list.eql',
      begin: `${REGEX_OPERATOR}[ \\t]*(\\()`,
      beginCaptures: { 1: { name: 'keyword.operator.pattern.eql' }, 2: { name: 'punctuation.section.parens.begin.eql' } },
      end: String.raw`\)` + stop,
      endCaptures: { 0: { name: 'punctuation.section.parens.end.eql' } },
      patterns: [
        lineComment('eql', '//', stopBefore),
        blockComment('eql', stopBefore),
        regexString('"""', stopBefore),
        regexString('"', stopBefore),
        { name: 'punctuation.separator.comma.eql', match: ',' },
      ],
    },
  ];
};

/** `"""..."""`: no escapes, may span lines. */
const rawString = (stopBefore?: string): Rule => ({
  name: 'string.quoted.triple.eql',
  begin: '"""',
  end: stopBefore ? `"""|(?=${stopBefore})` : '"""',
  beginCaptures: { 0: { name: 'punctuation.definition.string.begin.eql' } },
  endCaptures: { 0: { name: 'punctuation.definition.string.end.eql' } },
  patterns: [wildcard],
});

const strings = (stopBefore?: string): Rule[] => [
  rawString(stopBefore),
  lineString('string.quoted.double.eql', 'eql', '"', [...stringEscapes, wildcard], stopBefore),
  // Single quotes are rejected by Elasticsearch but still lexed as a string.
  lineString('string.quoted.single.eql', 'eql', "'", [...stringEscapes, wildcard], stopBefore),
];

/**
 * Copies of the rules that could run past a host string's closing delimiter, stopping
 * before it; the event filter stays ahead of strings (`"my-category" where`).
 */
export const eqlEmbeddingGuards = (stopBefore: string): Rule[] => [
  lineComment('eql', '//', stopBefore),
  blockComment('eql', stopBefore),
  ...regexOperand(stopBefore),
  { include: 'source.eql#event-filter' },
  ...strings(stopBefore),
];

export const eqlGrammar: Grammar = {
  name: 'EQL',
  scopeName: 'source.eql',
  fileTypes: ['eql'],
  patterns: [ref('expression')],
  repository: {
    expression: {
      patterns: [
        ref('comment'),
        ref('regex-operand'),
        ref('event-filter'),
        ref('string'),
        ref('sequence-parameter'),
        ref('keyword'),
        ref('function-call'),
        ref('pipe'),
        ref('field'),
        ref('number'),
        ref('operator'),
        ref('punctuation'),
      ],
    },
    comment: {
      patterns: [
        lineComment('eql', '//'),
        blockComment('eql'),
      ],
    },
    string: { patterns: strings() },
    'regex-operand': { patterns: regexOperand() },
    'event-filter': {
      // `process where`, `any where`, `"my-category" where`: the event category the filter reads.
      patterns: [
        {
          match: `${NOT_AFTER_WORD}(any)[ \\t]+(where)${NOT_BEFORE_WORD}`,
          captures: { 1: { name: 'keyword.other.eql' }, 2: { name: 'keyword.other.eql' } },
        },
        {
          match: `${NOT_AFTER_WORD}(${IDENT}|"[^"\\n]*"|\`[^\`\\n]*\`)[ \\t]+(where)${NOT_BEFORE_WORD}`,
          captures: { 1: { name: 'entity.name.type.event-category.eql' }, 2: { name: 'keyword.other.eql' } },
        },
      ],
    },
    'sequence-parameter': {
      // `with maxspan=5m`, `with runs=3`, `fork=true`: the value may carry a time unit.
      match: `${NOT_AFTER_WORD}(maxspan|runs|fork)[ \\t]*(=)(?:[ \\t]*(\\d+)(ms|s|m|h|d)?${NOT_BEFORE_WORD})?`,
      captures: {
        1: { name: 'keyword.other.parameter.eql' },
        2: { name: 'keyword.operator.assignment.eql' },
        3: { name: 'constant.numeric.integer.eql' },
        4: { name: 'keyword.other.unit.eql' },
      },
    },
    keyword: {
      patterns: [
        { name: 'keyword.other.eql', match: keyword(['sequence', 'sample', 'join', 'until', 'where', 'by', 'with', 'of', 'any']) },
        { name: 'keyword.operator.logical.eql', match: keyword(['and', 'or', 'not']) },
        { name: 'keyword.operator.membership.eql', match: `${NOT_AFTER_WORD}in~?${NOT_BEFORE_WORD}` },
        { name: 'keyword.operator.pattern.eql', match: `${NOT_AFTER_WORD}(?:like|regex)~?${NOT_BEFORE_WORD}` },
        { name: 'constant.language.boolean.eql', match: keyword(['true', 'false']) },
        { name: 'constant.language.null.eql', match: keyword(['null']) },
      ],
    },
    'function-call': {
      patterns: [
        {
          match: `${NOT_AFTER_WORD}((?i:${words(FUNCTIONS)}))(~)?(?=[ \\t]*\\()`,
          captures: { 1: { name: 'support.function.eql' }, 2: { name: 'keyword.operator.case-insensitive.eql' } },
        },
        {
          match: `${NOT_AFTER_WORD}([A-Za-z_][A-Za-z0-9_]*)(~)?(?=[ \\t]*\\()`,
          captures: { 1: { name: 'entity.name.function.eql' }, 2: { name: 'keyword.operator.case-insensitive.eql' } },
        },
      ],
    },
    pipe: {
      match: String.raw`(\|)[ \t]*([A-Za-z_][A-Za-z0-9_]*)?`,
      captures: { 1: { name: 'keyword.operator.pipe.eql' }, 2: { name: 'keyword.control.command.eql' } },
    },
    field: {
      patterns: [
        // `?field` reads a field that may be missing from the mapping.
        { name: 'keyword.operator.optional.eql', match: String.raw`\?(?=[A-Za-z_@\x60])` },
        { name: 'variable.other.field.eql', match: String.raw`\x60(?:[^\x60\n]|\x60\x60)*\x60` },
        { name: 'variable.other.field.eql', match: `${NOT_AFTER_WORD}${IDENT}(?:\\.${IDENT})*` },
      ],
    },
    number: {
      patterns: [
        { name: 'constant.numeric.decimal.eql', match: String.raw`(?<![\w@.])(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)(?![\w.])` },
        { name: 'constant.numeric.integer.eql', match: String.raw`(?<![\w@.])\d+(?![\w.])` },
      ],
    },
    operator: {
      patterns: [
        // `![ ... ]` in a sequence: an event that must not occur.
        { name: 'keyword.operator.missing-event.eql', match: String.raw`!(?=[ \t]*\[)` },
        { name: 'keyword.operator.comparison.eql', match: String.raw`==|!=|<=|>=|<|>|!:|:` },
        { name: 'keyword.operator.assignment.eql', match: '=' },
        { name: 'keyword.operator.arithmetic.eql', match: String.raw`[+\-*/%]` },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.brackets.begin.eql', match: String.raw`\[` },
        { name: 'punctuation.section.brackets.end.eql', match: String.raw`\]` },
        { name: 'punctuation.section.parens.begin.eql', match: String.raw`\(` },
        { name: 'punctuation.section.parens.end.eql', match: String.raw`\)` },
        { name: 'punctuation.separator.comma.eql', match: ',' },
      ],
    },
  },
};
