// A table's digest is the formula of projections.ts whatever the batches its blocks are hashed in:
// rows added one by one and rows added as encoded text, tables of many batches (several megabytes,
// rows in other scripts among them), with a hasher that answers later (the buffer is reused meanwhile).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes.ts';
import type { Crypto } from './crypto.ts';
import { ROWS_PER_BLOCK, TableDigester } from './projections.ts';

const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

/** Hashes on a later turn, from copies taken at the call (as the Crypto contract asks). */
const lateCrypto = {
  sha256: (data: Uint8Array) => sha(data),
  sha256Ranges: (data: Uint8Array, starts: Uint32Array, ends: Uint32Array, count: number) => {
    const parts = Array.from({ length: count }, (_, i) => data.slice(starts[i]!, ends[i]!));
    return new Promise<Uint8Array>((resolve) =>
      setTimeout(() => {
        const out = new Uint8Array(32 * count);
        parts.forEach((p, i) => out.set(sha(p), 32 * i));
        resolve(out);
      }, 1),
    );
  },
} as unknown as Crypto;

/** The formula, computed directly. */
function expected(rows: string[]): string {
  if (rows.length === 0) return createHash('sha256').update(new Uint8Array(0)).digest('hex');
  const outer = createHash('sha256');
  for (let i = 0; i < rows.length; i += ROWS_PER_BLOCK) outer.update(sha(utf8(rows.slice(i, i + ROWS_PER_BLOCK).map((r) => `${r}\n`).join(''))));
  return outer.digest('hex');
}

function rowsOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => JSON.stringify([`row ${i}`, i % 7 === 0 ? 'Мария Əliyeva 🙂' : 'x'.repeat(i % 300), i]));
}

describe('TableDigester', () => {
  for (const n of [0, 1, ROWS_PER_BLOCK, ROWS_PER_BLOCK + 1, 9 * ROWS_PER_BLOCK + 17]) {
    it(`digests ${n} rows added one by one as the formula says, over several batches`, async () => {
      const rows = rowsOf(n);
      const d = new TableDigester();
      let batches = 0;
      for (const r of rows) {
        d.add(r);
        if (d.shouldHash) {
          batches++;
          await d.hashPending(lateCrypto);
        }
      }
      if (n > 4 * ROWS_PER_BLOCK) expect(batches).toBeGreaterThan(1);
      expect(await d.finish(lateCrypto)).toEqual({ rows: n, sha256: expected(rows) });
    });
  }

  it('digests encoded rows added in uneven runs as the same rows added one by one', async () => {
    const rows = rowsOf(7 * ROWS_PER_BLOCK + 5);
    const text = utf8(rows.map((r) => `${r}\n`).join(''));
    const ends = new Uint32Array(rows.length);
    let o = 0;
    rows.forEach((r, i) => {
      o += utf8(`${r}\n`).length;
      ends[i] = o;
    });
    const d = new TableDigester();
    for (let from = 0, step = 1; from < rows.length; from += step, step = step * 3 + 1) {
      d.addRows(text, ends, from, Math.min(rows.length, from + step));
      if (d.shouldHash) await d.hashPending(lateCrypto);
    }
    expect(await d.finish(lateCrypto)).toEqual({ rows: rows.length, sha256: expected(rows) });
  });

  it('names a change to one row of a large table by a different digest', async () => {
    const rows = rowsOf(5 * ROWS_PER_BLOCK);
    const changed = [...rows];
    changed[3 * ROWS_PER_BLOCK + 11] = changed[3 * ROWS_PER_BLOCK + 11]!.replace('row', 'rOw');
    const digest = async (rs: string[]) => {
      const d = new TableDigester();
      for (const r of rs) {
        d.add(r);
        if (d.shouldHash) await d.hashPending(lateCrypto);
      }
      return (await d.finish(lateCrypto)).sha256;
    };
    expect(await digest(changed)).not.toBe(await digest(rows));
    expect(await digest(changed)).toBe(expected(changed));
  });
});
