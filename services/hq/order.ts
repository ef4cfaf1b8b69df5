// Slices handed over together are imported centre by centre, each centre's in the order of their
// first entry. HQ may get a month's slices from every centre in any order (a folder listing, files
// dragged in), and a slice is only accepted when it extends what HQ already holds, so a centre's
// March slice given before its February one would be refused for a gap. Keeping a centre's slices
// together also lets the importer go on from its replay of that centre (import.ts keeps the last
// one) instead of replaying the centre's whole history again for each slice.
//
// The order is read from the manifests before they are verified: a forged manifest can change no
// more than the order, since every slice is verified in full when its turn comes.

import { readFile } from 'node:fs/promises';
import { parseEnvelope } from '../../bundle/format/manifest.ts';
import { readBundleEnvelope } from '../../bundle/node/verify.ts';

export interface SliceKey {
  centreId: string;
  /** The seq the slice starts after. */
  fromSeq: number;
}

/**
 * `items` in import order: grouped by centre (in the order each centre first appears), each group by
 * the seq its slices start after; equal keys keep their order. An item without a key (unreadable,
 * not a slice) keeps its place among the groups, so that its refusal is reported where it was given.
 */
export function importOrder<T>(items: readonly T[], keys: readonly (SliceKey | null)[]): T[] {
  const firstOfCentre = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k && !firstOfCentre.has(k.centreId)) firstOfCentre.set(k.centreId, i);
  });
  const order = items.map((item, i) => {
    const k = keys[i] ?? null;
    return { item, i, group: k ? firstOfCentre.get(k.centreId)! : i, from: k ? k.fromSeq : 0 };
  });
  order.sort((a, b) => a.group - b.group || a.from - b.from || a.i - b.i);
  return order.map((o) => o.item);
}

/** The key of the slice at `path` (its folder, open-me.html or bundle.json); null if it cannot be read. */
export async function sliceKeyAt(path: string): Promise<SliceKey | null> {
  try {
    return keyOf(await readBundleEnvelope(path));
  } catch {
    return null;
  }
}

/** The key of the slice whose envelope (bundle.json, perhaps uploaded under another name) is at `path`. */
export async function sliceKeyOfEnvelope(path: string): Promise<SliceKey | null> {
  try {
    return keyOf(new Uint8Array(await readFile(path)));
  } catch {
    return null;
  }
}

function keyOf(envelope: string | Uint8Array): SliceKey | null {
  const m = parseEnvelope(envelope).manifest;
  return m.kind === 'hq-slice' ? { centreId: m.centre.id, fromSeq: m.from.seq } : null;
}
