// Error-tolerant recursive-descent parser for ES|QL, following the shape of
// Elasticsearch's EsqlBaseParser grammar. Errors are recorded, never thrown;
// every rule returns a node (with `Missing` placeholders where input is
// absent), and the pipeline resynchronises at `|` and at command keywords.
import { lineColumn } from '../common/diagnostics.ts';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type * as A from './ast.ts';
import { Scanner, type ScanMode, type Token, type TokenKind } from './scanner.ts';

/** Words the expression lexer turns into keywords: never column names when unquoted. */
const RESERVED_WORDS = new Set([
  'and', 'asc', 'by', 'desc', 'false', 'first', 'in', 'is', 'last', 'like',
  'not', 'null', 'nulls', 'on', 'or', 'rlike', 'true', 'with', 'where',
]);

const SOURCE_COMMAND_WORDS = new Set(['from', 'row', 'show', 'ts', 'explain', 'promql', 'external']);

/** Processing command words that, met where `|` was due, most likely start the next command. */
const PROCESSING_COMMAND_WORDS = new Set([
  'where', 'eval', 'keep', 'drop', 'rename', 'stats', 'sort', 'limit', 'dissect', 'grok', 'enrich',
  'mv_expand', 'lookup', 'change_point', 'completion', 'sample', 'fork', 'rerank', 'inline', 'inlinestats',
  'fuse', 'uri_parts', 'registered_domain', 'user_agent', 'ip_location', 'metrics_info', 'ts_info',
  'ts_collapse', 'mmr',
]);

const COMPARISON_OPERATORS = new Set<TokenKind>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Deepest expression nesting accepted (parentheses, calls, operator chains):
 * it bounds recursion here and in the analyzer, far above real queries.
 */
export const MAX_EXPRESSION_DEPTH = 300;

const TOKEN_CACHE_SIZE = 4;

export interface EsqlParseOutput {
  ast: A.EsqlQuery;
  diagnostics: QueryDiagnostic[];
}

export function parseEsql(text: string): EsqlParseOutput {
  const parser = new Parser(text);
  const ast = parser.parseQuery();
  return { ast, diagnostics: parser.finish() };
}

function isNameToken(token: Token): boolean {
  return (token.kind === 'identifier' && !RESERVED_WORDS.has(token.lower)) || token.kind === 'quotedIdentifier';
}

class Parser {
  private readonly scanner: Scanner;
  private readonly diagnostics: QueryDiagnostic[] = [];
  /** Where scanning resumes: the end of the last consumed token. */
  private pos = 0;
  private readonly recentTokens: { pos: number; mode: ScanMode; token: Token }[] = [];
  private nextCacheSlot = 0;
  /** Inside FORK branches and FROM subqueries, `)` ends a pipeline. */
  private nesting = 0;
  /** Diagnostic count when the current command started. */
  private commandMark = 0;
  private lastErrorStart = -1;
  /** Current expression nesting, bounded by MAX_EXPRESSION_DEPTH. */
  private depth = 0;

  constructor(private readonly text: string) {
    this.scanner = new Scanner(text);
  }

  finish(): QueryDiagnostic[] {
    for (const problem of this.scanner.triviaProblems.values()) {
      this.diagnostics.push({ span: problem.span, severity: 'error', code: problem.code, message: problem.message });
    }
    return this.diagnostics.sort((a, b) => a.span.start - b.span.start);
  }

  // ------------------------------------------------------------ token plumbing

  /** Scans through a small cache: lookahead and the following peek often ask for the same token. */
  private scanAt(pos: number, mode: ScanMode): Token {
    const cache = this.recentTokens;
    for (let i = 0; i < cache.length; i++) {
      const entry = cache[i]!;
      if (entry.pos === pos && entry.mode === mode) return entry.token;
    }
    const token = this.scanner.scan(pos, mode);
    cache[this.nextCacheSlot] = { pos, mode, token };
    this.nextCacheSlot = (this.nextCacheSlot + 1) % TOKEN_CACHE_SIZE;
    return token;
  }

  private peek(mode: ScanMode = 'expression'): Token {
    return this.scanAt(this.pos, mode);
  }

  private after(token: Token, mode: ScanMode = 'expression'): Token {
    return this.scanAt(token.end, mode);
  }

  private take(token: Token): Token {
    if (token.problem) this.error(token.problem.span, token.problem.code, token.problem.message);
    this.pos = token.end;
    return token;
  }

  private takeWord(word: string, mode: ScanMode = 'expression'): Token | undefined {
    const token = this.peek(mode);
    return token.lower === word ? this.take(token) : undefined;
  }

  private error(span: Span, code: string, message: string): void {
    // One error per spot: a missing token often makes the next rule fail at the same place.
    if (span.start === this.lastErrorStart) return;
    this.lastErrorStart = span.start;
    this.diagnostics.push({ span, severity: 'error', code, message });
  }

  private errorAt(token: Token, code: string, message: string): void {
    // A character that starts no token at all says more than "expected X".
    if (token.kind === 'invalid' && token.problem) this.error(token.problem.span, token.problem.code, token.problem.message);
    else this.error({ start: token.start, end: token.end }, code, message);
  }

  private describe(token: Token): string {
    if (token.kind === 'eof') return 'the end of the query';
    const raw = this.text.slice(token.start, token.end);
    return `\`${raw.length > 40 ? raw.slice(0, 37) + '...' : raw}\``;
  }

  private at(offset: number): string {
    return lineColumn(this.text, offset);
  }

  /** Span from `start` to the end of the last consumed token (empty if nothing was consumed). */
  private spanFrom(start: number): Span {
    return { start, end: Math.max(start, this.pos) };
  }

  /** `what` may be a function so that positions in the message are only computed on failure. */
  private expect(kind: TokenKind, what: string | (() => string), mode: ScanMode = 'expression'): Token | undefined {
    const token = this.peek(mode);
    if (token.kind === kind) return this.take(token);
    if (token.start !== this.lastErrorStart) {
      this.errorAt(token, 'esql-expected-token', `expected ${typeof what === 'string' ? what : what()}, found ${this.describe(token)}`);
    }
    return undefined;
  }

  private expectWord(word: string, what: string, mode: ScanMode = 'expression'): Token | undefined {
    const token = this.takeWord(word, mode);
    if (token) return token;
    const found = this.peek(mode);
    this.errorAt(found, 'esql-expected-token', `expected ${what}, found ${this.describe(found)}`);
    return undefined;
  }

  private missing(): A.MissingExpression {
    const start = this.peek().start;
    return { kind: 'Missing', span: { start, end: start } };
  }

  /** At the end of a command: `|`, the end of the query, or `)` closing a branch. */
  private atCommandEnd(): boolean {
    const token = this.peek();
    return token.kind === '|' || token.kind === 'eof' || (token.kind === ')' && this.nesting > 0);
  }

  /** Skips tokens up to the next `|` (or the `)` closing the current branch). */
  private skipToPipe(): void {
    let depth = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof' || token.kind === '|') return;
      if (token.kind === '(') depth++;
      if (token.kind === ')') {
        if (depth === 0 && this.nesting > 0) return;
        depth = Math.max(0, depth - 1);
      }
      this.pos = token.end;
    }
  }

  // ------------------------------------------------------------ query structure

  parseQuery(): A.EsqlQuery {
    const settings: A.Setting[] = [];
    while (this.peek().lower === 'set' && isNameToken(this.after(this.peek()))) settings.push(this.parseSetting());
    const pipeline = this.parsePipeline(true);
    return { kind: 'Query', span: { start: 0, end: this.text.length }, settings, pipeline };
  }

  private parseSetting(): A.Setting {
    const start = this.take(this.peek()).start;
    const nameToken = this.peek();
    this.take(nameToken);
    this.expect('=', '`=` after the setting name');
    const value = this.peek().kind === '{' ? this.parseMap() : this.parseUnary();
    this.expect(';', '`;` to end the SET statement');
    return { kind: 'Setting', span: this.spanFrom(start), name: nameToken.value, nameSpan: { start: nameToken.start, end: nameToken.end }, value };
  }

  private parsePipeline(startsWithSource: boolean): A.Pipeline {
    const start = this.peek().start;
    const commands: A.Command[] = [this.parseCommand(startsWithSource)];
    const pipes: number[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === '|') {
        pipes.push(token.start);
        this.take(token);
        commands.push(this.parseCommand(false));
        continue;
      }
      if (token.kind === 'eof' || (token.kind === ')' && this.nesting > 0)) break;
      const commandFailed = this.diagnostics.length > this.commandMark;
      if (!commandFailed && token.kind === 'identifier' && PROCESSING_COMMAND_WORDS.has(token.lower)) {
        this.errorAt(token, 'esql-missing-pipe', `expected \`|\` before \`${token.value}\``);
        commands.push(this.parseCommand(false));
        continue;
      }
      if (!commandFailed) {
        this.errorAt(token, 'esql-unexpected-token', `unexpected ${this.describe(token)}; expected \`|\` or the end of the query`);
      }
      this.skipToPipe();
    }
    return { kind: 'Pipeline', span: this.spanFrom(start), commands, pipes };
  }

  private emptyPipeline(): A.Pipeline {
    const start = this.peek().start;
    return { kind: 'Pipeline', span: { start, end: start }, commands: [], pipes: [] };
  }

  private parseCommand(isSource: boolean): A.Command {
    this.commandMark = this.diagnostics.length;
    const token = this.peek();
    if (token.kind !== 'identifier') {
      this.errorAt(
        token,
        'esql-expected-command',
        isSource
          ? `expected a source command such as FROM, ROW, SHOW or TS, found ${this.describe(token)}`
          : `expected a command after \`|\`, found ${this.describe(token)}`,
      );
      return { kind: 'Unknown', name: '', nameSpan: { start: token.start, end: token.start }, span: { start: token.start, end: token.start } };
    }
    const word = token.lower;
    if (isSource && !SOURCE_COMMAND_WORDS.has(word) && (PROCESSING_COMMAND_WORDS.has(word) || word === 'left' || word === 'right' || word === 'full' || word === 'dedup')) {
      this.errorAt(token, 'esql-expected-source-command', `a query must start with a source command such as FROM, ROW, SHOW or TS, not \`${token.value}\``);
    } else if (!isSource && (word === 'from' || word === 'row' || word === 'show' || word === 'ts')) {
      this.errorAt(token, 'esql-unexpected-source-command', `\`${token.value}\` can only start a query, not follow \`|\``);
    }
    return this.parseCommandBody(token);
  }

  private parseCommandBody(token: Token): A.Command {
    const start = token.start;
    const nameSpan = { start: token.start, end: token.end };
    switch (token.lower) {
      case 'from':
        return this.parseFrom(token, false);
      case 'ts':
        return this.parseFrom(token, true);
      case 'row':
        this.take(token);
        return { kind: 'Row', name: 'ROW', nameSpan, fields: this.parseFields(), span: this.spanFrom(start) };
      case 'show': {
        this.take(token);
        const item = this.expectWord('info', '`INFO` after `SHOW`');
        return { kind: 'Show', name: 'SHOW', nameSpan, item: item?.lower, span: this.spanFrom(start) };
      }
      case 'where':
        this.take(token);
        return { kind: 'Where', name: 'WHERE', nameSpan, condition: this.parseBooleanExpression(), span: this.spanFrom(start) };
      case 'eval':
        this.take(token);
        return { kind: 'Eval', name: 'EVAL', nameSpan, fields: this.parseFields(), span: this.spanFrom(start) };
      case 'keep':
        this.take(token);
        return { kind: 'Keep', name: 'KEEP', nameSpan, columns: this.parseColumnPatterns(), span: this.spanFrom(start) };
      case 'drop':
        this.take(token);
        return { kind: 'Drop', name: 'DROP', nameSpan, columns: this.parseColumnPatterns(), span: this.spanFrom(start) };
      case 'rename':
        return this.parseRename(token);
      case 'stats':
        this.take(token);
        return this.parseStats(start, 'STATS', nameSpan, false);
      case 'inlinestats':
        this.take(token);
        return this.parseStats(start, 'INLINESTATS', nameSpan, true);
      case 'inline': {
        this.take(token);
        const stats = this.expectWord('stats', '`STATS` after `INLINE`');
        return this.parseStats(start, 'INLINE STATS', { start, end: stats?.end ?? token.end }, true);
      }
      case 'sort':
        return this.parseSort(token);
      case 'limit':
        return this.parseLimit(token);
      case 'dissect':
        return this.parseDissect(token);
      case 'grok':
        return this.parseGrok(token);
      case 'enrich':
        return this.parseEnrich(token);
      case 'mv_expand':
        this.take(token);
        return { kind: 'MvExpand', name: 'MV_EXPAND', nameSpan, column: this.parseRequiredColumn('a column to expand'), span: this.spanFrom(start) };
      case 'lookup':
        return this.after(token).lower === 'join' ? this.parseJoin(token, 'lookup') : this.parseLookup(token);
      case 'left':
      case 'right':
      case 'full':
        if (this.after(token).lower === 'join') return this.parseJoin(token, token.lower);
        return this.parseUnknown(token);
      case 'change_point':
        return this.parseChangePoint(token);
      case 'completion':
        return this.parseCompletion(token);
      case 'sample':
        return this.parseSample(token);
      case 'fork':
        return this.parseFork(token);
      case 'rerank':
        return this.parseRerank(token);
      case 'fuse':
        return this.parseFuse(token);
      case 'uri_parts':
      case 'registered_domain':
      case 'user_agent':
      case 'ip_location':
        return this.parseExtract(token);
      case 'mmr':
        return this.parseMmr(token);
      case 'metrics_info':
      case 'ts_info':
      case 'ts_collapse':
      case 'dedup':
        this.take(token);
        return { kind: 'Bare', name: token.lower.toUpperCase(), nameSpan, span: this.spanFrom(start) };
      case 'explain':
      case 'promql':
      case 'external':
      case 'highlight':
      case 'dense_vector':
        return this.parseOpaque(token);
    }
    return this.parseUnknown(token);
  }

  private parseUnknown(token: Token): A.UnknownCommand {
    this.take(token);
    // The checker reports the unknown command; its arguments are not analysed.
    this.skipToPipe();
    return { kind: 'Unknown', name: token.value, nameSpan: { start: token.start, end: token.end }, span: this.spanFrom(token.start) };
  }

  private parseOpaque(token: Token): A.OpaqueCommand {
    this.take(token);
    const argumentsStart = this.peek().start;
    this.skipToPipe();
    const argumentsSpan = { start: argumentsStart, end: Math.max(argumentsStart, this.pos) };
    return { kind: 'Opaque', name: token.lower.toUpperCase(), nameSpan: { start: token.start, end: token.end }, argumentsSpan, span: this.spanFrom(token.start) };
  }

  // ------------------------------------------------------------ source commands

  private parseFrom(token: Token, timeSeries: boolean): A.FromCommand {
    this.take(token);
    const sources: (A.IndexPattern | A.Subquery)[] = [];
    let after = token.value;
    for (;;) {
      const next = this.peek('source');
      if ((next.kind === 'source' && next.lower !== 'metadata') || next.kind === 'string') {
        sources.push(this.parseIndexPattern());
      } else if (next.kind === '(') {
        sources.push(this.parseSubquery());
      } else {
        this.errorAt(next, 'esql-expected-source', `expected an index pattern after \`${after}\`, found ${this.describe(next)}`);
        break;
      }
      const comma = this.peek('source');
      if (comma.kind !== ',') break;
      this.take(comma);
      after = ',';
    }
    const metadata: A.MetadataField[] = [];
    if (this.takeWord('metadata', 'source')) {
      for (;;) {
        const field = this.peek('source');
        if (field.kind !== 'source') {
          this.errorAt(field, 'esql-expected-token', `expected a metadata field such as \`_id\`, found ${this.describe(field)}`);
          break;
        }
        this.take(field);
        metadata.push({ kind: 'MetadataField', span: { start: field.start, end: field.end }, name: field.value });
        const comma = this.peek('source');
        if (comma.kind !== ',') break;
        this.take(comma);
      }
    }
    return {
      kind: 'From',
      name: timeSeries ? 'TS' : 'FROM',
      nameSpan: { start: token.start, end: token.end },
      timeSeries,
      sources,
      metadata,
      span: this.spanFrom(token.start),
    };
  }

  private parseIndexPattern(): A.IndexPattern {
    const first = this.peek('source');
    const start = first.start;
    if (first.kind === 'string') {
      this.take(first);
      return { kind: 'IndexPattern', span: this.spanFrom(start), index: first.value, quoted: true };
    }
    if (first.kind !== 'source') {
      this.errorAt(first, 'esql-expected-source', `expected an index pattern, found ${this.describe(first)}`);
      return { kind: 'IndexPattern', span: { start, end: start }, index: '', quoted: false };
    }
    this.take(first);
    let cluster: string | undefined;
    let index = first;
    if (this.peek('source').kind === ':') {
      this.take(this.peek('source'));
      const remote = this.peek('source');
      if (remote.kind === 'source' || remote.kind === 'string') {
        cluster = first.value;
        index = this.take(remote);
      } else {
        this.errorAt(remote, 'esql-expected-source', `expected an index pattern after \`${first.value}:\`, found ${this.describe(remote)}`);
      }
    }
    let selector: string | undefined;
    if (this.peek('source').kind === '::') {
      this.take(this.peek('source'));
      const name = this.peek('source');
      if (name.kind === 'source') selector = this.take(name).value;
      else this.errorAt(name, 'esql-expected-token', `expected a selector such as \`failures\` after \`::\`, found ${this.describe(name)}`);
    }
    return { kind: 'IndexPattern', span: this.spanFrom(start), cluster, index: index.value, selector, quoted: index.kind === 'string' };
  }

  private parseSubquery(): A.Subquery {
    const open = this.take(this.peek('source'));
    const saved = this.depth;
    this.nesting++;
    const pipeline = this.descend() ? this.parsePipeline(true) : this.emptyPipeline();
    this.nesting--;
    this.depth = saved;
    this.expect(')', () => `\`)\` to close the subquery opened at ${this.at(open.start)}`);
    return { kind: 'Subquery', span: this.spanFrom(open.start), pipeline };
  }

  // ------------------------------------------------------------ processing commands

  private parseRename(token: Token): A.RenameCommand {
    this.take(token);
    const clauses: A.RenameClause[] = [];
    for (;;) {
      const first = this.parseColumnPattern();
      const operator = this.peek('pattern');
      if (operator.lower === 'as') {
        this.take(operator);
        const newName = this.parseColumnPattern();
        clauses.push({ kind: 'RenameClause', span: this.spanFrom(first.span.start), oldName: first, newName, form: 'as' });
      } else if (operator.kind === '=') {
        this.take(operator);
        const oldName = this.parseColumnPattern();
        clauses.push({ kind: 'RenameClause', span: this.spanFrom(first.span.start), oldName, newName: first, form: 'assign' });
      } else {
        this.errorAt(operator, 'esql-expected-token', `expected \`AS\` or \`=\` after \`${first.name}\`, found ${this.describe(operator)}`);
        break;
      }
      const comma = this.peek('pattern');
      if (comma.kind !== ',') break;
      this.take(comma);
    }
    return { kind: 'Rename', name: 'RENAME', nameSpan: { start: token.start, end: token.end }, clauses, span: this.spanFrom(token.start) };
  }

  private parseStats(start: number, name: string, nameSpan: Span, inline: boolean): A.StatsCommand {
    const aggregates: A.AggregateField[] = [];
    if (this.peek().lower !== 'by' && !this.atCommandEnd()) {
      for (;;) {
        const field = this.parseField();
        let filter: A.Expression | undefined;
        if (this.takeWord('where')) filter = this.parseBooleanExpression();
        aggregates.push({ kind: 'AggregateField', span: this.spanFrom(field.span.start), field, filter });
        const comma = this.peek();
        if (comma.kind !== ',') break;
        this.take(comma);
      }
    }
    let groupings: A.Field[] = [];
    let byKeyword: Span | undefined;
    const by = this.takeWord('by');
    if (by) {
      byKeyword = { start: by.start, end: by.end };
      groupings = this.parseFields();
    }
    return { kind: 'Stats', name, nameSpan, inline, aggregates, groupings, byKeyword, span: this.spanFrom(start) };
  }

  private parseSort(token: Token): A.SortCommand {
    this.take(token);
    const orders: A.OrderExpression[] = [];
    for (;;) {
      const start = this.peek().start;
      const expression = this.parseBooleanExpression();
      let direction: 'asc' | 'desc' | undefined;
      const word = this.peek();
      if (word.lower === 'asc' || word.lower === 'desc') {
        this.take(word);
        direction = word.lower;
      }
      let nulls: 'first' | 'last' | undefined;
      if (this.takeWord('nulls')) {
        const which = this.peek();
        if (which.lower === 'first' || which.lower === 'last') {
          this.take(which);
          nulls = which.lower;
        } else {
          this.errorAt(which, 'esql-expected-token', `expected \`FIRST\` or \`LAST\` after \`NULLS\`, found ${this.describe(which)}`);
        }
      }
      orders.push({ kind: 'Order', span: this.spanFrom(start), expression, direction, nulls });
      const comma = this.peek();
      if (comma.kind !== ',') break;
      this.take(comma);
    }
    return { kind: 'Sort', name: 'SORT', nameSpan: { start: token.start, end: token.end }, orders, span: this.spanFrom(token.start) };
  }

  private parseLimit(token: Token): A.LimitCommand {
    this.take(token);
    const count = this.parseUnary();
    const groupings = this.takeWord('by') ? this.parseCommaSeparated(() => this.parseBooleanExpression()) : [];
    return { kind: 'Limit', name: 'LIMIT', nameSpan: { start: token.start, end: token.end }, count, groupings, span: this.spanFrom(token.start) };
  }

  private parseStringArgument(what: string): A.Expression {
    const token = this.peek();
    if (token.kind === 'string' || token.kind === 'param') return this.parsePrimary();
    this.errorAt(token, 'esql-expected-token', `expected ${what}, found ${this.describe(token)}`);
    return this.missing();
  }

  private parseDissect(token: Token): A.DissectCommand {
    this.take(token);
    const input = this.parsePostfix();
    const pattern = this.parseStringArgument('a quoted dissect pattern');
    const options: A.CommandOption[] = [];
    while (isNameToken(this.peek()) && this.after(this.peek()).kind === '=') {
      const nameToken = this.take(this.peek());
      this.take(this.peek());
      const value = this.parseUnary();
      options.push({
        kind: 'CommandOption',
        span: this.spanFrom(nameToken.start),
        name: nameToken.value,
        nameSpan: { start: nameToken.start, end: nameToken.end },
        value,
      });
      if (this.peek().kind !== ',') break;
      this.take(this.peek());
    }
    return { kind: 'Dissect', name: 'DISSECT', nameSpan: { start: token.start, end: token.end }, input, pattern, options, span: this.spanFrom(token.start) };
  }

  private parseGrok(token: Token): A.GrokCommand {
    this.take(token);
    const input = this.parsePostfix();
    const patterns = this.parseCommaSeparated(() => this.parseStringArgument('a quoted grok pattern'));
    return { kind: 'Grok', name: 'GROK', nameSpan: { start: token.start, end: token.end }, input, patterns, span: this.spanFrom(token.start) };
  }

  private parseEnrich(token: Token): A.EnrichCommand {
    this.take(token);
    const policyToken = this.peek('policy');
    let policy: A.PolicyName;
    if (policyToken.kind === 'policy' || policyToken.kind === 'string') {
      this.take(policyToken);
      const colon = policyToken.kind === 'policy' ? policyToken.value.indexOf(':') : -1;
      policy = {
        kind: 'PolicyName',
        span: { start: policyToken.start, end: policyToken.end },
        name: colon >= 0 ? policyToken.value.slice(colon + 1) : policyToken.value,
        mode: colon >= 0 ? policyToken.value.slice(0, colon) : undefined,
      };
    } else {
      this.errorAt(policyToken, 'esql-expected-token', `expected an enrich policy name after \`ENRICH\`, found ${this.describe(policyToken)}`);
      policy = { kind: 'PolicyName', span: { start: policyToken.start, end: policyToken.start }, name: '' };
    }
    let matchField: A.ColumnPattern | undefined;
    if (this.takeWord('on', 'pattern')) matchField = this.parseColumnPattern();
    const withClauses: A.EnrichClause[] = [];
    if (this.takeWord('with', 'pattern')) {
      for (;;) {
        const first = this.parseColumnPattern();
        if (this.peek('pattern').kind === '=') {
          this.take(this.peek('pattern'));
          const field = this.parseColumnPattern();
          withClauses.push({ kind: 'EnrichClause', span: this.spanFrom(first.span.start), newName: first, field });
        } else {
          withClauses.push({ kind: 'EnrichClause', span: first.span, field: first });
        }
        const comma = this.peek('pattern');
        if (comma.kind !== ',') break;
        this.take(comma);
      }
    }
    return { kind: 'Enrich', name: 'ENRICH', nameSpan: { start: token.start, end: token.end }, policy, matchField, withClauses, span: this.spanFrom(token.start) };
  }

  private parseJoin(token: Token, joinType: A.JoinCommand['joinType']): A.JoinCommand {
    this.take(token);
    const join = this.take(this.peek());
    const nameSpan = { start: token.start, end: join.end };
    const target = this.parseIndexPattern();
    let qualifier: string | undefined;
    const next = this.peek('source');
    if (next.lower === 'as') {
      this.take(next);
      const alias = this.peek('source');
      if (alias.kind === 'source') qualifier = this.take(alias).value;
      else this.errorAt(alias, 'esql-expected-token', `expected a qualifier after \`AS\`, found ${this.describe(alias)}`);
    } else if (next.kind === 'source' && next.lower !== 'on') {
      qualifier = this.take(next).value;
    }
    const conditions = this.expectWord('on', '`ON` and the join condition', 'source') ? this.parseCommaSeparated(() => this.parseBooleanExpression()) : [];
    return {
      kind: 'Join',
      name: `${joinType.toUpperCase()} JOIN`,
      nameSpan,
      joinType,
      target,
      qualifier,
      conditions,
      span: this.spanFrom(token.start),
    };
  }

  private parseLookup(token: Token): A.LookupCommand {
    this.take(token);
    const table = this.parseIndexPattern();
    let matchFields: A.ColumnPattern[] = [];
    if (this.expectWord('on', '`ON` and the match fields', 'source')) matchFields = this.parseColumnPatterns();
    return { kind: 'Lookup', name: 'LOOKUP', nameSpan: { start: token.start, end: token.end }, table, matchFields, span: this.spanFrom(token.start) };
  }

  private parseChangePoint(token: Token): A.ChangePointCommand {
    this.take(token);
    const value = this.parseRequiredColumn('the column to analyse');
    let key: A.Expression | undefined;
    if (this.takeWord('on')) key = this.parseRequiredColumn('the key column after `ON`');
    let typeColumn: A.ColumnRef | undefined;
    let pvalueColumn: A.ColumnRef | undefined;
    if (this.takeWord('as')) {
      typeColumn = this.parseOptionalColumn('the change type column after `AS`');
      if (this.expect(',', '`,` between the change type and p-value columns')) pvalueColumn = this.parseOptionalColumn('the p-value column');
    }
    const groupings = this.takeWord('by') ? this.parseCommaSeparated(() => this.parseBooleanExpression()) : [];
    return {
      kind: 'ChangePoint',
      name: 'CHANGE_POINT',
      nameSpan: { start: token.start, end: token.end },
      value,
      key,
      typeColumn,
      pvalueColumn,
      groupings,
      span: this.spanFrom(token.start),
    };
  }

  /** `target =` before a command's main expression. */
  private parseAssignmentTarget(): A.ColumnRef | undefined {
    if (!this.atAssignment()) return undefined;
    const target = this.parseColumnRef();
    this.take(this.peek());
    return target;
  }

  private parseCompletion(token: Token): A.CompletionCommand {
    this.take(token);
    let target = this.parseAssignmentTarget();
    const prompt = this.parsePostfix();
    let options: A.MapExpression | undefined;
    let inferenceId: A.Expression | undefined;
    if (this.takeWord('with')) {
      if (this.peek().kind === '{') options = this.parseMap();
      else inferenceId = this.parsePrimary();
    }
    if (this.takeWord('as')) target = this.parseOptionalColumn('the output column after `AS`');
    return {
      kind: 'Completion',
      name: 'COMPLETION',
      nameSpan: { start: token.start, end: token.end },
      target,
      prompt,
      options,
      inferenceId,
      span: this.spanFrom(token.start),
    };
  }

  private parseSample(token: Token): A.SampleCommand {
    this.take(token);
    const probability = this.parseUnary();
    let seed: A.Expression | undefined;
    const next = this.peek();
    if (next.kind === 'integer' || next.kind === 'param') seed = this.parseUnary();
    return { kind: 'Sample', name: 'SAMPLE', nameSpan: { start: token.start, end: token.end }, probability, seed, span: this.spanFrom(token.start) };
  }

  private parseFork(token: Token): A.ForkCommand {
    this.take(token);
    const branches: A.ForkBranch[] = [];
    while (this.peek().kind === '(') {
      const open = this.take(this.peek());
      const saved = this.depth;
      this.nesting++;
      const pipeline = this.descend() ? this.parsePipeline(false) : this.emptyPipeline();
      this.nesting--;
      this.depth = saved;
      this.expect(')', () => `\`)\` to close the FORK branch opened at ${this.at(open.start)}`);
      branches.push({ kind: 'ForkBranch', span: this.spanFrom(open.start), pipeline });
    }
    if (branches.length === 0) {
      const found = this.peek();
      this.errorAt(found, 'esql-expected-token', `expected \`(\` to start a FORK branch, found ${this.describe(found)}`);
    }
    return { kind: 'Fork', name: 'FORK', nameSpan: { start: token.start, end: token.end }, branches, span: this.spanFrom(token.start) };
  }

  private parseRerank(token: Token): A.RerankCommand {
    this.take(token);
    const target = this.parseAssignmentTarget();
    const query = this.parsePrimary();
    let fields: A.Field[] = [];
    if (this.expectWord('on', '`ON` and the fields to rerank on')) fields = this.parseFields();
    let options: A.MapExpression | undefined;
    let inferenceId: A.Expression | undefined;
    if (this.takeWord('with')) {
      if (this.peek().kind === '{') options = this.parseMap();
      else inferenceId = this.parsePrimary();
    }
    return {
      kind: 'Rerank',
      name: 'RERANK',
      nameSpan: { start: token.start, end: token.end },
      target,
      query,
      fields,
      options,
      inferenceId,
      span: this.spanFrom(token.start),
    };
  }

  private parseFuse(token: Token): A.FuseCommand {
    this.take(token);
    const command: A.FuseCommand = { kind: 'Fuse', name: 'FUSE', nameSpan: { start: token.start, end: token.end }, keys: [], span: { start: token.start, end: token.end } };
    const first = this.peek();
    if (isNameToken(first) && first.lower !== 'score' && first.lower !== 'key' && first.lower !== 'group') {
      command.method = this.take(first).value;
    }
    for (;;) {
      const word = this.peek();
      if (word.lower === 'score' || word.lower === 'key' || word.lower === 'group') {
        this.take(word);
        this.expectWord('by', `\`BY\` after \`${word.value}\``);
        if (word.lower === 'score') command.score = this.parseOptionalColumn('the score column');
        else if (word.lower === 'group') command.group = this.parseOptionalColumn('the group column');
        else {
          for (;;) {
            const key = this.parseOptionalColumn('a key column');
            if (key) command.keys.push(key);
            if (this.peek().kind !== ',') break;
            this.take(this.peek());
          }
        }
      } else if (word.lower === 'with') {
        this.take(word);
        command.options = this.parseRequiredMap();
      } else {
        break;
      }
    }
    command.span = this.spanFrom(token.start);
    return command;
  }

  private parseExtract(token: Token): A.ExtractCommand {
    this.take(token);
    const target = this.parseOptionalColumn(`the output column prefix after \`${token.value}\``) ?? this.missingColumn();
    this.expect('=', '`=` after the output column prefix');
    const input = this.parsePostfix();
    let options: A.MapExpression | undefined;
    if (this.takeWord('with')) options = this.parseRequiredMap();
    return {
      kind: 'Extract',
      name: token.lower.toUpperCase(),
      nameSpan: { start: token.start, end: token.end },
      target,
      input,
      options,
      span: this.spanFrom(token.start),
    };
  }

  private parseMmr(token: Token): A.MmrCommand {
    this.take(token);
    let queryVector: A.Expression | undefined;
    if (this.peek().lower !== 'on') queryVector = this.parsePostfix();
    let diversifyField: A.Expression = this.missing();
    if (this.expectWord('on', '`ON` and the field to diversify')) diversifyField = this.parseRequiredColumn('the field to diversify');
    let limit: A.Expression = this.missing();
    if (this.expectWord('limit', '`LIMIT` and the number of results')) limit = this.parseUnary();
    let options: A.MapExpression | undefined;
    if (this.takeWord('with')) options = this.parseRequiredMap();
    return {
      kind: 'Mmr',
      name: 'MMR',
      nameSpan: { start: token.start, end: token.end },
      queryVector,
      diversifyField,
      limit,
      options,
      span: this.spanFrom(token.start),
    };
  }

  // ------------------------------------------------------------ fields, names, patterns

  private parseFields(): A.Field[] {
    return this.parseCommaSeparated(() => this.parseField());
  }

  /** One item, then more after each `,`. */
  private parseCommaSeparated<T>(parseItem: () => T): T[] {
    const items = [parseItem()];
    while (this.peek().kind === ',') {
      this.take(this.peek());
      items.push(parseItem());
    }
    return items;
  }

  private parseField(): A.Field {
    const start = this.peek().start;
    const target = this.parseAssignmentTarget();
    const expression = this.parseBooleanExpression();
    return { kind: 'Field', span: this.spanFrom(start), target, expression };
  }

  /** A qualified name followed by `=` (not `==`). */
  private atAssignment(): boolean {
    let token = this.peek();
    if (!isNameToken(token)) return false;
    for (;;) {
      const next = this.after(token);
      if (next.kind === '=') return true;
      if (next.kind !== '.') return false;
      token = this.after(next);
      if (!isNameToken(token)) return false;
    }
  }

  private missingColumn(): A.ColumnRef {
    const start = this.peek().start;
    return { kind: 'Column', span: { start, end: start }, name: '', parts: [] };
  }

  private parseColumnRef(): A.ColumnRef {
    const first = this.peek();
    const parts: A.NamePart[] = [{ name: first.value, span: { start: first.start, end: first.end }, quoted: first.kind === 'quotedIdentifier' }];
    let name = first.value;
    this.take(first);
    while (this.peek().kind === '.') {
      const dot = this.peek();
      const part = this.after(dot);
      if (!isNameToken(part)) {
        this.take(dot);
        this.errorAt(part, 'esql-expected-token', `expected a name after \`.\`, found ${this.describe(part)}`);
        break;
      }
      this.take(dot);
      this.take(part);
      parts.push({ name: part.value, span: { start: part.start, end: part.end }, quoted: part.kind === 'quotedIdentifier' });
      name += '.' + part.value;
    }
    return { kind: 'Column', span: this.spanFrom(first.start), name, parts };
  }

  private parseOptionalColumn(what: string): A.ColumnRef | undefined {
    const token = this.peek();
    if (isNameToken(token)) return this.parseColumnRef();
    this.errorAt(token, 'esql-expected-column', `expected ${what}, found ${this.describe(token)}`);
    return undefined;
  }

  private parseRequiredColumn(what: string): A.Expression {
    const token = this.peek();
    if (token.kind === 'param') return this.parsePrimary();
    return this.parseOptionalColumn(what) ?? this.missing();
  }

  private parseColumnPatterns(): A.ColumnPattern[] {
    const patterns = [this.parseColumnPattern()];
    while (this.peek('pattern').kind === ',') {
      this.take(this.peek('pattern'));
      patterns.push(this.parseColumnPattern());
    }
    return patterns;
  }

  private parseColumnPattern(): A.ColumnPattern {
    const first = this.peek('pattern');
    if (first.kind !== 'pattern' && first.kind !== 'param') {
      this.errorAt(first, 'esql-expected-column', `expected a column name, found ${this.describe(first)}`);
      return { kind: 'ColumnPattern', span: { start: first.start, end: first.start }, name: '', wildcard: false, parameter: false };
    }
    this.take(first);
    let name = first.value;
    let wildcard = first.wildcard === true;
    let parameter = first.kind === 'param';
    while (this.peek('pattern').kind === '.') {
      const dot = this.peek('pattern');
      const part = this.after(dot, 'pattern');
      this.take(dot);
      if (part.kind !== 'pattern' && part.kind !== 'param') {
        this.errorAt(part, 'esql-expected-token', `expected a name after \`.\`, found ${this.describe(part)}`);
        break;
      }
      this.take(part);
      name += '.' + part.value;
      wildcard ||= part.wildcard === true;
      parameter ||= part.kind === 'param';
    }
    return { kind: 'ColumnPattern', span: this.spanFrom(first.start), name, wildcard, parameter };
  }

  // ------------------------------------------------------------ expressions

  /** Enters one nesting level; false (after reporting) when the limit is reached. */
  private descend(): boolean {
    if (this.depth < MAX_EXPRESSION_DEPTH) {
      this.depth++;
      return true;
    }
    this.errorAt(this.peek(), 'esql-too-deeply-nested', `expressions nest more than ${MAX_EXPRESSION_DEPTH} levels deep here`);
    this.skipToPipe();
    // The enclosing levels all fail at the same resynchronisation point: report nothing more there.
    this.lastErrorStart = this.peek().start;
    return false;
  }

  parseBooleanExpression(): A.Expression {
    const saved = this.depth;
    if (!this.descend()) return this.missing();
    let left = this.parseAnd();
    for (;;) {
      const operator = this.peek();
      if (operator.lower !== 'or' || !this.descend()) break;
      this.take(operator);
      const right = this.parseAnd();
      left = this.binary('or', operator, left, right);
    }
    this.depth = saved;
    return left;
  }

  private parseAnd(): A.Expression {
    const saved = this.depth;
    let left = this.parseNot();
    for (;;) {
      const operator = this.peek();
      if (operator.lower !== 'and' || !this.descend()) break;
      this.take(operator);
      const right = this.parseNot();
      left = this.binary('and', operator, left, right);
    }
    this.depth = saved;
    return left;
  }

  private binary(operator: A.BinaryOperator, token: Token, left: A.Expression, right: A.Expression): A.BinaryExpression {
    return {
      kind: 'Binary',
      span: { start: left.span.start, end: Math.max(right.span.end, token.end) },
      operator,
      operatorSpan: { start: token.start, end: token.end },
      left,
      right,
    };
  }

  private parseNot(): A.Expression {
    const token = this.peek();
    if (token.lower === 'not') {
      const saved = this.depth;
      if (!this.descend()) return this.missing();
      this.take(token);
      const operand = this.parseNot();
      this.depth = saved;
      return { kind: 'Unary', span: { start: token.start, end: Math.max(operand.span.end, token.end) }, operator: 'not', operand };
    }
    return this.parsePredicate();
  }

  private parsePredicate(): A.Expression {
    const value = this.parseValueExpression();
    const start = value.span.start;
    let token = this.peek();
    let negated = false;
    if (token.lower === 'not') {
      const next = this.after(token);
      if (next.lower === 'in' || next.lower === 'like' || next.lower === 'rlike') {
        this.take(token);
        negated = true;
        token = next;
      }
    }
    switch (token.lower) {
      case 'in': {
        this.take(token);
        const open = this.expect('(', '`(` and a list of values after `IN`');
        let list: A.Expression[] = [];
        if (open) {
          list = this.parseCommaSeparated(() => this.parseValueExpression());
          this.expect(')', () => `\`,\` or \`)\` to close the \`IN\` list opened at ${this.at(open.start)}`);
        }
        return { kind: 'In', span: this.spanFrom(start), value, list, negated };
      }
      case 'like':
      case 'rlike': {
        this.take(token);
        const operator = token.lower;
        const open = this.peek();
        if (open.kind === '(') {
          this.take(open);
          const patterns = this.parseCommaSeparated(() => this.parsePrimary());
          this.expect(')', () => `\`,\` or \`)\` to close the pattern list opened at ${this.at(open.start)}`);
          return { kind: 'Like', span: this.spanFrom(start), operator, value, patterns, negated, listForm: true };
        }
        const pattern = this.parsePostfix();
        return { kind: 'Like', span: this.spanFrom(start), operator, value, patterns: [pattern], negated, listForm: false };
      }
      case 'is': {
        if (negated) break;
        this.take(token);
        const isNot = this.takeWord('not') !== undefined;
        this.expectWord('null', isNot ? '`NULL` after `IS NOT`' : '`NULL` or `NOT NULL` after `IS`');
        return { kind: 'IsNull', span: this.spanFrom(start), value, negated: isNot };
      }
    }
    if (!negated && token.kind === ':') {
      this.take(token);
      const query = this.parseUnary();
      return { kind: 'Match', span: this.spanFrom(start), field: value, query };
    }
    return value;
  }

  private parseValueExpression(): A.Expression {
    const left = this.parseAdditive();
    const operator = this.peek();
    if (!COMPARISON_OPERATORS.has(operator.kind)) return left;
    this.take(operator);
    const right = this.parseAdditive();
    return this.binary(operator.kind as A.ComparisonOperator, operator, left, right);
  }

  private parseAdditive(): A.Expression {
    const saved = this.depth;
    let left = this.parseMultiplicative();
    for (;;) {
      const operator = this.peek();
      if ((operator.kind !== '+' && operator.kind !== '-') || !this.descend()) break;
      this.take(operator);
      left = this.binary(operator.kind, operator, left, this.parseMultiplicative());
    }
    this.depth = saved;
    return left;
  }

  private parseMultiplicative(): A.Expression {
    const saved = this.depth;
    let left = this.parseUnary();
    for (;;) {
      const operator = this.peek();
      if ((operator.kind !== '*' && operator.kind !== '/' && operator.kind !== '%') || !this.descend()) break;
      this.take(operator);
      left = this.binary(operator.kind, operator, left, this.parseUnary());
    }
    this.depth = saved;
    return left;
  }

  private parseUnary(): A.Expression {
    const token = this.peek();
    if (token.kind === '-' || token.kind === '+') {
      const saved = this.depth;
      if (!this.descend()) return this.missing();
      this.take(token);
      const operand = this.parseUnary();
      this.depth = saved;
      return { kind: 'Unary', span: { start: token.start, end: Math.max(operand.span.end, token.end) }, operator: token.kind, operand };
    }
    return this.parsePostfix();
  }

  /** A primary expression followed by any number of `::type` casts. */
  private parsePostfix(): A.Expression {
    const saved = this.depth;
    let value = this.parsePrimary();
    while (this.peek().kind === '::' && this.descend()) {
      this.take(this.peek());
      const type = this.peek();
      if (type.kind !== 'identifier' && type.kind !== 'quotedIdentifier') {
        this.errorAt(type, 'esql-expected-token', `expected a type name after \`::\`, found ${this.describe(type)}`);
        break;
      }
      this.take(type);
      value = { kind: 'Cast', span: this.spanFrom(value.span.start), value, typeName: type.value, typeSpan: { start: type.start, end: type.end } };
    }
    this.depth = saved;
    return value;
  }

  parsePrimary(): A.Expression {
    const token = this.peek();
    switch (token.kind) {
      case 'integer':
      case 'decimal':
        return this.parseNumber(token);
      case 'string':
        this.take(token);
        return {
          kind: 'Literal',
          span: { start: token.start, end: token.end },
          literalType: 'string',
          value: token.value,
          raw: this.text.slice(token.start, token.end),
          tripleQuoted: token.tripleQuoted,
        };
      case 'param':
        if (this.after(token).kind === '(') return this.parseFunctionCall(token);
        return this.parseParam(token);
      case '[':
        return this.parseList(token);
      case '(': {
        this.take(token);
        const expression = this.parseBooleanExpression();
        this.expect(')', () => `\`)\` to close the parenthesis opened at ${this.at(token.start)}`);
        return { kind: 'Paren', span: this.spanFrom(token.start), expression };
      }
      case 'identifier':
        switch (token.lower) {
          case 'null':
            this.take(token);
            return { kind: 'Literal', span: { start: token.start, end: token.end }, literalType: 'null', value: null, raw: token.value };
          case 'true':
          case 'false':
            this.take(token);
            return { kind: 'Literal', span: { start: token.start, end: token.end }, literalType: 'boolean', value: token.lower === 'true', raw: token.value };
        }
        if (this.after(token).kind === '(' && (!RESERVED_WORDS.has(token.lower) || token.lower === 'first' || token.lower === 'last')) {
          return this.parseFunctionCall(token);
        }
        if (RESERVED_WORDS.has(token.lower)) break;
        return this.parseColumnRef();
      case 'quotedIdentifier':
        if (this.after(token).kind === '(') return this.parseFunctionCall(token);
        return this.parseColumnRef();
    }
    this.errorAt(token, 'esql-expected-expression', `expected an expression, found ${this.describe(token)}`);
    return this.missing();
  }

  private parseNumber(token: Token): A.Expression {
    this.take(token);
    const raw = token.value;
    if (token.kind === 'integer') {
      const unit = this.peek();
      if (unit.kind === 'identifier' && !RESERVED_WORDS.has(unit.lower)) {
        this.take(unit);
        return {
          kind: 'TimeSpan',
          span: { start: token.start, end: unit.end },
          quantity: Number(raw),
          unit: unit.value,
          unitSpan: { start: unit.start, end: unit.end },
          raw: this.text.slice(token.start, unit.end),
        };
      }
      return { kind: 'Literal', span: { start: token.start, end: token.end }, literalType: 'integer', value: Number(raw), raw };
    }
    return { kind: 'Literal', span: { start: token.start, end: token.end }, literalType: 'decimal', value: Number(raw), raw };
  }

  private parseParam(token: Token): A.Param {
    this.take(token);
    const raw = token.value;
    const identifierParam = raw.startsWith('??');
    const body = raw.slice(identifierParam ? 2 : 1);
    const param: A.Param = { kind: 'Param', span: { start: token.start, end: token.end }, raw, identifierParam };
    if (/^\d+$/.test(body)) param.position = Number(body);
    else if (body !== '') param.name = body;
    return param;
  }

  private parseList(open: Token): A.ListLiteral {
    this.take(open);
    const saved = this.depth;
    const items = this.descend() && this.peek().kind !== ']' ? this.parseCommaSeparated(() => this.parseUnary()) : [];
    this.depth = saved;
    this.expect(']', () => `\`,\` or \`]\` to close the list opened at ${this.at(open.start)}`);
    return { kind: 'List', span: this.spanFrom(open.start), items };
  }

  private parseFunctionCall(nameToken: Token): A.FunctionCall {
    this.take(nameToken);
    const open = this.take(this.peek());
    const call: A.FunctionCall = {
      kind: 'Function',
      span: { start: nameToken.start, end: nameToken.end },
      name: nameToken.value,
      lowerName: nameToken.value.toLowerCase(),
      nameSpan: { start: nameToken.start, end: nameToken.end },
      args: [],
      star: false,
      openParen: open.start,
      commas: [],
    };
    const first = this.peek();
    if (first.kind === ')') {
      call.closeParen = this.take(first).start;
    } else if (first.kind === '*' && this.after(first).kind === ')') {
      this.take(first);
      call.star = true;
      call.closeParen = this.take(this.peek()).start;
    } else {
      for (;;) {
        call.args.push(this.parseArgument());
        const next = this.peek();
        if (next.kind === ',') {
          call.commas.push(next.start);
          this.take(next);
          continue;
        }
        if (next.kind === ')') {
          call.closeParen = this.take(next).start;
        } else {
          this.errorAt(next, 'esql-expected-token', `expected \`,\` or \`)\` to close the arguments of \`${call.name}\` opened at ${this.at(open.start)}, found ${this.describe(next)}`);
        }
        break;
      }
    }
    call.span = this.spanFrom(nameToken.start);
    return call;
  }

  private parseArgument(): A.Expression {
    const token = this.peek();
    if (token.kind === '{') return this.parseMap();
    if (this.atLambda(token)) return this.parseLambda(token);
    return this.parseBooleanExpression();
  }

  /** `x ->` or `(x, y) ->`. */
  private atLambda(token: Token): boolean {
    if (isNameToken(token)) return this.after(token).kind === '->';
    if (token.kind !== '(') return false;
    let next = this.after(token);
    if (next.kind === ')') return this.after(next).kind === '->';
    for (;;) {
      if (!isNameToken(next)) return false;
      next = this.after(next);
      if (next.kind === ')') return this.after(next).kind === '->';
      if (next.kind !== ',') return false;
      next = this.after(next);
    }
  }

  private parseLambda(token: Token): A.Lambda {
    const params: A.NamePart[] = [];
    const addParam = (name: Token) => params.push({ name: name.value, span: { start: name.start, end: name.end }, quoted: name.kind === 'quotedIdentifier' });
    if (token.kind === '(') {
      this.take(token);
      while (this.peek().kind !== ')') {
        addParam(this.take(this.peek()));
        if (this.peek().kind === ',') this.take(this.peek());
      }
      this.take(this.peek());
    } else {
      addParam(this.take(token));
    }
    this.take(this.peek());
    const body = this.parseBooleanExpression();
    return { kind: 'Lambda', span: this.spanFrom(token.start), params, body };
  }

  private parseRequiredMap(): A.MapExpression {
    const token = this.peek();
    if (token.kind === '{') return this.parseMap();
    this.errorAt(token, 'esql-expected-token', `expected \`{\` and named parameters, found ${this.describe(token)}`);
    return { kind: 'Map', span: { start: token.start, end: token.start }, entries: [] };
  }

  private parseMap(): A.MapExpression {
    const open = this.take(this.peek());
    const entries: A.MapEntry[] = [];
    const saved = this.depth;
    if (this.descend() && this.peek().kind !== '}') {
      for (;;) {
        const keyToken = this.peek();
        if (keyToken.kind !== 'string') {
          this.errorAt(keyToken, 'esql-expected-token', `expected a quoted parameter name, found ${this.describe(keyToken)}`);
          break;
        }
        this.take(keyToken);
        const key: A.Literal = {
          kind: 'Literal',
          span: { start: keyToken.start, end: keyToken.end },
          literalType: 'string',
          value: keyToken.value,
          raw: this.text.slice(keyToken.start, keyToken.end),
        };
        let value: A.Expression = this.missing();
        if (this.expect(':', `\`:\` after the parameter name ${this.describe(keyToken)}`)) {
          value = this.peek().kind === '{' ? this.parseMap() : this.parseUnary();
        }
        entries.push({ kind: 'MapEntry', span: this.spanFrom(keyToken.start), key, value });
        if (this.peek().kind !== ',') break;
        this.take(this.peek());
      }
    }
    this.depth = saved;
    this.expect('}', () => `\`,\` or \`}\` to close the parameters opened at ${this.at(open.start)}`);
    return { kind: 'Map', span: this.spanFrom(open.start), entries };
  }
}
