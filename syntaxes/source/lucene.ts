// Lucene query string syntax as Elasticsearch's query_string reads it, scope source.lucene:
// `field:term`, `AND`/`OR`/`NOT` (upper case only), `+`/`-` prefixes, `"phrases"~2`,
// `term~1`, `term^2`, `/regex/`, `[a TO b]`, `{a TO *}`, `>=10`, `_exists_:field`.
import type { Grammar, Rule } from './grammar.ts';
import { lineString, ref } from './grammar.ts';

/** Characters that cannot appear unescaped in a term. */
const SPECIAL = String.raw`\s\\:+\-&|!(){}\[\]^"~*?/<>=`;
/**
 * A term starts with none of them; after the first character `+` and `-` are allowed.
 * A quote starting a run of three stays out: embedded in TOML, it closes the string.
 */
const TERM = String.raw`(?:[^${SPECIAL}']|'(?!'')|\\.)(?:[^\s\\:&|!(){}\[\]^"~*?/<>=']|'(?!'')|\\.)*`;
const BOUNDARY_BEFORE = String.raw`(?<![^\s(])`;

const phrase = (stopBefore?: string): Rule =>
  lineString('string.quoted.double.lucene', 'lucene', '"', [{ name: 'constant.character.escape.lucene', match: String.raw`\\.` }], stopBefore);

/** The phrase, stopping before a host string's closing delimiter. */
export const luceneEmbeddingGuards = (stopBefore: string): Rule[] => [phrase(stopBefore)];

export const luceneGrammar: Grammar = {
  name: 'Lucene',
  scopeName: 'source.lucene',
  patterns: [ref('query')],
  repository: {
    query: {
      patterns: [
        ref('operator'),
        ref('field'),
        ref('phrase'),
        ref('regex'),
        ref('range'),
        ref('modifier'),
        ref('number'),
        ref('term'),
        ref('punctuation'),
      ],
    },
    operator: {
      patterns: [
        { name: 'keyword.operator.logical.lucene', match: `${BOUNDARY_BEFORE}(?:AND|OR|NOT)(?=[\\s(]|$)` },
        { name: 'keyword.operator.logical.lucene', match: String.raw`&&|\|\||!` },
        // `+term` must match, `-term` must not.
        { name: 'keyword.operator.modifier.lucene', match: `${BOUNDARY_BEFORE}[+-](?=[^\\s])` },
      ],
    },
    field: {
      patterns: [
        {
          match: String.raw`(_exists_)[ \t]*(:)`,
          captures: { 1: { name: 'support.variable.exists.lucene' }, 2: { name: 'keyword.operator.comparison.lucene' } },
        },
        {
          // Field names may hold wildcards (`host.*:x`) and escaped characters.
          match: String.raw`((?:[\w@.*-]|\\.)+)[ \t]*(:)`,
          captures: {
            1: { name: 'variable.other.field.lucene', patterns: [{ name: 'constant.character.escape.lucene', match: String.raw`\\.` }] },
            2: { name: 'keyword.operator.comparison.lucene' },
          },
        },
      ],
    },
    phrase: phrase(),
    regex: {
      name: 'string.regexp.lucene',
      match: String.raw`(/)((?:[^/\\\n]|\\.)*)(/)`,
      captures: {
        1: { name: 'punctuation.definition.string.begin.lucene' },
        2: { patterns: [{ name: 'constant.character.escape.lucene', match: String.raw`\\.` }] },
        3: { name: 'punctuation.definition.string.end.lucene' },
      },
    },
    range: {
      patterns: [
        { name: 'punctuation.section.range.begin.lucene', match: String.raw`[\[{]` },
        { name: 'punctuation.section.range.end.lucene', match: String.raw`[\]}]` },
        { name: 'keyword.operator.range.lucene', match: String.raw`(?<=\s)TO(?=\s)` },
        { name: 'keyword.operator.comparison.lucene', match: String.raw`[<>]=?` },
      ],
    },
    modifier: {
      patterns: [
        {
          // `term~`, `term~2` (fuzziness), `"a b"~3` (proximity)
          match: String.raw`(~)(\d+(?:\.\d+)?)?`,
          captures: { 1: { name: 'keyword.operator.fuzzy.lucene' }, 2: { name: 'constant.numeric.lucene' } },
        },
        {
          match: String.raw`(\^)(\d+(?:\.\d+)?)?`,
          captures: { 1: { name: 'keyword.operator.boost.lucene' }, 2: { name: 'constant.numeric.lucene' } },
        },
      ],
    },
    number: {
      name: 'constant.numeric.lucene',
      match: String.raw`(?<![^\s(:\[{=<>])-?\d+(?:\.\d+)?(?=[\s)\]}~^]|$)`,
    },
    term: {
      patterns: [
        { name: 'constant.character.wildcard.lucene', match: String.raw`[*?]` },
        { name: 'string.unquoted.lucene', match: TERM, captures: { 0: { patterns: [{ name: 'constant.character.escape.lucene', match: String.raw`\\.` }] } } },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.group.begin.lucene', match: String.raw`\(` },
        { name: 'punctuation.section.group.end.lucene', match: String.raw`\)` },
      ],
    },
  },
};
