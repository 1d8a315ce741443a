// The evaluator's value model. ES|QL is statically typed: every compiled
// expression knows its type, and values are plain JS values whose meaning
// depends on that type:
//   keyword, text           string
//   integer, long, double   number
//   unsigned_long           bigint
//   boolean                 boolean
//   date                    number (epoch milliseconds, UTC)
//   ip                      string: 32 hex digits of the 16-byte address (so `===` and `<` work)
//   version                 string as written (compared by version rules)
//   geo_point, cartesian_point  string: WKT `POINT (x y)`
//   date_period             Period; time_duration: number (milliseconds)
//   unknown                 an unmapped source field: its raw JSON leaf (string, number or boolean),
//                           converted to whatever type the context needs (see `coerce`)
// A column value is null, one value, or an array of two or more values (multi-value).

export type EsqlType =
  | 'keyword'
  | 'text'
  | 'integer'
  | 'long'
  | 'unsigned_long'
  | 'double'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'ip'
  | 'version'
  | 'geo_point'
  | 'cartesian_point'
  | 'null'
  | 'date_period'
  | 'time_duration'
  | 'unknown';

/** A calendar amount (`1 month`, `2 weeks`): months and days kept apart as java.time.Period does. */
export class Period {
  constructor(
    readonly months: number,
    readonly days: number,
  ) {}
}

export type Scalar = string | number | boolean | bigint | Period;
export type Value = null | Scalar | Scalar[];

export function isStringType(type: EsqlType): boolean {
  return type === 'keyword' || type === 'text';
}

export function isNumericType(type: EsqlType): boolean {
  return type === 'integer' || type === 'long' || type === 'double' || type === 'unsigned_long';
}

export function isTemporalAmount(type: EsqlType): boolean {
  return type === 'date_period' || type === 'time_duration';
}

/** The wider of two numeric types, as ES|QL's binary arithmetic promotes them. */
export function widerNumeric(a: EsqlType, b: EsqlType): EsqlType {
  if (a === 'double' || b === 'double') return 'double';
  if (a === 'unsigned_long' || b === 'unsigned_long') return 'unsigned_long';
  if (a === 'long' || b === 'long') return 'long';
  return 'integer';
}

/** Maps an Elasticsearch field type to the ES|QL column type it reads as. */
export function columnTypeOfField(fieldType: string): EsqlType | undefined {
  switch (fieldType) {
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
    case 'flattened':
      return 'keyword';
    case 'text':
    case 'match_only_text':
    case 'semantic_text':
      return 'text';
    case 'long':
      return 'long';
    case 'integer':
    case 'short':
    case 'byte':
      return 'integer';
    case 'unsigned_long':
      return 'unsigned_long';
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'date_nanos':
      return 'date_nanos';
    case 'ip':
      return 'ip';
    case 'version':
      return 'version';
    case 'geo_point':
      return 'geo_point';
    case 'point':
      return 'cartesian_point';
    default:
      return undefined;
  }
}

/** The type names `::type` and the TO_* functions use, canonicalised. */
export function canonicalTypeName(name: string): EsqlType | undefined {
  switch (name.toLowerCase()) {
    case 'keyword':
    case 'string':
      return 'keyword';
    case 'text':
      return 'text';
    case 'int':
    case 'integer':
      return 'integer';
    case 'long':
      return 'long';
    case 'double':
      return 'double';
    case 'unsigned_long':
    case 'ul':
      return 'unsigned_long';
    case 'bool':
    case 'boolean':
      return 'boolean';
    case 'datetime':
    case 'date':
      return 'date';
    case 'ip':
      return 'ip';
    case 'version':
      return 'version';
    case 'geo_point':
      return 'geo_point';
    case 'cartesian_point':
      return 'cartesian_point';
    default:
      return undefined;
  }
}

/** Collapses a list of values into a column value: null when empty, the value itself when single. */
export function fromList(values: Scalar[]): Value {
  if (values.length === 0) return null;
  return values.length === 1 ? values[0]! : values;
}
