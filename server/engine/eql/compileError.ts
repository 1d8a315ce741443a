// Why the local engine refuses a query that the EQL front-end accepts. Thrown
// while compiling (never while evaluating) and turned into a diagnostic.
import type { Span } from '../../common/diagnostics.ts';

export type EqlEngineErrorCode =
  /** A feature of Elasticsearch EQL that the local engine does not run. */
  | 'eql-engine-unsupported'
  /** With a mapping: a field that is not in it (Elasticsearch: "Unknown column"). */
  | 'eql-engine-unknown-field'
  /** A value of the wrong type where Elasticsearch's verifier wants another. */
  | 'eql-engine-type-mismatch'
  /** A constant argument Elasticsearch rejects: a bad regex, CIDR, date or number base. */
  | 'eql-engine-invalid-argument';

export class EqlCompileError extends Error {
  constructor(
    readonly code: EqlEngineErrorCode,
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}
