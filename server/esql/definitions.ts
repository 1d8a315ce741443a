// Lookups over the machine-readable ES|QL definitions that Elasticsearch
// publishes (package @elastic/esql-definitions): functions, operators, inline
// casts, commands and time units. Nothing here is hand-copied from them.
import {
  DATE_PERIOD_UNITS,
  TIME_DURATION_UNITS,
  commandNames,
  legacyCommandNames,
  type FunctionDefinition,
  type OperatorDefinition,
  type Signature,
} from '@elastic/esql-definitions';
import { commandDefinitions } from '@elastic/esql-definitions/commands';
import { functionDefinitions } from '@elastic/esql-definitions/functions';
import { inlineCasts } from '@elastic/esql-definitions/inline-cast';
import { operatorDefinitions } from '@elastic/esql-definitions/operators';

export type { FunctionDefinition, Signature };

/**
 * Alternative names Elasticsearch registers for some functions
 * (EsqlFunctionRegistry); the published definitions list canonical names only.
 */
const FUNCTION_ALIASES: Record<string, string> = {
  bin: 'bucket',
  to_bool: 'to_boolean',
  to_dt: 'to_datetime',
  to_datenanos: 'to_date_nanos',
  to_dbl: 'to_double',
  to_int: 'to_integer',
  to_str: 'to_string',
  to_ul: 'to_unsigned_long',
  to_ulong: 'to_unsigned_long',
  to_ver: 'to_version',
};

const functionsByName = new Map<string, FunctionDefinition>(functionDefinitions.map((f) => [f.name, f]));
const operatorsByName = new Map<string, OperatorDefinition>(operatorDefinitions.map((o) => [o.name, o]));

/** A function's definition by (case-insensitive) name or alias. */
export function functionDefinition(name: string): FunctionDefinition | undefined {
  const lower = name.toLowerCase();
  return functionsByName.get(lower) ?? functionsByName.get(FUNCTION_ALIASES[lower] ?? '');
}

export function allFunctionNames(): string[] {
  return [...functionsByName.keys()];
}

export function isAggregateFunction(definition: FunctionDefinition): boolean {
  return definition.type === 'agg' || definition.type === 'time_series_agg';
}

export function isTimeSeriesAggregate(definition: FunctionDefinition): boolean {
  return definition.type === 'time_series_agg';
}

export function isGroupingFunction(definition: FunctionDefinition): boolean {
  return definition.type === 'grouping';
}

/** Operator definitions by their generated name: `add`, `sub`, `equals`, `neg`, `like`, ... */
export function operatorDefinition(name: string): OperatorDefinition | undefined {
  return operatorsByName.get(name);
}

/** The conversion function behind `::type`, e.g. `int` → `to_integer`. */
export function castFunction(typeName: string): FunctionDefinition | undefined {
  const functionName = inlineCasts[typeName.toLowerCase()];
  return functionName === undefined ? undefined : functionsByName.get(functionName);
}

export function castTypeNames(): string[] {
  return Object.keys(inlineCasts);
}

/** `date_period` for calendar units (`day`, `week`...), `time_duration` for clock units, else undefined. */
export function timeSpanType(unit: string): 'date_period' | 'time_duration' | undefined {
  const lower = unit.toLowerCase();
  if (DATE_PERIOD_UNITS.has(lower)) return 'date_period';
  if (TIME_DURATION_UNITS.has(lower)) return 'time_duration';
  return undefined;
}

const knownCommandNames = new Set(commandNames.map((n) => n.toUpperCase()));
const legacyNames = new Set(legacyCommandNames.map((n) => n.toUpperCase()));

/** Whether the definitions list `name` (a single command word) as a command. */
export function isKnownCommandName(name: string): boolean {
  return knownCommandNames.has(name.toUpperCase());
}

export function isLegacyCommandName(name: string): boolean {
  return legacyNames.has(name.toUpperCase());
}

/**
 * Columns a command adds under its target prefix, from the definitions' output
 * metadata (URI_PARTS, REGISTERED_DOMAIN, USER_AGENT); undefined when the
 * output varies (IP_LOCATION depends on the database) or is not published.
 */
export function commandOutputColumns(commandName: string): { name: string; type: string }[] | undefined {
  const definition = commandDefinitions.find((c) => c.name === commandName.toLowerCase());
  const output = definition?.output;
  if (!output || output.vary_by !== 'none') return undefined;
  const variant = Object.values(output.variants)[0];
  if (!variant) return undefined;
  return Object.entries(variant).map(([name, column]) => ({ name, type: column.type }));
}
