// `head`/`tail` pipes and the request size, folded the way Elasticsearch's
// optimizer combines limits: the size becomes a limit in the direction of the
// first pipe (ascending when there is none), then each pipe narrows the window
// of the previous ones. Results are collected with a bounded heap, so an event
// query keeps only as many events as its window can return.

export interface ResultWindow {
  /** Counted from the last result instead of the first. */
  fromEnd: boolean;
  /** Results skipped from that end. */
  offset: number;
  limit: number;
}

export interface LimitPipe {
  name: 'head' | 'tail';
  count: number;
}

/** The window `size` and the pipes leave (Elasticsearch's `CombineLimits`). */
export function resultWindow(pipes: readonly LimitPipe[], size: number): ResultWindow {
  const first = pipes[0];
  const signed = [first?.name === 'tail' ? -size : size, ...pipes.map((p) => (p.name === 'tail' ? -p.count : p.count))];
  let limit = signed[0]!;
  let offset = 0;
  for (const secondary of signed.slice(1)) {
    if (limit > 0 && secondary > 0) {
      limit = Math.min(limit, secondary);
    } else if (limit < 0 && secondary < 0) {
      limit = Math.max(limit, secondary);
    } else if (Math.abs(secondary) < Math.abs(limit)) {
      // The opposite direction looks into the current window from its other end.
      offset += Math.abs(limit + secondary);
      limit = Math.abs(secondary) * Math.sign(limit);
    }
  }
  return { fromEnd: limit < 0, offset, limit: Math.abs(limit) };
}

/** How many results from the window's end must be kept to answer it. */
export function windowReach(window: ResultWindow): number {
  return window.offset + window.limit;
}

/** The window of results sorted ascending, still in ascending order. */
export function applyWindow<T>(sorted: readonly T[], window: ResultWindow): T[] {
  if (!window.fromEnd) return sorted.slice(window.offset, window.offset + window.limit);
  const end = Math.max(0, sorted.length - window.offset);
  return sorted.slice(Math.max(0, end - window.limit), end);
}

/**
 * Keeps the `reach` smallest (or, from the end, largest) items under `compare`,
 * in O(log reach) per item: a heap whose root is the item to evict next.
 */
export class BoundedCollector<T> {
  private readonly heap: T[] = [];
  /** Orders so that the root is the worst kept item. */
  private readonly worse: (a: T, b: T) => boolean;

  constructor(
    private readonly reach: number,
    private readonly compare: (a: T, b: T) => number,
    fromEnd: boolean,
  ) {
    this.worse = fromEnd ? (a, b) => compare(a, b) < 0 : (a, b) => compare(a, b) > 0;
  }

  add(item: T): void {
    if (this.reach === 0) return;
    const heap = this.heap;
    if (heap.length < this.reach) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (this.worse(heap[0]!, item)) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The kept items, ascending. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && this.worse(heap[left]!, heap[top]!)) top = left;
      if (right < heap.length && this.worse(heap[right]!, heap[top]!)) top = right;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  }
}
