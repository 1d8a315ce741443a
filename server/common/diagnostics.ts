// Diagnostics shared by every front-end. Query front-ends report spans as
// offsets into the query text; the document layer maps them into the TOML file.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Half-open [start, end) range of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

export interface QueryDiagnostic {
  span: Span;
  severity: Severity;
  /** Stable, documented code, e.g. `eql-expected-token`. */
  code: string;
  message: string;
}

/** Collects diagnostics while a parser or checker walks its input. */
export class DiagnosticSink {
  readonly items: QueryDiagnostic[] = [];

  error(span: Span, code: string, message: string): void {
    this.items.push({ span, severity: 'error', code, message });
  }
  warning(span: Span, code: string, message: string): void {
    this.items.push({ span, severity: 'warning', code, message });
  }
  info(span: Span, code: string, message: string): void {
    this.items.push({ span, severity: 'information', code, message });
  }
  hint(span: Span, code: string, message: string): void {
    this.items.push({ span, severity: 'hint', code, message });
  }
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** 1-based line:column of an offset, for messages such as "opened at 3:5". */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  // indexOf scans natively, several times faster than a per-character loop.
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}
