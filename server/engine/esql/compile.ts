// The ES|QL evaluator: compiles a query once into a stateless prefilter (the
// WHERE commands right after FROM, run on raw events, possibly in workers) and
// a sink that runs every other command over the events that pass.
import type { QueryDiagnostic } from '../../common/diagnostics.ts';
import type * as A from '../../esql/ast.ts';
import { parseEsql } from '../../esql/parser.ts';
import type { CompileResult, CompiledQuery, EngineOptions, QueryCompiler, QuerySink, TableColumn } from '../contract.ts';
import { fieldNames } from '../fieldAccess.ts';
import type { IndexMapping } from '../mapping.ts';
import type { EventDocument } from '../values.ts';
import { foldConstant, type Row } from './compiled.ts';
import { compareStrings, convertScalar, outputScalar } from './convert.ts';
import { compileExpression } from './expressions.ts';
import { coerce } from './helpers.ts';
import { compilePipeline, expressionContext, fieldName, unsupportedCommand, type PipelineContext, type Stage } from './pipeline.ts';
import { Layout, Scope, SourceAccess, SourceRest, type Column } from './scope.ts';
import { SourceSchema, inferColumnType } from './source.ts';
import type { EsqlType, Value } from './types.ts';
import { CompileError, EvaluationFailure, WarningLog } from './warnings.ts';
import { UTC, timeZone, type TimeZone } from './zone.ts';

export interface EsqlEngineOptions extends EngineOptions {
  /** The index mapping, when known: source columns take its types (otherwise see source.ts). */
  mapping?: IndexMapping;
}

/** The table an ES|QL query returns, with Elasticsearch's response warnings. */
export interface EsqlTable {
  kind: 'table';
  columns: TableColumn[];
  rows: unknown[][];
  warnings: string[];
}

/** Rows kept when the query has no LIMIT, and at most when it has one (Elasticsearch's defaults). */
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

const METADATA_FIELDS: Record<string, EsqlType> = { _id: 'keyword', _index: 'keyword', _version: 'long', _score: 'double', _ignored: 'keyword', _source: 'keyword' };

function failure(error: CompileError): CompileResult {
  const diagnostic: QueryDiagnostic = { span: error.span, severity: 'error', code: error.code, message: error.message };
  return { ok: false, diagnostics: [diagnostic] };
}

interface Settings {
  zone: TimeZone;
  nullifyUnmapped: boolean;
}

/** `SET time_zone = "..."` and `SET unmapped_fields = "nullify" | "fail"`; other settings are not supported. */
function readSettings(settings: readonly A.Setting[]): Settings {
  const result: Settings = { zone: UTC, nullifyUnmapped: false };
  for (const setting of settings) {
    const name = setting.name.toLowerCase();
    const value = setting.value.kind === 'Literal' ? setting.value.value : undefined;
    if (name === 'time_zone') {
      const named = typeof value === 'string' ? timeZone(value) : undefined;
      if (!named) throw new CompileError(setting.value.span, 'esql-engine-invalid-setting', `unknown time zone ${JSON.stringify(value)}`);
      result.zone = named;
    } else if (name === 'unmapped_fields' && (value === 'nullify' || value === 'fail')) {
      result.nullifyUnmapped = value === 'nullify';
    } else {
      throw new CompileError(setting.span, 'esql-engine-unsupported-setting', `SET ${setting.name}${typeof value === 'string' ? ` = "${value}"` : ''} is not supported by the local engine`);
    }
  }
  return result;
}

interface SourcePlan {
  settings: Settings;
  pattern?: string;
  metadata: A.MetadataField[];
  /** The leading WHERE commands, run as the prefilter. */
  filters: A.WhereCommand[];
  rest: A.Command[];
  row?: A.RowCommand;
}

function planSource(query: A.EsqlQuery): SourcePlan {
  const settings = readSettings(query.settings);
  const [first, ...others] = query.pipeline.commands;
  if (!first) throw new CompileError(query.span, 'esql-engine-empty-query', 'the query has no source command');
  if (first.kind === 'Row') return { settings, metadata: [], filters: [], rest: others, row: first };
  if (first.kind !== 'From') throw unsupportedCommand(first);
  const patterns: string[] = [];
  for (const source of first.sources) {
    if (source.kind === 'Subquery') throw new CompileError(source.span, 'esql-engine-unsupported-command', 'FROM subqueries are not supported by the local engine');
    if (source.selector) throw new CompileError(source.span, 'esql-engine-unsupported-selector', `index selectors (::${source.selector}) are not supported by the local engine`);
    patterns.push(source.cluster ? `${source.cluster}:${source.index}` : source.index);
  }
  for (const field of first.metadata) {
    if (METADATA_FIELDS[field.name] === undefined) throw new CompileError(field.span, 'esql-engine-unsupported-metadata', `METADATA ${field.name} is not supported by the local engine`);
  }
  let leading = 0;
  while (leading < others.length && others[leading]!.kind === 'Where') leading++;
  return { settings, pattern: patterns.join(','), metadata: first.metadata, filters: others.slice(0, leading) as A.WhereCommand[], rest: others.slice(leading) };
}

/** The scope after FROM: every source field, then the METADATA fields. */
function sourceScope(schema: SourceSchema, layout: Layout, metadata: readonly A.MetadataField[]): Scope {
  const access = new SourceAccess(schema, layout);
  let scope = new Scope([{ kind: 'rest', rest: new SourceRest() }], access);
  for (const field of metadata) {
    const name = field.name;
    const type = METADATA_FIELDS[name]!;
    const read = (row: Row): Value => {
      const v = row.src?.[name];
      return v === undefined || v === null || typeof v === 'object' ? null : (v as Value);
    };
    scope = scope.withColumn({ name, type, read });
  }
  return scope;
}

function pipelineContext(plan: SourcePlan, text: string, options: EsqlEngineOptions, log: WarningLog): PipelineContext {
  return { text, clock: options.clock, zone: plan.settings.zone, nullifyUnmapped: plan.settings.nullifyUnmapped, log };
}

interface SinkParts {
  head: Stage;
  collect: () => EsqlTable;
  layout: Layout;
}

function buildSink(plan: SourcePlan, text: string, options: EsqlEngineOptions, schema: SourceSchema, log: WarningLog): SinkParts {
  const context = pipelineContext(plan, text, options, log);
  const layout = new Layout();
  let scope: Scope;
  if (plan.row) {
    scope = new Scope([], undefined);
    for (const field of plan.row.fields) {
      const compiled = compileExpression(field.expression, expressionContext(scope, context));
      const value = foldConstant(compiled);
      const name = fieldName(field, text);
      const type = compiled.type;
      scope = scope.withColumn({ name, type, read: () => value, constant: { value } });
    }
  } else {
    scope = sourceScope(schema, layout, plan.metadata);
  }
  const pipeline = compilePipeline(plan.rest, scope, layout, context, (hasLimit) => options.limit ?? (hasLimit ? MAX_LIMIT : DEFAULT_LIMIT));
  const rows: Row[] = [];
  const output: Stage = { push: (row) => rows.push(row), finish: () => undefined, saturated: () => false };
  const head = pipeline.build(output);
  return {
    head,
    layout,
    collect: () => buildTable(pipeline.scope, rows, schema, log),
  };
}

/** Turns the final scope and rows into the result table, listing source fields found in the rows. */
function buildTable(scope: Scope, rows: Row[], schema: SourceSchema, log: WarningLog): EsqlTable {
  const columns: Column[] = [];
  for (const entry of scope.entries) {
    if (entry.kind === 'column') {
      columns.push(entry.column);
      continue;
    }
    const names = new Set<string>(schema.mappedFieldNames());
    for (const row of rows) if (row.src) for (const name of fieldNames(row.src)) names.add(name);
    for (const { outName, sourceName } of entry.rest.list([...names].sort(compareStrings))) {
      const override = entry.rest.overrides.get(outName);
      if (override) {
        columns.push(override);
        continue;
      }
      const field = schema.field(sourceName);
      columns.push({ name: outName, type: field.type, read: (row) => (row.src ? field.read(row.src) : null) });
    }
  }
  const values = rows.map((row) => columns.map((column) => column.read(row)));
  const tableColumns: TableColumn[] = columns.map((column, c) => {
    let type: EsqlType = column.type;
    if (type === 'unknown') {
      type = inferColumnType(values.map((v) => v[c]!));
      // Unknown values convert to the inferred type (dates from text, mixed values to text).
      for (const v of values) v[c] = convertUnknown(v[c]!, type);
    }
    return { name: column.name, type };
  });
  return {
    kind: 'table',
    columns: tableColumns,
    rows: values.map((row) => row.map((value, c) => outputValue(value, tableColumns[c]!.type as EsqlType))),
    warnings: log.messages,
  };
}

function convertUnknown(value: Value, type: EsqlType): Value {
  if (value === null || type === 'null') return value;
  const convert = (v: Value & {}) => {
    try {
      return convertScalar(v as never, 'unknown', type);
    } catch (error) {
      if (error instanceof EvaluationFailure) return String(v);
      throw error;
    }
  };
  return Array.isArray(value) ? value.map((v) => convert(v)) : convert(value);
}

function outputValue(value: Value, type: EsqlType): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => outputScalar(v, type));
  return outputScalar(value, type);
}

/** Compiles an ES|QL query (see EsqlEngineOptions for the extra, optional mapping). */
export function compileEsqlQuery(text: string, options: EsqlEngineOptions): CompileResult {
  const { ast, diagnostics } = parseEsql(text);
  const syntaxErrors = diagnostics.filter((d) => d.severity === 'error');
  if (syntaxErrors.length > 0) return { ok: false, diagnostics: syntaxErrors };
  const schema = new SourceSchema({
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.aliases ? { aliases: options.aliases } : {}),
    ...(options.timestampField ? { timestampField: options.timestampField } : {}),
  });
  const prefilterLog = new WarningLog();
  let plan: SourcePlan;
  let prefilter: ((event: EventDocument) => boolean) | undefined;
  try {
    plan = planSource(ast);
    prefilter = buildPrefilter(plan, text, options, schema, prefilterLog);
    // Sinks are built per run (fresh state and warnings); building one now surfaces compile errors.
    buildSink(plan, text, options, schema, new WarningLog());
  } catch (error) {
    if (error instanceof CompileError) return failure(error);
    throw error;
  }
  const query: CompiledQuery = {
    language: 'esql',
    createSink(): QuerySink {
      const log = new WarningLog();
      const sink = buildSink(plan, text, options, schema, log);
      return {
        push(event: EventDocument) {
          if (plan.row || sink.head.saturated()) return;
          sink.head.push(sink.layout.newRow(event));
        },
        finish() {
          if (plan.row) sink.head.push(sink.layout.newRow(null));
          sink.head.finish();
          const table = sink.collect();
          return { ...table, warnings: [...prefilterLog.messages, ...table.warnings] };
        },
      };
    },
  };
  if (plan.pattern !== undefined) query.sourcePattern = plan.pattern;
  if (prefilter) query.prefilter = prefilter;
  return { ok: true, query };
}

/** The leading WHEREs as a predicate over raw events (the runner applies the options' time range itself). */
function buildPrefilter(plan: SourcePlan, text: string, options: EsqlEngineOptions, schema: SourceSchema, log: WarningLog): ((event: EventDocument) => boolean) | undefined {
  if (plan.row) return undefined;
  const context = pipelineContext(plan, text, options, log);
  const layout = new Layout();
  const scope = sourceScope(schema, layout, plan.metadata);
  const conditions = plan.filters.map((where) => coerce(compileExpression(where.condition, expressionContext(scope, context)), 'boolean', where.condition.span).eval);
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) {
    const only = conditions[0]!;
    return (event) => only(layout.newRow(event)) === true;
  }
  return (event) => {
    const row = layout.newRow(event);
    for (const condition of conditions) if (condition(row) !== true) return false;
    return true;
  };
}

export const compileEsql: QueryCompiler = compileEsqlQuery;
