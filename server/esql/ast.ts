// ES|QL syntax tree. Every node has a `kind` discriminant and a `span`
// (half-open UTF-16 offsets into the query text). Literals carry their decoded
// value next to their raw text; column references are their own node kind with
// the dotted name, so completion, analysis and an evaluator can share the tree.
import type { Span } from '../common/diagnostics.ts';

// ---------------------------------------------------------------- expressions

export type LiteralType = 'null' | 'boolean' | 'integer' | 'decimal' | 'string';

export interface Literal {
  kind: 'Literal';
  span: Span;
  literalType: LiteralType;
  /** Decoded value: string escapes resolved, numbers parsed (integers beyond 2^53 lose precision; `raw` keeps them). */
  value: null | boolean | number | string;
  raw: string;
  tripleQuoted?: boolean;
}

/** `7 days`, `1 hour`, `5m`: a quantity and a unit as written. */
export interface TimeSpanLiteral {
  kind: 'TimeSpan';
  span: Span;
  quantity: number;
  unit: string;
  unitSpan: Span;
  raw: string;
}

/** `[1, 2, 3]`, `["a", "b"]`. */
export interface ListLiteral {
  kind: 'List';
  span: Span;
  items: Expression[];
}

/** `?`, `?name`, `?1`; `??name` stands for an identifier. */
export interface Param {
  kind: 'Param';
  span: Span;
  raw: string;
  /** Name for `?name`, position for `?1`, neither for a bare `?`. */
  name?: string;
  position?: number;
  identifierParam: boolean;
}

export interface NamePart {
  /** Unquoted text of one dotted segment. */
  name: string;
  span: Span;
  quoted: boolean;
}

/** A column reference such as `process.name` or `` `weird name`.x ``. */
export interface ColumnRef {
  kind: 'Column';
  span: Span;
  /** Dotted name with quotes removed: the column's identity. */
  name: string;
  parts: NamePart[];
}

export interface FunctionCall {
  kind: 'Function';
  span: Span;
  /** Name as written. */
  name: string;
  /** Lower-cased name used for lookup. */
  lowerName: string;
  nameSpan: Span;
  args: Expression[];
  /** `COUNT(*)`. */
  star: boolean;
  /** Offset of `(` and of each top-level `,`, for completion of argument positions. */
  openParen: number;
  commas: number[];
  /** Offset of `)`, or undefined when it is missing. */
  closeParen?: number;
}

export type UnaryOperator = '-' | '+' | 'not';

export interface UnaryExpression {
  kind: 'Unary';
  span: Span;
  operator: UnaryOperator;
  operand: Expression;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;

export interface BinaryExpression {
  kind: 'Binary';
  span: Span;
  operator: BinaryOperator;
  operatorSpan: Span;
  left: Expression;
  right: Expression;
}

/** `a [NOT] IN (x, y)`. */
export interface InExpression {
  kind: 'In';
  span: Span;
  value: Expression;
  list: Expression[];
  negated: boolean;
}

/** `a [NOT] LIKE "p*"`, `a RLIKE ("x.*", "y.*")`. */
export interface LikeExpression {
  kind: 'Like';
  span: Span;
  operator: 'like' | 'rlike';
  value: Expression;
  patterns: Expression[];
  negated: boolean;
  /** Written with a parenthesised pattern list. */
  listForm: boolean;
}

/** `a IS [NOT] NULL`. */
export interface IsNullExpression {
  kind: 'IsNull';
  span: Span;
  value: Expression;
  negated: boolean;
}

/** `a::type`. */
export interface CastExpression {
  kind: 'Cast';
  span: Span;
  value: Expression;
  typeName: string;
  typeSpan: Span;
}

/** The `:` full-text match operator: `message:"error"`. */
export interface MatchExpression {
  kind: 'Match';
  span: Span;
  field: Expression;
  query: Expression;
}

export interface ParenExpression {
  kind: 'Paren';
  span: Span;
  expression: Expression;
}

/** `x -> x + 1`, `(a, b) -> a + b` in higher-order functions. */
export interface Lambda {
  kind: 'Lambda';
  span: Span;
  params: NamePart[];
  body: Expression;
}

export interface MapEntry {
  kind: 'MapEntry';
  span: Span;
  key: Literal;
  value: Expression;
}

/** `{ "key": value, ... }` named parameters. */
export interface MapExpression {
  kind: 'Map';
  span: Span;
  entries: MapEntry[];
}

/** Stands where an expression was required but none could be parsed. */
export interface MissingExpression {
  kind: 'Missing';
  span: Span;
}

export type Expression =
  | Literal
  | TimeSpanLiteral
  | ListLiteral
  | Param
  | ColumnRef
  | FunctionCall
  | UnaryExpression
  | BinaryExpression
  | InExpression
  | LikeExpression
  | IsNullExpression
  | CastExpression
  | MatchExpression
  | ParenExpression
  | Lambda
  | MapExpression
  | MissingExpression;

// ---------------------------------------------------------------- command parts

/** `name = expression` or a bare expression (its column is named after its text). */
export interface Field {
  kind: 'Field';
  span: Span;
  target?: ColumnRef;
  expression: Expression;
}

/** A STATS aggregate with its optional `WHERE` filter. */
export interface AggregateField {
  kind: 'AggregateField';
  span: Span;
  field: Field;
  filter?: Expression;
}

/** A KEEP / DROP / RENAME / ENRICH column name, possibly with `*` wildcards. */
export interface ColumnPattern {
  kind: 'ColumnPattern';
  span: Span;
  /** Dotted name with quotes removed; `*` is a wildcard only when `wildcard` is set. */
  name: string;
  wildcard: boolean;
  /** Written with a `?param`, so the columns are only known at run time. */
  parameter: boolean;
}

export interface IndexPattern {
  kind: 'IndexPattern';
  span: Span;
  cluster?: string;
  index: string;
  /** `::failures` / `::data`. */
  selector?: string;
  quoted: boolean;
}

/** `FROM (FROM other | WHERE ...)`. */
export interface Subquery {
  kind: 'Subquery';
  span: Span;
  pipeline: Pipeline;
}

export interface MetadataField {
  kind: 'MetadataField';
  span: Span;
  name: string;
}

export interface OrderExpression {
  kind: 'Order';
  span: Span;
  expression: Expression;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export interface RenameClause {
  kind: 'RenameClause';
  span: Span;
  oldName: ColumnPattern;
  newName: ColumnPattern;
  /** `old AS new` or `new = old`. */
  form: 'as' | 'assign';
}

export interface CommandOption {
  kind: 'CommandOption';
  span: Span;
  name: string;
  nameSpan: Span;
  value: Expression;
}

export interface EnrichClause {
  kind: 'EnrichClause';
  span: Span;
  newName?: ColumnPattern;
  field: ColumnPattern;
}

export interface PolicyName {
  kind: 'PolicyName';
  span: Span;
  name: string;
  /** `_any`, `_coordinator`, `_remote` prefix. */
  mode?: string;
}

export interface ForkBranch {
  kind: 'ForkBranch';
  span: Span;
  pipeline: Pipeline;
}

/** `SET name = value;` before the query. */
export interface Setting {
  kind: 'Setting';
  span: Span;
  name: string;
  nameSpan: Span;
  value: Expression;
}

// ---------------------------------------------------------------- commands

interface CommandBase {
  span: Span;
  /** Canonical upper-case name, e.g. `INLINE STATS`, `LOOKUP JOIN`. */
  name: string;
  /** The command keyword(s) as written. */
  nameSpan: Span;
}

export interface FromCommand extends CommandBase {
  kind: 'From';
  /** `TS` reads time series indices; the syntax is the same. */
  timeSeries: boolean;
  sources: (IndexPattern | Subquery)[];
  metadata: MetadataField[];
}

export interface RowCommand extends CommandBase {
  kind: 'Row';
  fields: Field[];
}

export interface ShowCommand extends CommandBase {
  kind: 'Show';
  item?: string;
}

export interface WhereCommand extends CommandBase {
  kind: 'Where';
  condition: Expression;
}

export interface EvalCommand extends CommandBase {
  kind: 'Eval';
  fields: Field[];
}

export interface KeepCommand extends CommandBase {
  kind: 'Keep';
  columns: ColumnPattern[];
}

export interface DropCommand extends CommandBase {
  kind: 'Drop';
  columns: ColumnPattern[];
}

export interface RenameCommand extends CommandBase {
  kind: 'Rename';
  clauses: RenameClause[];
}

export interface StatsCommand extends CommandBase {
  kind: 'Stats';
  /** INLINE STATS keeps every input row and column. */
  inline: boolean;
  aggregates: AggregateField[];
  groupings: Field[];
  byKeyword?: Span;
}

export interface SortCommand extends CommandBase {
  kind: 'Sort';
  orders: OrderExpression[];
}

export interface LimitCommand extends CommandBase {
  kind: 'Limit';
  count: Expression;
  groupings: Expression[];
}

export interface DissectCommand extends CommandBase {
  kind: 'Dissect';
  input: Expression;
  pattern: Expression;
  options: CommandOption[];
}

export interface GrokCommand extends CommandBase {
  kind: 'Grok';
  input: Expression;
  patterns: Expression[];
}

export interface EnrichCommand extends CommandBase {
  kind: 'Enrich';
  policy: PolicyName;
  matchField?: ColumnPattern;
  withClauses: EnrichClause[];
}

export interface MvExpandCommand extends CommandBase {
  kind: 'MvExpand';
  column: Expression;
}

export interface JoinCommand extends CommandBase {
  kind: 'Join';
  joinType: 'lookup' | 'left' | 'right' | 'full';
  target: IndexPattern;
  qualifier?: string;
  conditions: Expression[];
}

export interface ChangePointCommand extends CommandBase {
  kind: 'ChangePoint';
  value: Expression;
  key?: Expression;
  typeColumn?: ColumnRef;
  pvalueColumn?: ColumnRef;
  groupings: Expression[];
}

export interface CompletionCommand extends CommandBase {
  kind: 'Completion';
  target?: ColumnRef;
  prompt: Expression;
  options?: MapExpression;
  /** Older syntax: `WITH inference_id`. */
  inferenceId?: Expression;
}

export interface SampleCommand extends CommandBase {
  kind: 'Sample';
  probability: Expression;
  seed?: Expression;
}

export interface ForkCommand extends CommandBase {
  kind: 'Fork';
  branches: ForkBranch[];
}

export interface RerankCommand extends CommandBase {
  kind: 'Rerank';
  target?: ColumnRef;
  query: Expression;
  fields: Field[];
  options?: MapExpression;
  inferenceId?: Expression;
}

export interface FuseCommand extends CommandBase {
  kind: 'Fuse';
  method?: string;
  score?: ColumnRef;
  keys: ColumnRef[];
  group?: ColumnRef;
  options?: MapExpression;
}

/** URI_PARTS, REGISTERED_DOMAIN, USER_AGENT and IP_LOCATION: `prefix = expression [WITH {...}]`. */
export interface ExtractCommand extends CommandBase {
  kind: 'Extract';
  target: ColumnRef;
  input: Expression;
  options?: MapExpression;
}

export interface MmrCommand extends CommandBase {
  kind: 'Mmr';
  queryVector?: Expression;
  diversifyField: Expression;
  limit: Expression;
  options?: MapExpression;
}

/** The development-only `LOOKUP table ON columns`. */
export interface LookupCommand extends CommandBase {
  kind: 'Lookup';
  table: IndexPattern;
  matchFields: ColumnPattern[];
}

/** METRICS_INFO, TS_INFO, TS_COLLAPSE, DEDUP: no arguments. */
export interface BareCommand extends CommandBase {
  kind: 'Bare';
}

/** Commands whose arguments are not analysed (PROMQL, EXPLAIN and development-only ones). */
export interface OpaqueCommand extends CommandBase {
  kind: 'Opaque';
  argumentsSpan: Span;
}

/** A word in command position that is no command; `name` is empty when the word itself is missing. */
export interface UnknownCommand extends CommandBase {
  kind: 'Unknown';
}

export type Command =
  | FromCommand
  | RowCommand
  | ShowCommand
  | WhereCommand
  | EvalCommand
  | KeepCommand
  | DropCommand
  | RenameCommand
  | StatsCommand
  | SortCommand
  | LimitCommand
  | DissectCommand
  | GrokCommand
  | EnrichCommand
  | MvExpandCommand
  | JoinCommand
  | ChangePointCommand
  | CompletionCommand
  | SampleCommand
  | ForkCommand
  | RerankCommand
  | FuseCommand
  | ExtractCommand
  | MmrCommand
  | LookupCommand
  | BareCommand
  | OpaqueCommand
  | UnknownCommand;

/** Commands joined by `|`. */
export interface Pipeline {
  kind: 'Pipeline';
  span: Span;
  commands: Command[];
  /** Offsets of the `|` separators, for completion. */
  pipes: number[];
}

/** A whole query: optional `SET` settings, then the pipeline. */
export interface EsqlQuery {
  kind: 'Query';
  span: Span;
  settings: Setting[];
  pipeline: Pipeline;
}

export type CommandPart =
  | Field
  | AggregateField
  | ColumnPattern
  | IndexPattern
  | Subquery
  | MetadataField
  | OrderExpression
  | RenameClause
  | CommandOption
  | EnrichClause
  | PolicyName
  | ForkBranch
  | Setting
  | MapEntry;

export type EsqlNode = EsqlQuery | Pipeline | Command | CommandPart | Expression;
