// The seeder's queue of pending events: a binary min-heap on (time, insertion order), so events at
// the same instant run in the order they were scheduled and the run is deterministic.

export interface Scheduled {
  t: number;
  n: number;
  run: () => void;
}

export class EventQueue {
  private readonly items: Scheduled[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  peekTime(): number {
    return this.items.length ? this.items[0]!.t : Infinity;
  }

  push(t: number, run: () => void): void {
    const item: Scheduled = { t, n: this.counter++, run };
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (p.t < t || (p.t === t && p.n < item.n)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }

  pop(): Scheduled | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      const n = a.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && less(a[r]!, a[l]!)) c = r;
        if (!less(a[c]!, last)) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

function less(x: Scheduled, y: Scheduled): boolean {
  return x.t < y.t || (x.t === y.t && x.n < y.n);
}
