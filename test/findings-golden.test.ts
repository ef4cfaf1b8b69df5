// The findings of a small seeded centre, against a golden file: the seeder plants every kind of
// breach, so any change in what the loader reads or the engine decides shows here as a changed line,
// however it was meant (a speed-up must change nothing). When a change of the rules or of the seeder
// is meant to change the findings, regenerate the file and read the diff:
//
//   UPDATE_GOLDEN=1 npx vitest run test/findings-golden.test.ts

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsResult } from '../domain/api/outputs.ts';
import { addHours } from '../domain/time.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { CentreService } from '../services/service.ts';
import { DEFAULT_END, SEED_ACCOUNTS, seedCentre } from '../services/seed/seed.ts';

const GOLDEN = resolve(import.meta.dirname, 'golden/findings-seed-150.json');
const INSPECTOR = { username: SEED_ACCOUNTS.inspector[0][0] };
/** The end of the seeded history, and instants inside it (one inside a stay, off the hour). */
const INSTANTS = [DEFAULT_END, addHours(DEFAULT_END, -24 * 45 - 7.25), addHours(DEFAULT_END, -24 * 120 - 0.5)];

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'centre-golden-'));
  db = openDatabase(join(dir, 'seed.db'));
  seedCentre(db, { persons: 150, years: 0.5, rngSeed: 3 });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One finding a line, so that a diff of the file names the findings that changed. */
function text(results: Record<string, FindingsResult>): string {
  const lines: string[] = [];
  for (const [key, r] of Object.entries(results)) {
    lines.push(`${key} ${JSON.stringify({ ...r, findings: undefined })}`);
    for (const f of r.findings) lines.push(`  ${JSON.stringify(f)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the findings of a seeded centre', () => {
  it('are those of the golden file, now and in the audit, at the end and before it', () => {
    const results: Record<string, FindingsResult> = {};
    for (const at of INSTANTS) {
      const service = new CentreService(db, { clock: () => Date.parse(at) });
      results[`current@${at}`] = service.call('findings.current', { at }, INSPECTOR);
      results[`history@${at}`] = service.call('findings.history', { at }, INSPECTOR);
    }
    // The seeder plants every kind of breach but one: the file is worth comparing against.
    const codes = new Set(Object.values(results).flatMap((r) => r.findings.map((f) => f.code)));
    expect(codes.size).toBeGreaterThanOrEqual(19);
    const actual = text(results);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: make it with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
