// Line differences between a file on disk and what the generator would write.

export interface FirstDifference {
  /** 1-based line number. */
  line: number;
  /** The line on the `before` side, or undefined past its end. */
  before?: string;
  after?: string;
}

export function firstDifference(before: string, after: string): FirstDifference | undefined {
  if (before === after) return undefined;
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  let i = 0;
  while (i < beforeLines.length && i < afterLines.length && beforeLines[i] === afterLines[i]) i++;
  return { line: i + 1, before: beforeLines[i], after: afterLines[i] };
}

/** A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change); empty when equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = lineEdits(a, b);
  let out = `--- a/${path}\n+++ b/${path}\n`;
  let i = 0;
  while (i < edits.length) {
    if (edits[i].kind === ' ') {
      i++;
      continue;
    }
    // Grow the hunk while the next change is within 2 * context unchanged lines.
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < edits.length && edits[end].kind !== ' ') end++;
      let gap = end;
      while (gap < edits.length && edits[gap].kind === ' ') gap++;
      if (gap < edits.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    end = Math.min(edits.length, end + context);
    const hunk = edits.slice(start, end);
    const first = edits[start];
    const beforeCount = hunk.filter((e) => e.kind !== '+').length;
    const afterCount = hunk.filter((e) => e.kind !== '-').length;
    out += `@@ -${range(first.beforeLine, beforeCount)} +${range(first.afterLine, afterCount)} @@\n`;
    for (const edit of hunk) out += `${edit.kind}${edit.text}\n`;
    i = end;
  }
  return out;
}

interface LineEdit {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based position of this line (or the line it precedes) on each side. */
  beforeLine: number;
  afterLine: number;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function range(line: number, count: number): string {
  return count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`;
}

/** Edit script from a longest-common-subsequence table (the files diffed here are a few hundred lines). */
function lineEdits(a: string[], b: string[]): LineEdit[] {
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] = a[i] === b[j] ? common[(i + 1) * width + j + 1] + 1 : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  const edits: LineEdit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const position = { beforeLine: i + 1, afterLine: j + 1 };
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ kind: ' ', text: a[i++], ...position });
      j++;
    } else if (i < a.length && (j === b.length || common[(i + 1) * width + j] >= common[i * width + j + 1])) {
      edits.push({ kind: '-', text: a[i++], ...position });
    } else {
      edits.push({ kind: '+', text: b[j++], ...position });
    }
  }
  return edits;
}
