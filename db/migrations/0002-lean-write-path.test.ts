// Migration 2 on a centre written at schema 1: the register and its chain come through untouched,
// the unread indexes are gone, and the cheaper chain guard refuses everything the old one did.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../domain/journal.ts';
import { toIso, toMs } from '../../domain/time.ts';
import { CentreService } from '../../services/service.ts';
import { openDatabase, schemaVersion, type Db } from '../connection.ts';
import { verifyJournal } from '../journal/writer.ts';
import { backToSchema1 } from '../../test/support/schema-1.ts';
import { LATEST_VERSION } from './index.ts';

let dir: string;
let path: string;
let db: Db;
let before: { head: { seq: number; hash: string }; tables: Record<string, unknown[]> };

const REGISTER_TABLES = ['persons', 'person_names', 'person_status', 'placements', 'orders', 'rooms', 'assignments', 'rights', 'movements'];

function dump(d: Db): Record<string, unknown[]> {
  const order = (t: string) => (t === 'person_names' ? 'token, person_id' : 'rowid'); // the one WITHOUT ROWID table
  return Object.fromEntries(REGISTER_TABLES.map((t) => [t, d.prepare(`SELECT * FROM ${t} ORDER BY ${order(t)}`).all()]));
}

/**
 * A small centre at schema 1: set-up, a room, and two people admitted, moved about and released,
 * written by today's service and then taken back to what migration 1 alone made.
 */
function writeVersion1Centre(file: string): void {
  const v1 = openDatabase(file);
  let ms = toMs('2026-03-01T08:00:00.000Z');
  const service = new CentreService(v1, { clock: () => ms });
  service.call('centre.setup', { name: 'Old Centre', timeZone: 'Asia/Baku', profileId: 'az-migration-code-2023', head: { username: 'head', displayName: 'Head', password: 'a long passphrase' } }, null);
  const head = { username: 'head' };
  ms += 3_600_000;
  const room = service.call('rooms.define', { name: 'V1', capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'voluntary' }, head).id!;
  for (const name of ['Aliyev', 'Karimov']) {
    ms += 3_600_000;
    const personId = service.call('persons.register', { familyName: name, givenNames: 'Anvar', sex: 'male', birthDate: '1990-01-01', status: 'irregular_migrant' }, head).id!;
    const placementId = service.call('placements.admit', { personId, kind: 'voluntary', admission: { reasons: 'Own request', authority: 'SMS' }, roomId: room }, head).id;
    ms += 3_600_000;
    service.call('movements.record', { placementId, direction: 'exit', purpose: 'shopping' }, head);
    service.call('movements.record', { placementId, direction: 'return', at: toIso(ms) }, head);
    service.call('rights.record', { placementId, right: 'lawyer', state: 'offered' }, head);
    service.call('placements.end', { placementId, reason: 'voluntary_departure' }, head);
  }
  backToSchema1(v1);
  v1.close();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'centre-migrate-2-'));
  path = join(dir, 'centre.db');
  writeVersion1Centre(path);
  const v1 = new Database(path, { readonly: true });
  expect(schemaVersion(v1)).toBe(1);
  before = { head: v1.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }, tables: dump(v1) };
  v1.close();
  db = openDatabase(path);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 2 (lean write path)', () => {
  it('upgrades a schema-1 centre, leaving its journal and register exactly as they were', () => {
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(verifyJournal(db)).toMatchObject({ ok: true, head: before.head, firstBad: null });
    expect(dump(db)).toEqual(before.tables);
  });

  it('drops the indexes no query reads, and keeps the ones queries use', () => {
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
    for (const gone of ['persons_present', 'placements_open', 'assignments_room']) expect(indexes).not.toContain(gone);
    for (const kept of ['assignments_open', 'assignments_room_to', 'placements_ended', 'persons_name_order', 'rights_placement']) expect(indexes).toContain(kept);
  });

  it('keeps appending on the old chain', () => {
    const service = new CentreService(db, { clock: () => toMs('2026-03-02T08:00:00.000Z') });
    const r = service.call('persons.register', { familyName: 'Mammadov', givenNames: 'Elvin', sex: 'male', claimedAge: 30, status: 'irregular_migrant' }, { username: 'head' });
    expect(r.seq).toBe(before.head.seq + 1);
    expect(verifyJournal(db)).toMatchObject({ ok: true, entries: before.head.seq + 1 });
  });

  it('has the database refuse, by itself, every insert that does not extend the chain', () => {
    const [seq, hash] = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').raw().get() as [number, string];
    const insert = (verb: string, s: number | null, prev: string | null) =>
      db.prepare(`${verb} INTO journal VALUES (?, 't', 't', 'x', 'y', NULL, '{}', ?, 'h')`).run(s, prev);
    const refused = /extend the chain/;
    expect(() => insert('INSERT', seq + 2, hash)).toThrow(refused); // a gap
    expect(() => insert('INSERT', seq + 1, GENESIS_HASH)).toThrow(refused); // not linked to the head
    expect(() => insert('INSERT', seq + 1, null)).toThrow(); // no previous hash at all
    expect(() => insert('INSERT', null, hash)).toThrow(refused); // a seq left for SQLite to choose
    expect(() => insert('INSERT OR REPLACE', seq, hash)).toThrow(refused); // rewriting the head
    expect(() => insert('INSERT OR REPLACE', 1, GENESIS_HASH)).toThrow(refused); // rewriting the first entry
    expect(db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').raw().get()).toEqual([seq, hash]);
    expect(verifyJournal(db).ok).toBe(true);
    // The next entry, properly linked, is accepted.
    insert('INSERT', seq + 1, hash);
    expect(db.prepare('SELECT max(seq) FROM journal').pluck().get()).toBe(seq + 1);
  });

  it('on an empty journal accepts only the first entry, linked to the genesis hash', () => {
    const empty = openDatabase(join(dir, 'empty.db'));
    try {
      const insert = (s: number | null, prev: string) => empty.prepare("INSERT INTO journal VALUES (?, 't', 't', 'x', 'y', NULL, '{}', ?, 'h')").run(s, prev);
      expect(() => insert(2, GENESIS_HASH)).toThrow(/extend the chain/);
      expect(() => insert(1, 'f'.repeat(64))).toThrow(/extend the chain/);
      expect(() => insert(null, GENESIS_HASH)).toThrow(/extend the chain/);
      insert(1, GENESIS_HASH);
      expect(empty.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(1);
    } finally {
      empty.close();
    }
  });
});
