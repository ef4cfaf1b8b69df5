import type { Database } from 'better-sqlite3';
import { toMs } from '../../domain/time.ts';
import { withFirstRecord } from '../projections/first-rights.ts';
import type { Migration } from './types.ts';

// What the full audit reads, made cheap to read (db/queries/findings-facts.ts):
//
// - first_rights: when each right was first recorded, per placement, as one text (the format and
//   why: db/projections/first-rights.ts). Existing databases are filled from
//   the rights log in seq order, exactly as the projector writes the rows, so that a rebuilt database
//   and a migrated one agree. Not part of bundles (bundle/format, domain/replay): it is derived from
//   the rights log, which is.
// - placements_screened: the admissions whose screening found trafficking indicators (a few in a
//   thousand). Finding them otherwise means reading every admission record in full.

export const SCREENED_ADMISSION = `instr(CAST(admission AS BLOB), CAST('"traffickingIndicators":["' AS BLOB)) > 0`;

function up(db: Database): void {
  db.exec(`
CREATE TABLE first_rights (
  placement_id TEXT NOT NULL PRIMARY KEY REFERENCES placements(placement_id),
  records      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX placements_screened ON placements(placement_id) WHERE ${SCREENED_ADMISSION};
`);
  const records = new Map<string, string>();
  const rows = db.prepare('SELECT placement_id, right_kind, at FROM rights ORDER BY seq').raw().iterate() as Iterable<[string, string, string]>;
  for (const [placementId, right, at] of rows) {
    const next = withFirstRecord(records.get(placementId) ?? '', right, toMs(at));
    if (next !== null) records.set(placementId, next);
  }
  const insert = db.prepare('INSERT INTO first_rights (placement_id, records) VALUES (?, ?)');
  for (const [placementId, text] of records) insert.run(placementId, text);
}

export const migration0006: Migration = { version: 6, name: 'audit-reads', up };
