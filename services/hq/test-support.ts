// For HQ tests: seeded centres (the real seeder, through the real API), slices exported from them,
// a digest of every table of HQ's database (to prove that a refused import changed nothing), and the
// national figures computed independently of HQ's code, straight from a centre's own register.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { hash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HqFigures } from '../../domain/api/hq-outputs.ts';
import { isMinorAt, type AgeAssessment } from '../../domain/age.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { toIso, toMs, type Instant } from '../../domain/time.ts';
import { openDatabase, type Db } from '../../db/connection.ts';
import { exportBundle, type ExportResult } from '../../bundle/node/export.ts';
import { CentreService } from '../service.ts';
import { DEFAULT_END, SEED_ACCOUNTS, seedCentre } from '../seed/seed.ts';

export const HQ_PASSPHRASE = 'agreed at installation, 2026';
/** Slices are exported an hour after the seeded history ends. */
export const EXPORT_AT = toIso(toMs(DEFAULT_END) + 3_600_000);

export interface SeededCentre {
  dir: string;
  path: string;
  db: Db;
  close(): void;
}

/** A seeded centre of about `persons` people over `years` years (the same options give the same centre). */
export function seededCentre(rngSeed: number, persons = 150, years = 1): SeededCentre {
  const dir = mkdtempSync(join(tmpdir(), 'centre-hq-'));
  const path = join(dir, 'centre.db');
  const db = openDatabase(path);
  seedCentre(db, { persons, years, rngSeed });
  return { dir, path, db, close: () => closeAndRemove(db, dir) };
}

/** A copy of a centre's database file (same key, same history): to fork it. */
export function copyCentre(c: SeededCentre): SeededCentre {
  c.db.pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmpdir(), 'centre-hq-copy-'));
  const path = join(dir, 'centre.db');
  copyFileSync(c.path, path);
  const db = openDatabase(path);
  return { dir, path, db, close: () => closeAndRemove(db, dir) };
}

function closeAndRemove(db: Db, dir: string): void {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * An HQ slice from `since`, exported at `at`; by default at EXPORT_AT, or an hour after the last entry
 * when entries were added after it (an export is never dated before what it holds).
 */
export async function exportSlice(db: Db, outDir: string, since: number, at?: Instant): Promise<ExportResult> {
  const last = db.prepare('SELECT recorded_time FROM journal ORDER BY seq DESC LIMIT 1').pluck().get() as string;
  const when = at ?? (toMs(last) >= toMs(EXPORT_AT) ? toIso(toMs(last) + 3_600_000) : EXPORT_AT);
  return exportBundle(db, { outDir, passphrase: HQ_PASSPHRASE, kind: 'hq-slice', since, exportedBy: 'head', clock: () => toMs(when) });
}

/**
 * A digest of HQ's whole content: the schema, and every row of every table in primary-key order.
 * Equal digests before and after an import: the import changed nothing.
 */
export function contentDigest(db: Db): string {
  const h = (text: string) => hash('sha256', text, 'hex');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string | null }[];
  const parts = [`user_version ${db.pragma('user_version', { simple: true })}`, `application_id ${db.pragma('application_id', { simple: true })}`];
  for (const t of tables) {
    parts.push(`${t.name}\n${t.sql ?? ''}`);
    if (!/^CREATE TABLE/i.test(t.sql ?? '')) continue;
    const rows = db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1, 2`).raw().all() as unknown[][];
    parts.push(h(rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? `x${v.toString('hex')}` : v))).join('\n')));
  }
  return h(parts.join('\n'));
}

interface PlacementFact {
  personId: string;
  kind: string;
  basis: string | null;
  admittedAt: string;
  endedAt: string | null;
  deadline: string | null;
}

/**
 * What HQ should report for a centre as of `asOf`, computed here from the centre's own register (its
 * SQL projections and its own findings), loop by loop: no HQ code is involved.
 */
export function independentFigures(centre: Db, asOf: string): HqFigures & { byBasis: Map<string, { placements: number; ended: number; meanHours: number | null; longestHours: number | null; pastLimit: number }> } {
  const c = centre.prepare('SELECT time_zone, profile_id FROM centre').get() as { time_zone: string; profile_id: string };
  const profile = profileById(c.profile_id)!;
  const persons = new Map(
    (centre.prepare('SELECT person_id, birth_date, claimed_age, claimed_age_on, age_assessment, status, unaccompanied FROM persons').all() as Record<string, unknown>[]).map((p) => [
      p.person_id as string,
      p,
    ]),
  );
  const placements = (centre.prepare('SELECT person_id, kind, basis, admitted_at, ended_at, deadline FROM placements').all() as Record<string, string | null>[]).map(
    (p): PlacementFact => ({ personId: p.person_id!, kind: p.kind!, basis: p.basis ?? null, admittedAt: p.admitted_at!, endedAt: p.ended_at ?? null, deadline: p.deadline ?? null }),
  );
  const referrals = centre.prepare('SELECT person_id, kind FROM referrals').all() as { person_id: string; kind: string }[];
  const recommendations = centre.prepare('SELECT response_due, answered_at FROM recommendations').all() as { response_due: string; answered_at: string | null }[];
  const findings = new CentreService(centre, { clock: () => toMs(asOf) }).call('findings.current', { at: asOf }, { username: SEED_ACCOUNTS.inspector[0][0] });

  const minor = (p: PlacementFact) => {
    const person = persons.get(p.personId)!;
    return isMinorAt(
      {
        birthDate: person.birth_date as string | null,
        claimedAge: person.claimed_age as number | null,
        claimedAgeOn: person.claimed_age_on as string | null,
        ageAssessment: person.age_assessment as AgeAssessment,
      },
      p.admittedAt,
      profile,
      c.time_zone,
    );
  };
  const open = (p: PlacementFact) => p.endedAt === null;
  const status = (p: PlacementFact) => persons.get(p.personId)!.status as string;
  const unaccompanied = (p: PlacementFact) => persons.get(p.personId)!.unaccompanied === 1;
  const referredChild = new Set(referrals.filter((r) => r.kind === 'guardianship' || r.kind === 'child_care').map((r) => r.person_id));
  const pastLimit = (p: PlacementFact) => p.deadline !== null && toMs(p.endedAt ?? asOf) > toMs(p.deadline);
  let n = 0;
  const count = (pred: (p: PlacementFact) => boolean) => {
    n = 0;
    for (const p of placements) if (pred(p)) n++;
    return n;
  };
  const byBasis = new Map<string, { placements: number; ended: number; meanHours: number | null; longestHours: number | null; pastLimit: number; sum: number }>();
  for (const p of placements) {
    const key = p.kind === 'voluntary' ? 'voluntary' : (p.basis ?? 'none');
    const b = byBasis.get(key) ?? { placements: 0, ended: 0, meanHours: null, longestHours: null, pastLimit: 0, sum: 0 };
    b.placements++;
    if (pastLimit(p)) b.pastLimit++;
    if (p.endedAt !== null) {
      const hours = (toMs(p.endedAt) - toMs(p.admittedAt)) / 3_600_000;
      b.ended++;
      b.sum += hours;
      b.longestHours = Math.max(b.longestHours ?? 0, hours);
    }
    byBasis.set(key, b);
  }
  for (const b of byBasis.values()) b.meanHours = b.ended ? b.sum / b.ended : null;
  return {
    population: count(open),
    populationForced: count((p) => open(p) && p.kind === 'forced'),
    populationVoluntary: count((p) => open(p) && p.kind === 'voluntary'),
    placements: placements.length,
    staysPastLimit: count(pastLimit),
    presentPastLimit: count((p) => open(p) && pastLimit(p)),
    minorsAdmitted: count(minor),
    minorsPresent: count((p) => minor(p) && open(p)),
    unaccompaniedMinors: count((p) => minor(p) && unaccompanied(p)),
    unaccompaniedMinorsReferred: count((p) => minor(p) && unaccompanied(p) && referredChild.has(p.personId)),
    unaccompaniedMinorsPresent: count((p) => minor(p) && unaccompanied(p) && open(p)),
    asylumSeekersPresent: count((p) => open(p) && status(p) === 'asylum_seeker'),
    refugeesPresent: count((p) => open(p) && status(p) === 'refugee'),
    traffickingReferrals: referrals.filter((r) => r.kind === 'trafficking_police').length,
    findingsCurrent: findings.findings.length,
    recommendationsOverdue: recommendations.filter((r) => r.answered_at === null && toMs(r.response_due) < toMs(asOf)).length,
    byBasis,
  };
}

/** Who was present at an instant, straight from the centre's placements. */
export function presentAt(centre: Db, atMs: number): number {
  let n = 0;
  for (const p of centre.prepare('SELECT admitted_at, ended_at FROM placements').all() as { admitted_at: string; ended_at: string | null }[]) {
    if (toMs(p.admitted_at) <= atMs && (p.ended_at === null || toMs(p.ended_at) > atMs)) n++;
  }
  return n;
}
