import type { Migration } from '../../migrations/types.ts';

// HQ's database (DESIGN §5: HQ mode imports each centre's slices and shows national figures). Its own
// file and its own numbered migrations; a centre's database is never an HQ database, nor the reverse
// (PRAGMA application_id, set by openHqDatabase).
//
// Each centre's journal is kept as imported: every entry's hash input, byte for byte as the centre
// hashed it, and its hash, so that what HQ holds can be checked and extended exactly as the centre's
// own journal can. The read models below it are rebuilt from the replay of that journal at each import
// (domain/replay), never edited by hand.

const KEY_FACTOR = 2 ** 40;

export const hqMigration0001: Migration = {
  version: 1,
  name: 'hq',
  up: `
-- Centres and their pinned keys. A key is pinned at the first import (trust on first use) or
-- registered ahead by an administrator; a slice signed by another key is refused.
CREATE TABLE hq_centres (
  centre_no        INTEGER PRIMARY KEY,
  centre_id        TEXT    NOT NULL UNIQUE,
  name             TEXT,
  time_zone        TEXT,
  profile_id       TEXT,
  -- The legal profile's late-entry threshold as the centre's bundle gave it: the replay needs it.
  late_entry_hours REAL,
  -- Base64 of the raw Ed25519 key; null while only its fingerprint was registered.
  public_key       TEXT,
  key_fingerprint  TEXT    NOT NULL CHECK (length(key_fingerprint) = 64),
  pinned_how       TEXT    NOT NULL CHECK (pinned_how IN ('registered', 'first_import')),
  pinned_by        TEXT    NOT NULL,
  pinned_at        TEXT    NOT NULL,
  note             TEXT    NOT NULL DEFAULT '',
  -- The last entry HQ holds (0 and 64 zeros before the first import).
  head_seq         INTEGER NOT NULL DEFAULT 0,
  head_hash        TEXT    NOT NULL DEFAULT '${'0'.repeat(64)}',
  -- The slice that brought the head: when the centre exported it, when HQ imported it.
  exported_at      TEXT,
  imported_at      TEXT
) STRICT;

-- The journals. entry_key = centre_no * 2^40 + seq: one B-tree, entries of a centre in seq order,
-- found by key without a second index.
CREATE TABLE hq_journal (
  entry_key  INTEGER PRIMARY KEY,
  centre_no  INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  seq        INTEGER NOT NULL CHECK (seq >= 1 AND seq < ${KEY_FACTOR}),
  input      BLOB    NOT NULL,
  hash       BLOB    NOT NULL CHECK (length(hash) = 32),
  CHECK (entry_key = centre_no * ${KEY_FACTOR} + seq)
) STRICT;

CREATE TRIGGER hq_journal_no_update BEFORE UPDATE ON hq_journal
BEGIN SELECT RAISE(ABORT, 'HQ keeps journals as imported: entries are never updated'); END;
CREATE TRIGGER hq_journal_no_delete BEFORE DELETE ON hq_journal
BEGIN SELECT RAISE(ABORT, 'HQ keeps journals as imported: entries are never deleted'); END;
CREATE TRIGGER hq_journal_in_sequence BEFORE INSERT ON hq_journal
WHEN NEW.seq > 1 AND NOT EXISTS (SELECT 1 FROM hq_journal WHERE entry_key = NEW.entry_key - 1)
BEGIN SELECT RAISE(ABORT, 'HQ journal entries must follow the entry before them'); END;

-- Every import that changed something (a refused or already-held slice changes nothing, not even
-- this log: see the refusals log beside the database).
CREATE TABLE hq_imports (
  import_id     INTEGER PRIMARY KEY,
  centre_no     INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  file          TEXT    NOT NULL,
  imported_at   TEXT    NOT NULL,
  imported_by   TEXT    NOT NULL,
  from_seq      INTEGER NOT NULL,
  head_seq      INTEGER NOT NULL,
  head_hash     TEXT    NOT NULL,
  entries_added INTEGER NOT NULL,
  exported_at   TEXT    NOT NULL,
  exported_by   TEXT    NOT NULL,
  result        TEXT    NOT NULL
) STRICT;
CREATE INDEX hq_imports_centre ON hq_imports(centre_no, import_id);

-- Read models for the national figures, per centre, as of its last slice.
CREATE TABLE hq_placements (
  centre_no     INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  placement_id  TEXT    NOT NULL,
  person_id     TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  -- For forced placements, the basis of the order with the latest deadline (as the centre's register).
  basis         TEXT,
  admitted_at   TEXT    NOT NULL,
  ended_at      TEXT,
  end_reason    TEXT,
  deadline      TEXT,
  -- A minor at admission (the person's age evidence as last corrected, the legal profile's age of majority).
  minor         INTEGER NOT NULL,
  unaccompanied INTEGER NOT NULL,
  -- The person's status at the centre's last slice.
  status        TEXT    NOT NULL,
  PRIMARY KEY (centre_no, placement_id)
) STRICT;

CREATE TABLE hq_referrals (
  centre_no    INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  referral_id  TEXT    NOT NULL,
  person_id    TEXT    NOT NULL,
  placement_id TEXT,
  kind         TEXT    NOT NULL,
  at           TEXT    NOT NULL,
  PRIMARY KEY (centre_no, referral_id)
) STRICT;

CREATE TABLE hq_recommendations (
  centre_no         INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  recommendation_id TEXT    NOT NULL,
  visit_id          TEXT    NOT NULL,
  body              TEXT    NOT NULL,
  response_due      TEXT    NOT NULL,
  answered_at       TEXT,
  PRIMARY KEY (centre_no, recommendation_id)
) STRICT;

-- The findings the centre's slice carried (computed by the centre at its export).
CREATE TABLE hq_findings (
  centre_no  INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  mode       TEXT    NOT NULL CHECK (mode IN ('current', 'history')),
  code       TEXT    NOT NULL,
  severity   TEXT    NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (centre_no, mode, code, severity)
) STRICT;

-- Population at the start of each calendar month (the centre's time zone), and the month's movements.
CREATE TABLE hq_population (
  centre_no   INTEGER NOT NULL REFERENCES hq_centres(centre_no),
  month       TEXT    NOT NULL,
  population  INTEGER NOT NULL,
  admissions  INTEGER NOT NULL,
  departures  INTEGER NOT NULL,
  PRIMARY KEY (centre_no, month)
) STRICT;
`,
};

export { KEY_FACTOR };
