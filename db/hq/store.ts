// HQ's database, as the import service and the report see it: centres and their keys, the journals
// as imported, the import log, and the read models. Prepared once; every write runs inside the
// caller's transaction.

import type { Statement } from 'better-sqlite3';
import type { HqCentreView, HqImportView } from '../../domain/api/hq-outputs.ts';
import type { HqReadModels } from '../../domain/hq/read-models.ts';
import { GENESIS_HASH } from '../../domain/journal.ts';
import type { Db } from '../connection.ts';
import { KEY_FACTOR } from './migrations/0001-hq.ts';

export interface HqCentreRow {
  centre_no: number;
  centre_id: string;
  name: string | null;
  time_zone: string | null;
  profile_id: string | null;
  late_entry_hours: number | null;
  public_key: string | null;
  key_fingerprint: string;
  pinned_how: 'registered' | 'first_import';
  pinned_by: string;
  pinned_at: string;
  note: string;
  head_seq: number;
  head_hash: string;
  exported_at: string | null;
  imported_at: string | null;
}

export interface NewImport {
  centreNo: number;
  file: string;
  importedAt: string;
  importedBy: string;
  fromSeq: number;
  headSeq: number;
  headHash: string;
  entriesAdded: number;
  exportedAt: string;
  exportedBy: string;
}

export interface FindingCount {
  mode: 'current' | 'history';
  code: string;
  severity: string;
  count: number;
}

/** The key of a centre's entry in hq_journal. */
export function entryKey(centreNo: number, seq: number): number {
  return centreNo * KEY_FACTOR + seq;
}

/** Journal entries a multi-row INSERT takes (5 parameters each, well under SQLite's limit). */
const ENTRY_ROWS = 64;

export class HqStore {
  private readonly s: Record<string, Statement>;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      centreById: p('SELECT * FROM hq_centres WHERE centre_id = ?'),
      centres: p(
        `SELECT c.*, (SELECT count(*) FROM hq_imports i WHERE i.centre_no = c.centre_no) AS imports
         FROM hq_centres c ORDER BY coalesce(c.name, c.centre_id), c.centre_id`,
      ),
      newCentre: p(
        `INSERT INTO hq_centres (centre_id, public_key, key_fingerprint, pinned_how, pinned_by, pinned_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      replaceKey: p('UPDATE hq_centres SET public_key = ?, key_fingerprint = ?, pinned_by = ?, pinned_at = ?, note = ? WHERE centre_no = ? AND head_seq = 0'),
      heldHash: p('SELECT hash FROM hq_journal WHERE entry_key = ?').pluck(),
      inputs: p('SELECT seq, input FROM hq_journal WHERE entry_key > ? AND entry_key <= ? ORDER BY entry_key').raw(),
      insertEntry: p('INSERT INTO hq_journal (entry_key, centre_no, seq, input, hash) VALUES (?, ?, ?, ?, ?)'),
      updateHead: p(
        `UPDATE hq_centres SET name = ?, time_zone = ?, profile_id = ?, late_entry_hours = ?, public_key = ?, head_seq = ?, head_hash = ?,
           exported_at = ?, imported_at = ?
         WHERE centre_no = ? AND head_seq = ?`,
      ),
      insertImport: p(
        `INSERT INTO hq_imports (centre_no, file, imported_at, imported_by, from_seq, head_seq, head_hash, entries_added, exported_at, exported_by, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'imported')`,
      ),
      imports: p(
        `SELECT i.*, c.centre_id, c.name FROM hq_imports i JOIN hq_centres c ON c.centre_no = i.centre_no
         ORDER BY i.import_id DESC LIMIT ?`,
      ),
      deletePlacements: p('DELETE FROM hq_placements WHERE centre_no = ?'),
      deleteReferrals: p('DELETE FROM hq_referrals WHERE centre_no = ?'),
      deleteRecommendations: p('DELETE FROM hq_recommendations WHERE centre_no = ?'),
      deleteFindings: p('DELETE FROM hq_findings WHERE centre_no = ?'),
      deletePopulation: p('DELETE FROM hq_population WHERE centre_no = ?'),
      insertPlacement: p(
        `INSERT INTO hq_placements (centre_no, placement_id, person_id, kind, basis, admitted_at, ended_at, end_reason, deadline, minor, unaccompanied, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertReferral: p('INSERT INTO hq_referrals (centre_no, referral_id, person_id, placement_id, kind, at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertRecommendation: p(
        'INSERT INTO hq_recommendations (centre_no, recommendation_id, visit_id, body, response_due, answered_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertFinding: p('INSERT INTO hq_findings (centre_no, mode, code, severity, count) VALUES (?, ?, ?, ?, ?)'),
      insertPopulation: p('INSERT INTO hq_population (centre_no, month, population, admissions, departures) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  centre(centreId: string): HqCentreRow | undefined {
    return this.s.centreById!.get(centreId) as HqCentreRow | undefined;
  }

  centres(): HqCentreView[] {
    return (this.s.centres!.all() as (HqCentreRow & { imports: number })[]).map(centreView);
  }

  /** A centre HQ does not know yet, with its key: registered by an administrator, or pinned at a first import. */
  addCentre(centreId: string, publicKey: string | null, fingerprint: string, how: 'registered' | 'first_import', by: string, at: string, note = ''): HqCentreRow {
    this.s.newCentre!.run(centreId, publicKey, fingerprint, how, by, at, note);
    return this.centre(centreId)!;
  }

  /** Replaces a key registered ahead, while nothing of the centre's journal is held. */
  replaceRegisteredKey(centreNo: number, publicKey: string | null, fingerprint: string, by: string, at: string, note: string): boolean {
    return this.s.replaceKey!.run(publicKey, fingerprint, by, at, note, centreNo).changes === 1;
  }

  /** Hex hash of the centre's entry `seq` as HQ holds it (the genesis hash for 0), or null. */
  heldHash(centreNo: number, seq: number): string | null {
    if (seq === 0) return GENESIS_HASH;
    const h = this.s.heldHash!.get(entryKey(centreNo, seq)) as Buffer | undefined;
    return h ? h.toString('hex') : null;
  }

  /** The centre's entries after `fromSeq` up to `toSeq`, as [seq, hash input bytes]. */
  *inputs(centreNo: number, fromSeq: number, toSeq: number): Generator<[number, Buffer]> {
    yield* this.s.inputs!.iterate(entryKey(centreNo, fromSeq), entryKey(centreNo, toSeq)) as Iterable<[number, Buffer]>;
  }

  /** Appends one entry (the caller has checked that it continues the chain). */
  insertEntry(centreNo: number, seq: number, input: Uint8Array, hash: Uint8Array): void {
    this.s.insertEntry!.run(entryKey(centreNo, seq), centreNo, seq, input, hash);
  }

  private insertRows: Statement | null = null;

  /**
   * Entries `firstSeq + i` for i in [from, to), their inputs `raw[starts[i], ends[i])` and hashes
   * `digests[32i, 32i + 32)`: the same rows as insertEntry one by one, ENTRY_ROWS to a statement (a
   * call per row cost more than SQLite's own work).
   */
  insertEntries(centreNo: number, firstSeq: number, raw: Uint8Array, starts: Uint32Array, ends: Uint32Array, digests: Uint8Array, from: number, to: number): void {
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const hashes = Buffer.from(digests.buffer, digests.byteOffset, digests.byteLength);
    const row = (args: unknown[], i: number) => {
      const seq = firstSeq + i;
      args.push(entryKey(centreNo, seq), centreNo, seq, bytes.subarray(starts[i]!, ends[i]!), hashes.subarray(32 * i, 32 * i + 32));
    };
    let i = from;
    if (to - i >= ENTRY_ROWS) {
      this.insertRows ??= this.db.prepare(`INSERT INTO hq_journal (entry_key, centre_no, seq, input, hash) VALUES ${Array(ENTRY_ROWS).fill('(?, ?, ?, ?, ?)').join(', ')}`);
      const args: unknown[] = [];
      for (; i + ENTRY_ROWS <= to; i += ENTRY_ROWS) {
        args.length = 0;
        for (let k = i; k < i + ENTRY_ROWS; k++) row(args, k);
        this.insertRows.run(args);
      }
    }
    for (; i < to; i++) this.s.insertEntry!.run(entryKey(centreNo, firstSeq + i), centreNo, firstSeq + i, bytes.subarray(starts[i]!, ends[i]!), hashes.subarray(32 * i, 32 * i + 32));
  }

  /** Moves the centre's head, only from `expectedHeadSeq`: false if someone else moved it first. */
  updateHead(
    centreNo: number,
    expectedHeadSeq: number,
    c: { name: string; timeZone: string; profileId: string; lateEntryHours: number | null; publicKey: string; headSeq: number; headHash: string; exportedAt: string; importedAt: string },
  ): boolean {
    return (
      this.s.updateHead!.run(c.name, c.timeZone, c.profileId, c.lateEntryHours, c.publicKey, c.headSeq, c.headHash, c.exportedAt, c.importedAt, centreNo, expectedHeadSeq)
        .changes === 1
    );
  }

  logImport(i: NewImport): void {
    this.s.insertImport!.run(i.centreNo, i.file, i.importedAt, i.importedBy, i.fromSeq, i.headSeq, i.headHash, i.entriesAdded, i.exportedAt, i.exportedBy);
  }

  imports(limit: number): HqImportView[] {
    return (this.s.imports!.all(limit) as Record<string, unknown>[]).map((r) => ({
      importId: r.import_id as number,
      centreId: r.centre_id as string,
      centreName: (r.name as string | null) ?? null,
      file: r.file as string,
      importedAt: r.imported_at as string,
      importedBy: r.imported_by as string,
      fromSeq: r.from_seq as number,
      headSeq: r.head_seq as number,
      entriesAdded: r.entries_added as number,
      exportedAt: r.exported_at as string,
      exportedBy: r.exported_by as string,
    }));
  }

  /** Replaces the centre's read models with those of its journal at the new head. */
  replaceReadModels(centreNo: number, m: HqReadModels, findings: readonly FindingCount[]): void {
    const s = this.s;
    for (const d of ['deletePlacements', 'deleteReferrals', 'deleteRecommendations', 'deleteFindings', 'deletePopulation']) s[d]!.run(centreNo);
    for (const p of m.placements) {
      s.insertPlacement!.run(centreNo, p.placementId, p.personId, p.kind, p.basis, p.admittedAt, p.endedAt, p.endReason, p.deadline, p.minor ? 1 : 0, p.unaccompanied ? 1 : 0, p.status);
    }
    for (const r of m.referrals) s.insertReferral!.run(centreNo, r.referralId, r.personId, r.placementId, r.kind, r.at);
    for (const r of m.recommendations) s.insertRecommendation!.run(centreNo, r.recommendationId, r.visitId, r.body, r.responseDue, r.answeredAt);
    for (const f of findings) s.insertFinding!.run(centreNo, f.mode, f.code, f.severity, f.count);
    for (const p of m.population) s.insertPopulation!.run(centreNo, p.month, p.population, p.admissions, p.departures);
  }
}

function centreView(r: HqCentreRow & { imports: number }): HqCentreView {
  return {
    centreId: r.centre_id,
    name: r.name,
    timeZone: r.time_zone,
    profileId: r.profile_id,
    keyFingerprint: r.key_fingerprint,
    publicKey: r.public_key,
    pinnedHow: r.pinned_how,
    pinnedBy: r.pinned_by,
    pinnedAt: r.pinned_at,
    note: r.note,
    head: { seq: r.head_seq, hash: r.head_hash },
    exportedAt: r.exported_at,
    importedAt: r.imported_at,
    imports: r.imports,
  };
}
