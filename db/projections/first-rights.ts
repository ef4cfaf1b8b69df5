// When each right was first recorded, per placement (migration 0006): what the findings' rights rule
// asks of the rights log (was the right recorded within its window after admission?). Ten
// years of a 500-bed centre hold over a million records, most of them repeated family calls and
// lawyer's visits; the audit needs the first of each kind, about seven per placement, and of those
// only the rare late one in full (it reads that one from the rights log itself). Kept as one short
// text per placement, written when a right is recorded, so that the audit reads ninety thousand short
// texts instead of a million records that SQLite would group and format on every audit.
//
// The text: for each right kind recorded for the placement, in the order kinds were first recorded,
// the kind and the instant of its first record in milliseconds since the epoch, separated by single
// spaces. "First" is the earliest instant; of two records at one instant, the one recorded first
// (the lower seq), which is the one already here: the rights log is only ever appended to, and a
// record is never corrected in place, so a backdated record replaces a later one and nothing else
// ever does. Written from the record alone (no other row is read), so that recording a right costs
// little more than it did.

import type { Statement } from 'better-sqlite3';
import { toMs } from '../../domain/time.ts';
import type { Db } from '../connection.ts';

/**
 * `records` with a record of `right` at `atMs` merged in: added if the kind has no record yet, put in
 * place of the kind's if it is earlier; null if `records` stays as it is.
 */
export function withFirstRecord(records: string, right: string, atMs: number): string | null {
  if (right === '' || /\s/.test(right)) throw new Error(`first_rights: ${JSON.stringify(right)} cannot be a right kind`);
  if (!Number.isSafeInteger(atMs)) throw new Error(`first_rights: ${atMs} is not a whole number of milliseconds`);
  const tokens = records === '' ? [] : records.split(' ');
  if (tokens.length % 2 !== 0) throw new Error(`first_rights: a placement's records are not in pairs: ${JSON.stringify(records)}`);
  for (let i = 0; i < tokens.length; i += 2) {
    if (tokens[i] !== right) continue;
    if (atMs >= Number(tokens[i + 1])) return null;
    tokens[i + 1] = String(atMs);
    return tokens.join(' ');
  }
  tokens.push(right, String(atMs));
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

  record(placementId: string, right: string, at: string): void {
    const next = withFirstRecord((this.get.get(placementId) as string | undefined) ?? '', right, toMs(at));
    if (next !== null) this.put.run(placementId, next);
  }
}
