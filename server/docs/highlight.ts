// Syntax highlighting for query code blocks in previews: a small lexer per language and a
// classification pass that looks at neighbouring tokens (a KQL word before `:` is a field,
// an ES|QL word after `|` is a command). It never fails: text it does not recognise is
// emitted unclassified, and every piece of text is HTML-escaped.

export type HighlightLanguage = 'eql' | 'esql' | 'kql' | 'lucene' | 'sql';

export type TokenClass = 'keyword' | 'string' | 'number' | 'comment' | 'function' | 'field' | 'operator';

/** A classified stretch of the code: half-open UTF-16 offsets. */
export interface HighlightToken {
  start: number;
  end: number;
  class: TokenClass;
}

const LANGUAGE_NAMES: Record<string, HighlightLanguage> = {
  eql: 'eql',
  esql: 'esql',
  'es|ql': 'esql',
  kql: 'kql',
  kuery: 'kql',
  lucene: 'lucene',
  sql: 'sql',
  osquery: 'sql',
};

/** The highlighter for a fence info word or query language name (`kuery`, `ES|QL`, `osquery`...). */
export function highlightLanguageOf(name: string): HighlightLanguage | undefined {
  return LANGUAGE_NAMES[name.trim().toLowerCase()];
}

type LexemeKind = 'space' | 'comment' | 'string' | 'quoted' | 'number' | 'word' | 'operator' | 'punctuation' | 'other';

interface Lexeme {
  kind: LexemeKind;
  start: number;
  end: number;
}

/** Tried in order at each position; the first that matches a non-empty prefix wins. */
type LexRules = readonly (readonly [LexemeKind, RegExp])[];

const SPACE = ['space', /\s+/y] as const;
const SLASH_COMMENTS = [
  ['comment', /\/\/[^\n]*/y],
  ['comment', /\/\*[\s\S]*?(?:\*\/|$)/y],
] as const;
const TRIPLE_QUOTED = ['string', /"""[\s\S]*?(?:"""|$)/y] as const;
const DOUBLE_QUOTED = ['string', /"(?:[^"\\\n]|\\.)*"?/y] as const;
const BACKTICK_NAME = ['quoted', /`(?:[^`]|``)*`?/y] as const;

const LEX_RULES: Record<HighlightLanguage, LexRules> = {
  eql: [
    SPACE,
    ...SLASH_COMMENTS,
    TRIPLE_QUOTED,
    // `?"..."` and `?'...'` are raw strings: no escapes.
    ['string', /\?"[^"\n]*"?/y],
    ['string', /\?'[^'\n]*'?/y],
    DOUBLE_QUOTED,
    ['string', /'(?:[^'\\\n]|\\.)*'?/y],
    BACKTICK_NAME,
    // Time spans such as `maxspan=30s` keep their unit.
    ['number', /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[A-Za-z]*/y],
    ['word', /[\p{L}_@][\p{L}\p{N}_.@]*/uy],
    ['operator', /==|!=|<=|>=|[<>:~=+\-*/%|!?]/y],
    ['punctuation', /[()[\]{},;.]/y],
  ],
  esql: [
    SPACE,
    ...SLASH_COMMENTS,
    TRIPLE_QUOTED,
    DOUBLE_QUOTED,
    BACKTICK_NAME,
    ['number', /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/y],
    ['word', /[\p{L}_@][\p{L}\p{N}_.@]*/uy],
    ['operator', /::|==|!=|<=|>=|=~|[<>=+\-*/%|?!:]/y],
    ['punctuation', /[()[\]{},;.]/y],
  ],
  kql: [
    SPACE,
    ['string', /"(?:[^"\\]|\\[\s\S])*"?/y],
    ['operator', /<=|>=|[<>:]/y],
    ['punctuation', /[(){}]/y],
    // An unquoted value or field name: anything up to a special character, escapes included.
    ['word', /(?:[^\s\\():<>"{}]|\\[\s\S])+/y],
  ],
  lucene: [
    SPACE,
    ['string', /"(?:[^"\\]|\\[\s\S])*"?/y],
    ['string', /\/(?:[^/\\]|\\[\s\S])*\/?/y],
    ['operator', /&&|\|\||[+\-!:^~]/y],
    ['punctuation', /[(){}[\]]/y],
    // A term may not start with an operator character but may contain `-` and `+`.
    ['word', /(?:[^\s\\+\-!():^[\]"{}~/]|\\[\s\S])(?:[^\s\\():^[\]"{}~/]|\\[\s\S])*/y],
  ],
  sql: [
    SPACE,
    ['comment', /--[^\n]*/y],
    ['comment', /\/\*[\s\S]*?(?:\*\/|$)/y],
    ['string', /'(?:[^']|'')*'?/y],
    ['quoted', /"(?:[^"]|"")*"?/y],
    ['quoted', /`[^`]*`?/y],
    ['quoted', /\[[^\]\n]*\]?/y],
    ['number', /0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/y],
    ['word', /[\p{L}_][\p{L}\p{N}_$]*/uy],
    ['operator', /\|\||<<|>>|<=|>=|==|!=|<>|[<>=+\-*/%&|~]/y],
    ['punctuation', /[().,;]/y],
  ],
};

function lex(code: string, rules: LexRules): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let position = 0;
  while (position < code.length) {
    let matched: Lexeme | undefined;
    for (const [kind, pattern] of rules) {
      pattern.lastIndex = position;
      const match = pattern.exec(code);
      if (match && match[0].length > 0) {
        matched = { kind, start: position, end: position + match[0].length };
        break;
      }
    }
    // A lone character no rule accepts (a stray backslash, say) stays as it is.
    matched ??= { kind: 'other', start: position, end: position + (code.codePointAt(position)! > 0xffff ? 2 : 1) };
    lexemes.push(matched);
    position = matched.end;
  }
  return lexemes;
}

const EQL_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'like', 'regex', 'sequence', 'sample', 'join', 'by', 'with', 'maxspan', 'where', 'until', 'runs', 'of', 'any', 'true', 'false', 'null']);
const ESQL_KEYWORDS = new Set(['by', 'as', 'and', 'or', 'not', 'in', 'like', 'rlike', 'is', 'null', 'asc', 'desc', 'nulls', 'first', 'last', 'on', 'with', 'metadata', 'true', 'false', 'where', 'join']);
const ESQL_TIME_UNITS = new Set(
  'millisecond milliseconds ms second seconds sec s minute minutes min hour hours h day days d week weeks w month months mo quarter quarters q year years yr y'.split(' '),
);
/** ES|QL source commands: what follows them up to the next `|` is index patterns, not fields. */
const ESQL_SOURCE_COMMANDS = new Set(['from', 'ts', 'metrics']);
const SQL_KEYWORDS = new Set(
  (
    'select from where and or not as join left right inner outer cross full natural on using group by order having limit offset union all ' +
    'distinct case when then else end like glob regexp match in is null between exists with asc desc collate escape insert update delete ' +
    'into values set create table view true false cast recursive except intersect'
  ).split(' '),
);
const KQL_KEYWORDS = new Set(['and', 'or', 'not']);
const LUCENE_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);
const NUMERIC_WORD = /^[+-]?\d+(?:\.\d+)?$/;
/** Lexemes whose class does not depend on their neighbours. */
const LEXEME_CLASSES: Partial<Record<LexemeKind, TokenClass>> = { comment: 'comment', string: 'string', number: 'number', operator: 'operator', quoted: 'field' };

/** The classified tokens of `code`, in order; text between them is left unclassified. */
export function classifyTokens(code: string, language: HighlightLanguage): HighlightToken[] {
  const lexemes = lex(code, LEX_RULES[language]);
  const significant = lexemes.filter((lexeme) => lexeme.kind !== 'space');
  const textOf = (lexeme: Lexeme | undefined) => (lexeme ? code.slice(lexeme.start, lexeme.end) : '');
  const tokens: HighlightToken[] = [];
  // ES|QL: whether the next word starts a command, and whether we are in a source command's index patterns.
  let atCommand = true;
  let inSources = false;

  significant.forEach((lexeme, i) => {
    const text = textOf(lexeme);
    const previous = significant[i - 1];
    const next = significant[i + 1];
    const push = (tokenClass: TokenClass | undefined) => {
      if (tokenClass) tokens.push({ start: lexeme.start, end: lexeme.end, class: tokenClass });
    };
    if (language === 'esql' && lexeme.kind !== 'comment') {
      const wasAtCommand = atCommand;
      atCommand = text === '|';
      if (text === '|') inSources = false;
      else if (lexeme.kind === 'word' && wasAtCommand) inSources = ESQL_SOURCE_COMMANDS.has(text.toLowerCase());
      else if (inSources && lexeme.kind === 'word' && text.toLowerCase() === 'metadata') inSources = false;
      else if (inSources) return push(lexeme.kind === 'string' ? 'string' : undefined);
      if (lexeme.kind === 'word' && wasAtCommand) return push('keyword');
    }
    if (lexeme.kind === 'word') return push(classifyWord(language, text, previous && textOf(previous), previous?.kind, next && textOf(next)));
    push(LEXEME_CLASSES[lexeme.kind]);
  });
  return tokens;
}

function classifyWord(language: HighlightLanguage, text: string, previous: string | undefined, previousKind: LexemeKind | undefined, next: string | undefined): TokenClass | undefined {
  const lower = text.toLowerCase();
  switch (language) {
    case 'eql':
      if (EQL_KEYWORDS.has(lower) || previous === '|') return 'keyword';
      if (next === '(') return 'function';
      // The event category of `process where ...` names a kind of event, not a field.
      if (next === 'where') return 'keyword';
      return 'field';
    case 'esql':
      if (ESQL_KEYWORDS.has(lower)) return 'keyword';
      if (next === '(') return 'function';
      if (previousKind === 'number' && ESQL_TIME_UNITS.has(lower)) return 'keyword';
      return 'field';
    case 'sql':
      if (SQL_KEYWORDS.has(lower)) return 'keyword';
      return next === '(' ? 'function' : 'field';
    case 'kql':
      if (next === ':' || next === '<' || next === '<=' || next === '>' || next === '>=') return 'field';
      if (KQL_KEYWORDS.has(lower)) return 'keyword';
      return NUMERIC_WORD.test(text) ? 'number' : undefined;
    case 'lucene':
      if (next === ':') return 'field';
      if (LUCENE_KEYWORDS.has(text)) return 'keyword';
      return NUMERIC_WORD.test(text) ? 'number' : undefined;
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** `code` as HTML: classified tokens wrapped in `<span class="hk-...">`, everything escaped. */
export function highlightHtml(code: string, language: HighlightLanguage): string {
  let html = '';
  let position = 0;
  for (const token of classifyTokens(code, language)) {
    html += escapeHtml(code.slice(position, token.start));
    html += `<span class="hk-${token.class}">${escapeHtml(code.slice(token.start, token.end))}</span>`;
    position = token.end;
  }
  return html + escapeHtml(code.slice(position));
}
