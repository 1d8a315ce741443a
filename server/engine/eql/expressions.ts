// Compiles EQL expressions into closures, once per query. Semantics follow
// Elasticsearch EQL, which runs a condition as a query: a predicate on a field
// against constants (`==`, `<`, `:`, `like`, `regex`, `in`, `startsWith`,
// `cidrMatch`, ...) becomes a Lucene query, anything else (functions or
// arithmetic over fields, comparisons of computed values) a script. So:
// - a field predicate holds when any value of the (multi-valued) field
//   satisfies it, never for a missing field; `not`, `!=` and `not in` over it
//   are negated queries, which hold when no value satisfies it, missing field
//   included; `and`/`or` combine queries as plain booleans;
// - a script evaluates with three-valued logic (null in, null out; `not null`
//   is null) over each field's first doc value (the smallest, as doc values are
//   sorted), and matches only when true;
// - `x == null` / `x != null` test for a missing value (Elasticsearch rewrites
//   them into IS NULL / IS NOT NULL);
// - `==`, `in`, `like`, `regex` and the functions are case-sensitive; `:`,
//   `in~`, `like~`, `regex~` and `name~(...)` are not;
// - constants are folded, and a literal compared with a typed field is read as
//   that type at compile time (a date string against a date field, an IP text
//   against an ip field).
import type { Span } from '../../common/diagnostics.ts';
import type { ComparisonOperator, Expression, FieldReference, InExpression, MatchExpression } from '../../eql/ast.ts';
import { walk } from '../../eql/walk.ts';
import type { EventDocument } from '../values.ts';
import { EqlCompileError } from './compileError.ts';
import { parseIsoInstant } from './dateFormats.ts';
import { compareStrings, compareVersions, ipKey, isNumericKind, valueToString } from './eqlValues.ts';
import type { EqlValue, ValueKind } from './eqlValues.ts';
import type { FieldCatalog } from './fieldTypes.ts';
import { arithmetic, arithmeticKind, compileFunction, describeKind } from './functions.ts';
import { hasWildcard, PatternError, regexTest, wildcardTest } from './patterns.ts';
import type { StringTest } from './patterns.ts';

export type Evaluator = (event: EventDocument) => EqlValue;
/** A script's truth value: true, false or null (unknown). */
export type TriState = (event: EventDocument) => boolean | null;
export type Condition = (event: EventDocument) => boolean;

export interface Compiled {
  kind: ValueKind;
  evaluate: Evaluator;
  /** True when the expression reads no field; `evaluate` then ignores its argument. */
  constant: boolean;
}

interface Slot {
  value: EqlValue;
}

export interface ExpressionScope {
  catalog: FieldCatalog;
  /**
   * Field names replaced while compiling: a condition on one term's join key
   * moved to another term reads that term's key instead.
   */
  renames?: ReadonlyMap<string, string>;
}

const EMPTY_EVENT: EventDocument = {};

/** Functions whose field predicates Elasticsearch runs as queries (prefix, terms and wildcard queries). */
const QUERY_FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'cidrmatch', 'stringcontains']);

/** A `where` condition. */
export function compileCondition(expression: Expression, scope: ExpressionScope): Condition {
  return new ExpressionCompiler(scope).condition(expression);
}

/** A value expression, as a script computes it (join keys, function arguments in tests). */
export function compileValue(expression: Expression, scope: ExpressionScope): Compiled {
  return new ExpressionCompiler(scope).value(expression);
}

class ExpressionCompiler {
  /** Fields bound by the enclosing field query: they read the value being tried. */
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly scope: ExpressionScope) {}

  // ----- conditions (queries) -----

  condition(expression: Expression): Condition {
    if (this.fieldsOf(expression).size === 0) {
      return this.truth(expression)(EMPTY_EVENT) === true ? () => true : () => false;
    }
    switch (expression.kind) {
      case 'Paren':
        return this.condition(expression.expression);
      case 'Logical': {
        const operands = expression.operands.map((o) => this.condition(o));
        return expression.operator === 'and' ? allOf(operands) : anyOf(operands);
      }
      case 'Not': {
        const operand = unwrapParens(expression.operand);
        if (this.isScript(operand)) {
          // The negation is part of the script: `not null` stays null.
          const script = this.truth(operand);
          return (event) => script(event) === false;
        }
        const query = this.condition(operand);
        return (event) => !query(event);
      }
    }
    if (this.isScript(expression)) {
      const script = this.truth(expression);
      return (event) => script(event) === true;
    }
    if (expression.kind === 'In' && expression.negated) {
      const query = this.fieldQuery(expression, () => this.inList(expression, false));
      return (event) => !query(event);
    }
    if (expression.kind === 'Comparison' && expression.operator === '!=' && !this.comparesWithNull(expression)) {
      const query = this.fieldQuery(expression, () => this.comparison(expression, '=='));
      return (event) => !query(event);
    }
    return this.fieldQuery(expression, () => this.value(expression));
  }

  /**
   * Whether Elasticsearch runs the predicate as a script rather than a query:
   * only a plain field against constants (or a boolean field on its own) is a query.
   */
  private isScript(expression: Expression): boolean {
    const e = unwrapParens(expression);
    switch (e.kind) {
      case 'Logical':
        return false;
      case 'Not':
        return this.isScript(e.operand);
      case 'Field':
        return !this.isPlainField(e);
      case 'Comparison': {
        if (this.comparesWithNull(e)) return !this.isPlainField(unwrapParens(this.isNullConstant(e.left) ? e.right : e.left));
        const [left, right] = [unwrapParens(e.left), unwrapParens(e.right)];
        return !((this.isPlainField(left) && this.isConstant(right)) || (this.isPlainField(right) && this.isConstant(left)));
      }
      case 'In':
        return !(this.isPlainField(unwrapParens(e.value)) && e.items.every((item) => this.isConstant(item)));
      case 'Match':
        return !this.isPlainField(unwrapParens(e.value));
      case 'Call': {
        const [first, ...rest] = e.args;
        const name = e.name.toLowerCase();
        if (!QUERY_FUNCTIONS.has(name) || (name === 'stringcontains' && e.caseInsensitive)) return true;
        return !(first !== undefined && this.isPlainField(unwrapParens(first)) && rest.every((arg) => this.isConstant(arg)));
      }
    }
    return true;
  }

  private isPlainField(expression: Expression): boolean {
    return expression.kind === 'Field' && !this.isMissingOptional(expression, this.fieldName(expression));
  }

  private isConstant(expression: Expression): boolean {
    return this.fieldsOf(expression).size === 0;
  }

  private isNullConstant(expression: Expression): boolean {
    return this.isConstant(expression) && this.value(expression).evaluate(EMPTY_EVENT) === null;
  }

  /** `x == null` / `x != null` (with either side a null constant), which test for a missing value. */
  private comparesWithNull(expression: Expression & { kind: 'Comparison' }): boolean {
    return (expression.operator === '==' || expression.operator === '!=') && (this.isNullConstant(expression.left) || this.isNullConstant(expression.right));
  }

  /**
   * A field query: true when the predicate holds for any value of its field
   * (tried as null when the field has none, which only IS NULL accepts).
   */
  private fieldQuery(expression: Expression, build: () => Compiled): Condition {
    const [name] = this.fieldsOf(expression) as Set<string>;
    const field = this.scope.catalog.field(name!);
    const slot: Slot = { value: null };
    this.slots.set(name!, slot);
    let inner: Evaluator;
    try {
      inner = build().evaluate;
    } finally {
      this.slots.delete(name!);
    }
    const values: EqlValue[] = [];
    return (event) => {
      const n = field.collect(event, values);
      if (n === 0) {
        slot.value = null;
        return inner(event) === true;
      }
      for (let i = 0; i < n; i++) {
        slot.value = values[i]!;
        if (inner(event) === true) return true;
      }
      return false;
    };
  }

  // ----- scripts -----

  /** A script's three-valued truth. */
  truth(expression: Expression): TriState {
    switch (expression.kind) {
      case 'Paren':
        return this.truth(expression.expression);
      case 'Not': {
        const operand = this.truth(expression.operand);
        return (event) => {
          const v = operand(event);
          return v === null ? null : !v;
        };
      }
      case 'Logical':
        return expression.operator === 'and' ? and3(expression.operands.map((o) => this.truth(o))) : or3(expression.operands.map((o) => this.truth(o)));
    }
    const inner = this.value(expression).evaluate;
    return (event) => asTruth(inner(event));
  }

  /** The fields an expression reads (after renames), excluding optional fields that are not mapped (constant null). */
  private fieldsOf(expression: Expression): Set<string> {
    const names = new Set<string>();
    walk(expression, (node) => {
      if (node.kind === 'Field') {
        const name = this.fieldName(node);
        if (!this.isMissingOptional(node, name)) names.add(name);
      }
    });
    return names;
  }

  private fieldName(field: FieldReference): string {
    return this.scope.renames?.get(field.name) ?? field.name;
  }

  private isMissingOptional(field: FieldReference, name: string): boolean {
    return field.optional && !this.scope.catalog.isKnown(name);
  }

  // ----- values -----

  value(expression: Expression): Compiled {
    const compiled = this.valueUnfolded(expression);
    if (compiled.constant) {
      const value = compiled.evaluate(EMPTY_EVENT);
      return { kind: compiled.kind, constant: true, evaluate: () => value };
    }
    return compiled;
  }

  private valueUnfolded(expression: Expression): Compiled {
    switch (expression.kind) {
      case 'String':
        return constant('keyword', expression.value);
      case 'Number':
        return constant(expression.integer ? 'long' : 'double', expression.value);
      case 'Boolean':
        return constant('boolean', expression.value);
      case 'Null':
        return constant('null', null);
      case 'Paren':
        return this.value(expression.expression);
      case 'Field':
        return this.field(expression);
      case 'Unary':
        return this.unary(expression.operator, this.value(expression.operand), expression.operand.span);
      case 'Arithmetic': {
        const left = this.value(expression.left);
        const right = this.value(expression.right);
        requireNumeric(expression.operator, left, expression.left.span);
        requireNumeric(expression.operator, right, expression.right.span);
        const operator = expression.operator;
        return {
          kind: arithmeticKind(left.kind, right.kind),
          constant: left.constant && right.constant,
          evaluate: (event) => arithmetic(operator, left.evaluate(event), right.evaluate(event), left.kind, right.kind),
        };
      }
      case 'Comparison':
        return this.comparison(expression, expression.operator);
      case 'In':
        return this.inList(expression, expression.negated);
      case 'Match':
        return this.match(expression);
      case 'Call': {
        const args = expression.args.map((arg) => this.value(arg));
        const fn = compileFunction(
          expression.name,
          expression.caseInsensitive,
          args.map((arg, i) => ({ kind: arg.kind, span: expression.args[i]!.span, ...(arg.constant ? { constant: arg.evaluate(EMPTY_EVENT) } : {}) })),
          expression.span,
        );
        const evaluators = args.map((arg) => arg.evaluate);
        const values: EqlValue[] = new Array<EqlValue>(evaluators.length).fill(null);
        return {
          kind: fn.kind,
          constant: args.every((arg) => arg.constant),
          evaluate: (event) => {
            for (let i = 0; i < evaluators.length; i++) values[i] = evaluators[i]!(event);
            return fn.apply(values);
          },
        };
      }
      case 'Logical':
      case 'Not': {
        const truth = this.truth(expression);
        return { kind: 'boolean', constant: this.fieldsOf(expression).size === 0, evaluate: truth };
      }
      case 'Relationship':
        throw new EqlCompileError('eql-engine-unsupported', '`descendant of`, `child of` and `event of` are not supported by the local engine', expression.relationSpan);
      case 'Error':
        throw new EqlCompileError('eql-engine-unsupported', 'an unparsed part of the query is not supported by the local engine', expression.span);
    }
  }

  private field(reference: FieldReference): Compiled {
    const name = this.fieldName(reference);
    const catalog = this.scope.catalog;
    if (this.isMissingOptional(reference, name)) return constant('null', null);
    if (!catalog.isKnown(name)) {
      throw new EqlCompileError('eql-engine-unknown-field', `unknown field \`${name}\`: it is not in the index mapping (write \`?${name}\` for a field that may not exist)`, reference.span);
    }
    const field = catalog.field(name);
    const slot = this.slots.get(name);
    if (slot) return { kind: field.kind, constant: false, evaluate: () => slot.value };
    return { kind: field.kind, constant: false, evaluate: (event) => field.docValue(event) };
  }

  private unary(operator: '-' | '+', operand: Compiled, span: Span): Compiled {
    requireNumeric(operator, operand, span);
    if (operator === '+') return operand;
    return {
      kind: operand.kind,
      constant: operand.constant,
      evaluate: (event) => {
        const v = operand.evaluate(event);
        return typeof v === 'number' ? -v : null;
      },
    };
  }

  // ----- comparisons -----

  comparison(expression: Expression & { kind: 'Comparison' }, operator: ComparisonOperator): Compiled {
    if ((operator === '==' || operator === '!=') && this.comparesWithNull(expression)) {
      const other = this.value(this.isNullConstant(expression.left) ? expression.right : expression.left);
      const wantNull = operator === '==';
      return { kind: 'boolean', constant: other.constant, evaluate: (event) => (other.evaluate(event) === null) === wantNull };
    }
    let left = this.value(expression.left);
    let right = this.value(expression.right);
    if (left.constant && !right.constant) left = coerceConstant(left, right.kind, expression.left.span);
    if (right.constant && !left.constant) right = coerceConstant(right, left.kind, expression.right.span);
    const compare = comparatorFor(left.kind, right.kind);
    const test = comparisonTest(operator);
    const l = left.evaluate;
    const r = right.evaluate;
    if (operator === '==' || operator === '!=') {
      const equal = equalityFor(left.kind, right.kind, false);
      const want = operator === '==';
      return {
        kind: 'boolean',
        constant: left.constant && right.constant,
        evaluate: (event) => {
          const eq = equal(l(event), r(event));
          return eq === null ? null : eq === want;
        },
      };
    }
    return {
      kind: 'boolean',
      constant: left.constant && right.constant,
      evaluate: (event) => {
        const a = l(event);
        if (a === null) return null;
        const b = r(event);
        if (b === null) return null;
        const c = compare(a, b);
        return c === undefined ? null : test(c);
      },
    };
  }

  /** `value in (...)` / `in~`: true when the value equals an item, null when no item equals but one is null. */
  inList(expression: InExpression, negated: boolean): Compiled {
    const value = this.value(expression.value);
    const items = expression.items.map((item) => {
      const compiled = this.value(item);
      return compiled.constant && !value.constant ? coerceConstant(compiled, value.kind, item.span) : compiled;
    });
    const ci = expression.caseInsensitive;
    const evaluateValue = value.evaluate;
    let membership: Evaluator;
    if (items.every((item) => item.constant)) {
      const constants = items.map((item) => item.evaluate(EMPTY_EVENT));
      const hasNull = constants.includes(null);
      const exact = new Set<EqlValue>();
      const others: EqlValue[] = [];
      for (const c of constants) {
        if (c === null) continue;
        if (typeof c === 'string') exact.add(ci ? c.toLowerCase() : c);
        else others.push(c);
      }
      const equal = equalityFor(value.kind, items[0]?.kind ?? value.kind, ci);
      const lower = lowercaser();
      membership = (event) => {
        const v = evaluateValue(event);
        if (v === null) return null;
        if (typeof v === 'string' && exact.has(ci ? lower(v) : v)) return true;
        for (let i = 0; i < others.length; i++) if (equal(v, others[i]!) === true) return true;
        if (typeof v !== 'string' && exact.size > 0) for (const s of exact) if (equal(v, s) === true) return true;
        return hasNull ? null : false;
      };
    } else {
      const equalities = items.map((item) => equalityFor(value.kind, item.kind, ci));
      const evaluators = items.map((item) => item.evaluate);
      membership = (event) => {
        const v = evaluateValue(event);
        if (v === null) return null;
        let sawNull = false;
        for (let i = 0; i < evaluators.length; i++) {
          const item = evaluators[i]!(event);
          if (item === null) {
            sawNull = true;
            continue;
          }
          if (equalities[i]!(v, item) === true) return true;
        }
        return sawNull ? null : false;
      };
    }
    const evaluate: Evaluator = negated
      ? (event) => {
          const m = membership(event);
          return m === null ? null : !m;
        }
      : membership;
    return { kind: 'boolean', constant: value.constant && items.every((item) => item.constant), evaluate };
  }

  // ----- patterns -----

  match(expression: MatchExpression): Compiled {
    const value = this.value(expression.value);
    const operator = expression.operator;
    const ci = expression.caseInsensitive;
    const stringTests: StringTest[] = [];
    const exact = new Set<string>();
    const others: Compiled[] = [];
    for (const patternNode of expression.patterns) {
      const pattern = this.value(patternNode);
      if (!pattern.constant) {
        throw new EqlCompileError('eql-engine-type-mismatch', `\`${operator}\` needs a literal pattern`, patternNode.span);
      }
      const text = pattern.evaluate(EMPTY_EVENT);
      if (typeof text !== 'string') {
        if (operator !== ':') {
          throw new EqlCompileError('eql-engine-type-mismatch', `\`${operator}\` patterns are strings, found ${describeKind(pattern.kind)} \`${String(text)}\``, patternNode.span);
        }
        others.push(value.constant ? pattern : coerceConstant(pattern, value.kind, patternNode.span));
        continue;
      }
      if (value.kind !== 'keyword' && value.kind !== 'dynamic' && value.kind !== 'null' && !(operator === ':' && value.kind === 'version')) {
        throw new EqlCompileError('eql-engine-type-mismatch', `\`${operator}\` matches strings, but the left side is a ${describeKind(value.kind)} value`, expression.value.span);
      }
      try {
        if (operator === 'regex' || operator === 'regex~') stringTests.push(regexTest(text, ci));
        else if (operator === ':' && !hasWildcard(text)) exact.add(text.toLowerCase());
        else stringTests.push(wildcardTest(text, ci));
      } catch (error) {
        if (error instanceof PatternError) {
          throw new EqlCompileError(error.unsupported ? 'eql-engine-unsupported' : 'eql-engine-invalid-argument', error.message, patternNode.span);
        }
        throw error;
      }
    }
    // A case-insensitive regex folds case itself; wildcards and `:` equality compare lowercased text.
    const lowerValue = ci && operator !== 'regex~';
    const lower = lowercaser();
    const nonStringEquality = others.map((other) => ({ equal: equalityFor(value.kind, other.kind, ci), pattern: other.evaluate(EMPTY_EVENT) }));
    const evaluateValue = value.evaluate;
    const hasNullPattern = nonStringEquality.some((o) => o.pattern === null);
    return {
      kind: 'boolean',
      constant: value.constant,
      evaluate: (event) => {
        const v = evaluateValue(event);
        if (v === null) return null;
        if (typeof v === 'string' || typeof v === 'number') {
          const text = typeof v === 'string' ? v : String(v);
          const subject = lowerValue ? lower(text) : text;
          if (exact.has(subject)) return true;
          for (let i = 0; i < stringTests.length; i++) if (stringTests[i]!(subject)) return true;
        }
        for (let i = 0; i < nonStringEquality.length; i++) {
          const { equal, pattern } = nonStringEquality[i]!;
          if (pattern !== null && equal(v, pattern) === true) return true;
        }
        return hasNullPattern ? null : false;
      },
    };
  }
}

// ----- helpers -----

function constant(kind: ValueKind, value: EqlValue): Compiled {
  return { kind, constant: true, evaluate: () => value };
}

function asTruth(value: EqlValue): boolean | null {
  return value === true ? true : value === false ? false : null;
}

function unwrapParens(expression: Expression): Expression {
  let e = expression;
  while (e.kind === 'Paren') e = e.expression;
  return e;
}

function and3(operands: readonly TriState[]): TriState {
  return (event) => {
    let unknown = false;
    for (let i = 0; i < operands.length; i++) {
      const v = operands[i]!(event);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function or3(operands: readonly TriState[]): TriState {
  return (event) => {
    let unknown = false;
    for (let i = 0; i < operands.length; i++) {
      const v = operands[i]!(event);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

/** All of the conditions (short-circuit). */
export function allOf(conditions: readonly Condition[]): Condition {
  if (conditions.length === 1) return conditions[0]!;
  if (conditions.length === 2) {
    const [a, b] = conditions as [Condition, Condition];
    return (event) => a(event) && b(event);
  }
  return (event) => {
    for (let i = 0; i < conditions.length; i++) if (!conditions[i]!(event)) return false;
    return true;
  };
}

/** Any of the conditions (short-circuit). */
export function anyOf(conditions: readonly Condition[]): Condition {
  return (event) => {
    for (let i = 0; i < conditions.length; i++) if (conditions[i]!(event)) return true;
    return false;
  };
}

function requireNumeric(operator: string, operand: Compiled, span: Span): void {
  if (!isNumericKind(operand.kind) && operand.kind !== 'dynamic' && operand.kind !== 'null') {
    throw new EqlCompileError('eql-engine-type-mismatch', `\`${operator}\` needs numbers, found a ${describeKind(operand.kind)} value`, span);
  }
}

/** Memoised `toLowerCase`: the same field value is often lowercased by several predicates in a row. */
function lowercaser(): (text: string) => string {
  let lastIn = '';
  let lastOut = '';
  return (text) => {
    if (text !== lastIn) {
      lastIn = text;
      lastOut = text.toLowerCase();
    }
    return lastOut;
  };
}

function comparisonTest(operator: ComparisonOperator): (c: number) => boolean {
  switch (operator) {
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    case '>=':
      return (c) => c >= 0;
    case '==':
      return (c) => c === 0;
    case '!=':
      return (c) => c !== 0;
  }
}

type Compare = (a: EqlValue, b: EqlValue) => number | undefined;
type Equal = (a: EqlValue, b: EqlValue) => boolean | null;

/** Ordering of two values of the given kinds; undefined when they cannot be compared. */
function comparatorFor(left: ValueKind, right: ValueKind): Compare {
  if (left === 'version' || right === 'version') {
    return (a, b) => (typeof a === 'string' && typeof b === 'string' ? compareVersions(a, b) : compareDynamic(a, b));
  }
  return compareDynamic;
}

function compareDynamic(a: EqlValue, b: EqlValue): number | undefined {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'string') return compareStrings(a as string, b as string);
    if (ta === 'boolean') return a === b ? 0 : a === false ? -1 : 1;
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  const x = numericView(a);
  const y = numericView(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const p = booleanView(a);
  const q = booleanView(b);
  if (p !== undefined && q !== undefined) return p === q ? 0 : p ? 1 : -1;
  return undefined;
}

/** Equality of two values of the given kinds (`ci`: strings compare lowercased). */
function equalityFor(left: ValueKind, right: ValueKind, ci: boolean): Equal {
  if (left === 'version' || right === 'version') return (a, b) => (typeof a === 'string' && typeof b === 'string' ? a === b : dynamicEqual(a, b, false));
  return ci ? (a, b) => dynamicEqual(a, b, true) : (a, b) => (a === b ? true : dynamicEqual(a, b, false));
}

function dynamicEqual(a: EqlValue, b: EqlValue, ci: boolean): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a === 'string' && typeof b === 'string') return ci ? a.toLowerCase() === b.toLowerCase() : a === b;
  const c = compareDynamic(a, b);
  return c === undefined ? false : c === 0;
}

function numericView(value: EqlValue): number | bigint | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function booleanView(value: EqlValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * A constant compared with a value of `kind`, read as that kind the way
 * Elasticsearch parses a query literal for a field of that type.
 */
function coerceConstant(compiled: Compiled, kind: ValueKind, span: Span): Compiled {
  const value = compiled.evaluate(EMPTY_EVENT);
  if (value === null) return compiled;
  const converted = convertConstant(value, kind);
  if (converted === undefined) {
    throw new EqlCompileError(
      kind === 'date' || kind === 'date_nanos' || kind === 'ip' ? 'eql-engine-invalid-argument' : 'eql-engine-type-mismatch',
      `\`${String(value)}\` cannot be compared with a ${describeKind(kind)} value`,
      span,
    );
  }
  return constant(kind === 'dynamic' || kind === 'null' || kind === 'number' ? compiled.kind : kind, converted);
}

function convertConstant(value: Exclude<EqlValue, null>, kind: ValueKind): EqlValue | undefined {
  switch (kind) {
    case 'keyword':
    case 'version':
      return typeof value === 'string' ? value : (valueToString(value, typeof value === 'number' && !Number.isInteger(value) ? 'double' : 'long') ?? undefined);
    case 'long':
    case 'double':
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string') {
        const n = numericView(value);
        return typeof n === 'number' ? n : undefined;
      }
      return undefined;
    case 'boolean':
      return booleanView(value);
    case 'date':
    case 'date_nanos': {
      const instant = typeof value === 'number' ? { ms: Math.floor(value), ns: Math.round((value - Math.floor(value)) * 1e6) } : typeof value === 'string' ? (parseIsoInstant(value) ?? epochMillisText(value)) : undefined;
      if (!instant) return undefined;
      return kind === 'date' ? instant.ms : BigInt(instant.ms) * 1_000_000n + BigInt(instant.ns);
    }
    case 'ip':
      return typeof value === 'string' ? ipKey(value) : undefined;
    case 'null':
    case 'dynamic':
      return value;
  }
}

function epochMillisText(text: string): { ms: number; ns: number } | undefined {
  return /^[+-]?\d+$/.test(text) ? { ms: Number(text), ns: 0 } : undefined;
}
