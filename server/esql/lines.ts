// 1-based `line:column` positions for messages, with the line starts indexed
// once so that many messages over a long query stay cheap. Same format as
// lineColumn in common/diagnostics.ts.
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): string {
    this.starts ??= this.index();
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return `${low + 1}:${offset - starts[low]! + 1}`;
  }

  private index(): number[] {
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
    return starts;
  }
}
