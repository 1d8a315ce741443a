// Compiles ES|QL expressions into closures over rows, once per query.
import type { Span } from '../../common/diagnostics.ts';
import type * as A from '../../esql/ast.ts';
import { constant, memoized, site, typeError, type Compiled, type ExpressionContext } from './compiled.ts';
import {
  UNSIGNED_LONG_MAX,
  checkDouble,
  checkInteger,
  checkLong,
  checkUnsignedLong,
  longResult,
  comparatorFor,
  compareVersions,
} from './convert.ts';
import { addTemporalAmount } from './dates.ts';
import { compileFunction } from './functions/index.ts';
import { castTo } from './functions/conversion.ts';
import { apply1, coerce, coercible, commonType, exactIntegerLiteral, failed } from './helpers.ts';
import { compileLike, compileRlike, PatternError, type StringPredicate } from './patterns.ts';
import { compileMatch } from './functions/fullText.ts';
import { Period, isNumericType, isStringType, isTemporalAmount, widerNumeric, type EsqlType, type Scalar, type Value } from './types.ts';
import { CompileError, arithmeticFailure, type WarningSite } from './warnings.ts';
import type { TimeZone } from './zone.ts';

export function compileExpression(expression: A.Expression, context: ExpressionContext): Compiled {
  switch (expression.kind) {
    case 'Literal':
      return compileLiteral(expression);
    case 'TimeSpan':
      return compileTimeSpan(expression);
    case 'List':
      return compileList(expression, context);
    case 'Column':
      return context.columns.resolve(expression.name, expression.span);
    case 'Paren':
      return compileExpression(expression.expression, context);
    case 'Function':
      return compileFunction(expression, context, (e) => compileExpression(e, context));
    case 'Unary':
      return compileUnary(expression, context);
    case 'Binary':
      return compileBinary(expression, context);
    case 'In':
      return compileIn(expression, context);
    case 'Like':
      return compileLikeExpression(expression, context);
    case 'IsNull':
      return compileIsNull(expression, context);
    case 'Cast':
      return castTo(compileExpression(expression.value, context), expression.typeName, expression, context);
    case 'Match':
      return compileMatch(compileExpression(expression.field, context), compileExpression(expression.query, context), expression.span, expression.field);
    case 'Param':
      throw new CompileError(expression.span, 'esql-engine-unsupported-parameter', `query parameters (${expression.raw}) are not supported by the local engine`);
    case 'Lambda':
    case 'Map':
    case 'Missing':
      throw typeError(expression.span, 'this expression is not allowed here');
  }
}

// ---------------------------------------------------------------- literals

const INTEGER_LITERAL_MAX = 2147483647n;
const LONG_LITERAL_MAX = 9223372036854775807n;

/** Integer literals type by magnitude: integer, long, unsigned_long, then double. */
function integerLiteral(raw: bigint): Compiled {
  if (raw <= INTEGER_LITERAL_MAX && raw >= -INTEGER_LITERAL_MAX - 1n) return constant('integer', Number(raw));
  if (raw <= LONG_LITERAL_MAX && raw >= -LONG_LITERAL_MAX - 1n) return constant('long', Number(raw));
  if (raw >= 0n && raw <= UNSIGNED_LONG_MAX) return constant('unsigned_long', raw);
  return constant('double', Number(raw));
}

function compileLiteral(literal: A.Literal): Compiled {
  switch (literal.literalType) {
    case 'null':
      return constant('null', null);
    case 'boolean':
      return constant('boolean', literal.value);
    case 'string':
      return constant('keyword', literal.value);
    case 'decimal':
      return constant('double', literal.value);
    case 'integer':
      return integerLiteral(BigInt(literal.raw));
  }
}

const DURATION_UNITS: Record<string, number> = {
  millisecond: 1,
  milliseconds: 1,
  ms: 1,
  second: 1000,
  seconds: 1000,
  sec: 1000,
  s: 1000,
  minute: 60_000,
  minutes: 60_000,
  min: 60_000,
  m: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  h: 3_600_000,
};

const PERIOD_UNITS: Record<string, [months: number, days: number]> = {
  day: [0, 1],
  days: [0, 1],
  d: [0, 1],
  week: [0, 7],
  weeks: [0, 7],
  w: [0, 7],
  month: [1, 0],
  months: [1, 0],
  mo: [1, 0],
  quarter: [3, 0],
  quarters: [3, 0],
  q: [3, 0],
  year: [12, 0],
  years: [12, 0],
  yr: [12, 0],
  y: [12, 0],
};

function timeSpanValue(quantity: number, unit: string, span: Span): Compiled {
  const lower = unit.toLowerCase();
  const duration = DURATION_UNITS[lower];
  if (duration !== undefined) return constant('time_duration', quantity * duration);
  const period = PERIOD_UNITS[lower];
  if (period !== undefined) return constant('date_period', new Period(period[0] * quantity, period[1] * quantity));
  throw typeError(span, `unknown time unit \`${unit}\``);
}

function compileTimeSpan(timeSpan: A.TimeSpanLiteral): Compiled {
  return timeSpanValue(timeSpan.quantity, timeSpan.unit, timeSpan.unitSpan);
}

/** A list's element type; whole numbers beyond long make the list unsigned_long (all non-negative) or double. */
function listType(items: Compiled[]): EsqlType | undefined {
  const types = items.map((i) => i.type);
  if (types.includes('unsigned_long') && types.every((t) => isNumericType(t) || t === 'null')) {
    if (types.includes('double')) return 'double';
    const negative = items.some((i) => {
      const v = i.eval({ src: null, vals: [] });
      return typeof v === 'number' && v < 0;
    });
    return negative ? 'double' : 'unsigned_long';
  }
  return commonType(types);
}

function compileList(list: A.ListLiteral, context: ExpressionContext): Compiled {
  const items = list.items.map((item) => compileExpression(item, context));
  const type = listType(items);
  if (type === undefined) throw typeError(list.span, 'list items must all have the same type');
  const values: Scalar[] = [];
  for (const [index, item] of items.entries()) {
    // Whole-number literals convert to unsigned_long from their text: a double would round them.
    const raw = exactIntegerLiteral(list.items[index]!);
    if (type === 'unsigned_long' && raw !== undefined) {
      values.push(raw);
      continue;
    }
    const v = coerce(item, type, list.span).eval({ src: null, vals: [] });
    if (v === null) continue;
    if (Array.isArray(v)) values.push(...v);
    else values.push(v);
  }
  return constant(type, values.length === 0 ? null : values.length === 1 ? values[0]! : values);
}

// ---------------------------------------------------------------- unary

function compileUnary(unary: A.UnaryExpression, context: ExpressionContext): Compiled {
  // `-5` is a negative literal (typed by its magnitude), not a negation of 5.
  if (unary.operator === '-' && unary.operand.kind === 'Literal' && unary.operand.literalType === 'integer') {
    return integerLiteral(-BigInt(unary.operand.raw));
  }
  const operand = compileExpression(unary.operand, context);
  if (unary.operator === '+') return operand;
  const warnings = site(context, unary.span);
  if (unary.operator === 'not') {
    const value = coerce(operand, 'boolean', unary.operand.span);
    const inner = value.eval;
    return memoized({ type: 'boolean', constant: value.constant, eval: (row) => negateBoolean(inner(row), warnings) });
  }
  const type = operand.type === 'unknown' ? 'double' : operand.type;
  const inner = coerce(operand, type, unary.operand.span).eval;
  let negate: (v: Scalar) => Scalar;
  switch (type) {
    case 'integer':
      negate = (v) => checkInteger(-(v as number));
      break;
    case 'long':
      // -Long.MIN_VALUE overflows (2^63 is how a double holds Long.MAX_VALUE, so check the input).
      negate = (v) => ((v as number) <= -9223372036854775808 ? checkLong(Infinity) : -(v as number));
      break;
    case 'double':
      negate = (v) => -(v as number);
      break;
    case 'time_duration':
      negate = (v) => -(v as number);
      break;
    case 'date_period':
      negate = (v) => new Period(-(v as Period).months, -(v as Period).days);
      break;
    case 'null':
      return operand;
    default:
      throw typeError(unary.span, `cannot negate a value of type [${type}]`);
  }
  return memoized({ type, constant: operand.constant, eval: (row) => apply1(warnings, negate, inner(row)) });
}

function negateBoolean(value: Value, warnings: WarningSite): Value {
  if (value === null) return null;
  if (Array.isArray(value)) {
    warnings.multiValue();
    return null;
  }
  return !value;
}

// ---------------------------------------------------------------- binary

function compileBinary(binary: A.BinaryExpression, context: ExpressionContext): Compiled {
  switch (binary.operator) {
    case 'and':
    case 'or':
      return compileLogical(binary, context);
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compileComparison(binary.operator, compileExpression(binary.left, context), compileExpression(binary.right, context), binary.span, context);
    default:
      return compileArithmetic(binary.operator, compileExpression(binary.left, context), compileExpression(binary.right, context), binary.span, context);
  }
}

function compileLogical(binary: A.BinaryExpression, context: ExpressionContext): Compiled {
  const left = coerce(compileExpression(binary.left, context), 'boolean', binary.left.span);
  const right = coerce(compileExpression(binary.right, context), 'boolean', binary.right.span);
  const warnings = site(context, binary.span);
  const l = left.eval;
  const r = right.eval;
  const single = (v: Value): boolean | null => {
    if (Array.isArray(v)) {
      warnings.multiValue();
      return null;
    }
    return v as boolean | null;
  };
  const isConstant = left.constant && right.constant;
  if (binary.operator === 'and') {
    return memoized({
      type: 'boolean',
      constant: isConstant,
      eval: (row) => {
        const a = single(l(row));
        if (a === false) return false;
        const b = single(r(row));
        if (b === false) return false;
        return a === null || b === null ? null : true;
      },
    });
  }
  return memoized({
    type: 'boolean',
    constant: isConstant,
    eval: (row) => {
      const a = single(l(row));
      if (a === true) return true;
      const b = single(r(row));
      if (b === true) return true;
      return a === null || b === null ? null : false;
    },
  });
}

/** The type two operands are compared as, converting one side where ES does implicitly. */
function comparisonType(left: Compiled, right: Compiled, span: Span): EsqlType {
  const l = left.type;
  const r = right.type;
  if (l === 'null' || r === 'null') return l === 'null' ? r : l;
  if (l === r) return l;
  if (isStringType(l) && isStringType(r)) return 'keyword';
  if (isNumericType(l) && isNumericType(r)) return l === 'unsigned_long' || r === 'unsigned_long' ? 'double' : widerNumeric(l, r);
  if (l === 'unknown') return r;
  if (r === 'unknown') return l;
  if (isStringType(l) && coercible(left, r)) return r;
  if (isStringType(r) && coercible(right, l)) return l;
  if ((l === 'date' && r === 'date_nanos') || (l === 'date_nanos' && r === 'date')) return 'date';
  throw typeError(span, `cannot compare [${l}] with [${r}]`);
}

type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

function compileComparison(operator: ComparisonOperator, leftIn: Compiled, rightIn: Compiled, span: Span, context: ExpressionContext): Compiled {
  const type = comparisonType(leftIn, rightIn, span);
  if (type === 'null') return constant('boolean', null);
  const left = coerce(leftIn, type, span);
  const right = coerce(rightIn, type, span);
  const warnings = site(context, span);
  const test = comparisonTest(operator, type);
  const l = left.eval;
  const r = right.eval;
  return memoized({
    type: 'boolean',
    constant: left.constant && right.constant,
    eval: (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      if (Array.isArray(a) || Array.isArray(b)) {
        warnings.multiValue();
        return null;
      }
      return test(a, b);
    },
  });
}

function comparisonTest(operator: ComparisonOperator, type: EsqlType): (a: Scalar, b: Scalar) => boolean {
  // Fast paths: primitives of one JS type compare with the operators directly.
  if (type !== 'version' && type !== 'unknown' && !isStringType(type) && type !== 'date_period') {
    switch (operator) {
      case '==':
        return (a, b) => a === b;
      case '!=':
        return (a, b) => a !== b;
      case '<':
        return (a, b) => a < b;
      case '<=':
        return (a, b) => a <= b;
      case '>':
        return (a, b) => a > b;
      case '>=':
        return (a, b) => a >= b;
    }
  }
  if (isStringType(type) && (operator === '==' || operator === '!=')) return operator === '==' ? (a, b) => a === b : (a, b) => a !== b;
  const compare = type === 'version' ? (a: Scalar, b: Scalar) => compareVersions(a as string, b as string) : comparatorFor(type);
  switch (operator) {
    case '==':
      return (a, b) => compare(a, b) === 0;
    case '!=':
      return (a, b) => compare(a, b) !== 0;
    case '<':
      return (a, b) => compare(a, b) < 0;
    case '<=':
      return (a, b) => compare(a, b) <= 0;
    case '>':
      return (a, b) => compare(a, b) > 0;
    case '>=':
      return (a, b) => compare(a, b) >= 0;
  }
}

type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

function compileArithmetic(operator: ArithmeticOperator, leftIn: Compiled, rightIn: Compiled, span: Span, context: ExpressionContext): Compiled {
  const warnings = site(context, span);
  // A string constant next to a time span is a date (`"2024-01-01" + 1 day`).
  let left = isStringType(leftIn.type) && leftIn.constant && isTemporalAmount(rightIn.type) ? coerce(leftIn, 'date', span) : leftIn;
  let right = isStringType(rightIn.type) && rightIn.constant && isTemporalAmount(leftIn.type) ? coerce(rightIn, 'date', span) : rightIn;
  // Dates move by periods and durations.
  if (isTemporalAmount(right.type) && (left.type === 'date' || left.type === 'unknown' || left.type === 'date_nanos') && (operator === '+' || operator === '-')) {
    return temporalArithmetic(coerce(left, 'date', span), right, operator === '-' ? -1 : 1, warnings, context.zone);
  }
  if (isTemporalAmount(left.type) && (right.type === 'date' || right.type === 'unknown') && operator === '+') {
    return temporalArithmetic(coerce(right, 'date', span), left, 1, warnings, context.zone);
  }
  if (isTemporalAmount(left.type) && left.type === right.type && (operator === '+' || operator === '-')) {
    return amountArithmetic(left, right, operator === '-' ? -1 : 1);
  }
  if (left.type === 'null' || right.type === 'null') {
    const other = left.type === 'null' ? right.type : left.type;
    return constant(isNumericType(other) || isTemporalAmount(other) || other === 'date' || other === 'null' ? other : 'integer', null);
  }
  // Unmapped values compute as doubles; the result stays unknown so that the
  // result column's type comes from its values (whole numbers show as long).
  const unmapped = left.type === 'unknown' || right.type === 'unknown';
  if (left.type === 'unknown') left = coerce(left, right.type === 'unsigned_long' ? 'unsigned_long' : 'double', span);
  if (right.type === 'unknown') right = coerce(right, left.type === 'unsigned_long' ? 'unsigned_long' : 'double', span);
  if (!isNumericType(left.type) || !isNumericType(right.type)) {
    throw typeError(span, `[${operator}] has arguments with incompatible types [${left.type}] and [${right.type}]`);
  }
  if ((left.type === 'unsigned_long') !== (right.type === 'unsigned_long') && left.type !== 'double' && right.type !== 'double') {
    throw typeError(span, `[${operator}] has arguments with incompatible types [${left.type}] and [${right.type}]`);
  }
  const type = widerNumeric(left.type, right.type);
  const l = coerce(left, type, span);
  const r = coerce(right, type, span);
  const fn = arithmeticFunction(operator, type);
  const le = l.eval;
  const re = r.eval;
  return memoized({
    type: unmapped && type === 'double' ? 'unknown' : type,
    constant: l.constant && r.constant,
    eval: (row) => {
      const a = le(row);
      if (a === null) return null;
      const b = re(row);
      if (b === null) return null;
      if (Array.isArray(a) || Array.isArray(b)) {
        warnings.multiValue();
        return null;
      }
      try {
        return fn(a, b);
      } catch (error) {
        return failed(warnings, error);
      }
    },
  });
}

function divisionByZero(): never {
  throw arithmeticFailure('/ by zero');
}

function arithmeticFunction(operator: ArithmeticOperator, type: EsqlType): (a: Scalar, b: Scalar) => Scalar {
  if (type === 'unsigned_long') {
    switch (operator) {
      case '+':
        return (a, b) => checkUnsignedLong((a as bigint) + (b as bigint));
      case '-':
        return (a, b) => checkUnsignedLong((a as bigint) - (b as bigint));
      case '*':
        return (a, b) => checkUnsignedLong((a as bigint) * (b as bigint));
      case '/':
        return (a, b) => ((b as bigint) === 0n ? divisionByZero() : (a as bigint) / (b as bigint));
      case '%':
        return (a, b) => ((b as bigint) === 0n ? divisionByZero() : (a as bigint) % (b as bigint));
    }
  }
  if (type === 'double') {
    switch (operator) {
      case '+':
        return (a, b) => checkDouble((a as number) + (b as number));
      case '-':
        return (a, b) => checkDouble((a as number) - (b as number));
      case '*':
        return (a, b) => checkDouble((a as number) * (b as number));
      case '/':
        return (a, b) => ((b as number) === 0 ? divisionByZero() : checkDouble((a as number) / (b as number)));
      case '%':
        return (a, b) => ((b as number) === 0 ? divisionByZero() : checkDouble((a as number) % (b as number)));
    }
  }
  if (type === 'integer') {
    switch (operator) {
      case '+':
        return (a, b) => checkInteger((a as number) + (b as number));
      case '-':
        return (a, b) => checkInteger((a as number) - (b as number));
      case '*':
        return (a, b) => checkInteger((a as number) * (b as number));
      case '/':
        return (a, b) => ((b as number) === 0 ? divisionByZero() : checkInteger(Math.trunc((a as number) / (b as number)) + 0));
      case '%':
        return (a, b) => ((b as number) === 0 ? divisionByZero() : ((a as number) % (b as number)) + 0);
    }
  }
  switch (operator) {
    case '+':
      return (a, b) => longResult((a as number) + (b as number), () => BigInt(a as number) + BigInt(b as number));
    case '-':
      return (a, b) => longResult((a as number) - (b as number), () => BigInt(a as number) - BigInt(b as number));
    case '*':
      return (a, b) => longResult((a as number) * (b as number), () => BigInt(a as number) * BigInt(b as number));
    case '/':
      return (a, b) => ((b as number) === 0 ? divisionByZero() : longResult(Math.trunc((a as number) / (b as number)) + 0, () => BigInt(a as number) / BigInt(b as number)));
    case '%':
      return (a, b) => ((b as number) === 0 ? divisionByZero() : ((a as number) % (b as number)) + 0);
  }
}

function temporalArithmetic(date: Compiled, amount: Compiled, sign: 1 | -1, warnings: WarningSite, zone: TimeZone): Compiled {
  const d = date.eval;
  const a = amount.eval;
  return memoized({
    type: 'date',
    constant: date.constant && amount.constant,
    eval: (row) => {
      const base = d(row);
      const delta = a(row);
      if (base === null || delta === null) return null;
      if (Array.isArray(base) || Array.isArray(delta)) {
        warnings.multiValue();
        return null;
      }
      try {
        return addTemporalAmount(base as number, delta as number | Period, sign, zone);
      } catch (error) {
        return failed(warnings, error);
      }
    },
  });
}

function amountArithmetic(left: Compiled, right: Compiled, sign: 1 | -1): Compiled {
  const l = left.eval;
  const r = right.eval;
  return memoized({
    type: left.type,
    constant: left.constant && right.constant,
    eval: (row) => {
      const a = l(row);
      const b = r(row);
      if (a === null || b === null) return null;
      if (a instanceof Period && b instanceof Period) return new Period(a.months + sign * b.months, a.days + sign * b.days);
      return (a as number) + sign * (b as number);
    },
  });
}

// ---------------------------------------------------------------- IN, LIKE, IS NULL

function compileIn(expression: A.InExpression, context: ExpressionContext): Compiled {
  const value = compileExpression(expression.value, context);
  const items = expression.list.map((item) => compileExpression(item, context));
  let type: EsqlType | undefined = value.type === 'unknown' ? commonType(items.map((i) => i.type)) : value.type;
  if (type === 'null' || type === undefined) type = commonType([value.type, ...items.map((i) => i.type)]);
  if (type === undefined) throw typeError(expression.span, 'IN list items must have the type of the value');
  if (type === 'null') return constant('boolean', null);
  const inType = isStringType(type) ? 'keyword' : isNumericType(type) && items.some((i) => i.type === 'double') ? 'double' : type;
  const v = coerce(value, inType, expression.value.span).eval;
  const list = items.map((item, i) => coerce(item, inType, expression.list[i]!.span));
  const warnings = site(context, expression.span);
  const negated = expression.negated;
  const equals = inType === 'version' ? (a: Scalar, b: Scalar) => compareVersions(a as string, b as string) === 0 : (a: Scalar, b: Scalar) => a === b;
  // A constant list becomes a set lookup.
  if (list.every((c) => c.constant) && inType !== 'version') {
    const set = new Set<Scalar>();
    let hasNull = false;
    for (const item of list) {
      const iv = item.eval({ src: null, vals: [] });
      if (iv === null) hasNull = true;
      else if (Array.isArray(iv)) hasNull = true;
      else set.add(iv);
    }
    return memoized({
      type: 'boolean',
      constant: value.constant,
      eval: (row) => {
        const x = v(row);
        if (x === null) return null;
        if (Array.isArray(x)) {
          warnings.multiValue();
          return null;
        }
        if (set.has(x)) return !negated;
        return hasNull ? null : negated;
      },
    });
  }
  const evals = list.map((c) => c.eval);
  return memoized({
    type: 'boolean',
    constant: value.constant && list.every((c) => c.constant),
    eval: (row) => {
      const x = v(row);
      if (x === null) return null;
      if (Array.isArray(x)) {
        warnings.multiValue();
        return null;
      }
      let sawNull = false;
      for (const e of evals) {
        const y = e(row);
        if (y === null) sawNull = true;
        else if (Array.isArray(y)) {
          warnings.multiValue();
          sawNull = true;
        } else if (equals(x, y)) return !negated;
      }
      return sawNull ? null : negated;
    },
  });
}

function compileLikeExpression(expression: A.LikeExpression, context: ExpressionContext): Compiled {
  const value = coerce(compileExpression(expression.value, context), 'keyword', expression.value.span);
  const predicates: StringPredicate[] = [];
  let matchesEverything = false;
  for (const patternNode of expression.patterns) {
    const pattern = compileExpression(patternNode, context);
    if (!pattern.constant || !isStringType(pattern.type)) throw typeError(patternNode.span, `${expression.operator.toUpperCase()} needs a constant string pattern`);
    const text = pattern.eval({ src: null, vals: [] });
    if (typeof text !== 'string') throw typeError(patternNode.span, `${expression.operator.toUpperCase()} needs a constant string pattern`);
    // Elasticsearch rewrites a match-all pattern to IS NOT NULL (so NOT ... keeps nulls).
    if (expression.operator === 'like' ? /^\**$/.test(text) && text !== '' : text === '.*') matchesEverything = true;
    try {
      predicates.push(expression.operator === 'like' ? compileLike(text) : compileRlike(text));
    } catch (error) {
      if (error instanceof PatternError || error instanceof SyntaxError) {
        throw new CompileError(patternNode.span, 'esql-engine-invalid-pattern', `invalid ${expression.operator.toUpperCase()} pattern: ${error.message}`);
      }
      throw error;
    }
  }
  const matches: StringPredicate = predicates.length === 1 ? predicates[0]! : (s) => predicates.some((p) => p(s));
  const warnings = site(context, expression.span);
  const negated = expression.negated;
  const v = value.eval;
  if (matchesEverything) return memoized({ type: 'boolean', constant: value.constant, eval: (row) => (v(row) !== null) !== negated });
  return memoized({
    type: 'boolean',
    constant: value.constant,
    eval: (row) => {
      const x = v(row);
      if (x === null) return null;
      if (Array.isArray(x)) {
        warnings.multiValue();
        return null;
      }
      return matches(x as string) !== negated;
    },
  });
}

function compileIsNull(expression: A.IsNullExpression, context: ExpressionContext): Compiled {
  const value = compileExpression(expression.value, context);
  const v = value.eval;
  const negated = expression.negated;
  return memoized({ type: 'boolean', constant: value.constant, eval: (row) => (v(row) === null) !== negated });
}

