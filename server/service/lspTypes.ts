// Diagnostics as the CLI and the protocol report them: 0-based LSP positions.
import type { QueryDiagnostic, Severity } from '../common/diagnostics.ts';
import type { LineIndex, Position } from '../common/lineIndex.ts';

export interface LspRange {
  start: Position;
  end: Position;
}

export interface FileDiagnostic {
  file: string;
  range: LspRange;
  severity: Severity;
  code: string;
  message: string;
}

export function toFileDiagnostic(file: string, lines: LineIndex, d: QueryDiagnostic): FileDiagnostic {
  return { file, range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) }, severity: d.severity, code: d.code, message: d.message };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 1, warning: 2, information: 3, hint: 4 };
