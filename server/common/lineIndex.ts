// Offsets ↔ 0-based line/character positions (UTF-16), as LSP counts them.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset where each line starts. Plain numbers, so it crosses worker threads as is. */
  readonly lineStarts: number[];

  constructor(textOrLineStarts: string | number[]) {
    if (typeof textOrLineStarts !== 'string') {
      this.lineStarts = textOrLineStarts;
      return;
    }
    const text = textOrLineStarts;
    const starts = [0];
    // Fast path (no carriage returns): native indexOf instead of a per-character loop.
    if (text.indexOf('\r') === -1) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  }
}
