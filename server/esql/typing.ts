// ES|QL data types and signature matching against the published definitions.
// Types are the definitions' type names (`keyword`, `long`, `date`, ...);
// `undefined` means unknown (index fields, parameters), which matches anything.
import type { Literal } from './ast.ts';
import type { FunctionDefinition, Signature } from './definitions.ts';

export type EsqlType = string;

/** What the checker knows about one argument. */
export interface ArgumentInfo {
  type: EsqlType | undefined;
  /** A string literal: Elasticsearch converts these to the parameter's type. */
  stringLiteral: boolean;
  /** A `{...}` named-parameter map. */
  map: boolean;
}

const INTEGER_MAX = 2147483647n;
const LONG_MAX = 9223372036854775807n;
const UNSIGNED_LONG_MAX = 18446744073709551615n;

export function literalType(literal: Literal): EsqlType {
  switch (literal.literalType) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'keyword';
    case 'decimal':
      return 'double';
    case 'integer': {
      // Integer literals widen with their magnitude, as Elasticsearch types them.
      const value = BigInt(literal.raw);
      if (value <= INTEGER_MAX) return 'integer';
      if (value <= LONG_MAX) return 'long';
      if (value <= UNSIGNED_LONG_MAX) return 'unsigned_long';
      return 'double';
    }
  }
}

export function isStringType(type: EsqlType): boolean {
  return type === 'keyword' || type === 'text' || type === 'semantic_text' || type === 'match_only_text' || type === 'wildcard';
}

export function isNumericType(type: EsqlType): boolean {
  return type === 'integer' || type === 'long' || type === 'double' || type === 'unsigned_long';
}

function normalize(type: EsqlType): EsqlType {
  return type === 'datetime' ? 'date' : type;
}

/** Types a string literal converts to implicitly when an operator needs them. */
const OPERATOR_STRING_CASTS = new Set(['date', 'date_nanos', 'ip', 'version', 'boolean']);

/** Where arguments are passed: operators convert string literals to fewer types than functions. */
export type CallKind = 'function' | 'operator';

/** Whether an argument may be passed where a parameter of type `parameter` is declared. */
export function accepts(parameter: EsqlType, argument: ArgumentInfo, kind: CallKind = 'function'): boolean {
  if (parameter === 'function_named_parameters') return argument.map;
  if (argument.map) return false;
  if (argument.type === undefined || argument.type === 'null') return true;
  const declared = normalize(parameter);
  if (argument.stringLiteral) return kind === 'function' || isStringType(declared) || OPERATOR_STRING_CASTS.has(declared);
  const actual = normalize(argument.type);
  if (sameType(declared, actual)) return true;
  // Integers widen implicitly to long and double.
  if (actual === 'integer') return declared === 'long' || declared === 'double';
  if (actual === 'long') return declared === 'double';
  return false;
}

function sameType(a: EsqlType, b: EsqlType): boolean {
  return a === b || (isStringType(a) && isStringType(b));
}

/** How closely an accepted argument fits: 0 identical (or unknown), 1 same family (keyword/text), 2 widened or converted. */
function fitDistance(parameter: EsqlType, argument: ArgumentInfo): number {
  if (argument.type === undefined || argument.type === 'null' || argument.map) return 0;
  const declared = normalize(parameter);
  const actual = normalize(argument.type);
  if (declared === actual) return 0;
  return sameType(declared, actual) ? 1 : 2;
}

export interface ArityRange {
  min: number;
  max: number;
}

export function arityRange(signatures: readonly Signature[]): ArityRange {
  let min = Infinity;
  let max = 0;
  for (const signature of signatures) {
    const required = signature.params.filter((p) => !p.optional).length;
    min = Math.min(min, required);
    max = Math.max(max, signature.variadic ? Infinity : signature.params.length);
  }
  return { min: min === Infinity ? 0 : min, max };
}

function fitsArity(signature: Signature, count: number): boolean {
  const required = signature.params.filter((p) => !p.optional).length;
  if (count < required) return false;
  return signature.variadic || count <= signature.params.length;
}

/**
 * The parameter an argument binds to. Variadic signatures repeat their last
 * parameter, except CASE, whose arguments alternate condition / value with
 * an optional trailing default.
 */
function parameterIndex(definitionName: string, signature: Signature, index: number, count: number): number {
  if (definitionName === 'case') {
    if (index % 2 === 1) return 1;
    return index === count - 1 ? Math.min(2, signature.params.length - 1) : 0;
  }
  return signature.variadic ? Math.min(index, signature.params.length - 1) : index;
}

function signatureAccepts(definitionName: string, signature: Signature, args: readonly ArgumentInfo[], kind: CallKind): boolean {
  return args.every((argument, i) => {
    const parameter = signature.params[parameterIndex(definitionName, signature, i, args.length)];
    return parameter !== undefined && accepts(parameter.type, argument, kind);
  });
}

function signatureDistance(definitionName: string, signature: Signature, args: readonly ArgumentInfo[]): number {
  let distance = 0;
  args.forEach((argument, i) => {
    distance += fitDistance(signature.params[parameterIndex(definitionName, signature, i, args.length)]!.type, argument);
  });
  return distance;
}

export type CallResolution =
  | { ok: true; returnType: EsqlType | undefined }
  | { ok: false; reason: 'arity'; arity: ArityRange }
  /** `argument` is the first argument no signature accepts, or undefined when only the combination fails. */
  | { ok: false; reason: 'types'; argument: number | undefined; expected: EsqlType[] };

/** Resolves a call (or operator) against its signatures. */
export function resolveSignatures(
  definitionName: string,
  signatures: readonly Signature[],
  args: readonly ArgumentInfo[],
  kind: CallKind = 'function',
): CallResolution {
  // Queries repeat the same few calls (`==` on keywords, `count(*)`): each argument-type
  // combination is resolved once per definition. Resolutions are never mutated.
  let byArguments = resolutionCache.get(signatures);
  if (!byArguments) resolutionCache.set(signatures, (byArguments = new Map()));
  let key = `${definitionName}|${kind}`;
  for (const a of args) key += `|${a.type ?? '?'}${a.stringLiteral ? '"' : ''}${a.map ? '{' : ''}`;
  let resolution = byArguments.get(key);
  if (!resolution) byArguments.set(key, (resolution = resolveUncached(definitionName, signatures, args, kind)));
  return resolution;
}

const resolutionCache = new WeakMap<readonly Signature[], Map<string, CallResolution>>();

function resolveUncached(definitionName: string, signatures: readonly Signature[], args: readonly ArgumentInfo[], kind: CallKind): CallResolution {
  const fitting = signatures.filter((s) => fitsArity(s, args.length));
  if (fitting.length === 0) return { ok: false, reason: 'arity', arity: arityRange(signatures) };
  const matching = fitting.filter((s) => signatureAccepts(definitionName, s, args, kind));
  if (matching.length === 0) {
    for (let i = 0; i < args.length; i++) {
      const expected = new Set<EsqlType>();
      let accepted = false;
      for (const signature of fitting) {
        const parameter = signature.params[parameterIndex(definitionName, signature, i, args.length)];
        if (!parameter) continue;
        expected.add(parameter.type);
        if (accepts(parameter.type, args[i]!, kind)) accepted = true;
      }
      if (!accepted) return { ok: false, reason: 'types', argument: i, expected: [...expected].sort() };
    }
    return { ok: false, reason: 'types', argument: undefined, expected: [] };
  }
  // The return type comes from the closest-fitting signatures (`1 + 1` is an integer, not a long).
  const distances = matching.map((s) => signatureDistance(definitionName, s, args));
  const closest = Math.min(...distances);
  const returnTypes = new Set(matching.filter((_, i) => distances[i] === closest).map((s) => s.returnType));
  return { ok: true, returnType: returnTypes.size === 1 ? [...returnTypes][0] : undefined };
}

export function resolveCall(definition: FunctionDefinition, args: readonly ArgumentInfo[]): CallResolution {
  return resolveSignatures(definition.name, definition.signatures, args);
}

/** `between 1 and 3 arguments`, `at least 2 arguments`, `no arguments`. */
export function describeArity(arity: ArityRange): string {
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (arity.max === Infinity) return `at least ${plural(arity.min)}`;
  if (arity.min === arity.max) return arity.min === 0 ? 'no arguments' : plural(arity.min);
  return `between ${arity.min} and ${plural(arity.max)}`;
}
