// Structural promises every parse keeps, however broken the input: spans lie
// inside the text, children inside their parents, diagnostics inside the text.
import type { QueryDiagnostic } from '../../../server/common/diagnostics.ts';
import type { EqlNode, EqlQuery } from '../../../server/eql/ast.ts';
import { childNodes } from '../../../server/eql/walk.ts';

/** Every broken promise, described; empty when the tree and diagnostics are sound. */
export function invariantViolations(text: string, ast: EqlQuery, diagnostics: readonly QueryDiagnostic[]): string[] {
  const problems: string[] = [];
  if (ast.kind !== 'Query' || ast.span.start !== 0 || ast.span.end !== text.length) {
    problems.push(`root span ${ast.span.start}-${ast.span.end} is not 0-${text.length}`);
  }
  const stack: EqlNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { start, end } = node.span;
    if (!(0 <= start && start <= end && end <= text.length)) problems.push(`${node.kind} span ${start}-${end} is outside the text`);
    for (const child of childNodes(node)) {
      if (child.span.start < start || child.span.end > end) {
        problems.push(`${child.kind} ${child.span.start}-${child.span.end} is outside its parent ${node.kind} ${start}-${end}`);
      }
      stack.push(child);
    }
  }
  for (const d of diagnostics) {
    if (!(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length)) {
      problems.push(`diagnostic ${d.code} span ${d.span.start}-${d.span.end} is outside the text`);
    }
    if (!/^eql-[a-z]+(-[a-z]+)*$/.test(d.code)) problems.push(`diagnostic code ${d.code} is not an eql- code`);
    if (d.message.length === 0) problems.push(`diagnostic ${d.code} has no message`);
  }
  return problems;
}
