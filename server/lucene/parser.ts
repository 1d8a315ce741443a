// Error-tolerant recursive-descent parser for the Lucene query string syntax,
// after Lucene's classic QueryParser grammar:
//   Query  ::= Clause ( [AND|OR] Clause )*
//   Clause ::= [+|-|NOT] [ (TERM|*) ":" ] ( Term | "(" Query ")" ["^" NUMBER] )
//   Term   ::= (term|wildcard|regex) [boost] [fuzzy] | phrase [boost] [slop] | range [boost]
// plus Elasticsearch's reading of terms such as `>=10` as one-sided ranges.
// Errors are recorded, the offending token is skipped and parsing goes on.
import { lineColumn } from '../common/diagnostics.ts';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type {
  LuceneBoost,
  LuceneClause,
  LuceneConjunction,
  LuceneError,
  LuceneField,
  LuceneFuzzy,
  LuceneModifier,
  LuceneQuery,
  LuceneRange,
  LuceneRangeBound,
  LuceneSubQuery,
} from './ast.ts';
import { tokenizeLucene } from './lexer.ts';
import type { LuceneToken, LuceneTokenKind } from './lexer.ts';

export interface LuceneParseResult {
  ast: LuceneQuery;
  diagnostics: QueryDiagnostic[];
}

export function parseLucene(text: string): LuceneParseResult {
  return new LuceneParser(text).parse();
}

const TERM_KINDS: ReadonlySet<LuceneTokenKind> = new Set(['term', 'star', 'prefix-term', 'wildcard-term', 'regex', 'bare-operator']);
const RANGE_BOUND_KINDS: ReadonlySet<LuceneTokenKind> = new Set(['range-goop', 'range-quoted', 'range-to']);

class LuceneParser {
  private readonly tokens: LuceneToken[];
  private readonly diagnostics: QueryDiagnostic[] = [];
  private index = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenizeLucene(text, (span, code, message) => this.error(span, code, message));
  }

  parse(): LuceneParseResult {
    const clauses = this.parseClauses(0);
    return { ast: { kind: 'query', span: { start: 0, end: this.text.length }, clauses }, diagnostics: this.diagnostics };
  }

  /** One error per offset: the first one there says what went wrong. */
  private error(span: Span, code: string, message: string): void {
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.span.start === span.start) return;
    this.diagnostics.push({ span, severity: 'error', code, message });
  }

  private peek(ahead = 0): LuceneToken {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private next(): LuceneToken {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** End of the last token consumed. */
  private get lastEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1].span.end;
  }

  /** A zero-width error where something is missing: at the next token, or after the last one at the end. */
  private missing(): LuceneError {
    const token = this.peek();
    const at = token.kind === 'eof' ? this.lastEnd : token.span.start;
    return { kind: 'error', span: { start: at, end: at } };
  }

  private foundSpan(): Span {
    const token = this.peek();
    return token.kind === 'eof' ? { start: this.lastEnd, end: this.lastEnd } : token.span;
  }

  private describeFound(): string {
    const token = this.peek();
    return token.kind === 'eof' ? 'the end of the query' : `\`${token.text.trim()}\``;
  }

  // ---- clauses ------------------------------------------------------------

  private parseClauses(depth: number): LuceneClause[] {
    const clauses: LuceneClause[] = [];
    // Only the first stray token of a clause list is reported: what follows it is mostly its consequence.
    let reported = false;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof' || (token.kind === 'rparen' && depth > 0)) break;
      const before = this.index;
      const clause = this.parseClause(clauses.length === 0);
      if (this.index === before) {
        // Nothing could start a clause here: report the token and skip it.
        if (!reported) this.reportStray(token);
        reported = true;
        this.next();
        // A stray boost takes its number with it.
        if (token.kind === 'caret' && this.peek().kind === 'number') this.next();
        const span = { start: token.span.start, end: this.lastEnd };
        clauses.push({ kind: 'clause', span, conjunction: null, modifier: null, field: null, query: { kind: 'error', span } });
      } else {
        clauses.push(clause);
      }
    }
    return clauses;
  }

  private parseClause(first: boolean): LuceneClause {
    const start = this.peek().span.start;
    let conjunction: LuceneConjunction | null = null;
    let context = 'here';
    const conj = this.peek();
    if (conj.kind === 'and' || conj.kind === 'or') {
      if (first) this.error(conj.span, 'lucene-expected-query', `expected a query before \`${conj.text}\``);
      this.next();
      conjunction = { span: conj.span, raw: conj.text, operator: conj.kind };
      context = `after \`${conj.text}\``;
    }
    let modifier: LuceneModifier | null = null;
    const mod = this.peek();
    if (mod.kind === 'plus' || mod.kind === 'minus' || mod.kind === 'not') {
      this.next();
      modifier = { span: mod.span, raw: mod.text, occur: mod.kind === 'plus' ? 'must' : 'must_not' };
      context = `after \`${mod.text}\``;
    }
    let field: LuceneField | null = null;
    const name = this.peek();
    if ((name.kind === 'term' || name.kind === 'star') && this.peek(1).kind === 'colon') {
      this.next();
      this.next();
      field = { kind: 'field', span: name.span, raw: name.text, name: this.decode(name.text, name.span.start) };
      context = `after \`${name.text}:\``;
    }
    const prefixed = conjunction !== null || modifier !== null || field !== null;
    const query = this.parseSubQuery(prefixed ? context : null);
    return { kind: 'clause', span: { start, end: Math.max(this.lastEnd, query.span.end, start) }, conjunction, modifier, field, query };
  }

  /** `context` names what came before, for the message when nothing follows it; null when nothing did. */
  private parseSubQuery(context: string | null): LuceneSubQuery {
    const token = this.peek();
    if (token.kind === 'lparen') return this.parseGroup();
    if (TERM_KINDS.has(token.kind)) return this.parseTerm();
    if (token.kind === 'quoted') return this.parsePhrase();
    if (token.kind === 'range-start-inclusive' || token.kind === 'range-start-exclusive') return this.parseRange();
    if (context !== null) this.error(this.foundSpan(), 'lucene-expected-query', `expected a query ${context}, found ${this.describeFound()}`);
    return this.missing();
  }

  private parseGroup(): LuceneSubQuery {
    const open = this.next();
    const clauses = this.parseClauses(1);
    if (clauses.length === 0 && this.peek().kind === 'rparen') {
      this.error(this.peek().span, 'lucene-expected-query', 'expected a query inside `( )`');
    }
    let closed = false;
    if (this.peek().kind === 'rparen') {
      this.next();
      closed = true;
    } else {
      this.error(this.foundSpan(), 'lucene-unclosed-paren', `expected \`)\` to close the \`(\` opened at ${lineColumn(this.text, open.span.start)}, found ${this.describeFound()}`);
    }
    const span = { start: open.span.start, end: this.lastEnd };
    return { kind: 'group', span, clauses, closed, boost: this.parseBoost() };
  }

  private parseTerm(): LuceneSubQuery {
    const token = this.next();
    const boostFirst = this.parseBoost();
    const fuzzy = this.parseFuzzy();
    const boost = boostFirst ?? this.parseBoost();
    if (token.kind === 'regex') {
      const closed = token.text.length > 1 && token.text.endsWith('/');
      return { kind: 'regex', span: token.span, raw: token.text, pattern: token.text.slice(1, closed ? -1 : undefined), boost };
    }
    // A `+ `, `- ` or `! ` standing alone is searched as that character.
    const raw = token.kind === 'bare-operator' ? token.text[0] : token.text;
    const span = { start: token.span.start, end: token.span.start + raw.length };
    const value = this.decode(raw, span.start);
    if (token.kind === 'term' && fuzzy === null) {
      const range = comparisonRange(value, raw, span, boost);
      if (range) return range;
    }
    return { kind: 'term', span, raw, value, wildcard: token.kind !== 'term' && token.kind !== 'bare-operator', fuzzy, boost };
  }

  private parsePhrase(): LuceneSubQuery {
    const token = this.next();
    const closed = token.text.length > 1 && token.text.endsWith('"');
    const value = this.decode(token.text.slice(1, closed ? -1 : undefined), token.span.start + 1);
    const boostFirst = this.parseBoost();
    const slop = this.parseFuzzy();
    const boost = boostFirst ?? this.parseBoost();
    return { kind: 'phrase', span: token.span, raw: token.text, value, slop, boost };
  }

  private parseBoost(): LuceneBoost | null {
    const caret = this.peek();
    if (caret.kind !== 'caret') return null;
    this.next();
    const number = this.peek();
    if (number.kind === 'number') {
      this.next();
      return { span: { start: caret.span.start, end: number.span.end }, value: Number(number.text) };
    }
    this.error(caret.span, 'lucene-invalid-boost', 'expected a number right after `^`, such as `^2` or `^0.5`');
    return { span: caret.span, value: null };
  }

  private parseFuzzy(): LuceneFuzzy | null {
    const token = this.peek();
    if (token.kind !== 'fuzzy-slop') return null;
    this.next();
    const argument = token.text.slice(1);
    const value = /^\d+(\.\d+)?$/.test(argument) ? Number(argument) : null;
    return { span: token.span, raw: token.text, value };
  }

  private parseRange(): LuceneSubQuery {
    const open = this.next();
    const lower = this.parseBound('a lower bound');
    if (this.peek().kind === 'range-to') {
      this.next();
    } else {
      this.error(this.foundSpan(), 'lucene-expected-range-to', `expected \`TO\` between the bounds of the range, found ${this.describeFound()}`);
    }
    const upper = this.parseBound('an upper bound');
    let end = this.peek();
    if (end.kind !== 'range-end-inclusive' && end.kind !== 'range-end-exclusive') {
      this.error(
        this.foundSpan(),
        'lucene-unclosed-range',
        `expected \`]\` or \`}\` to close the range opened at ${lineColumn(this.text, open.span.start)}, found ${this.describeFound()}`,
      );
      while (RANGE_BOUND_KINDS.has(this.peek().kind)) this.next();
      end = this.peek();
    }
    const closed = end.kind === 'range-end-inclusive' || end.kind === 'range-end-exclusive';
    if (closed) this.next();
    const range: LuceneRange = {
      kind: 'range',
      span: { start: open.span.start, end: this.lastEnd },
      form: 'brackets',
      lower,
      upper,
      includeLower: open.kind === 'range-start-inclusive',
      includeUpper: end.kind === 'range-end-inclusive',
      boost: closed ? this.parseBoost() : null,
    };
    return range;
  }

  private parseBound(what: string): LuceneRangeBound | LuceneError {
    const token = this.peek();
    if (!RANGE_BOUND_KINDS.has(token.kind)) {
      this.error(this.foundSpan(), 'lucene-expected-range-bound', `expected ${what} in the range, found ${this.describeFound()}`);
      return this.missing();
    }
    this.next();
    if (token.kind === 'range-quoted') {
      return { kind: 'bound', span: token.span, raw: token.text, value: this.decode(token.text.slice(1, -1), token.span.start + 1) };
    }
    return { kind: 'bound', span: token.span, raw: token.text, value: token.text === '*' ? null : this.decode(token.text, token.span.start) };
  }

  private reportStray(token: LuceneToken): void {
    const t = token.text.trim();
    switch (token.kind) {
      case 'rparen':
        this.error(token.span, 'lucene-unexpected-token', 'unexpected `)`: there is no `(` to close');
        return;
      case 'colon':
        this.error(token.span, 'lucene-unexpected-token', 'unexpected `:`: a field is written `field:value`; if `:` is part of the value, escape it as `\\:` or quote the value');
        return;
      case 'caret':
        this.error(token.span, 'lucene-unexpected-token', 'unexpected `^`: a boost follows a term, a phrase or a group, as in `term^2`');
        return;
      case 'fuzzy-slop':
        this.error(token.span, 'lucene-unexpected-token', `unexpected \`${t}\`: \`~\` follows a term or a phrase, as in \`term~2\` or \`"two words"~3\``);
        return;
      case 'error':
        // A lone `\` at the end was reported by the tokenizer.
        this.error(token.span, 'lucene-unexpected-token', `unexpected \`${t}\` outside a range: escape it as \`\\${t}\` or quote the value`);
        return;
    }
    this.error(token.span, 'lucene-unexpected-token', `unexpected \`${t}\``);
  }

  // ---- escapes ------------------------------------------------------------

  /** Lucene's discardEscapeChar: `\x` is `x`, `\uXXXX` a UTF-16 unit; reports malformed escapes at their offset. */
  private decode(raw: string, offset: number): string {
    if (!raw.includes('\\')) return raw;
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      if (raw.charCodeAt(i) !== 92) {
        out += raw[i];
        continue;
      }
      if (i + 1 >= raw.length) {
        this.error({ start: offset + i, end: offset + i + 1 }, 'lucene-invalid-escape', 'a term cannot end with `\\`: write `\\\\` for a backslash');
        break;
      }
      if (raw[i + 1] === 'u') {
        const hex = raw.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 5;
          continue;
        }
        this.error({ start: offset + i, end: offset + i + 2 }, 'lucene-invalid-escape', '`\\u` must be followed by four hexadecimal digits');
      }
      out += raw[i + 1];
      i++;
    }
    return out;
  }
}

/**
 * Elasticsearch reads an unquoted term starting with `>`, `>=`, `<` or `<=`
 * (and longer than the operator) as a one-sided range.
 */
function comparisonRange(value: string, raw: string, span: Span, boost: LuceneBoost | null): LuceneRange | null {
  const operator = /^(>=|<=|>|<)/.exec(value)?.[1];
  if (!operator || value.length <= operator.length) return null;
  // The operator may itself be escaped (`\>=10`): skip as much raw text as it decodes from.
  let rawLength = 0;
  for (let decoded = 0; decoded < operator.length; decoded++) rawLength += raw.charCodeAt(rawLength) === 92 ? 2 : 1;
  const bound: LuceneRangeBound = {
    kind: 'bound',
    span: { start: span.start + rawLength, end: span.end },
    raw: raw.slice(rawLength),
    value: value.slice(operator.length),
  };
  const lower = operator[0] === '>';
  return {
    kind: 'range',
    span,
    form: 'comparison',
    lower: lower ? bound : null,
    upper: lower ? null : bound,
    includeLower: lower ? operator === '>=' : true,
    includeUpper: lower ? true : operator === '<=',
    boost,
  };
}
