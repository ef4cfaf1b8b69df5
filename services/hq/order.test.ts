import { describe, expect, it } from 'vitest';
import { importOrder, type SliceKey } from './order.ts';

const k = (centreId: string, fromSeq: number): SliceKey => ({ centreId, fromSeq });

describe('importOrder', () => {
  it('keeps each centre’s slices together, in the order of their entries, centres as they first appear', () => {
    const items = ['B-march', 'A-march', 'B-january', 'A-february', 'C-january', 'B-february'];
    const keys = [k('B', 200), k('A', 300), k('B', 0), k('A', 100), k('C', 0), k('B', 100)];
    expect(importOrder(items, keys)).toEqual(['B-january', 'B-february', 'B-march', 'A-february', 'A-march', 'C-january']);
  });

  it('leaves a slice without a key where it was given, and equal keys in their order', () => {
    const items = ['A-2', 'unreadable', 'A-1', 'A-1 again'];
    const keys = [k('A', 50), null, k('A', 0), k('A', 0)];
    expect(importOrder(items, keys)).toEqual(['A-1', 'A-1 again', 'A-2', 'unreadable']);
  });

  it('changes nothing when the slices are already in order', () => {
    const items = ['A-1', 'B-1', 'A-2'];
    expect(importOrder(items, [k('A', 0), k('B', 0), k('A', 10)])).toEqual(['A-1', 'A-2', 'B-1']);
    expect(importOrder(['x'], [null])).toEqual(['x']);
    expect(importOrder([], [])).toEqual([]);
  });
});
