// What every function module shares: the compiler signature and argument checks.
import type * as A from '../../../esql/ast.ts';
import type { Compiled, ExpressionContext } from '../compiled.ts';
import { typeError } from '../compiled.ts';
import { coerce } from '../helpers.ts';
import { isNumericType, isStringType, type EsqlType } from '../types.ts';
import { CompileError } from '../warnings.ts';

export type CompileArgument = (expression: A.Expression) => Compiled;

export type FunctionCompiler = (call: A.FunctionCall, args: Compiled[], context: ExpressionContext) => Compiled;

/** Checks the number of arguments, not counting a trailing `{...}` options map. */
export function checkArity(call: A.FunctionCall, min: number, max: number = min): void {
  const count = call.args.filter((a) => a.kind !== 'Map').length;
  if (count >= min && count <= max) return;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  throw new CompileError(call.span, 'esql-engine-arity', `${call.name.toUpperCase()} takes ${expected} argument${max === 1 ? '' : 's'}, got ${count}`);
}

/** A string argument (unmapped values read as keyword). */
export function stringArg(call: A.FunctionCall, args: Compiled[], index: number): Compiled {
  const arg = args[index]!;
  if (arg.type === 'unknown' || arg.type === 'null') return coerce(arg, 'keyword', call.args[index]!.span);
  if (!isStringType(arg.type)) throw argumentType(call, index, 'a string', arg.type);
  return arg;
}

/** A numeric argument (unmapped values read as double). */
export function numericArg(call: A.FunctionCall, args: Compiled[], index: number, unknownAs: EsqlType = 'double'): Compiled {
  const arg = args[index]!;
  // String constants convert implicitly (`ABS("10.0")`).
  if (arg.type === 'unknown' || arg.type === 'null' || (isStringType(arg.type) && arg.constant)) return coerce(arg, unknownAs, call.args[index]!.span);
  if (!isNumericType(arg.type)) throw argumentType(call, index, 'a number', arg.type);
  return arg;
}

/** An argument read as exactly `type`. */
export function typedArg(call: A.FunctionCall, args: Compiled[], index: number, type: EsqlType): Compiled {
  return coerce(args[index]!, type, call.args[index]!.span);
}

/** A whole-number argument read as integer (long and unmapped values narrowed at run time). */
export function integerArg(call: A.FunctionCall, args: Compiled[], index: number): Compiled {
  const arg = args[index]!;
  if (arg.type === 'integer') return arg;
  if (isStringType(arg.type) && arg.constant) return coerce(arg, 'integer', call.args[index]!.span);
  if (arg.type === 'long' || arg.type === 'unknown' || arg.type === 'null') return { ...coerce(arg, arg.type === 'long' ? 'long' : 'integer', call.args[index]!.span), type: 'integer' };
  throw argumentType(call, index, 'an integer', arg.type);
}

function argumentType(call: A.FunctionCall, index: number, expected: string, actual: EsqlType): CompileError {
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth'][index] ?? `${index + 1}th`;
  return typeError(call.args[index]?.span ?? call.span, `${ordinal} argument of [${call.name}] must be ${expected}, found [${actual}]`);
}
