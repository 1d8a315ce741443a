// Semantic analysis of a parsed ES|QL query: functions and operators against
// the published definitions, aggregation placement, and the set of columns
// flowing through the pipeline (so references to columns that STATS, KEEP,
// DROP or RENAME removed are caught, while index fields stay open-ended).
import { DiagnosticSink, lineColumn, type QueryDiagnostic, type Span } from '../common/diagnostics.ts';
import type * as A from './ast.ts';
import { ColumnScope, type ClosedBy, type ColumnInfo } from './columns.ts';
import {
  castFunction,
  castTypeNames,
  commandOutputColumns,
  functionDefinition,
  isAggregateFunction,
  isGroupingFunction,
  isLegacyCommandName,
  isTimeSeriesAggregate,
  operatorDefinition,
  timeSpanType,
  type FunctionDefinition,
} from './definitions.ts';
import { dissectColumns, grokColumns, type ExtractedColumns } from './extraction.ts';
import {
  describeArity,
  isStringType,
  literalType,
  resolveCall,
  resolveSignatures,
  type ArgumentInfo,
  type CallResolution,
  type EsqlType,
} from './typing.ts';
import { childrenOf } from './walk.ts';

export interface EsqlAnalysis {
  diagnostics: QueryDiagnostic[];
  /** The columns each command receives. */
  inputScopes: Map<A.Command, ColumnScope>;
  /** The columns the query produces. */
  outputScope: ColumnScope;
}

/** Types of the metadata fields FROM ... METADATA can request. */
const METADATA_TYPES: Record<string, EsqlType> = {
  _id: 'keyword',
  _index: 'keyword',
  _version: 'long',
  _score: 'double',
  _ignored: 'keyword',
  _source: '_source',
  _index_mode: 'keyword',
  _tsid: 'keyword',
};

/** Commands that the grammar only enables in development builds. */
const DEVELOPMENT_ONLY_COMMANDS = new Set(['EXPLAIN', 'EXTERNAL', 'HIGHLIGHT', 'DENSE_VECTOR', 'DEDUP', 'LOOKUP', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN']);

type Place = 'row' | 'eval' | 'where' | 'sort' | 'command' | 'stats-grouping' | 'stats-aggregate' | 'stats-filter';

interface ExpressionContext {
  place: Place;
  /** The aggregate function whose arguments are being checked. */
  insideAggregate?: A.FunctionCall;
}

export function analyzeEsql(ast: A.EsqlQuery, text: string): EsqlAnalysis {
  const analyzer = new Analyzer(text);
  const outputScope = analyzer.pipeline(ast.pipeline, undefined);
  const diagnostics = analyzer.sink.items.sort((a, b) => a.span.start - b.span.start);
  return { diagnostics, inputScopes: analyzer.inputScopes, outputScope };
}

function unparen(expression: A.Expression): A.Expression {
  while (expression.kind === 'Paren') expression = expression.expression;
  return expression;
}

function expressionChildren(node: A.EsqlNode): A.Expression[] {
  return childrenOf(node).filter((child): child is A.Expression => child.kind !== 'MapEntry') as A.Expression[];
}

function typeList(types: readonly string[]): string {
  return `[${types.join(', ')}]`;
}

class Analyzer {
  readonly sink = new DiagnosticSink();
  readonly inputScopes = new Map<A.Command, ColumnScope>();

  constructor(private readonly text: string) {}

  private source(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  private at(span: Span): string {
    return lineColumn(this.text, span.start);
  }

  // ------------------------------------------------------------ pipeline

  pipeline(pipeline: A.Pipeline, input: ColumnScope | undefined): ColumnScope {
    let scope = input ?? ColumnScope.open();
    for (const command of pipeline.commands) {
      this.inputScopes.set(command, scope);
      scope = this.command(command, scope);
    }
    return scope;
  }

  private closedBy(command: A.Command): ClosedBy {
    return { command: command.name, span: command.nameSpan };
  }

  private command(command: A.Command, input: ColumnScope): ColumnScope {
    if (DEVELOPMENT_ONLY_COMMANDS.has(command.name)) {
      this.sink.warning(command.nameSpan, 'esql-snapshot-only-command', `\`${command.name}\` is only available in development (snapshot) builds of Elasticsearch`);
    }
    switch (command.kind) {
      case 'From':
        return this.from(command);
      case 'Row': {
        const scope = ColumnScope.closed([], this.closedBy(command));
        for (const field of command.fields) this.assign(field, scope, { place: 'row' });
        return scope;
      }
      case 'Show':
        return ColumnScope.closed(
          ['version', 'date', 'hash'].map((name) => ({ name, type: 'keyword' })),
          this.closedBy(command),
        );
      case 'Where':
        this.condition(command.condition, input, { place: 'where' }, 'WHERE');
        return input;
      case 'Eval': {
        const scope = input.clone();
        for (const field of command.fields) this.assign(field, scope, { place: 'eval' });
        return scope;
      }
      case 'Keep':
        return this.keep(command, input);
      case 'Drop':
        return this.drop(command, input);
      case 'Rename':
        return this.rename(command, input);
      case 'Stats':
        return this.stats(command, input);
      case 'Sort':
        for (const order of command.orders) this.typeOf(order.expression, input, { place: 'sort' });
        return input;
      case 'Limit':
        this.limit(command);
        for (const grouping of command.groupings) this.typeOf(grouping, input, { place: 'command' });
        return input;
      case 'Dissect':
        return this.extract(command.input, [command.pattern], input, 'DISSECT', dissectColumns, command.options);
      case 'Grok':
        return this.extract(command.input, command.patterns, input, 'GROK', grokColumns, []);
      case 'Enrich':
        return this.enrich(command, input);
      case 'MvExpand':
        this.typeOf(command.column, input, { place: 'command' });
        return input;
      case 'Join':
        return this.join(command, input);
      case 'ChangePoint': {
        this.typeOf(command.value, input, { place: 'command' });
        if (command.key) this.typeOf(command.key, input, { place: 'command' });
        for (const grouping of command.groupings) this.typeOf(grouping, input, { place: 'command' });
        const scope = input.clone();
        scope.set({ name: command.typeColumn?.name ?? 'type', type: 'keyword', origin: command.span });
        scope.set({ name: command.pvalueColumn?.name ?? 'pvalue', type: 'double', origin: command.span });
        return scope;
      }
      case 'Completion': {
        this.typeOf(command.prompt, input, { place: 'command' });
        const scope = input.clone();
        scope.set({ name: command.target?.name ?? 'completion', type: 'keyword', origin: command.span });
        return scope;
      }
      case 'Sample':
        this.sample(command);
        return input;
      case 'Fork': {
        const outputs = command.branches.map((branch) => this.pipeline(branch.pipeline, input.clone()));
        const scope = ColumnScope.union(outputs.length > 0 ? outputs : [input], this.closedBy(command));
        scope.set({ name: '_fork', type: 'keyword', origin: command.nameSpan });
        return scope;
      }
      case 'Rerank': {
        this.typeOf(command.query, input, { place: 'command' });
        for (const field of command.fields) this.typeOf(field.expression, input, { place: 'command' });
        const scope = input.clone();
        scope.set({ name: command.target?.name ?? '_score', type: 'double', origin: command.span });
        return scope;
      }
      case 'Fuse':
        for (const column of [command.score, command.group, ...command.keys]) {
          if (column) this.typeOf(column, input, { place: 'command' });
        }
        return input;
      case 'Extract': {
        this.typeOf(command.input, input, { place: 'command' });
        const scope = input.clone();
        const outputs = commandOutputColumns(command.name);
        if (outputs) {
          for (const output of outputs) scope.set({ name: `${command.target.name}.${output.name}`, type: output.type, origin: command.span });
        } else {
          scope.openUp(`${command.target.name}.*`);
        }
        return scope;
      }
      case 'Mmr':
        if (command.queryVector) this.typeOf(command.queryVector, input, { place: 'command' });
        this.typeOf(command.diversifyField, input, { place: 'command' });
        this.typeOf(command.limit, input, { place: 'command' });
        return input;
      case 'Lookup': {
        for (const field of command.matchFields) this.requireColumn(field, input);
        const scope = input.clone();
        scope.openUp();
        return scope;
      }
      case 'Bare':
        // METRICS_INFO and TS_INFO describe the data; their columns are not published.
        return command.name === 'METRICS_INFO' || command.name === 'TS_INFO' ? ColumnScope.open() : input;
      case 'Opaque': {
        if (command.name === 'EXPLAIN' || command.name === 'PROMQL' || command.name === 'EXTERNAL') return ColumnScope.open();
        const scope = input.clone();
        scope.openUp();
        return scope;
      }
      case 'Unknown':
        if (command.name !== '') {
          this.sink.error(
            command.nameSpan,
            'esql-unknown-command',
            isLegacyCommandName(command.name)
              ? `\`${command.name.toUpperCase()}\` is no longer an ES|QL command`
              : `unknown command \`${command.name}\``,
          );
        }
        return ColumnScope.open();
    }
  }

  private from(command: A.FromCommand): ColumnScope {
    for (const source of command.sources) {
      if (source.kind === 'Subquery') this.pipeline(source.pipeline, undefined);
    }
    const scope = ColumnScope.open();
    for (const field of command.metadata) {
      scope.set({ name: field.name, type: METADATA_TYPES[field.name], origin: field.span });
    }
    return scope;
  }

  /** EVAL / ROW field: typed against the scope, then added to it. */
  private assign(field: A.Field, scope: ColumnScope, context: ExpressionContext): void {
    const type = this.typeOf(field.expression, scope, context);
    scope.set({ name: this.fieldName(field), type, origin: field.span });
  }

  /** The column a field creates: its target, the referenced column, or its source text. */
  private fieldName(field: A.Field): string {
    if (field.target) return field.target.name;
    const expression = field.expression;
    return expression.kind === 'Column' ? expression.name : this.source(expression.span);
  }

  private condition(expression: A.Expression, scope: ColumnScope, context: ExpressionContext, commandName: string): void {
    const type = this.typeOf(expression, scope, context);
    if (type !== undefined && type !== 'boolean' && type !== 'null') {
      this.sink.error(expression.span, 'esql-condition-not-boolean', `the ${commandName} condition must be boolean, but \`${this.source(expression.span)}\` is [${type}]`);
    }
  }

  // ------------------------------------------------------------ column commands

  private missingColumn(span: Span, name: string, scope: ColumnScope, wildcard = false): void {
    const closed = scope.closedBy;
    const reason = closed ? `; the columns here are the ones ${closed.command} at ${this.at(closed.span)} left` : '';
    const what = wildcard ? `no column matches \`${name}\`` : `unknown column \`${name}\``;
    this.sink.error(span, 'esql-unknown-column', what + reason);
  }

  /** A column named in KEEP / DROP / RENAME / ENRICH ON must exist (or may, while the set is open). */
  private requireColumn(pattern: A.ColumnPattern, scope: ColumnScope): ColumnInfo[] | undefined {
    if (pattern.name === '' || pattern.parameter) return undefined;
    if (pattern.wildcard) {
      const matches = scope.matching(pattern.name);
      if (matches.length === 0 && !scope.mayHaveMatches(pattern.name)) this.missingColumn(pattern.span, pattern.name, scope, true);
      return matches;
    }
    const resolution = scope.resolve(pattern.name);
    if (resolution.status === 'missing') {
      this.missingColumn(pattern.span, pattern.name, scope);
      return undefined;
    }
    return [resolution.status === 'known' ? resolution.column : { name: pattern.name, type: undefined }];
  }

  private keep(command: A.KeepCommand, input: ColumnScope): ColumnScope {
    const kept = new Map<string, ColumnInfo>();
    const wildcards: string[] = [];
    for (const pattern of command.columns) {
      // A `?param` may name any of the columns.
      const columns = pattern.parameter ? input.columns() : (this.requireColumn(pattern, input) ?? []);
      for (const column of columns) {
        // An explicit name outranks a wildcard that matched the same column earlier.
        if (!pattern.wildcard) kept.delete(column.name);
        if (!kept.has(column.name)) kept.set(column.name, column);
      }
      if (pattern.wildcard || pattern.parameter) wildcards.push(pattern.parameter ? '*' : pattern.name);
    }
    return input.keep([...kept.values()], wildcards, this.closedBy(command));
  }

  private drop(command: A.DropCommand, input: ColumnScope): ColumnScope {
    const scope = input.clone();
    for (const pattern of command.columns) {
      this.requireColumn(pattern, input);
      if (pattern.name !== '' && !pattern.parameter) scope.drop(pattern.name);
    }
    return scope;
  }

  private rename(command: A.RenameCommand, input: ColumnScope): ColumnScope {
    const scope = input.clone();
    for (const clause of command.clauses) {
      const { oldName, newName } = clause;
      if (oldName.name === '' || newName.name === '') continue;
      if (oldName.wildcard || newName.wildcard) {
        this.requireColumn(oldName, scope);
        scope.openUp(newName.name);
        continue;
      }
      const resolution = scope.resolve(oldName.name);
      if (resolution.status === 'missing') {
        this.missingColumn(oldName.span, oldName.name, scope);
        continue;
      }
      const type = resolution.status === 'known' ? resolution.column.type : undefined;
      scope.drop(oldName.name);
      scope.set({ name: newName.name, type, origin: clause.span });
    }
    return scope;
  }

  private enrich(command: A.EnrichCommand, input: ColumnScope): ColumnScope {
    if (command.matchField) this.requireColumn(command.matchField, input);
    const scope = input.clone();
    if (command.withClauses.length === 0) {
      // Without WITH, ENRICH adds every enrich field of the policy: names unknown here.
      scope.openUp();
      return scope;
    }
    for (const clause of command.withClauses) {
      const target = clause.newName ?? clause.field;
      if (target.wildcard || clause.field.wildcard) scope.openUp(target.name);
      else if (target.name !== '') scope.set({ name: target.name, type: undefined, origin: clause.span });
    }
    return scope;
  }

  private join(command: A.JoinCommand, input: ColumnScope): ColumnScope {
    for (const condition of command.conditions) {
      // `ON field` names a column on both sides; expression conditions also
      // reference lookup-index fields, which cannot be checked here.
      if (condition.kind === 'Column') this.typeOf(condition, input, { place: 'command' });
    }
    const scope = input.clone();
    scope.openUp();
    return scope;
  }

  private extract(
    inputExpression: A.Expression,
    patterns: readonly A.Expression[],
    input: ColumnScope,
    commandName: string,
    columnsOf: (pattern: string) => ExtractedColumns,
    options: readonly A.CommandOption[],
  ): ColumnScope {
    const inputType = this.typeOf(inputExpression, input, { place: 'command' });
    if (inputType !== undefined && inputType !== 'null' && !isStringType(inputType)) {
      this.sink.error(inputExpression.span, 'esql-argument-type', `${commandName} only supports keyword or text values, but \`${this.source(inputExpression.span)}\` is [${inputType}]`);
    }
    for (const option of options) {
      if (option.name.toLowerCase() !== 'append_separator') {
        this.sink.error(option.nameSpan, 'esql-unknown-option', `unknown ${commandName} option \`${option.name}\`; the only option is APPEND_SEPARATOR`);
      }
      this.typeOf(option.value, input, { place: 'command' });
    }
    const scope = input.clone();
    for (const pattern of patterns) {
      if (pattern.kind !== 'Literal' || typeof pattern.value !== 'string') {
        scope.openUp();
        continue;
      }
      const extracted = columnsOf(pattern.value);
      for (const column of extracted.columns) scope.set({ ...column, origin: pattern.span });
      if (extracted.dynamic) scope.openUp();
    }
    return scope;
  }

  private limit(command: A.LimitCommand): void {
    const count = command.count;
    if (count.kind === 'Missing' || count.kind === 'Param') return;
    const negative = count.kind === 'Unary' && count.operator === '-' && count.operand.kind === 'Literal';
    if (count.kind === 'Literal' && count.literalType === 'integer') return;
    this.sink.error(
      count.span,
      'esql-invalid-limit',
      negative ? `LIMIT must not be negative, found \`${this.source(count.span)}\`` : `LIMIT takes a whole number of rows, found \`${this.source(count.span)}\``,
    );
  }

  private sample(command: A.SampleCommand): void {
    const probability = unparen(command.probability);
    if (probability.kind === 'Missing' || probability.kind === 'Param') return;
    if (probability.kind === 'Literal' && typeof probability.value === 'number' && probability.value > 0 && probability.value < 1) return;
    this.sink.error(
      command.probability.span,
      'esql-invalid-sample-probability',
      `SAMPLE takes a probability between 0 and 1 (exclusive), found \`${this.source(command.probability.span)}\``,
    );
  }

  // ------------------------------------------------------------ STATS

  private stats(command: A.StatsCommand, input: ColumnScope): ColumnScope {
    const groupingNames = new Set<string>();
    const groupingFunctionTexts = new Set<string>();
    const groupingColumns: ColumnInfo[] = [];
    for (const grouping of command.groupings) {
      const type = this.typeOf(grouping.expression, input, { place: 'stats-grouping' });
      const name = this.fieldName(grouping);
      groupingNames.add(name);
      const expression = unparen(grouping.expression);
      if (expression.kind === 'Column') groupingNames.add(expression.name);
      if (expression.kind === 'Function') groupingFunctionTexts.add(this.normalizedText(expression));
      groupingColumns.push({ name, type, origin: grouping.span });
    }
    // Aggregates may refer to grouping aliases (`STATS max(x) + k BY k = ...`).
    const aggregateScope = input.clone();
    for (const column of groupingColumns) aggregateScope.set(column);
    const aggregateColumns: ColumnInfo[] = [];
    for (const aggregate of command.aggregates) {
      const field = aggregate.field;
      const type = this.typeOf(field.expression, aggregateScope, { place: 'stats-aggregate' });
      if (aggregate.filter) {
        this.condition(aggregate.filter, aggregateScope, { place: 'stats-filter' }, 'aggregate WHERE');
        if (!this.containsAggregate(field.expression)) {
          this.sink.error(
            aggregate.filter.span,
            'esql-filter-without-aggregate',
            `a WHERE filter applies only to aggregate functions, and \`${this.source(field.expression.span)}\` has none`,
          );
        }
      }
      this.aggregateShape(field.expression, 0, aggregateScope, groupingNames, groupingFunctionTexts);
      aggregateColumns.push({ name: this.fieldName(field), type, origin: aggregate.span });
    }
    if (command.inline) {
      const scope = input.clone();
      for (const column of [...aggregateColumns, ...groupingColumns]) scope.set(column);
      return scope;
    }
    // Later definitions of a name win, as in Elasticsearch.
    const output = new Map<string, ColumnInfo>();
    for (const column of [...aggregateColumns, ...groupingColumns]) {
      output.delete(column.name);
      output.set(column.name, column);
    }
    return ColumnScope.closed([...output.values()], this.closedBy(command));
  }

  private normalizedText(node: A.Expression): string {
    return this.source(node.span).replace(/\s+/g, '').toLowerCase();
  }

  private containsAggregate(expression: A.Expression): boolean {
    if (expression.kind === 'Function') {
      const definition = functionDefinition(expression.name);
      if (definition && isAggregateFunction(definition)) return true;
    }
    return expressionChildren(expression).some((child) => this.containsAggregate(child));
  }

  private isFoldable(expression: A.Expression): boolean {
    switch (expression.kind) {
      case 'Literal':
      case 'TimeSpan':
      case 'List':
      case 'Param':
        return true;
      case 'Column':
      case 'Lambda':
      case 'Map':
      case 'Missing':
        return false;
      case 'Function': {
        const definition = functionDefinition(expression.name);
        if (!definition || definition.type !== 'scalar' || expression.star) return false;
        return expression.args.every((arg) => this.isFoldable(arg));
      }
      default:
        return expressionChildren(expression).every((child) => this.isFoldable(child));
    }
  }

  /**
   * Every STATS aggregate must be an aggregate function, or an expression over
   * aggregates, grouping keys and constants (Elasticsearch's Verifier rules).
   */
  private aggregateShape(expression: A.Expression, level: number, scope: ColumnScope, groupingNames: Set<string>, groupingFunctionTexts: Set<string>): void {
    const e = unparen(expression);
    if (e.kind === 'Missing') return;
    if (e.kind === 'Function') {
      const definition = functionDefinition(e.name);
      if (!definition || isAggregateFunction(definition)) return;
      if (isGroupingFunction(definition)) {
        if (!groupingFunctionTexts.has(this.normalizedText(e))) {
          this.sink.error(e.span, 'esql-grouping-function-not-in-by', `the grouping function \`${this.source(e.span)}\` can only be used in the BY clause`);
        } else if (level === 0) {
          this.sink.error(e.span, 'esql-grouping-key-as-aggregate', `the grouping function \`${this.source(e.span)}\` is already a BY key and cannot also be an aggregate`);
        }
        return;
      }
    }
    if (this.isFoldable(e)) {
      if (level === 0) this.sink.error(e.span, 'esql-expected-aggregate', `expected an aggregate function but found \`${this.source(e.span)}\``);
      return;
    }
    if (e.kind === 'Column') {
      if (groupingNames.has(e.name)) {
        if (level === 0) this.sink.error(e.span, 'esql-grouping-key-as-aggregate', `\`${e.name}\` is a BY key and cannot also be an aggregate`);
      } else if (scope.resolve(e.name).status !== 'missing') {
        this.sink.error(e.span, 'esql-non-grouped-column', `column \`${e.name}\` must appear in the STATS BY clause or be used in an aggregate function`);
      }
      return;
    }
    for (const child of expressionChildren(e)) this.aggregateShape(child, level + 1, scope, groupingNames, groupingFunctionTexts);
  }

  // ------------------------------------------------------------ expressions

  private argumentInfo(expression: A.Expression, scope: ColumnScope, context: ExpressionContext): ArgumentInfo {
    const type = this.typeOf(expression, scope, context);
    const e = unparen(expression);
    return {
      type,
      stringLiteral: e.kind === 'Literal' && e.literalType === 'string',
      map: e.kind === 'Map',
    };
  }

  /** Checks an expression and returns its type (undefined when unknown). */
  typeOf(expression: A.Expression, scope: ColumnScope, context: ExpressionContext): EsqlType | undefined {
    switch (expression.kind) {
      case 'Literal':
        return literalType(expression);
      case 'TimeSpan': {
        const type = timeSpanType(expression.unit);
        if (!type) {
          this.sink.error(
            expression.unitSpan,
            'esql-unknown-time-unit',
            `unknown time unit \`${expression.unit}\`; use a unit such as millisecond, second, minute, hour, day, week, month, quarter or year`,
          );
        }
        return type;
      }
      case 'List': {
        const types = new Set(expression.items.map((item) => this.typeOf(item, scope, context)));
        return types.size === 1 ? [...types][0] : undefined;
      }
      case 'Param':
      case 'Missing':
        return undefined;
      case 'Map':
        for (const entry of expression.entries) {
          if (entry.value.kind === 'Map') this.typeOf(entry.value, scope, context);
        }
        return undefined;
      case 'Column': {
        const resolution = scope.resolve(expression.name);
        if (resolution.status === 'missing') {
          this.missingColumn(expression.span, expression.name, scope);
          return undefined;
        }
        return resolution.status === 'known' ? resolution.column.type : undefined;
      }
      case 'Paren':
        return this.typeOf(expression.expression, scope, context);
      case 'Function':
        return this.call(expression, scope, context);
      case 'Unary':
        return this.unary(expression, scope, context);
      case 'Binary':
        return this.binary(expression, scope, context);
      case 'In':
        this.typeOf(expression.value, scope, context);
        for (const item of expression.list) this.typeOf(item, scope, context);
        return 'boolean';
      case 'Like': {
        const value = this.argumentInfo(expression.value, scope, context);
        const patterns = expression.patterns.map((pattern) => this.argumentInfo(pattern, scope, context));
        const definition = operatorDefinition(expression.operator);
        if (definition) {
          for (const pattern of patterns) {
            this.operands(expression, expression.operator.toUpperCase(), definition.name, definition.signatures, [value, pattern]);
          }
        }
        return 'boolean';
      }
      case 'IsNull':
        this.typeOf(expression.value, scope, context);
        return 'boolean';
      case 'Match':
        this.typeOf(expression.field, scope, context);
        this.typeOf(expression.query, scope, context);
        return 'boolean';
      case 'Cast': {
        this.typeOf(expression.value, scope, context);
        const conversion = castFunction(expression.typeName);
        if (!conversion) {
          this.sink.error(
            expression.typeSpan,
            'esql-unknown-cast-type',
            `unknown type \`${expression.typeName}\` in \`::\` cast; expected one of ${castTypeNames().sort().join(', ')}`,
          );
          return undefined;
        }
        return conversion.signatures[0]?.returnType;
      }
      case 'Lambda': {
        const inner = scope.clone();
        for (const param of expression.params) inner.set({ name: param.name, type: undefined, origin: param.span });
        this.typeOf(expression.body, inner, context);
        return undefined;
      }
    }
  }

  private unary(expression: A.UnaryExpression, scope: ColumnScope, context: ExpressionContext): EsqlType | undefined {
    const operand = this.argumentInfo(expression.operand, scope, context);
    if (expression.operator === 'not') {
      this.requireBoolean(expression.operand, operand.type, 'NOT');
      return 'boolean';
    }
    if (expression.operator === '+') return operand.type;
    const negation = operatorDefinition('neg');
    if (!negation) return operand.type;
    return this.operands(expression, '-', 'neg', negation.signatures, [operand]);
  }

  private requireBoolean(operand: A.Expression, type: EsqlType | undefined, operator: string): void {
    if (type !== undefined && type !== 'boolean' && type !== 'null') {
      this.sink.error(operand.span, 'esql-operand-type', `${operator} needs a boolean operand, but \`${this.source(operand.span)}\` is [${type}]`);
    }
  }

  private binary(expression: A.BinaryExpression, scope: ColumnScope, context: ExpressionContext): EsqlType | undefined {
    const left = this.argumentInfo(expression.left, scope, context);
    const right = this.argumentInfo(expression.right, scope, context);
    if (expression.operator === 'and' || expression.operator === 'or') {
      const word = expression.operator.toUpperCase();
      this.requireBoolean(expression.left, left.type, word);
      this.requireBoolean(expression.right, right.type, word);
      return 'boolean';
    }
    const name = BINARY_OPERATOR_NAMES[expression.operator];
    const definition = name ? operatorDefinition(name) : undefined;
    if (!definition) return undefined;
    return this.operands(expression, expression.operator, definition.name, definition.signatures, [left, right]);
  }

  /** Checks operand types against an operator's signatures. */
  private operands(
    expression: A.Expression,
    operator: string,
    definitionName: string,
    signatures: FunctionDefinition['signatures'],
    operands: ArgumentInfo[],
  ): EsqlType | undefined {
    const resolution = resolveSignatures(definitionName, signatures, operands, 'operator');
    if (resolution.ok) return resolution.returnType;
    if (resolution.reason === 'types') {
      const types = operands.map((o) => o.type ?? 'unknown').join('] and [');
      this.sink.error(expression.span, 'esql-operand-type', `\`${operator}\` cannot be applied to [${types}] in \`${this.source(expression.span)}\``);
    }
    return undefined;
  }

  private call(call: A.FunctionCall, scope: ColumnScope, context: ExpressionContext): EsqlType | undefined {
    const definition = functionDefinition(call.name);
    const display = call.name.toUpperCase();
    if (!definition) {
      this.sink.error(call.nameSpan, 'esql-unknown-function', `unknown function \`${call.name}\``);
      for (const arg of call.args) this.typeOf(arg, scope, context);
      return undefined;
    }
    if (definition.snapshotOnly) {
      this.sink.warning(call.nameSpan, 'esql-snapshot-only-function', `\`${display}\` is only available in development (snapshot) builds of Elasticsearch`);
    }
    let argumentContext = context;
    if (isAggregateFunction(definition)) {
      this.placeAggregate(call, definition, context);
      argumentContext = { ...context, insideAggregate: context.insideAggregate ?? call };
    } else if (isGroupingFunction(definition) && !context.place.startsWith('stats-')) {
      this.sink.error(call.span, 'esql-grouping-function-outside-stats', `the grouping function \`${display}\` can only be used in STATS`);
    }
    if (call.star && definition.name !== 'count') {
      this.sink.error(call.span, 'esql-argument-type', `\`*\` is only allowed as the argument of COUNT, not of \`${display}\``);
    }
    const args = call.args.map((arg) => this.argumentInfo(arg, scope, argumentContext));
    if (call.star) args.push({ type: undefined, stringLiteral: false, map: false });
    return this.report(call, display, args, resolveCall(definition, args));
  }

  private report(call: A.FunctionCall, display: string, args: readonly ArgumentInfo[], resolution: CallResolution): EsqlType | undefined {
    if (resolution.ok) return resolution.returnType;
    const count = call.args.length + (call.star ? 1 : 0);
    if (resolution.reason === 'arity') {
      this.sink.error(call.span, 'esql-wrong-arity', `\`${display}\` takes ${describeArity(resolution.arity)}, but ${count} ${count === 1 ? 'was' : 'were'} given`);
    } else if (resolution.argument !== undefined) {
      const arg = call.args[resolution.argument]!;
      const found = arg.kind === 'Map' ? 'named parameters' : `[${args[resolution.argument]?.type ?? 'unknown'}]`;
      this.sink.error(
        arg.span,
        'esql-argument-type',
        `argument ${resolution.argument + 1} of \`${display}\` must be ${typeList(resolution.expected)}, but \`${this.source(arg.span)}\` is ${found}`,
      );
    } else {
      this.sink.error(call.span, 'esql-argument-type', `\`${display}\` has no signature accepting these argument types`);
    }
    return undefined;
  }

  private placeAggregate(call: A.FunctionCall, definition: FunctionDefinition, context: ExpressionContext): void {
    const display = call.name.toUpperCase();
    if (context.insideAggregate) {
      if (!isTimeSeriesAggregate(definition)) {
        this.sink.error(
          call.span,
          'esql-nested-aggregate',
          `the aggregation \`${this.source(call.span)}\` cannot be nested inside the aggregation \`${this.source(context.insideAggregate.span)}\``,
        );
      }
      return;
    }
    switch (context.place) {
      case 'stats-aggregate':
        return;
      case 'stats-grouping':
        this.sink.error(call.span, 'esql-aggregate-in-grouping', `the aggregate \`${this.source(call.span)}\` cannot be used as a BY grouping`);
        return;
      case 'stats-filter':
        this.sink.error(call.span, 'esql-aggregate-in-filter', `the aggregate \`${this.source(call.span)}\` cannot be used in an aggregate's WHERE filter`);
        return;
      default:
        this.sink.error(call.span, 'esql-aggregate-outside-stats', `the aggregate function \`${display}\` can only be used in STATS`);
    }
  }
}

const BINARY_OPERATOR_NAMES: Partial<Record<A.BinaryOperator, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '==': 'equals',
  '!=': 'not_equals',
  '<': 'less_than',
  '<=': 'less_than_or_equal',
  '>': 'greater_than',
  '>=': 'greater_than_or_equal',
};
