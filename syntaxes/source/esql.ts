// ES|QL, scope source.esql. Keywords, commands and functions are case-insensitive.
// Command, function, time-unit and cast-type names come from @elastic/esql-definitions
// (Kibana's ES|QL definitions, synced from Elasticsearch) when the grammar is generated.
import { functionNames, headerCommandNames, legacyCommandNames, processingCommandNames, sourceCommandNames, temporalUnits } from '@elastic/esql-definitions';
import { inlineCasts } from '@elastic/esql-definitions/inline-cast';
import type { Grammar, Rule } from './grammar.ts';
import { blockComment, lineComment, lineString, ref, words } from './grammar.ts';

const lower = (names: Iterable<string>) => [...names].map((n) => n.toLowerCase());

/** Source commands that name indices (`FROM logs-*`), rather than taking expressions. */
const INDEX_SOURCE_COMMANDS = ['from', 'ts', 'metrics', 'timeseries'];
const OTHER_SOURCE_COMMANDS = lower([...sourceCommandNames, ...headerCommandNames]).filter((c) => !INDEX_SOURCE_COMMANDS.includes(c));
/** `LOOKUP JOIN` and friends are two words: allow any spacing between them. */
const PROCESSING_COMMANDS = lower([...processingCommandNames, ...legacyCommandNames].filter((c) => !INDEX_SOURCE_COMMANDS.includes(c.toLowerCase())));
const TIME_UNITS = lower(temporalUnits.flat());

const IDENT = String.raw`(?:[A-Za-z][A-Za-z0-9_]*|[_@][A-Za-z0-9_]+)`;
const QUOTED_IDENT = String.raw`\x60(?:[^\x60\n]|\x60\x60)*\x60`;
const NOT_AFTER_WORD = String.raw`(?<![\w@.])`;
const NOT_BEFORE_WORD = String.raw`(?![\w@])`;
const keyword = (list: string[]) => `(?i)${NOT_AFTER_WORD}(?:${words(list)})${NOT_BEFORE_WORD}`;
/** A command name whose words may be separated by any run of spaces. */
const commandAlternation = (list: string[]) => words(list).replace(/ /g, String.raw`[ \t]+`);

const stringPatterns: Rule[] = [
  { name: 'constant.character.escape.esql', match: String.raw`\\[tnr"\\]` },
  { name: 'invalid.illegal.escape.esql', match: String.raw`\\(?:.|$)` },
  // DISSECT and GROK patterns: `%{field}`, `%{IP:source.ip}`.
  { name: 'constant.other.placeholder.esql', match: String.raw`%\{[^}\n]*\}` },
];

const wildcard: Rule = { name: 'constant.character.wildcard.esql', match: String.raw`[*?]` };

/** Neither form spans lines; a `"""` string has no escapes and may close with up to two extra quotes. */
const quotedString = (delimiter: '"""' | '"', scope: string, extra: Rule[], stopBefore?: string): Rule =>
  delimiter === '"'
    ? lineString(scope, 'esql', '"', [...stringPatterns, ...extra], stopBefore)
    : lineString(scope, 'esql', '"""', extra, stopBefore, '""""{0,2}');

const strings = (stopBefore?: string): Rule[] => [
  quotedString('"""', 'string.quoted.triple.esql', [], stopBefore),
  quotedString('"', 'string.quoted.double.esql', [], stopBefore),
];

/** The operand of `like`/`rlike`: one string, or a parenthesized list of them (which may span lines). */
const patternOperand = (operator: string, scope: string, extra: Rule[], stopBefore?: string): Rule[] => {
  const stop = stopBefore ? `|(?=${stopBefore})` : '';
  return [
  {
    begin: `(?i)${NOT_AFTER_WORD}(${operator})[ \\t]*(?=""")`,
    beginCaptures: { 1: { name: 'keyword.operator.pattern.esql' } },
    end: '(?<=""")|$' + stop,
    patterns: [quotedString('"""', scope, extra, stopBefore)],
  },
  {
    begin: `(?i)${NOT_AFTER_WORD}(${operator})[ \\t]*(?=")`,
    beginCaptures: { 1: { name: 'keyword.operator.pattern.esql' } },
    end: String.raw`(?<=")|$` + stop,
    patterns: [quotedString('"', scope, extra, stopBefore)],
  },
  {
    begin: `(?i)${NOT_AFTER_WORD}(${operator})[ \\t]*(\\()`,
    beginCaptures: { 1: { name: 'keyword.operator.pattern.esql' }, 2: { name: 'punctuation.section.parens.begin.esql' } },
    end: String.raw`\)` + stop,
    endCaptures: { 0: { name: 'punctuation.section.parens.end.esql' } },
    patterns: [
      lineComment('esql', '//', stopBefore),
      blockComment('esql', stopBefore),
      quotedString('"""', scope, extra, stopBefore),
      quotedString('"', scope, extra, stopBefore),
      { name: 'punctuation.separator.comma.esql', match: ',' },
    ],
  },
  ];
};

const likeOperand = (stopBefore?: string): Rule[] => [
  ...patternOperand('rlike', 'string.regexp.esql', [], stopBefore),
  ...patternOperand('like', 'string.quoted.double.esql', [wildcard], stopBefore),
];

/** Copies of the rules that could run past a host string's closing delimiter, stopping before it. */
export const esqlEmbeddingGuards = (stopBefore: string): Rule[] => [
  lineComment('esql', '//', stopBefore),
  blockComment('esql', stopBefore),
  ...likeOperand(stopBefore),
  ...strings(stopBefore),
];

export const esqlGrammar: Grammar = {
  name: 'ES|QL',
  scopeName: 'source.esql',
  fileTypes: ['esql'],
  patterns: [ref('query')],
  repository: {
    query: {
      patterns: [
        ref('comment'),
        ref('index-source-command'),
        ref('source-command'),
        ref('processing-command'),
        ref('like-operand'),
        ref('string'),
        ref('keyword'),
        ref('time-span'),
        ref('number'),
        ref('parameter'),
        ref('function-call'),
        ref('cast'),
        ref('field'),
        ref('operator'),
        ref('punctuation'),
      ],
    },
    comment: {
      patterns: [
        lineComment('esql', '//'),
        blockComment('esql'),
      ],
    },
    'index-source-command': {
      // `FROM logs-*, other:index-* METADATA _id, _version`: what follows the command on its
      // line is index patterns, not expressions. A match rule, so it can never run past the
      // line; it stops at a quote that is not a quoted index name, which embedded in TOML
      // may be the string's closing delimiter.
      match: `(?i)(?:^|\\G)[ \\t]*(${words(INDEX_SOURCE_COMMANDS)})(?:[ \\t]+((?:[^|/'"\\n]|/(?![/*])|"[^"\\n]*")+?))?(?=[ \\t]*(?:\\||//|/\\*|['"]|$))`,
      captures: {
        1: { name: 'keyword.control.command.esql' },
        2: {
          patterns: [
            {
              match: String.raw`(?i)(?<![\w.*-])(metadata)\b(.*)`,
              captures: {
                1: { name: 'keyword.other.esql' },
                2: { patterns: [{ name: 'variable.other.field.esql', match: IDENT }, { name: 'punctuation.separator.comma.esql', match: ',' }] },
              },
            },
            { name: 'string.quoted.double.esql', match: String.raw`"(?:[^"\\]|\\.)*"` },
            { name: 'entity.name.type.index-pattern.esql', match: String.raw`[^\s,"]+` },
            { name: 'punctuation.separator.comma.esql', match: ',' },
          ],
        },
      },
    },
    'source-command': {
      match: `(?i)(?:^|\\G)[ \\t]*(${words(OTHER_SOURCE_COMMANDS)})${NOT_BEFORE_WORD}`,
      captures: { 1: { name: 'keyword.control.command.esql' } },
    },
    'processing-command': {
      match: `(?i)(\\|)(?:[ \\t]*(${commandAlternation(PROCESSING_COMMANDS)})${NOT_BEFORE_WORD})?`,
      captures: { 1: { name: 'keyword.operator.pipe.esql' }, 2: { name: 'keyword.control.command.esql' } },
    },
    'like-operand': { patterns: likeOperand() },
    string: { patterns: strings() },
    keyword: {
      patterns: [
        { name: 'keyword.operator.logical.esql', match: keyword(['and', 'or', 'not']) },
        { name: 'keyword.operator.membership.esql', match: keyword(['in']) },
        { name: 'keyword.operator.pattern.esql', match: keyword(['like', 'rlike']) },
        { name: 'keyword.operator.is.esql', match: keyword(['is']) },
        { name: 'constant.language.boolean.esql', match: keyword(['true', 'false']) },
        { name: 'constant.language.null.esql', match: keyword(['null']) },
        { name: 'keyword.other.esql', match: `(?i)${NOT_AFTER_WORD}nulls[ \\t]+(?:first|last)${NOT_BEFORE_WORD}` },
        { name: 'keyword.other.esql', match: keyword(['by', 'as', 'on', 'with', 'metadata', 'where', 'asc', 'desc', 'nulls']) },
      ],
    },
    'time-span': {
      // `7 day`, `1 hour`, `30 minutes`: a time span literal.
      match: `(?i)${NOT_AFTER_WORD}(\\d+)[ \\t]*(${words(TIME_UNITS)})${NOT_BEFORE_WORD}`,
      captures: { 1: { name: 'constant.numeric.integer.esql' }, 2: { name: 'keyword.other.unit.esql' } },
    },
    number: {
      patterns: [
        { name: 'constant.numeric.decimal.esql', match: String.raw`(?<![\w@.])(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)(?![\w.])` },
        { name: 'constant.numeric.integer.esql', match: String.raw`(?<![\w@.])\d+(?![\w.])` },
      ],
    },
    parameter: {
      // `?name`, `?1`, `??field` query parameters.
      name: 'variable.parameter.esql',
      match: String.raw`\?\??(?:[A-Za-z_][A-Za-z0-9_]*|\d+)?`,
    },
    'function-call': {
      patterns: [
        {
          match: `(?i)${NOT_AFTER_WORD}(${words(lower(functionNames))})(?=[ \\t]*\\()`,
          captures: { 1: { name: 'support.function.builtin.esql' } },
        },
        {
          match: String.raw`${NOT_AFTER_WORD}([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*\()`,
          captures: { 1: { name: 'entity.name.function.esql' } },
        },
      ],
    },
    cast: {
      // `field::ip`
      match: `(::)[ \\t]*(?i:(${words(Object.keys(inlineCasts))})${NOT_BEFORE_WORD})?`,
      captures: { 1: { name: 'keyword.operator.cast.esql' }, 2: { name: 'storage.type.esql' } },
    },
    field: {
      patterns: [
        { name: 'variable.other.field.esql', match: QUOTED_IDENT },
        // Dotted names; KEEP/DROP patterns may end a segment with `*` (`process.*`).
        { name: 'variable.other.field.esql', match: `${NOT_AFTER_WORD}${IDENT}(?:\\.(?:${IDENT}|${QUOTED_IDENT}|\\d+|\\*))*` },
      ],
    },
    operator: {
      patterns: [
        { name: 'keyword.operator.comparison.esql', match: String.raw`==|!=|=~|<=|>=|<|>|:` },
        { name: 'keyword.operator.assignment.esql', match: '=' },
        { name: 'keyword.operator.arithmetic.esql', match: String.raw`[+\-*/%]` },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.parens.begin.esql', match: String.raw`\(` },
        { name: 'punctuation.section.parens.end.esql', match: String.raw`\)` },
        { name: 'punctuation.section.brackets.begin.esql', match: String.raw`\[` },
        { name: 'punctuation.section.brackets.end.esql', match: String.raw`\]` },
        { name: 'punctuation.section.braces.begin.esql', match: String.raw`\{` },
        { name: 'punctuation.section.braces.end.esql', match: String.raw`\}` },
        { name: 'punctuation.separator.comma.esql', match: ',' },
      ],
    },
  },
};
