// The first record of each right, per placement (migration 0006): the one thing the findings' rights
// rule reads of the rights log. Ten years of a 500-bed centre hold over a million records, most of
// them repeated family calls and lawyer's visits; the audit reads the first of each kind, about seven
// per placement. Kept as one text per placement, written when a right is recorded, so that the audit
// reads ninety thousand short texts instead of a million records that SQLite would have to group
// and format on every audit.
//
// The text: for each right kind recorded for the placement, in the order kinds were first recorded,
// four tokens separated by single spaces: kind, instant (ISO, as the rights log holds it), seq,
// state. Kinds, states and instants hold no spaces. "First" is the earliest instant; of two records at
// one instant, the lower seq. The rights log is only ever appended to (a record is never corrected
// in place), so each record is merged in once, in any order: a backdated record replaces a later one.

import type { Statement } from 'better-sqlite3';
import { toMs } from '../../domain/time.ts';
import type { Db } from '../connection.ts';

export interface RightRecord {
  right: string;
  at: string;
  seq: number;
  state: string;
}

/**
 * `records` with `r` merged in: added if its kind has no record yet, put in place of the kind's
 * record if it is earlier; null if `records` stays as it is.
 */
export function withFirstRecord(records: string, r: RightRecord): string | null {
  const tokens = records === '' ? [] : records.split(' ');
  if (tokens.length % 4 !== 0) throw new Error(`first_rights: a placement's records are not in groups of four: ${JSON.stringify(records)}`);
  for (let i = 0; i < tokens.length; i += 4) {
    if (tokens[i] !== r.right) continue;
    const at = toMs(tokens[i + 1]!);
    const recordAt = toMs(r.at);
    if (recordAt > at || (recordAt === at && r.seq >= Number(tokens[i + 2]))) return null;
    tokens.splice(i, 4, r.right, r.at, String(r.seq), r.state);
    return tokens.join(' ');
  }
  for (const token of [r.right, r.at, r.state]) {
    if (token === '' || /\s/.test(token)) throw new Error(`first_rights: ${JSON.stringify(token)} cannot be a token of the record of seq ${r.seq}`);
  }
  tokens.push(r.right, r.at, String(r.seq), r.state);
  return tokens.join(' ');
}

/** Keeps first_rights in step with the rights log: call `record` for every record written to it. */
export class FirstRightsProjection {
  private readonly get: Statement;
  private readonly put: Statement;

  constructor(db: Db) {
    this.get = db.prepare('SELECT records FROM first_rights WHERE placement_id = ?').pluck();
    this.put = db.prepare('INSERT INTO first_rights (placement_id, records) VALUES (?, ?) ON CONFLICT (placement_id) DO UPDATE SET records = excluded.records');
  }

  record(placementId: string, r: RightRecord): void {
    const records = (this.get.get(placementId) as string | undefined) ?? '';
    const next = withFirstRecord(records, r);
    if (next !== null) this.put.run(placementId, next);
  }
}
