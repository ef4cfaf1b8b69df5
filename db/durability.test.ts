import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.ts';
import { verifyJournal } from './journal/writer.ts';
import { createTestCentre, type TestCentre } from '../test/support/harness.ts';

let c: TestCentre;
let childScript: string;
beforeAll(async () => {
  c = createTestCentre();
  c.db.close();
  // Bundled once, so that twenty child start-ups cost milliseconds rather than a TypeScript compile each.
  childScript = join(c.dir, 'append-child.cjs');
  await build({
    entryPoints: ['test/support/append-child.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3'],
    outfile: childScript,
    logLevel: 'silent',
  });
});
afterAll(() => c.close());

it('opens in WAL mode with synchronous=FULL and foreign keys on', () => {
  const db = openDatabase(c.path);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  db.close();
});

/** Runs the appending child until it has reported some commits, then kills it at a random moment. */
function runAndKill(path: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child exited by itself (${code}): ${err}`));
      resolve(
        out
          .split('\n')
          .filter((l) => /^\d+$/.test(l))
          .map(Number),
      );
    });
  });
}

describe('crash safety', () => {
  it('every entry reported committed survives 20 kills at random moments, and the chain verifies', async () => {
    let previousMax = 0;
    for (let round = 0; round < 20; round++) {
      const reported = await runAndKill(c.path, 20 + Math.floor(Math.random() * 200));
      expect(reported.length, `round ${round}`).toBeGreaterThan(0);
      const db = openDatabase(c.path);
      const seqs = new Set((db.prepare('SELECT seq FROM journal WHERE seq > ?').pluck().all(previousMax) as number[]));
      for (const seq of reported) expect(seqs.has(seq), `round ${round}: seq ${seq} was reported committed`).toBe(true);
      const v = verifyJournal(db);
      expect(v.ok, `round ${round}: ${JSON.stringify(v.firstBad)}`).toBe(true);
      // No gap: the entry after the last reported one may exist (committed, not yet reported), nothing else.
      expect(v.head.seq).toBeGreaterThanOrEqual(Math.max(...reported));
      expect(v.head.seq).toBeLessThanOrEqual(Math.max(...reported) + 1);
      previousMax = v.head.seq;
      db.close();
    }
  }, 120_000);
});
