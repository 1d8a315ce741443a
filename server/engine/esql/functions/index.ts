// The scalar function registry.
import type * as A from '../../../esql/ast.ts';
import type { Compiled, ExpressionContext } from '../compiled.ts';
import { CompileError } from '../warnings.ts';
import { conditionalFunctions } from './conditional.ts';
import { conversionFunctions } from './conversion.ts';
import { dateFunctions } from './date.ts';
import { fullTextFunctions } from './fullText.ts';
import { geoFunctions } from './geo.ts';
import { mathFunctions } from './math.ts';
import { multiValueFunctions } from './multiValue.ts';
import { networkFunctions } from './network.ts';
import type { CompileArgument, FunctionCompiler } from './shared.ts';
import { stringFunctions } from './string.ts';

const SCALAR_FUNCTIONS = new Map<string, FunctionCompiler>(
  Object.entries({
    ...conditionalFunctions,
    ...conversionFunctions,
    ...dateFunctions,
    ...fullTextFunctions,
    ...geoFunctions,
    ...mathFunctions,
    ...multiValueFunctions,
    ...networkFunctions,
    ...stringFunctions,
  }),
);

/** Aggregate functions: only valid in STATS (see aggregates.ts). */
const AGGREGATE_FUNCTION_NAMES = new Set([
  'count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'values', 'median', 'median_absolute_deviation', 'percentile',
  'top', 'std_dev', 'variance', 'weighted_avg', 'first', 'last', 'present', 'absent', 'sample', 'std_var',
]);

export function compileFunction(call: A.FunctionCall, context: ExpressionContext, compileArgument: CompileArgument): Compiled {
  if (context.aggregate && AGGREGATE_FUNCTION_NAMES.has(call.lowerName)) return context.aggregate(call);
  const compiler = SCALAR_FUNCTIONS.get(call.lowerName);
  if (!compiler) {
    if (AGGREGATE_FUNCTION_NAMES.has(call.lowerName)) {
      throw new CompileError(call.span, 'esql-engine-aggregate-outside-stats', `aggregate function ${call.name.toUpperCase()} can only be used in STATS`);
    }
    throw new CompileError(call.nameSpan, 'esql-engine-unsupported-function', `${call.name.toUpperCase()} is not supported by the local engine`);
  }
  // Named options (`{"fuzziness": 2}`) are accepted by full-text functions and ignored locally.
  const args = call.args.filter((a) => a.kind !== 'Map').map(compileArgument);
  const result = compiler(call, args, context);
  // Functions return keyword where they take text; only TO_TEXT makes text.
  return result.type === 'text' && call.lowerName !== 'to_text' ? { ...result, type: 'keyword' } : result;
}
