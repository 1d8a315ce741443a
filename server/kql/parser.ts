// Error-tolerant recursive-descent parser for KQL, following Kibana's kuery
// grammar rule for rule (OrQuery > AndQuery > NotQuery > SubQuery > NestedQuery >
// Expression, and the same ladder for value lists), so a query Kibana accepts
// parses here without diagnostics and gives the same tree. Where Kibana stops
// with an error this parser records one, skips what it cannot use and goes on.
import { lineColumn } from '../common/diagnostics.ts';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type {
  KqlError,
  KqlExpression,
  KqlField,
  KqlQuery,
  KqlValue,
  KqlValueExpression,
} from './ast.ts';
import { isKqlSpace, isKqlSpecial, KqlScanner } from './scanner.ts';
import type { KqlLexeme } from './scanner.ts';

const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const COLON = 58;
const QUOTE = 34;
const STAR = 42;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** An `or` or `and` node, of queries (KqlOr, KqlAnd) or of values (KqlValueOr, KqlValueAnd). */
interface Chain<Kind, Operand> {
  kind: Kind;
  span: Span;
  operands: Operand[];
  operators: Span[];
}

/** A `not` node (KqlNot or KqlValueNot), whose operand may be another one. */
interface Negation<Kind, Operand> {
  kind: Kind;
  span: Span;
  keyword: Span;
  operand: Operand | Negation<Kind, Operand>;
}

export interface KqlParseResult {
  ast: KqlQuery;
  diagnostics: QueryDiagnostic[];
}

export function parseKql(text: string): KqlParseResult {
  return new KqlParser(text).parse();
}

class KqlParser {
  private readonly scanner: KqlScanner;
  private readonly diagnostics: QueryDiagnostic[] = [];
  /** Closing characters of the groups and nested queries being parsed, innermost last. */
  private readonly closers: number[] = [];
  /** End of the last token consumed: where a missing token is reported at the end of the text. */
  private lastTokenEnd = 0;

  constructor(private readonly text: string) {
    this.scanner = new KqlScanner(text, (span, code, message) => this.error(span, code, message));
  }

  parse(): KqlParseResult {
    const s = this.scanner;
    s.skipSpaces();
    const body = s.atEnd ? null : this.parseQuerySequence();
    return { ast: { kind: 'query', span: { start: 0, end: this.text.length }, body }, diagnostics: this.diagnostics };
  }

  /** One error per offset: the first one there says what went wrong. */
  private error(span: Span, code: string, message: string): void {
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.span.start === span.start) return;
    this.diagnostics.push({ span, severity: 'error', code, message });
  }

  private consume(length: number): void {
    this.scanner.pos += length;
    this.lastTokenEnd = this.scanner.pos;
  }

  private missing(): KqlError {
    const at = this.scanner.atEnd ? this.lastTokenEnd : this.scanner.pos;
    return { kind: 'error', span: { start: at, end: at }, parts: [] };
  }

  /** Where to report something missing: the token found instead, or the end of the last token. */
  private foundSpan(): Span {
    const s = this.scanner;
    if (s.atEnd) return { start: this.lastTokenEnd, end: this.lastTokenEnd };
    return { start: s.pos, end: this.tokenEnd(s.pos) };
  }

  private tokenEnd(start: number): number {
    const s = this.scanner;
    const c = s.charAt(start);
    const range = s.rangeOperatorAt(start);
    if (range) return start + range.length;
    if (c === QUOTE) {
      const close = this.text.indexOf('"', start + 1);
      const lineEnd = this.text.indexOf('\n', start);
      if (close >= 0 && (lineEnd < 0 || close < lineEnd)) return close + 1;
      return lineEnd < 0 ? this.text.length : lineEnd;
    }
    if (isKqlSpecial(c) && c !== STAR) return start + 1;
    let p = start;
    while (p < this.text.length && !isKqlSpace(s.charAt(p)) && !(isKqlSpecial(s.charAt(p)) && s.charAt(p) !== STAR)) p++;
    return Math.max(p, start + 1);
  }

  private describeFound(): string {
    const s = this.scanner;
    if (s.atEnd) return 'the end of the query';
    return `\`${this.text.slice(s.pos, this.tokenEnd(s.pos))}\``;
  }

  // ---- queries -----------------------------------------------------------

  /** A query up to the end or an enclosing `)` / `}`; stray text in between is reported and skipped. */
  private parseQuerySequence(): KqlExpression {
    return this.parseSequence(() => this.parseOr(), () => this.operandStartsHere());
  }

  private parseSequence<T extends KqlExpression | KqlValueExpression>(parseItem: () => T, itemStartsHere: () => boolean): T | KqlError {
    const s = this.scanner;
    const first = parseItem();
    const parts: T[] = [first];
    // Only the first stray token of a sequence is reported: what follows it is mostly its consequence.
    let stray = false;
    let skippedToken = false;
    for (;;) {
      const beforeSpaces = s.pos;
      s.skipSpaces();
      if (s.atEnd) break;
      const c = s.charAt(s.pos);
      if ((c === CLOSE_PAREN || c === CLOSE_BRACE) && this.closers.includes(c)) break;
      if (!stray) this.reportStray();
      stray = true;
      const glued = this.gluedOperatorAt(s.pos);
      // After a skipped token, an operator joins what follows to the sequence again.
      const spaced = skippedToken ? (s.binaryKeywordAt(beforeSpaces, 'or') ?? s.binaryKeywordAt(beforeSpaces, 'and')) : null;
      skippedToken = false;
      if (glued) {
        this.consume(glued.length);
      } else if (spaced) {
        this.lastTokenEnd = spaced.keyword.end;
        s.pos = spaced.end;
      } else if (itemStartsHere()) {
        parts.push(parseItem());
      } else {
        this.consume(this.tokenEnd(s.pos) - s.pos);
        skippedToken = true;
      }
    }
    if (!stray) return first;
    return { kind: 'error', span: { start: first.span.start, end: this.lastTokenEnd }, parts };
  }

  /** Whether a query (or, in a list, a value) can start here: `(`, a quote, `not` or an unquoted literal. */
  private operandStartsHere(): boolean {
    const s = this.scanner;
    const c = s.charAt(s.pos);
    return c === OPEN_PAREN || c === QUOTE || s.notKeywordAt(s.pos) !== null || s.unquotedStartsHere();
  }

  private parseOr(): KqlExpression {
    return this.parseChain('or', 'or', (context) => this.parseAnd(context), 'at the start of the query');
  }

  private parseAnd(context: string): KqlExpression {
    return this.parseChain('and', 'and', (context) => this.parseNot(context), context);
  }

  /**
   * Operands joined by `keyword`, in one node of `kind` (left as the single
   * operand when there is no keyword); shared by queries and value lists.
   */
  private parseChain<Operand extends KqlExpression | KqlValueExpression, Kind extends 'or' | 'and' | 'value-or' | 'value-and'>(
    keyword: 'or' | 'and',
    kind: Kind,
    parseOperand: (context: string) => Operand,
    context: string,
  ): Operand | Chain<Kind, Operand> {
    const s = this.scanner;
    const first = parseOperand(context);
    const operands = [first];
    const operators: Span[] = [];
    for (let m = s.binaryKeywordAt(s.pos, keyword); m; m = s.binaryKeywordAt(s.pos, keyword)) {
      operators.push(m.keyword);
      this.lastTokenEnd = m.keyword.end;
      s.pos = m.end;
      operands.push(parseOperand(keyword === 'or' ? 'after `or`' : 'after `and`'));
    }
    if (operands.length === 1) return first;
    return { kind, span: { start: first.span.start, end: operands[operands.length - 1].span.end }, operands, operators };
  }

  private parseNot(context: string): KqlExpression {
    return this.parseNegation('not', (context) => this.parsePrimary(context), context);
  }

  /** `not` and its operand in one node of `kind`, or just the operand when there is no `not`. */
  private parseNegation<Operand extends KqlExpression | KqlValueExpression, Kind extends 'not' | 'value-not'>(
    kind: Kind,
    parseOperand: (context: string) => Operand,
    context: string,
  ): Operand | Negation<Kind, Operand> {
    const s = this.scanner;
    const m = s.notKeywordAt(s.pos);
    if (!m) return parseOperand(context);
    this.lastTokenEnd = m.keyword.end;
    s.pos = m.end;
    const operand = this.doubleNot() ? this.parseNegation(kind, parseOperand, 'after `not`') : parseOperand('after `not`');
    return { kind, span: { start: m.keyword.start, end: Math.max(operand.span.end, m.keyword.end) }, keyword: m.keyword, operand };
  }

  /** Kibana's `not` applies to a sub-query, never directly to another `not`. */
  private doubleNot(): boolean {
    const again = this.scanner.notKeywordAt(this.scanner.pos);
    if (again) this.error(again.keyword, 'kql-double-not', '`not` cannot directly follow `not`: write `not (not …)`');
    return again !== null;
  }

  private parsePrimary(context: string): KqlExpression {
    const s = this.scanner;
    if (s.charAt(s.pos) === OPEN_PAREN) return this.parseGroup();
    const lexeme = s.charAt(s.pos) === QUOTE ? s.scanQuoted() : s.scanUnquoted();
    if (!lexeme) {
      this.error(this.foundSpan(), 'kql-expected-query', `expected a query ${context}, found ${this.describeFound()}`);
      return this.missing();
    }
    this.lastTokenEnd = lexeme.span.end;
    return this.parseAfterLiteral(lexeme);
  }

  /** A literal is a field name when `:` or a range operator follows it, otherwise free text. */
  private parseAfterLiteral(lexeme: KqlLexeme): KqlExpression {
    const s = this.scanner;
    const afterLiteral = s.pos;
    s.skipSpaces();
    if (s.charAt(s.pos) === COLON) {
      const field = toField(lexeme);
      this.consume(1);
      s.skipSpaces();
      if (s.charAt(s.pos) === OPEN_BRACE) return this.parseNested(field);
      const value = this.parseListOfValues(field);
      return { kind: 'match', span: { start: field.span.start, end: Math.max(value.span.end, this.lastTokenEnd) }, field, value };
    }
    const range = s.rangeOperatorAt(s.pos);
    if (range) {
      const field = toField(lexeme);
      const operatorSpan = { start: s.pos, end: s.pos + range.length };
      this.consume(range.length);
      s.skipSpaces();
      const value = this.parseRangeValue();
      return { kind: 'range', span: { start: field.span.start, end: Math.max(value.span.end, operatorSpan.end) }, field, operator: range.operator, operatorSpan, value };
    }
    s.pos = afterLiteral;
    const value = toValue(lexeme);
    return { kind: 'match', span: value.span, field: null, value };
  }

  private parseRangeValue(): KqlValue | KqlError {
    const s = this.scanner;
    const lexeme = s.charAt(s.pos) === QUOTE ? s.scanQuoted() : s.scanUnquoted();
    if (!lexeme) {
      const hint = s.charAt(s.pos) === OPEN_PAREN ? ' (a range takes a single value, not a list)' : '';
      this.error(this.foundSpan(), 'kql-expected-value', `expected a value after the range operator, found ${this.describeFound()}${hint}`);
      return this.missing();
    }
    this.lastTokenEnd = lexeme.span.end;
    return toValue(lexeme);
  }

  private parseGroup(): KqlExpression {
    const s = this.scanner;
    const open = s.pos;
    this.consume(1);
    s.skipSpaces();
    const body = this.parseEnclosed(CLOSE_PAREN, () => this.parseQuerySequence(), 'a query inside `( )`');
    const closed = this.expectCloser(CLOSE_PAREN, open);
    return { kind: 'group', span: { start: open, end: this.lastTokenEnd }, body, closed };
  }

  private parseNested(field: KqlField): KqlExpression {
    const s = this.scanner;
    const open = s.pos;
    this.consume(1);
    s.skipSpaces();
    const body = this.parseEnclosed(CLOSE_BRACE, () => this.parseQuerySequence(), `a query inside \`${field.raw}:{ }\``);
    const closed = this.expectCloser(CLOSE_BRACE, open);
    return { kind: 'nested', span: { start: field.span.start, end: this.lastTokenEnd }, field, body, closed };
  }

  private parseEnclosed<T extends KqlExpression | KqlValueExpression>(closer: number, parseBody: () => T, what: string): T | KqlError {
    const s = this.scanner;
    if (s.charAt(s.pos) === closer) {
      this.error(this.foundSpan(), 'kql-expected-query', `expected ${what}, found ${this.describeFound()}`);
      return this.missing();
    }
    this.closers.push(closer);
    const body = parseBody();
    this.closers.pop();
    return body;
  }

  private expectCloser(closer: number, open: number): boolean {
    const s = this.scanner;
    s.skipSpaces();
    if (s.charAt(s.pos) === closer) {
      this.consume(1);
      return true;
    }
    const [close, opener] = closer === CLOSE_PAREN ? [')', '('] : ['}', '{'];
    this.error(
      this.foundSpan(),
      closer === CLOSE_PAREN ? 'kql-unclosed-paren' : 'kql-unclosed-brace',
      `expected \`${close}\` to close the \`${opener}\` opened at ${lineColumn(this.text, open)}, found ${this.describeFound()}`,
    );
    return false;
  }

  // ---- value lists -------------------------------------------------------

  /** What follows `field:`: a value or a parenthesised list of values. */
  private parseListOfValues(field: KqlField): KqlValueExpression {
    const s = this.scanner;
    if (s.charAt(s.pos) === OPEN_PAREN) return this.parseValueGroup();
    const not = s.notKeywordAt(s.pos);
    if (not) {
      this.error(not.keyword, 'kql-not-outside-list', `\`not\` cannot follow \`${field.raw}:\` directly: write \`not ${field.raw}:value\` or \`${field.raw}:(not value)\``);
      return this.parseValueNot('after `not`');
    }
    return this.parseValue(`after \`${field.raw}:\``);
  }

  private parseValueGroup(): KqlValueExpression {
    const s = this.scanner;
    const open = s.pos;
    this.consume(1);
    s.skipSpaces();
    const body = this.parseEnclosed(
      CLOSE_PAREN,
      () => this.parseSequence(() => this.parseValueOr(), () => this.operandStartsHere()),
      'a value inside `( )`',
    );
    const closed = this.expectCloser(CLOSE_PAREN, open);
    return { kind: 'value-group', span: { start: open, end: this.lastTokenEnd }, body, closed };
  }

  private parseValueOr(): KqlValueExpression {
    return this.parseChain('or', 'value-or', (context) => this.parseValueAnd(context), 'inside `( )`');
  }

  private parseValueAnd(context: string): KqlValueExpression {
    return this.parseChain('and', 'value-and', (context) => this.parseValueNot(context), context);
  }

  private parseValueNot(context: string): KqlValueExpression {
    return this.parseNegation('value-not', (context) => this.parseValuePrimary(context), context);
  }

  private parseValuePrimary(context: string): KqlValueExpression {
    if (this.scanner.charAt(this.scanner.pos) === OPEN_PAREN) return this.parseValueGroup();
    return this.parseValue(context);
  }

  private parseValue(context: string): KqlValue | KqlError {
    const s = this.scanner;
    const lexeme = s.charAt(s.pos) === QUOTE ? s.scanQuoted() : s.scanUnquoted();
    if (!lexeme) {
      this.error(this.foundSpan(), 'kql-expected-value', `expected a value ${context}, found ${this.describeFound()}`);
      return this.missing();
    }
    this.lastTokenEnd = lexeme.span.end;
    return toValue(lexeme);
  }

  // ---- stray text ---------------------------------------------------------

  /** Reports the token at the current offset, which cannot continue what came before it. */
  private reportStray(): void {
    const s = this.scanner;
    const span = { start: s.pos, end: this.tokenEnd(s.pos) };
    const token = this.text.slice(span.start, span.end);
    const c = s.charAt(s.pos);
    if (c === CLOSE_PAREN || c === CLOSE_BRACE) {
      this.error(span, 'kql-unexpected-token', `unexpected \`${token}\`: there is no \`${c === CLOSE_PAREN ? '(' : '{'}\` to close`);
    } else if (c === COLON) {
      this.error(span, 'kql-unexpected-token', 'unexpected `:`: join another condition with `and` or `or`, or, if `:` is part of the value, escape it as `\\:` or quote the value');
    } else if (s.rangeOperatorAt(s.pos)) {
      this.error(span, 'kql-unexpected-token', `unexpected \`${token}\`: a range is written \`field ${token} value\`; if \`${token}\` is part of the value, escape it with \`\\\` or quote the value`);
    } else if (c === OPEN_BRACE) {
      this.error(span, 'kql-unexpected-token', 'unexpected `{`: a nested query is written `field:{ query }`');
    } else {
      this.reportMissingOperator(span, token);
    }
  }

  private onlySpacesFrom(offset: number): boolean {
    for (let p = offset; p < this.text.length; p++) if (!isKqlSpace(this.text.charCodeAt(p))) return false;
    return true;
  }

  /** `and`/`or` right after a `)` or a quote, where Kibana wants a space before the operator. */
  private gluedOperatorAt(offset: number): string | null {
    if (offset === 0 || isKqlSpace(this.text.charCodeAt(offset - 1))) return null;
    return /^(and|or)(?=[ \t\r\n\u00a0(])/i.exec(this.text.slice(offset, offset + 4))?.[1] ?? null;
  }

  /** A new condition starts without `and`/`or` before it, often because a keyword lacks its spaces. */
  private reportMissingOperator(span: Span, token: string): void {
    const glued = /(and|or|not)$/i.exec(this.text.slice(Math.max(0, span.start - 3), span.start))?.[1];
    const start = glued === undefined ? -1 : span.start - glued.length;
    if (glued !== undefined && this.text.charCodeAt(span.start) === OPEN_PAREN && (start === 0 || /[\s(]/.test(this.text[start - 1]))) {
      this.error({ start, end: span.start }, 'kql-keyword-spacing', `\`${glued}\` needs a space on each side to be an operator; here it is read as part of the text before it`);
      return;
    }
    const leading = this.gluedOperatorAt(span.start);
    if (leading) {
      this.error({ start: span.start, end: span.start + leading.length }, 'kql-keyword-spacing', `\`${leading}\` needs a space on each side to be an operator`);
      return;
    }
    if (/^(and|or|not)$/i.test(token) && this.onlySpacesFrom(span.end)) {
      this.error(span, 'kql-expected-query', `expected a query after \`${token}\``);
      return;
    }
    this.error(span, 'kql-missing-operator', `expected \`and\` or \`or\` before \`${token}\``);
  }
}

function toField(lexeme: KqlLexeme): KqlField {
  return { kind: 'field', span: lexeme.span, raw: lexeme.raw, name: lexeme.value, quoted: lexeme.quoted, pattern: lexeme.pattern };
}

function toValue(lexeme: KqlLexeme): KqlValue {
  const { span, raw, value } = lexeme;
  if (lexeme.quoted) return { kind: 'quoted', span, raw, value };
  if (lexeme.pattern) return { kind: 'wildcard', span, raw, value, pattern: lexeme.pattern };
  return { kind: 'literal', span, raw, value };
}
