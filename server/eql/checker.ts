// Semantic checks on a parsed EQL query: what Elasticsearch's builder,
// function registry and verifier reject although the grammar accepts it, and
// features newer than the rule's `min_stack_version`.
import { DiagnosticSink, span } from '../common/diagnostics.ts';
import type { QueryDiagnostic, Span } from '../common/diagnostics.ts';
import type { AnalysisContext } from '../common/language.ts';
import type {
  ComparisonExpression,
  EqlQuery,
  EventTerm,
  Expression,
  FieldReference,
  FunctionCall,
  JoinKeys,
  MaxSpan,
  MultiTermQuery,
  Pipe,
  TermParameter,
} from './ast.ts';
import { ENDGAME_ONLY_FUNCTIONS, EQL_FUNCTIONS, findFunction } from './functions.ts';
import { MAX_NESTING } from './parser.ts';
import { FEATURE_GATES, isBefore } from './stackVersions.ts';
import type { GatedFeature } from './stackVersions.ts';
import { similarNames } from './suggestions.ts';
import { walk } from './walk.ts';

/** Elasticsearch's bounds for `with runs=N`. */
export const MIN_RUNS = 1;
export const MAX_RUNS = 100;

const MAXSPAN_UNITS: ReadonlySet<string> = new Set(['ms', 's', 'm', 'h', 'd']);

/** Pipes Elasticsearch runs. */
const SUPPORTED_PIPES: readonly string[] = ['head', 'tail'];
/** Endgame pipes Elasticsearch recognises but refuses to run. */
const UNSUPPORTED_PIPES: readonly string[] = ['count', 'filter', 'sort', 'unique', 'unique_count'];

export function checkEql(ast: EqlQuery, _text: string, context: AnalysisContext): QueryDiagnostic[] {
  const sink = new DiagnosticSink();
  new Checker(sink, context).check(ast);
  return sink.items;
}

class Checker {
  constructor(
    private readonly sink: DiagnosticSink,
    private readonly context: AnalysisContext,
  ) {}

  check(ast: EqlQuery): void {
    if (ast.body.kind !== 'EventFilter') this.checkMultiTerm(ast.body);
    for (const pipe of ast.pipes) this.checkPipe(pipe);
    walk(ast, (node) => {
      switch (node.kind) {
        case 'Call':
          this.checkCall(node);
          break;
        case 'Comparison':
          this.checkComparison(node);
          break;
        case 'Field':
          this.checkField(node);
          break;
        case 'Relationship':
          this.sink.error(
            node.relationSpan,
            'eql-unsupported-relationship',
            `Elasticsearch EQL does not support process relationships such as \`${node.relation} of\``,
          );
          break;
      }
    });
  }

  // ----- sequences, samples, joins -----

  private checkMultiTerm(query: MultiTermQuery): void {
    const isSequence = query.kind === 'SequenceQuery';
    const what = isSequence ? 'a sequence' : query.kind === 'SampleQuery' ? 'a sample' : 'a join';
    if (query.kind === 'JoinQuery') {
      this.sink.error(
        query.keywordSpan,
        'eql-unsupported-join',
        'Elasticsearch EQL does not support `join`; use `sequence` for ordered events or `sample` for unordered ones',
      );
    }
    if (query.kind === 'SampleQuery') this.gate('sample', query.keywordSpan);
    if (query.by) {
      this.checkJoinKeys(query.by);
      if (query.byAfterMaxspan && isSequence) {
        this.sink.error(query.by.span, 'eql-by-after-with', 'write `by` before `with maxspan`, e.g. `sequence by host.id with maxspan=5m`');
      }
    }
    if (query.maxspan) {
      if (isSequence) this.checkMaxSpan(query.maxspan);
      else this.sink.error(query.maxspan.span, 'eql-clause-not-allowed', `\`with maxspan\` is only allowed in sequences, not in ${what}`);
    }

    let runsTotal = 0;
    let positiveTerms = 0;
    let firstMissing: EventTerm | undefined;
    for (const term of query.terms) {
      runsTotal += this.checkTerm(term, isSequence, what);
      if (term.missing) firstMissing ??= term;
      else positiveTerms++;
    }
    if (query.until) {
      this.checkTerm(query.until, isSequence, what);
      if (query.until.missing) {
        this.sink.error(missingOpener(query.until), 'eql-clause-not-allowed', 'the `until` term cannot be a missing event');
      }
      if (query.kind === 'SampleQuery') {
        this.sink.error(query.until.span, 'eql-clause-not-allowed', '`until` is only allowed in sequences, not in a sample');
      }
    }

    if (query.kind !== 'JoinQuery' && query.terms.length > 0 && runsTotal < 2) {
      const counting = isSequence ? ' (a term `with runs=N` counts N times)' : '';
      this.sink.error(query.keywordSpan, 'eql-too-few-terms', `${what} needs at least two terms${counting}; found ${runsTotal}`);
    }
    if (isSequence && firstMissing) {
      if (!query.maxspan) {
        this.sink.error(
          missingOpener(firstMissing),
          'eql-missing-maxspan',
          'a sequence with missing events `![...]` needs `with maxspan=...`, e.g. `sequence with maxspan=5m`',
        );
      }
      if (positiveTerms === 0) {
        this.sink.error(query.keywordSpan, 'eql-no-positive-term', 'a sequence needs at least one term that is not a missing event');
      }
    }
    this.checkJoinKeyCounts(query);
  }

  /** Checks one term; returns how many queries it stands for (its runs, when valid). */
  private checkTerm(term: EventTerm, isSequence: boolean, what: string): number {
    if (term.by) this.checkJoinKeys(term.by);
    if (term.missing) {
      if (isSequence) this.gate('missing-event', missingOpener(term));
      else this.sink.error(missingOpener(term), 'eql-clause-not-allowed', `missing events \`![...]\` are only allowed in sequences, not in ${what}`);
    }
    return term.parameter ? this.checkTermParameter(term.parameter, isSequence, what) : 1;
  }

  private checkTermParameter(parameter: TermParameter, isSequence: boolean, what: string): number {
    if (parameter.key === '') return 1;
    if (parameter.key !== 'runs') {
      const message =
        parameter.key === 'maxspan'
          ? '`maxspan` belongs to the whole sequence: `sequence with maxspan=...`'
          : `unknown term parameter \`${parameter.key}\`; the only one is \`runs\``;
      this.sink.error(parameter.keySpan, 'eql-unknown-term-parameter', message);
      return 1;
    }
    if (!isSequence) {
      this.sink.error(parameter.span, 'eql-clause-not-allowed', `\`with runs\` is only allowed in sequences, not in ${what}`);
      return 1;
    }
    this.gate('runs', parameter.span);
    const value = parameter.value;
    if (value.kind === 'Error') return 1;
    if (!value.integer || value.value < MIN_RUNS || value.value > MAX_RUNS) {
      this.sink.error(value.span, 'eql-invalid-runs', `\`runs\` must be a whole number from ${MIN_RUNS} to ${MAX_RUNS}; found \`${value.raw}\``);
      return 1;
    }
    return value.value;
  }

  private checkMaxSpan(maxspan: MaxSpan): void {
    const value = maxspan.value;
    if (value.kind === 'Error') return;
    if (!value.integer) {
      this.sink.error(value.span, 'eql-invalid-maxspan', `\`maxspan\` needs a whole number, e.g. \`30s\`; found \`${value.raw}\``);
    } else if (value.value <= 0) {
      this.sink.error(value.span, 'eql-invalid-maxspan', '`maxspan` must be greater than zero');
    } else if (maxspan.unit === undefined) {
      this.sink.error(value.span, 'eql-invalid-maxspan', `\`maxspan\` needs a time unit (ms, s, m, h or d), e.g. \`${value.raw}s\``);
    } else if (!MAXSPAN_UNITS.has(maxspan.unit) && maxspan.unitSpan) {
      this.sink.error(maxspan.unitSpan, 'eql-invalid-maxspan', `unknown time unit \`${maxspan.unit}\`; use ms, s, m, h or d`);
    }
  }

  /** Elasticsearch turns join keys into field attributes: anything else is rejected. */
  private checkJoinKeys(keys: JoinKeys): void {
    for (const key of keys.keys) {
      const unwrapped = unwrapParens(key);
      if (unwrapped.kind !== 'Field' && unwrapped.kind !== 'Error') {
        this.sink.error(key.span, 'eql-invalid-join-key', 'a join key must be a field name');
      }
    }
  }

  /** Every term (and `until`) must have as many join keys as the first. */
  private checkJoinKeyCounts(query: MultiTermQuery): void {
    if (query.kind === 'JoinQuery') return;
    const terms = query.until ? [...query.terms, query.until] : query.terms;
    const first = terms[0];
    if (!first) return;
    const expected = first.by?.keys.length ?? 0;
    for (const term of terms.slice(1)) {
      const found = term.by?.keys.length ?? 0;
      if (found !== expected) {
        this.sink.error(
          term.by?.span ?? term.span,
          'eql-join-key-count',
          `this term has ${found} join key${found === 1 ? '' : 's'} but the first term has ${expected}; every term needs the same number`,
        );
      }
    }
  }

  // ----- pipes -----

  private checkPipe(pipe: Pipe): void {
    if (pipe.name === '') return;
    if (SUPPORTED_PIPES.includes(pipe.name)) {
      if (pipe.args.length !== 1) {
        this.sink.error(pipe.span, 'eql-invalid-pipe-argument', `\`${pipe.name}\` takes exactly one argument, the number of results; found ${pipe.args.length}`);
        return;
      }
      const arg = pipe.args[0]!;
      if (arg.kind === 'Error') return;
      const count = foldInteger(arg, 0);
      if (count === undefined || count < 0) {
        this.sink.error(arg.span, 'eql-invalid-pipe-argument', `\`${pipe.name}\` needs a non-negative whole number, e.g. \`| ${pipe.name} 10\``);
      }
      return;
    }
    if (UNSUPPORTED_PIPES.includes(pipe.name)) {
      this.sink.error(pipe.nameSpan, 'eql-unsupported-pipe', `Elasticsearch EQL does not support the \`${pipe.name}\` pipe; only \`head\` and \`tail\``);
      return;
    }
    const similar = similarNames(pipe.name, [...SUPPORTED_PIPES, ...UNSUPPORTED_PIPES]);
    const hint = similar.length > 0 ? `; did you mean \`${similar[0]}\`?` : '; the pipes are `head` and `tail`';
    this.sink.error(pipe.nameSpan, 'eql-unknown-pipe', `unknown pipe \`${pipe.name}\`${hint}`);
  }

  // ----- expressions -----

  private checkCall(call: FunctionCall): void {
    const definition = findFunction(call.name);
    if (!definition) {
      const endgame = ENDGAME_ONLY_FUNCTIONS.get(call.name.toLowerCase());
      let message = `unknown function \`${call.name}\``;
      if (endgame) {
        message = `Elasticsearch EQL has no \`${call.name}\` function; ${endgame}`;
      } else {
        const similar = similarNames(call.name, EQL_FUNCTIONS.map((f) => f.name));
        if (similar.length > 0) message += `; did you mean \`${similar[0]}\`?`;
      }
      this.sink.error(call.nameSpan, 'eql-unknown-function', message);
      return;
    }
    if (call.caseInsensitive && !definition.caseInsensitive) {
      this.sink.error(
        span(call.nameSpan.start, call.nameSpan.end + 1),
        'eql-not-case-insensitive',
        `\`${definition.name}\` has no case-insensitive \`~\` form`,
      );
    }
    if (!call.closed) return;
    const count = call.args.length;
    if (count < definition.minArgs || count > definition.maxArgs) {
      this.sink.error(
        call.span,
        'eql-wrong-arity',
        `\`${definition.name}\` takes ${arityText(definition.minArgs, definition.maxArgs)} but got ${count}: ${definition.signature}`,
      );
    }
  }

  /**
   * Elasticsearch compares fields only with constants, even through functions
   * or arithmetic. An optional field may turn out unmapped and become `null`,
   * so only sides with a plain field count.
   */
  private checkComparison(comparison: ComparisonExpression): void {
    const left = firstRequiredField(comparison.left);
    const right = firstRequiredField(comparison.right);
    if (!left || !right) return;
    const literal = [left, right].find((f) => f.segments.length === 1 && !f.segments[0]!.quoted && /^(true|false|null)$/i.test(f.name));
    const hint = literal ? `; for the constant write \`${literal.name.toLowerCase()}\` in lowercase` : '; compare each field with a literal value';
    this.sink.error(
      comparison.span,
      'eql-field-comparison',
      `Elasticsearch EQL cannot compare a field with another field (\`${left.name}\` ${comparison.operator} \`${right.name}\`)${hint}`,
    );
  }

  private checkField(field: FieldReference): void {
    if (field.segments.length === 0) return;
    if (field.optional) this.gate('optional-field', field.span);
    if (field.indexes.length > 0) {
      this.sink.error(field.indexes[0]!, 'eql-unsupported-array-index', 'Elasticsearch EQL does not support array indexes');
    }
  }

  private gate(feature: GatedFeature, at: Span): void {
    const version = this.context.minStackVersion;
    const gate = FEATURE_GATES[feature];
    if (version === undefined || !isBefore(version, gate.since)) return;
    this.sink.error(
      at,
      'eql-requires-stack-version',
      `Elastic Stack ${gate.since} or later is needed for ${gate.description}, but the rule's min_stack_version is ${version}`,
    );
  }
}

/** The `![` of a missing-event term. */
function missingOpener(term: EventTerm): Span {
  return span(term.span.start, term.span.start + 2);
}

function arityText(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  return max === min + 1 ? `${min} or ${max} arguments` : `${min} to ${max} arguments`;
}

function unwrapParens(expression: Expression): Expression {
  let current = expression;
  while (current.kind === 'Paren') current = current.expression;
  return current;
}

/** The first non-optional field referenced in an expression, if any. */
function firstRequiredField(expression: Expression): FieldReference | undefined {
  let found: FieldReference | undefined;
  walk(expression, (node) => {
    if (found) return false;
    if (node.kind === 'Field' && !node.optional) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/** The value of an integer constant expression (Elasticsearch folds `head` arguments); undefined otherwise. */
function foldInteger(expression: Expression, depth: number): number | undefined {
  if (depth > MAX_NESTING) return undefined;
  switch (expression.kind) {
    case 'Number':
      return expression.integer ? expression.value : undefined;
    case 'Paren':
      return foldInteger(expression.expression, depth + 1);
    case 'Unary': {
      const operand = foldInteger(expression.operand, depth + 1);
      return operand === undefined ? undefined : expression.operator === '-' ? -operand : operand;
    }
    case 'Arithmetic': {
      const left = foldInteger(expression.left, depth + 1);
      const right = foldInteger(expression.right, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : Math.trunc(left / right);
        case '%':
          return right === 0 ? undefined : left % right;
      }
    }
  }
  return undefined;
}
