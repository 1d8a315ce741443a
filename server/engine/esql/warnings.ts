// Failures while evaluating one row do not stop a query: Elasticsearch turns the
// failing expression's result into null (or false) and reports response warnings,
// at most 20 per expression, each distinct text once.
import type { Span } from '../../common/diagnostics.ts';
import { lineColumn } from '../../common/diagnostics.ts';

/** Thrown by a function on bad input; the caller turns it into a warning and a null. */
export class EvaluationFailure extends Error {
  constructor(
    /** The Java exception class Elasticsearch names in the warning. */
    readonly exception: string,
    message: string,
  ) {
    super(message);
  }
}

export function illegalArgument(message: string): EvaluationFailure {
  return new EvaluationFailure('java.lang.IllegalArgumentException', message);
}

export function arithmeticFailure(message: string): EvaluationFailure {
  return new EvaluationFailure('java.lang.ArithmeticException', message);
}

export function invalidArgument(message: string): EvaluationFailure {
  return new EvaluationFailure('org.elasticsearch.xpack.esql.core.InvalidArgumentException', message);
}

const MULTI_VALUE_FAILURE = 'single-value function encountered multi-value';

const FAILURES_PER_SITE = 20;

/** Collects a query run's warnings in order of first occurrence. */
export class WarningLog {
  private readonly seen = new Set<string>();
  readonly messages: string[] = [];

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.messages.push(message);
  }
}

/** Where an expression that may fail sits in the query: reports its failures under its position and text. */
export class WarningSite {
  private failures = 0;
  private readonly location: string;
  private readonly source: string;

  constructor(
    private readonly log: WarningLog,
    queryText: string,
    span: Span,
    private readonly treatedAs: 'null' | 'false' = 'null',
  ) {
    this.location = `Line ${lineColumn(queryText, span.start)}`;
    this.source = queryText.slice(span.start, span.end);
  }

  report(failure: EvaluationFailure): void {
    if (this.failures >= FAILURES_PER_SITE) return;
    if (this.failures === 0) {
      this.log.add(`${this.location}: evaluation of [${this.source}] failed, treating result as ${this.treatedAs}. Only first ${FAILURES_PER_SITE} failures recorded.`);
    }
    this.failures++;
    this.log.add(`${this.location}: ${failure.exception}: ${failure.message}`);
  }

  multiValue(): void {
    this.report(illegalArgument(MULTI_VALUE_FAILURE));
  }
}

/** A problem that prevents running the query, reported as a compile diagnostic. */
export class CompileError extends Error {
  constructor(
    readonly span: Span,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
