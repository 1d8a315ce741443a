// osquery SQL (SQLite's SELECT dialect plus osquery's functions), scope source.osquery-sql.
// Keywords and function names are case-insensitive. Kibana's osquery templating
// (`{{host.os.name}}`) is scoped as a placeholder.
import type { Grammar, Rule } from './grammar.ts';
import { blockComment, lineComment, lineString, ref, words } from './grammar.ts';

const KEYWORDS = [
  'select', 'distinct', 'all', 'from', 'where', 'group', 'by', 'having', 'order', 'limit', 'offset',
  'union', 'intersect', 'except', 'join', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'natural',
  'on', 'using', 'as', 'with', 'recursive', 'case', 'when', 'then', 'else', 'end', 'asc', 'desc',
  'nulls', 'first', 'last', 'exists', 'cast', 'collate', 'escape', 'values', 'indexed', 'window',
  'over', 'partition', 'rows', 'preceding', 'following', 'unbounded', 'pragma', 'explain',
];

/** SQLite's core, date, aggregate and math functions, and the ones osquery adds. */
const FUNCTIONS = [
  'abs', 'char', 'coalesce', 'format', 'glob', 'hex', 'ifnull', 'iif', 'instr', 'length', 'like', 'likelihood',
  'lower', 'ltrim', 'max', 'min', 'nullif', 'printf', 'quote', 'random', 'randomblob', 'replace', 'round',
  'rtrim', 'sign', 'soundex', 'substr', 'substring', 'trim', 'typeof', 'unicode', 'unlikely', 'upper', 'zeroblob',
  'date', 'time', 'datetime', 'julianday', 'unixepoch', 'strftime', 'timediff',
  'avg', 'count', 'group_concat', 'string_agg', 'sum', 'total',
  'acos', 'asin', 'atan', 'atan2', 'ceil', 'ceiling', 'cos', 'degrees', 'exp', 'floor', 'ln', 'log', 'log10',
  'log2', 'mod', 'pi', 'pow', 'power', 'radians', 'sin', 'sqrt', 'tan', 'trunc',
  'concat', 'concat_ws', 'split', 'regex_split', 'regex_match', 'inet_aton', 'community_id_v1',
  'to_base64', 'from_base64', 'conditional_to_base64', 'version_compare',
];

const IDENT = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const NOT_AFTER_WORD = String.raw`(?<![\w.])`;
const NOT_BEFORE_WORD = String.raw`(?![\w])`;
const keyword = (list: string[]) => `(?i)${NOT_AFTER_WORD}(?:${words(list)})${NOT_BEFORE_WORD}`;

/**
 * A doubled quote is an escaped quote. SQLite reads a double-quoted word as a column if one
 * exists, else as a string. An open string stops at the end of its line.
 */
const strings = (stopBefore?: string): Rule[] => [
  lineString('string.quoted.single.osquery-sql', 'osquery-sql', "'", [{ name: 'constant.character.escape.osquery-sql', match: "''" }], stopBefore, "'(?!')"),
  lineString('string.quoted.double.osquery-sql', 'osquery-sql', '"', [{ name: 'constant.character.escape.osquery-sql', match: '""' }], stopBefore, '"(?!")'),
];

/** Copies of the rules that could run past a host string's closing delimiter, stopping before it. */
export const osquerySqlEmbeddingGuards = (stopBefore: string): Rule[] => [
  lineComment('osquery-sql', '--', stopBefore),
  blockComment('osquery-sql', stopBefore),
  ...strings(stopBefore),
];

export const osquerySqlGrammar: Grammar = {
  name: 'osquery SQL',
  scopeName: 'source.osquery-sql',
  patterns: [ref('statement')],
  repository: {
    statement: {
      patterns: [
        ref('comment'),
        ref('placeholder'),
        ref('string'),
        ref('table-reference'),
        ref('operator-word'),
        ref('keyword'),
        ref('function-call'),
        ref('number'),
        ref('identifier'),
        ref('operator'),
        ref('punctuation'),
      ],
    },
    comment: {
      patterns: [
        lineComment('osquery-sql', '--'),
        blockComment('osquery-sql'),
      ],
    },
    placeholder: {
      name: 'variable.other.placeholder.osquery-sql',
      match: String.raw`\{\{[^{}\n]*\}\}`,
    },
    string: { patterns: strings() },
    'table-reference': {
      // `FROM processes`, `JOIN users`: the table read (osquery tables are virtual tables).
      match: `(?i)${NOT_AFTER_WORD}(from|join)[ \\t]+(${IDENT})${NOT_BEFORE_WORD}(?![ \\t]*\\()`,
      captures: { 1: { name: 'keyword.other.osquery-sql' }, 2: { name: 'entity.name.type.table.osquery-sql' } },
    },
    'operator-word': {
      patterns: [
        { name: 'keyword.operator.logical.osquery-sql', match: keyword(['and', 'or', 'not']) },
        { name: 'keyword.operator.membership.osquery-sql', match: keyword(['in']) },
        { name: 'keyword.operator.pattern.osquery-sql', match: keyword(['like', 'glob', 'regexp', 'match']) + String.raw`(?![ \t]*\()` },
        { name: 'keyword.operator.is.osquery-sql', match: keyword(['is', 'isnull', 'notnull']) },
        { name: 'keyword.operator.comparison.osquery-sql', match: keyword(['between']) },
        { name: 'constant.language.null.osquery-sql', match: keyword(['null']) },
        { name: 'constant.language.boolean.osquery-sql', match: keyword(['true', 'false']) },
      ],
    },
    keyword: {
      name: 'keyword.other.osquery-sql',
      match: keyword(KEYWORDS),
    },
    'function-call': {
      patterns: [
        { match: `(?i)${NOT_AFTER_WORD}(${words(FUNCTIONS)})(?=[ \\t]*\\()`, captures: { 1: { name: 'support.function.osquery-sql' } } },
        { match: `${NOT_AFTER_WORD}(${IDENT})(?=[ \\t]*\\()`, captures: { 1: { name: 'entity.name.function.osquery-sql' } } },
      ],
    },
    number: {
      patterns: [
        { name: 'constant.numeric.hexadecimal.osquery-sql', match: String.raw`(?<![\w.])0[xX][0-9A-Fa-f]+(?![\w.])` },
        { name: 'constant.numeric.osquery-sql', match: String.raw`(?<![\w.])(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])` },
      ],
    },
    identifier: {
      patterns: [
        { name: 'variable.other.quoted.osquery-sql', match: String.raw`\x60(?:[^\x60\n]|\x60\x60)*\x60` },
        // `p.pid`: a column qualified by its table or alias.
        {
          match: `${NOT_AFTER_WORD}(${IDENT})(\\.)(${IDENT}|\\*)?`,
          captures: {
            1: { name: 'variable.other.table.osquery-sql' },
            2: { name: 'punctuation.separator.period.osquery-sql' },
            3: { name: 'variable.other.column.osquery-sql' },
          },
        },
      ],
    },
    operator: {
      patterns: [
        { name: 'keyword.operator.concatenation.osquery-sql', match: String.raw`\|\|` },
        { name: 'keyword.operator.comparison.osquery-sql', match: String.raw`==|!=|<>|<=|>=|=|<|>` },
        { name: 'keyword.operator.star.osquery-sql', match: String.raw`\*(?=[ \t]*(?:,|\)|$|(?i:from)\b))` },
        { name: 'keyword.operator.arithmetic.osquery-sql', match: String.raw`[+\-*/%]` },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.section.parens.begin.osquery-sql', match: String.raw`\(` },
        { name: 'punctuation.section.parens.end.osquery-sql', match: String.raw`\)` },
        { name: 'punctuation.separator.comma.osquery-sql', match: ',' },
        { name: 'punctuation.terminator.statement.osquery-sql', match: ';' },
      ],
    },
  },
};
