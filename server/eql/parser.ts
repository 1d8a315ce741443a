// Error-tolerant recursive-descent parser for Elasticsearch EQL, following
// EqlBase.g4: `statement : query pipe*`, queries are an event filter, a
// `sequence`, a `sample` or a `join`; expressions are `or` < `and` < `not` <
// one non-associative comparison < `+ -` < `* / %` < unary `+ -` < a primary
// with an optional `in`/`:`/`like`/`regex` predicate.
//
// Errors are recorded, never thrown. After an error the parser skips to a
// recovery point (`|`, `where`, `[`, `]`, `)`, `and`, `or`, `by`, `with`,
// `until`, `,`) and goes on, so one typo does not hide the rest of the query.
// Every loop consumes a token or stops, nesting is capped, and look-ahead never
// crosses a bracket: parsing is linear in the input.
import { DiagnosticSink, lineColumn, span } from '../common/diagnostics.ts';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type {
  ArithmeticOperator,
  ComparisonOperator,
  EqlQuery,
  ErrorNode,
  EventCategory,
  EventFilter,
  EventTerm,
  Expression,
  FieldReference,
  FieldSegment,
  FunctionCall,
  JoinKeys,
  MatchOperator,
  MaxSpan,
  MultiTermQuery,
  NumberLiteral,
  Pipe,
  QueryBody,
  TermParameter,
} from './ast.ts';
import { isKeyword, scan } from './scanner.ts';
import type { KeywordKind, Token, TokenKind } from './scanner.ts';

/** Deeper nesting is reported and skipped, keeping recursion bounded. */
export const MAX_NESTING = 200;
/** Past this many syntax errors the rest are dropped (one note says so). */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

export interface EqlParseResult {
  ast: EqlQuery;
  diagnostics: QueryDiagnostic[];
}

export function parseEql(text: string): EqlParseResult {
  const sink = new CappedDiagnosticSink(MAX_SYNTAX_DIAGNOSTICS);
  const { tokens, comments } = scan(text, sink);
  const ast = new Parser(text, tokens, sink).parseQuery(comments);
  return { ast, diagnostics: sink.items };
}

class CappedDiagnosticSink extends DiagnosticSink {
  constructor(private readonly limit: number) {
    super();
  }

  override error(at: Span, code: string, message: string): void {
    if (this.items.length < this.limit) {
      super.error(at, code, message);
    } else if (this.items.length === this.limit) {
      super.info(at, 'eql-too-many-errors', `more than ${this.limit} syntax errors; the rest are not shown`);
    }
  }
}

// Tokens at which error recovery stops skipping, by context. `|` and the end always stop.
const STOP_PAREN = 1; // `)`
const STOP_COMMA = 2; // `,`
const STOP_TERM = 4; // `]`, `[`, `![`, `by`, `with`, `until`

/** Reserved words that can only be a mistaken field name where an expression starts. */
const RESERVED_AS_FIELD: ReadonlySet<TokenKind> = new Set(['sequence', 'sample', 'join', 'maxspan', 'any', 'of']);

const COMPARISON_OPERATORS: ReadonlySet<TokenKind> = new Set(['==', '!=', '<', '<=', '>', '>=']);

const MATCH_OPERATORS: ReadonlySet<KeywordKind | ':'> = new Set([':', 'like', 'like~', 'regex', 'regex~']);

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the query';
    case 'string':
      return 'a string';
    case 'integer':
    case 'decimal':
      return `the number \`${token.value}\``;
    case 'identifier':
      return `\`${token.value}\``;
    case 'quotedIdentifier':
      return `the quoted name \`${token.value}\``;
    case 'tildeIdentifier':
      return `\`${token.value}~\``;
    default:
      return `\`${token.kind}\``;
  }
}

class Parser {
  private index = 0;
  private tok: Token;
  /** STOP_* flags of the constructs being parsed. */
  private stops = 0;
  private depth = 0;
  /** Token index of the last reported error: one error per position, no cascades. */
  private lastErrorIndex = -1;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly sink: DiagnosticSink,
  ) {
    this.tok = tokens[0]!;
  }

  // ----- query structure -----

  parseQuery(comments: Span[]): EqlQuery {
    const body = this.parseBody();
    const pipes: Pipe[] = [];
    while (!this.at('eof')) {
      if (this.at('|')) {
        pipes.push(this.parsePipe());
        continue;
      }
      this.report(this.tokenSpan(), 'eql-unexpected-token', `unexpected ${describe(this.tok)}; expected \`|\` or the end of the query`);
      while (!this.at('eof') && !this.at('|')) this.advance();
    }
    return { kind: 'Query', span: span(0, this.text.length), body, pipes, comments };
  }

  private parseBody(): QueryBody {
    const t = this.tok;
    switch (t.kind) {
      case 'sequence':
        return this.parseMultiTerm('SequenceQuery');
      case 'sample':
        return this.parseMultiTerm('SampleQuery');
      case 'join':
        return this.parseMultiTerm('JoinQuery');
      case 'eof': {
        this.report(span(0, this.text.length), 'eql-empty-query', 'the query is empty; write `<category> where <condition>`');
        const at = this.text.length;
        return { kind: 'EventFilter', span: span(at, at), category: this.errorNode(at, at), condition: this.errorNode(at, at) };
      }
    }
    const keyword = t.keywordInOtherCase;
    if (t.kind === 'identifier' && (keyword === 'sequence' || keyword === 'sample' || keyword === 'join') && this.peek().kind !== 'where') {
      this.reportKeywordCase(t, keyword);
      return this.parseMultiTerm(keyword === 'sequence' ? 'SequenceQuery' : keyword === 'sample' ? 'SampleQuery' : 'JoinQuery');
    }
    return this.parseEventFilter('an operator, `and`, `or` or `|`');
  }

  private parseEventFilter(expected: string): EventFilter {
    const start = this.tok.start;
    const category = this.parseEventCategory();
    if (this.at('where')) {
      this.advance();
    } else if (this.tok.keywordInOtherCase === 'where' && this.at('identifier')) {
      this.reportKeywordCase(this.tok, 'where');
      this.advance();
    } else {
      const where = this.whereAhead();
      if (where >= 0) {
        // `where` is a recovery point: what comes before it is a mangled category.
        this.report(this.tokenSpan(), 'eql-unexpected-token', `unexpected ${describe(this.tok)} before \`where\``);
        while (this.index <= where) this.advance();
      } else {
        this.report(this.tokenSpan(), 'eql-expected-token', `expected \`where\` after the event category but found ${describe(this.tok)}`);
      }
    }
    const condition = this.parseExpressionWithRecovery(expected);
    return { kind: 'EventFilter', span: span(Math.min(start, category.span.start), this.endCovering(condition)), category, condition };
  }

  private parseEventCategory(): EventCategory | ErrorNode {
    const t = this.tok;
    const raw = this.text.slice(t.start, t.end);
    const category = (name: string, any: boolean): EventCategory => {
      this.advance();
      return { kind: 'EventCategory', span: span(t.start, t.end), name, any, raw };
    };
    switch (t.kind) {
      case 'any':
        return category('', true);
      case 'identifier':
      case 'string':
        return category(t.value, false);
      case 'quotedIdentifier':
        this.sink.error(
          span(t.start, t.end),
          'eql-backquoted-category',
          `an event category cannot be in backquotes; write it as a string: "${t.value.replace(/["\\]/g, '\\$&')}"`,
        );
        return category(t.value, false);
    }
    if (isKeyword(t.kind) && t.kind !== 'where' && this.peek().kind === 'where') {
      this.sink.error(span(t.start, t.end), 'eql-reserved-word', `\`${t.kind}\` is a reserved word; write the event category as a string: "${t.kind}"`);
      return category(t.kind, false);
    }
    const hint = t.kind === '[' || t.kind === '![' ? '; `[...]` terms belong in a `sequence` or `sample`' : '';
    this.report(this.tokenSpan(), 'eql-expected-token', `expected an event category (or \`any\`) but found ${describe(t)}${hint}`);
    return this.errorNode(this.previousEnd(), t.start);
  }

  private parseMultiTerm(kind: MultiTermQuery['kind']): MultiTermQuery {
    const keyword = this.advance();
    let by: JoinKeys | undefined;
    let maxspan: MaxSpan | undefined;
    let byAfterMaxspan = false;
    for (;;) {
      if (this.atKeyword('by')) {
        const keys = this.parseJoinKeys();
        if (by) {
          this.sink.error(keys.span, 'eql-duplicate-clause', `the query already has \`by\` keys at ${lineColumn(this.text, by.span.start)}`);
        } else {
          by = keys;
          byAfterMaxspan = maxspan !== undefined;
        }
      } else if (this.at('with')) {
        const clause = this.parseMaxSpan();
        if (maxspan) {
          this.sink.error(clause.span, 'eql-duplicate-clause', `the query already has \`with maxspan\` at ${lineColumn(this.text, maxspan.span.start)}`);
        } else {
          maxspan = clause;
        }
      } else {
        break;
      }
    }

    const terms: EventTerm[] = [];
    let until: EventTerm | undefined;
    let termsMissingReported = false;
    for (;;) {
      const t = this.tok;
      if (t.kind === '[' || t.kind === '![') {
        const term = this.parseTerm();
        if (until) this.sink.error(term.span, 'eql-unexpected-token', 'terms cannot follow the `until` term');
        terms.push(term);
      } else if (this.atKeyword('until')) {
        if (terms.length === 0) {
          this.report(this.tokenSpan(), 'eql-expected-token', `expected a \`[\` term before \`until\``);
          termsMissingReported = true;
        }
        this.acceptKeyword('until');
        if (this.at('[') || this.at('![')) {
          const term = this.parseTerm();
          if (until) this.sink.error(term.span, 'eql-duplicate-clause', 'the query already has an `until` term');
          else until = term;
        } else {
          this.report(this.tokenSpan(), 'eql-expected-token', `expected a \`[\` term after \`until\` but found ${describe(this.tok)}`);
        }
      } else if (t.kind === '|' || t.kind === 'eof') {
        break;
      } else {
        this.report(this.tokenSpan(), 'eql-unexpected-token', `unexpected ${describe(t)}; expected a \`[\` term`);
        do this.advance();
        while (!this.atTermStart() && !this.atKeyword('until') && !this.at('|') && !this.at('eof'));
      }
    }
    if (terms.length === 0 && !termsMissingReported) {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected a \`[\` term after \`${keyword.value}\` but found ${describe(this.tok)}`);
    }
    return {
      kind,
      span: span(keyword.start, this.endCovering(by, maxspan, ...terms, until)),
      keywordSpan: span(keyword.start, keyword.end),
      by,
      maxspan,
      byAfterMaxspan,
      terms,
      until,
    };
  }

  private parseTerm(): EventTerm {
    const open = this.advance();
    const missing = open.kind === '![';
    const saved = this.stops;
    this.stops = (saved & ~(STOP_COMMA | STOP_PAREN)) | STOP_TERM;
    const filter = this.parseEventFilter('an operator, `and`, `or` or `]`');
    this.stops = saved;
    let closed = false;
    if (this.at(']')) {
      this.advance();
      closed = true;
    } else {
      this.report(
        this.tokenSpan(),
        'eql-unclosed-bracket',
        `expected \`]\` to close the ${missing ? 'missing-event term' : 'term'} opened at ${lineColumn(this.text, open.start)}`,
      );
    }
    let by: JoinKeys | undefined;
    let parameter: TermParameter | undefined;
    for (;;) {
      if (this.atKeyword('by')) {
        const keys = this.parseJoinKeys();
        if (by) {
          this.sink.error(keys.span, 'eql-duplicate-clause', 'the term already has `by` keys');
        } else {
          by = keys;
          if (parameter) this.sink.error(keys.span, 'eql-misordered-clause', `write the term's \`by\` keys before \`with ${parameter.key}\``);
        }
      } else if (this.at('with')) {
        const clause = this.parseTermParameter();
        if (parameter) this.sink.error(clause.span, 'eql-duplicate-clause', 'the term already has a `with` parameter');
        else parameter = clause;
      } else {
        break;
      }
    }
    return { kind: 'EventTerm', span: span(open.start, this.endCovering(filter, by, parameter)), missing, filter, closed, by, parameter };
  }

  private parseJoinKeys(): JoinKeys {
    const start = this.tok.start;
    this.acceptKeyword('by');
    const saved = this.stops;
    this.stops = saved | STOP_COMMA | STOP_TERM;
    const keys = [this.parseExpressionWithRecovery('`,` or the next clause')];
    while (this.at(',')) {
      this.advance();
      keys.push(this.parseExpressionWithRecovery('`,` or the next clause'));
    }
    this.stops = saved;
    return { kind: 'JoinKeys', span: span(start, this.endCovering(...keys)), keys };
  }

  /** `with maxspan=<number><unit>` on a multi-term query. */
  private parseMaxSpan(): MaxSpan {
    const start = this.advance().start;
    if (this.atKeyword('maxspan')) {
      this.acceptKeyword('maxspan');
    } else {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected \`maxspan\` after \`with\` but found ${describe(this.tok)}`);
      if (this.at('identifier') && this.peek().kind === '=') this.advance();
    }
    this.expectAssignment();
    const value = this.parseNumberValue('a time span such as `30s` or `5m`');
    let unit: string | undefined;
    let unitSpan: Span | undefined;
    if (this.at('identifier')) {
      unit = this.tok.value;
      unitSpan = this.tokenSpan();
      this.advance();
    }
    return { kind: 'MaxSpan', span: span(start, this.endCovering(value)), value, unit, unitSpan };
  }

  /** `with <key>=<number>` after a term. */
  private parseTermParameter(): TermParameter {
    const start = this.advance().start;
    const t = this.tok;
    let key = '';
    let keySpan = span(t.start, t.start);
    if (t.kind === 'identifier' || t.kind === 'maxspan') {
      key = t.kind === 'maxspan' ? 'maxspan' : t.value;
      keySpan = span(t.start, t.end);
      this.advance();
    } else {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected a parameter such as \`runs\` after \`with\` but found ${describe(t)}`);
    }
    this.expectAssignment();
    const value = this.parseNumberValue('a number');
    return { kind: 'TermParameter', span: span(start, this.endCovering(value)), key, keySpan, value };
  }

  private expectAssignment(): void {
    if (this.at('=')) {
      this.advance();
    } else if (this.at('==')) {
      this.sink.error(this.tokenSpan(), 'eql-expected-token', 'write a single `=` here, e.g. `maxspan=5m` or `runs=3`');
      this.advance();
    } else {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected \`=\` but found ${describe(this.tok)}`);
    }
  }

  private parseNumberValue(what: string): NumberLiteral | ErrorNode {
    const t = this.tok;
    if (t.kind === 'integer' || t.kind === 'decimal') {
      this.advance();
      return this.numberLiteral(t);
    }
    this.report(this.tokenSpan(), 'eql-expected-token', `expected ${what} but found ${describe(t)}`);
    return this.errorNode(this.previousEnd(), t.start);
  }

  private parsePipe(): Pipe {
    const bar = this.advance();
    let name = '';
    let nameSpan = span(bar.end, bar.end);
    if (this.at('identifier')) {
      name = this.tok.value;
      nameSpan = this.tokenSpan();
      this.advance();
    } else {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected a pipe name such as \`head\` or \`tail\` after \`|\` but found ${describe(this.tok)}`);
    }
    const args: Expression[] = [];
    const saved = this.stops;
    this.stops = STOP_COMMA;
    if (!this.at('|') && !this.at('eof')) {
      args.push(this.parseExpressionWithRecovery('an operator, `,` or `|`'));
      while (this.at(',')) {
        this.advance();
        args.push(this.parseExpressionWithRecovery('an operator, `,` or `|`'));
      }
    }
    this.stops = saved;
    return { kind: 'Pipe', span: span(bar.start, this.endCovering(...args)), name, nameSpan, args };
  }

  // ----- expressions -----

  /**
   * An expression that ends at a stop token of the current context. Anything
   * else after it is reported once (`expected` says what may follow) and skipped; an `and`/`or` met while
   * skipping resumes the expression, so conditions after a typo still parse.
   */
  private parseExpressionWithRecovery(expected: string): Expression {
    let expression = this.parseOr(undefined);
    while (!this.atStop()) {
      if (this.atKeyword('and') || this.atKeyword('or')) {
        expression = this.parseOr(expression);
        continue;
      }
      this.report(this.tokenSpan(), 'eql-unexpected-token', `unexpected ${describe(this.tok)}; expected ${expected}`);
      do this.advance();
      while (!this.atStop() && !this.atKeyword('and') && !this.atKeyword('or'));
    }
    return expression;
  }

  /** `seed`, when given, is an already parsed left operand (used when resuming after an error). */
  private parseOr(seed: Expression | undefined): Expression {
    const first = this.parseAnd(seed);
    if (!this.atKeyword('or')) return first;
    const operands = [first];
    while (this.atKeyword('or')) {
      this.acceptKeyword('or');
      operands.push(this.parseAnd(undefined));
    }
    return { kind: 'Logical', span: span(first.span.start, operands[operands.length - 1]!.span.end), operator: 'or', operands };
  }

  private parseAnd(seed: Expression | undefined): Expression {
    const first = seed ?? this.parseNot();
    if (!this.atKeyword('and')) return first;
    const operands = [first];
    while (this.atKeyword('and')) {
      this.acceptKeyword('and');
      operands.push(this.parseNot());
    }
    return { kind: 'Logical', span: span(first.span.start, operands[operands.length - 1]!.span.end), operator: 'and', operands };
  }

  private parseNot(): Expression {
    const t = this.tok;
    if (t.kind === 'not' || (t.kind === 'identifier' && t.keywordInOtherCase === 'not' && this.startsOperandAfterNot(this.peek()))) {
      if (this.depth >= MAX_NESTING) return this.skipTooDeep();
      this.acceptKeyword('not');
      this.depth++;
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'Not', span: span(t.start, operand.span.end), operand };
    }
    if (t.kind === 'identifier' && this.peek().kind === 'of') return this.parseRelationship();
    return this.parseComparison();
  }

  /** `NOT x` reads as `not x` only when what follows cannot make `NOT` a function call or a field. */
  private startsOperandAfterNot(next: Token): boolean {
    switch (next.kind) {
      case 'identifier':
      case 'quotedIdentifier':
      case 'tildeIdentifier':
      case '?':
      case 'not':
      case 'string':
      case 'integer':
      case 'decimal':
      case 'true':
      case 'false':
      case 'null':
        return true;
      default:
        return false;
    }
  }

  private parseRelationship(): Expression {
    const relation = this.advance();
    const of = this.advance();
    const start = relation.start;
    let filter: EventFilter;
    if (this.at('[') || this.at('![')) {
      if (this.depth >= MAX_NESTING) return this.skipTooDeep();
      this.depth++;
      filter = this.parseTerm().filter;
      this.depth--;
    } else {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected a \`[\` event filter after \`${relation.value} of\` but found ${describe(this.tok)}`);
      const at = this.previousEnd();
      filter = { kind: 'EventFilter', span: span(at, at), category: this.errorNode(at, at), condition: this.errorNode(at, at) };
    }
    return {
      kind: 'Relationship',
      span: span(start, this.endCovering(filter)),
      relation: relation.value,
      relationSpan: span(relation.start, of.end),
      filter,
    };
  }

  private parseComparison(): Expression {
    let result = this.parseAdditive();
    let chained = false;
    for (;;) {
      const t = this.tok;
      let operator: ComparisonOperator;
      if (COMPARISON_OPERATORS.has(t.kind)) {
        operator = t.kind as ComparisonOperator;
      } else if (t.kind === '=') {
        this.sink.error(this.tokenSpan(), 'eql-single-equals', '`=` is not a comparison in EQL; use `==` (case-sensitive) or `:` (case-insensitive)');
        operator = '==';
      } else {
        return result;
      }
      if (chained) {
        this.report(this.tokenSpan(), 'eql-chained-comparison', 'comparisons cannot be chained; join them with `and`, e.g. `a < b and b < c`');
      }
      this.advance();
      const right = this.parseAdditive();
      result = {
        kind: 'Comparison',
        span: span(result.span.start, right.span.end),
        operator,
        operatorSpan: span(t.start, t.end),
        left: result,
        right,
      };
      chained = true;
    }
  }

  private parseAdditive(): Expression {
    let result = this.parseMultiplicative();
    while (this.at('+') || this.at('-')) {
      const t = this.advance();
      const right = this.parseMultiplicative();
      result = { kind: 'Arithmetic', span: span(result.span.start, right.span.end), operator: t.kind as ArithmeticOperator, operatorSpan: span(t.start, t.end), left: result, right };
    }
    return result;
  }

  private parseMultiplicative(): Expression {
    let result = this.parseUnary();
    while (this.at('*') || this.at('/') || this.at('%')) {
      const t = this.advance();
      const right = this.parseUnary();
      result = { kind: 'Arithmetic', span: span(result.span.start, right.span.end), operator: t.kind as ArithmeticOperator, operatorSpan: span(t.start, t.end), left: result, right };
    }
    return result;
  }

  private parseUnary(): Expression {
    const t = this.tok;
    if (t.kind !== '-' && t.kind !== '+') return this.parsePredicated();
    if (this.depth >= MAX_NESTING) return this.skipTooDeep();
    this.advance();
    this.depth++;
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'Unary', span: span(t.start, operand.span.end), operator: t.kind, operand };
  }

  /** A primary followed by an optional `in`, `not in`, `:`, `like` or `regex` predicate. */
  private parsePredicated(): Expression {
    const value = this.parsePrimary();
    const t = this.tok;
    if (this.atKeyword('not')) {
      const next = this.peek();
      if (next.kind === 'in' || next.kind === 'in~' || next.keywordInOtherCase === 'in' || next.keywordInOtherCase === 'in~') {
        this.acceptKeyword('not');
        return this.parseIn(value, true);
      }
      const matchKind = next.kind === 'identifier' || next.kind === 'tildeIdentifier' ? next.keywordInOtherCase : next.kind;
      if (matchKind !== undefined && MATCH_OPERATORS.has(matchKind as MatchOperator)) {
        this.sink.error(
          this.tokenSpan(),
          'eql-misplaced-not',
          `\`not\` cannot come before \`${matchKind}\`; negate the whole condition: \`not <field> ${matchKind} ...\``,
        );
        this.advance();
        const match = this.parseMatch(value);
        return { kind: 'Not', span: span(value.span.start, match.span.end), operand: match };
      }
      return value;
    }
    if (this.atKeyword('in') || this.atKeyword('in~')) return this.parseIn(value, false);
    const matchKind = t.kind === ':' ? ':' : t.kind === 'identifier' || t.kind === 'tildeIdentifier' ? t.keywordInOtherCase : t.kind;
    if (matchKind !== undefined && MATCH_OPERATORS.has(matchKind as MatchOperator)) return this.parseMatch(value);
    return value;
  }

  private parseIn(value: Expression, negated: boolean): Expression {
    const operator = this.tok;
    const caseInsensitive = operator.kind === 'in~' || operator.keywordInOtherCase === 'in~';
    this.acceptKeyword(caseInsensitive ? 'in~' : 'in');
    if (!this.at('(')) {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected \`(\` to start the list after \`${caseInsensitive ? 'in~' : 'in'}\` but found ${describe(this.tok)}`);
      return { kind: 'In', span: span(value.span.start, this.endCovering(value)), value, negated, caseInsensitive, items: [], closed: false };
    }
    const list = this.parseDelimitedList('the list', () => this.parseExpressionWithRecovery('an operator, `,` or `)`'));
    if (list.items.length === 0 && list.closed) {
      this.sink.error(span(list.start, this.previousEnd()), 'eql-expected-expression', 'the list is empty; it needs at least one value');
    }
    return { kind: 'In', span: span(value.span.start, this.endCovering(value, ...list.items)), value, negated, caseInsensitive, items: list.items, closed: list.closed };
  }

  private parseMatch(value: Expression): Expression {
    const t = this.advance();
    const operator = (t.kind === 'identifier' || t.kind === 'tildeIdentifier' ? t.keywordInOtherCase : t.kind) as MatchOperator;
    if (t.kind === 'identifier' || t.kind === 'tildeIdentifier') this.reportKeywordCase(t, operator as KeywordKind);
    const operatorSpan = span(t.start, t.end);
    const caseInsensitive = operator === ':' || operator.endsWith('~');
    let patterns: Expression[];
    let list = false;
    if (this.at('(')) {
      list = true;
      const parsed = this.parseDelimitedList(`the pattern list of \`${operator}\``, () => this.parsePattern(operator));
      patterns = parsed.items;
      if (patterns.length === 0 && parsed.closed) {
        this.sink.error(span(parsed.start, this.previousEnd()), 'eql-expected-expression', 'the pattern list is empty; it needs at least one string');
      }
    } else {
      patterns = [this.parsePattern(operator)];
    }
    return {
      kind: 'Match',
      span: span(value.span.start, this.endCovering(value, ...patterns)),
      operator,
      operatorSpan,
      caseInsensitive,
      value,
      patterns,
      list,
    };
  }

  /** The grammar wants a literal here; anything else is parsed for recovery and reported. */
  private parsePattern(operator: MatchOperator): Expression {
    const pattern = this.at('-') || this.at('+') ? this.parseUnary() : this.parsePrimary();
    switch (pattern.kind) {
      case 'String':
      case 'Number':
      case 'Boolean':
      case 'Null':
      case 'Error':
        return pattern;
    }
    this.sink.error(
      pattern.span,
      'eql-expected-literal',
      pattern.kind === 'Field'
        ? `\`${operator}\` compares with literal strings only, not with another field`
        : `\`${operator}\` needs a literal string (or a parenthesized list of them) on its right`,
    );
    return pattern;
  }

  private parsePrimary(): Expression {
    const t = this.tok;
    switch (t.kind) {
      case '(':
        return this.parseParenthesized();
      case 'string':
        this.advance();
        return { kind: 'String', span: span(t.start, t.end), value: t.value, raw: this.text.slice(t.start, t.end), style: t.stringStyle ?? 'double' };
      case 'integer':
      case 'decimal':
        this.advance();
        return this.numberLiteral(t);
      case 'true':
      case 'false':
        this.advance();
        return { kind: 'Boolean', span: span(t.start, t.end), value: t.kind === 'true' };
      case 'null':
        this.advance();
        return { kind: 'Null', span: span(t.start, t.end) };
      case 'tildeIdentifier':
        return this.parseCall();
      case 'identifier':
        return this.peek().kind === '(' ? this.parseCall() : this.parseField();
      case 'quotedIdentifier':
      case '?':
        return this.parseField();
    }
    if (RESERVED_AS_FIELD.has(t.kind)) return this.parseField();
    this.report(this.tokenSpan(), 'eql-expected-expression', `expected an expression but found ${describe(t)}`);
    return this.errorNode(this.previousEnd(), t.start);
  }

  private parseParenthesized(): Expression {
    const open = this.tok;
    if (this.depth >= MAX_NESTING) return this.skipTooDeep();
    this.advance();
    this.depth++;
    const saved = this.stops;
    this.stops = (saved & ~STOP_COMMA) | STOP_PAREN;
    const expression = this.parseExpressionWithRecovery('an operator or `)`');
    this.stops = saved;
    this.depth--;
    let closed = false;
    if (this.at(')')) {
      this.advance();
      closed = true;
    } else {
      this.report(this.tokenSpan(), 'eql-unclosed-bracket', `expected \`)\` to close the parenthesis opened at ${lineColumn(this.text, open.start)}`);
    }
    return { kind: 'Paren', span: span(open.start, this.endCovering(expression)), expression, closed };
  }

  private parseCall(): FunctionCall {
    const name = this.advance();
    const caseInsensitive = name.kind === 'tildeIdentifier';
    const written = caseInsensitive ? `${name.value}~` : name.value;
    const nameSpan = span(name.start, name.end - (caseInsensitive ? 1 : 0));
    if (!this.at('(')) {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected \`(\` after \`${written}\` but found ${describe(this.tok)}`);
      return { kind: 'Call', span: span(name.start, name.end), name: name.value, nameSpan, caseInsensitive, args: [], closed: false };
    }
    const list = this.parseDelimitedList(`the call to \`${written}\``, () => this.parseExpressionWithRecovery('an operator, `,` or `)`'));
    return {
      kind: 'Call',
      span: span(name.start, this.endCovering(...list.items)),
      name: name.value,
      nameSpan,
      caseInsensitive,
      args: list.items,
      closed: list.closed,
    };
  }

  /** `( item, item, ... )` starting at the current `(`; reports a missing `)` with where it opened. */
  private parseDelimitedList(what: string, parseItem: () => Expression): { items: Expression[]; closed: boolean; start: number } {
    const open = this.tok;
    const items: Expression[] = [];
    if (this.depth >= MAX_NESTING) {
      this.skipTooDeep();
      return { items, closed: false, start: open.start };
    }
    this.advance();
    if (this.at(')')) {
      this.advance();
      return { items, closed: true, start: open.start };
    }
    this.depth++;
    const saved = this.stops;
    this.stops = saved | STOP_PAREN | STOP_COMMA;
    let closed = false;
    for (;;) {
      items.push(parseItem());
      if (this.at(',')) {
        this.advance();
        continue;
      }
      if (this.at(')')) {
        this.advance();
        closed = true;
      } else {
        this.report(this.tokenSpan(), 'eql-unclosed-bracket', `expected \`)\` to close ${what} opened at ${lineColumn(this.text, open.start)}`);
      }
      break;
    }
    this.stops = saved;
    this.depth--;
    return { items, closed, start: open.start };
  }

  private parseField(): FieldReference {
    const start = this.tok.start;
    let optional = false;
    if (this.at('?')) {
      optional = true;
      this.advance();
    }
    const segments: FieldSegment[] = [];
    const indexes: Span[] = [];
    const first = this.parseFieldSegment(false);
    if (!first) {
      this.report(this.tokenSpan(), 'eql-expected-token', `expected a field name after \`?\` but found ${describe(this.tok)}`);
      return { kind: 'Field', span: span(start, this.previousEnd()), name: '', segments, optional, indexes };
    }
    segments.push(first);
    for (;;) {
      if (this.at('.')) {
        this.advance();
        const segment = this.parseFieldSegment(true);
        if (!segment) {
          this.report(this.tokenSpan(), 'eql-expected-token', `expected a field name after \`.\` but found ${describe(this.tok)}`);
          break;
        }
        segments.push(segment);
      } else if (this.at('[') && this.peek().kind === 'integer') {
        // `field[0]`: only when a number follows, so `by x [next term]` is not an index.
        const open = this.advance();
        while (this.at('integer')) this.advance();
        if (this.at(']')) {
          this.advance();
        } else {
          this.report(this.tokenSpan(), 'eql-unclosed-bracket', `expected \`]\` to close the index opened at ${lineColumn(this.text, open.start)}`);
        }
        indexes.push(span(open.start, this.previousEnd()));
      } else {
        break;
      }
    }
    return {
      kind: 'Field',
      span: span(start, this.previousEnd()),
      name: segments.map((s) => s.name).join('.'),
      segments,
      optional,
      indexes,
    };
  }

  /** A name part; reserved words are taken (and reported) after a dot, or where nothing else fits. */
  private parseFieldSegment(afterDot: boolean): FieldSegment | undefined {
    const t = this.tok;
    if (t.kind === 'identifier' || t.kind === 'quotedIdentifier') {
      this.advance();
      return { name: t.value, span: span(t.start, t.end), quoted: t.kind === 'quotedIdentifier' };
    }
    if (afterDot ? isKeyword(t.kind) : RESERVED_AS_FIELD.has(t.kind)) {
      this.sink.error(span(t.start, t.end), 'eql-reserved-word', `\`${t.kind}\` is a reserved word; write the field name in backquotes: \`\`${t.kind}\`\``);
      this.advance();
      return { name: t.kind, span: span(t.start, t.end), quoted: false };
    }
    return undefined;
  }

  // ----- helpers -----

  private numberLiteral(t: Token): NumberLiteral {
    return { kind: 'Number', span: span(t.start, t.end), value: Number(t.value), raw: t.value, integer: t.kind === 'integer' };
  }

  private errorNode(start: number, end: number): ErrorNode {
    return { kind: 'Error', span: span(start, end) };
  }

  /** Reports and skips a construct nested past MAX_NESTING, balancing brackets so outer levels resynchronise. */
  private skipTooDeep(): ErrorNode {
    const start = this.tok.start;
    this.report(this.tokenSpan(), 'eql-too-deeply-nested', `the query nests deeper than ${MAX_NESTING} levels`);
    let nesting = 0;
    while (!this.at('eof')) {
      const k = this.tok.kind;
      if (k === '(' || k === '[' || k === '![') {
        nesting++;
      } else if (k === ')' || k === ']') {
        if (nesting === 0) break;
        nesting--;
      } else if (nesting === 0 && (this.atStop() || k === 'and' || k === 'or')) {
        break;
      }
      this.advance();
    }
    return this.errorNode(start, Math.max(start, this.previousEnd()));
  }

  private atStop(): boolean {
    switch (this.tok.kind) {
      case '|':
      case 'eof':
        return true;
      case ')':
        return (this.stops & STOP_PAREN) !== 0;
      case ',':
        return (this.stops & STOP_COMMA) !== 0;
      case ']':
      case '[':
      case '![':
      case 'by':
      case 'with':
      case 'until':
        return (this.stops & STOP_TERM) !== 0;
      default:
        return false;
    }
  }

  /** Reads the current token's kind afresh (TypeScript would keep a narrowing across `advance()`). */
  private at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  /** Index of a `where` ahead in the current construct (not crossing brackets), or -1. */
  private whereAhead(): number {
    for (let i = this.index; i < this.tokens.length; i++) {
      switch (this.tokens[i]!.kind) {
        case 'where':
          return i;
        case '|':
        case 'eof':
        case '[':
        case '![':
        case ']':
        case '(':
        case ')':
          return -1;
      }
    }
    return -1;
  }

  private atTermStart(): boolean {
    return this.at('[') || this.at('![');
  }

  /** The keyword, or an identifier spelling it in another case (reported when accepted). */
  private atKeyword(kind: KeywordKind): boolean {
    const t = this.tok;
    return t.kind === kind || ((t.kind === 'identifier' || t.kind === 'tildeIdentifier') && t.keywordInOtherCase === kind);
  }

  private acceptKeyword(kind: KeywordKind): void {
    const t = this.tok;
    if (t.kind !== kind) this.reportKeywordCase(t, kind);
    this.advance();
  }

  private reportKeywordCase(t: Token, kind: KeywordKind): void {
    this.sink.error(span(t.start, t.end), 'eql-keyword-case', `EQL keywords are lowercase: write \`${kind}\``);
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') {
      this.index++;
      this.tok = this.tokens[this.index]!;
    }
    return t;
  }

  /**
   * End of a node that ends at the last consumed token, or later when its
   * last child is a missing-expression placeholder spanning the gap before
   * the next token: parents always cover their children.
   */
  private endCovering(...children: ({ span: Span } | undefined)[]): number {
    let end = this.previousEnd();
    for (const child of children) if (child && child.span.end > end) end = child.span.end;
    return end;
  }

  private previousEnd(): number {
    return this.index > 0 ? this.tokens[this.index - 1]!.end : 0;
  }

  /** The current token's span; at the end of the query, an empty span right after the last token. */
  private tokenSpan(): Span {
    const t = this.tok;
    if (t.kind === 'eof') {
      const end = this.previousEnd();
      return span(end, end);
    }
    return span(t.start, t.end);
  }

  private report(at: Span, code: string, message: string): void {
    if (this.index === this.lastErrorIndex) return;
    this.lastErrorIndex = this.index;
    this.sink.error(at, code, message);
  }
}
