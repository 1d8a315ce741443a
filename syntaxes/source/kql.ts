// Kibana Query Language (KQL, `kuery`), scope source.kql, after Kibana's kuery grammar:
// `field : value`, `field >= value`, `field : { nested query }`, `and`/`or`/`not` in any
// case. An unquoted value may hold spaces and ends at a special character or a keyword.
import type { Grammar, Rule } from './grammar.ts';
import { lineString, ref } from './grammar.ts';

/**
 * A character of an unquoted field or value: anything but whitespace and `\ ( ) : < > " * { }`.
 * A quote that starts a run of three is left alone: embedded in TOML, that run is the
 * string's closing delimiter and no token may swallow it.
 */
const PLAIN = String.raw`(?:[^\s\\():<>"*{}']|'(?!''))`;
/** Escapes valid outside quotes: special characters, whitespace, unicode and the keywords. */
const UNQUOTED_ESCAPE = String.raw`\\(?:[\\():<>"*{}tnr]|u[0-9A-Fa-f]{4}|(?i:and|or|not))`;
const RANGE_OPERATOR = String.raw`<=|>=|<|>`;

const unquotedParts: Rule[] = [
  { name: 'constant.character.escape.kql', match: UNQUOTED_ESCAPE },
  { name: 'invalid.illegal.escape.kql', match: String.raw`\\(?:.|$)` },
  { name: 'constant.character.wildcard.kql', match: String.raw`\*` },
];

/**
 * Kibana lets a quoted string span lines; it is cut at the line end here so an open quote
 * while typing does not recolor the rest of the document. Inside quotes any backslash
 * other than these escapes is a plain character.
 */
const quotedString = (stopBefore?: string): Rule =>
  lineString('string.quoted.double.kql', 'kql', '"', [{ name: 'constant.character.escape.kql', match: String.raw`\\(?:[\\"tnr]|u[0-9A-Fa-f]{4})` }], stopBefore);

/** The quoted string, stopping before a host string's closing delimiter; quoted field names stay ahead of it. */
export const kqlEmbeddingGuards = (stopBefore: string): Rule[] => [{ include: 'source.kql#field' }, quotedString(stopBefore)];

export const kqlGrammar: Grammar = {
  name: 'KQL',
  scopeName: 'source.kql',
  fileTypes: ['kql'],
  patterns: [ref('query')],
  repository: {
    query: {
      patterns: [
        ref('keyword'),
        ref('field'),
        ref('string'),
        ref('number'),
        ref('value'),
        ref('operator'),
        ref('punctuation'),
      ],
    },
    keyword: {
      // `or`/`and` stand between whitespace; `not` is followed by whitespace.
      name: 'keyword.operator.logical.kql',
      match: String.raw`(?i)(?<![^\s(])(?:and|or|not)(?=\s)`,
    },
    field: {
      patterns: [
        {
          match: String.raw`((?:${PLAIN}|\\.|\*)+)[ \t]*(:|${RANGE_OPERATOR})`,
          captures: {
            1: { name: 'variable.other.field.kql', patterns: unquotedParts },
            2: { name: 'keyword.operator.comparison.kql' },
          },
        },
        {
          match: String.raw`("(?:[^"\\]|\\.)*")[ \t]*(:|${RANGE_OPERATOR})`,
          captures: { 1: { name: 'variable.other.field.quoted.kql' }, 2: { name: 'keyword.operator.comparison.kql' } },
        },
      ],
    },
    string: quotedString(),
    number: {
      name: 'constant.numeric.kql',
      match: String.raw`(?<![^\s(:<>=])-?\d+(?:\.\d+)?(?=[\s)}]|$)`,
    },
    value: {
      name: 'string.unquoted.kql',
      match: String.raw`(?:${PLAIN}|\\.|\*)+`,
      captures: { 0: { patterns: unquotedParts } },
    },
    operator: {
      patterns: [{ name: 'keyword.operator.comparison.kql', match: `:|${RANGE_OPERATOR}` }],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.group.begin.kql', match: String.raw`\(` },
        { name: 'punctuation.section.group.end.kql', match: String.raw`\)` },
        { name: 'punctuation.section.braces.begin.kql', match: String.raw`\{` },
        { name: 'punctuation.section.braces.end.kql', match: String.raw`\}` },
      ],
    },
  },
};
