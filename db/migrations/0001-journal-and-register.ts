import type { Migration } from './types.ts';

// The journal and the register projections. Instants are ISO-8601 UTC text (fixed width, so text
// order is time order). Every projection row keeps the seq of the entry that wrote it: evidence.

export const migration0001: Migration = {
  version: 1,
  name: 'journal-and-register',
  up: `
CREATE TABLE journal (
  seq           INTEGER PRIMARY KEY,
  event_time    TEXT    NOT NULL,
  recorded_time TEXT    NOT NULL,
  actor         TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  corrects      INTEGER,
  payload       TEXT    NOT NULL,
  prev_hash     TEXT    NOT NULL,
  hash          TEXT    NOT NULL
) STRICT;

-- Append-only, enforced by the database itself and not only by the code that writes it.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: entries are never updated'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: entries are never deleted'); END;
CREATE TRIGGER journal_in_sequence BEFORE INSERT ON journal
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM journal), 0) + 1
  OR NEW.prev_hash <> coalesce((SELECT hash FROM journal WHERE seq = NEW.seq - 1), '${'0'.repeat(64)}')
BEGIN SELECT RAISE(ABORT, 'journal entries must extend the chain: next seq, previous hash'); END;

CREATE TABLE centre (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  centre_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  time_zone   TEXT NOT NULL,
  profile_id  TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  seq         INTEGER NOT NULL
) STRICT;

-- The centre's Ed25519 signing key: made at first run, never journaled, never exported.
CREATE TABLE centre_keys (
  singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
  public_key    TEXT NOT NULL,
  private_seed  TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  account_id    TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  seq           INTEGER NOT NULL
) STRICT;

-- Credentials are secrets, not register history: kept beside the journal, never in it, so that
-- no export can carry a password hash.
CREATE TABLE credentials (
  account_id      TEXT PRIMARY KEY REFERENCES accounts(account_id),
  password_hash   TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT
) STRICT;

CREATE TABLE sessions (
  token       TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(account_id),
  expires_at  TEXT NOT NULL
) STRICT;

CREATE TABLE persons (
  person_id              TEXT PRIMARY KEY,
  family_name            TEXT NOT NULL,
  given_names            TEXT NOT NULL,
  name_original          TEXT NOT NULL DEFAULT '',
  sex                    TEXT NOT NULL,
  birth_date             TEXT,
  claimed_age            INTEGER,
  claimed_age_on         TEXT,
  age_assessment         TEXT NOT NULL,
  nationality            TEXT,
  stateless              INTEGER NOT NULL,
  languages              TEXT NOT NULL,
  interpreter_needed     INTEGER NOT NULL,
  status                 TEXT NOT NULL,
  unaccompanied          INTEGER NOT NULL,
  family_group           TEXT,
  vulnerabilities        TEXT NOT NULL,
  trafficking_indicators TEXT NOT NULL,
  alerts                 TEXT NOT NULL,
  registered_seq         INTEGER NOT NULL,
  seq                    INTEGER NOT NULL,
  last_placement_id      TEXT,
  present                INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX persons_nationality ON persons(nationality);
-- The register lists people in name order: walking this index stops at the page's end.
CREATE INDEX persons_name_order ON persons(family_name, given_names, person_id);
CREATE INDEX persons_present ON persons(person_id) WHERE present = 1;
CREATE INDEX persons_status ON persons(status);

-- Name tokens, folded to lower-case Latin without diacritics, for prefix search.
CREATE TABLE person_names (
  token     TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons(person_id),
  PRIMARY KEY (token, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_names_person ON person_names(person_id, token);

-- Which journal entries corrected a person: the entries themselves are read from the journal.
CREATE TABLE person_corrections (
  person_id TEXT NOT NULL REFERENCES persons(person_id),
  seq       INTEGER NOT NULL,
  PRIMARY KEY (person_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_status (
  person_id TEXT NOT NULL REFERENCES persons(person_id),
  status    TEXT NOT NULL,
  at        TEXT NOT NULL,
  reason    TEXT NOT NULL,
  seq       INTEGER NOT NULL
) STRICT;
CREATE INDEX person_status_person ON person_status(person_id, at);

CREATE TABLE placements (
  placement_id  TEXT PRIMARY KEY,
  person_id     TEXT NOT NULL REFERENCES persons(person_id),
  kind          TEXT NOT NULL,
  admitted_at   TEXT NOT NULL,
  ended_at      TEXT,
  end_reason    TEXT,
  admission     TEXT NOT NULL,
  deadline      TEXT,
  basis         TEXT,
  out_since     TEXT,
  seq           INTEGER NOT NULL,
  end_seq       INTEGER
) STRICT;
CREATE INDEX placements_person ON placements(person_id, admitted_at);
CREATE INDEX placements_admitted ON placements(admitted_at);
CREATE INDEX placements_open ON placements(admitted_at) WHERE ended_at IS NULL;
CREATE INDEX placements_ended ON placements(ended_at);

CREATE TABLE orders (
  order_id      TEXT PRIMARY KEY,
  placement_id  TEXT NOT NULL REFERENCES placements(placement_id),
  basis         TEXT NOT NULL,
  authority     TEXT NOT NULL,
  reference     TEXT NOT NULL,
  issued_at     TEXT NOT NULL,
  starts_at     TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  seq           INTEGER NOT NULL
) STRICT;
CREATE INDEX orders_placement ON orders(placement_id, starts_at);
CREATE INDEX orders_basis ON orders(basis, placement_id);

CREATE TABLE rooms (
  room_id        TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  capacity       INTEGER NOT NULL,
  floor_area_m2  REAL NOT NULL,
  sex            TEXT,
  age_group      TEXT,
  regime         TEXT NOT NULL,
  family         INTEGER NOT NULL,
  retired        INTEGER NOT NULL DEFAULT 0,
  seq            INTEGER NOT NULL
) STRICT;

CREATE TABLE assignments (
  assignment_id TEXT PRIMARY KEY,
  placement_id  TEXT NOT NULL REFERENCES placements(placement_id),
  person_id     TEXT NOT NULL REFERENCES persons(person_id),
  room_id       TEXT NOT NULL REFERENCES rooms(room_id),
  from_time     TEXT NOT NULL,
  to_time       TEXT,
  actor         TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  end_seq       INTEGER
) STRICT;
CREATE INDEX assignments_placement ON assignments(placement_id, from_time);
CREATE INDEX assignments_room ON assignments(room_id, from_time);
CREATE INDEX assignments_open ON assignments(room_id) WHERE to_time IS NULL;
CREATE INDEX assignments_room_to ON assignments(room_id, to_time);
CREATE INDEX assignments_to ON assignments(to_time);

CREATE TABLE movements (
  placement_id TEXT NOT NULL REFERENCES placements(placement_id),
  direction    TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  at           TEXT NOT NULL,
  seq          INTEGER NOT NULL
) STRICT;
CREATE INDEX movements_placement ON movements(placement_id, at);

CREATE TABLE rights (
  right_entry_id   TEXT PRIMARY KEY,
  placement_id     TEXT NOT NULL REFERENCES placements(placement_id),
  person_id        TEXT NOT NULL REFERENCES persons(person_id),
  right_kind       TEXT NOT NULL,
  state            TEXT NOT NULL,
  language         TEXT,
  version          TEXT,
  interpreter      TEXT,
  detail           TEXT NOT NULL,
  at               TEXT NOT NULL,
  actor            TEXT NOT NULL,
  seq              INTEGER NOT NULL
) STRICT;
CREATE INDEX rights_placement ON rights(placement_id, at);

CREATE TABLE asylum_claims (
  claim_id      TEXT PRIMARY KEY,
  placement_id  TEXT NOT NULL REFERENCES placements(placement_id),
  person_id     TEXT NOT NULL REFERENCES persons(person_id),
  at            TEXT NOT NULL,
  note          TEXT NOT NULL,
  resolved_at   TEXT,
  resolution    TEXT,
  seq           INTEGER NOT NULL,
  resolved_seq  INTEGER
) STRICT;
CREATE INDEX asylum_claims_placement ON asylum_claims(placement_id);

CREATE TABLE referrals (
  referral_id   TEXT PRIMARY KEY,
  person_id     TEXT NOT NULL REFERENCES persons(person_id),
  placement_id  TEXT REFERENCES placements(placement_id),
  kind          TEXT NOT NULL,
  to_whom       TEXT NOT NULL,
  note          TEXT NOT NULL,
  at            TEXT NOT NULL,
  seq           INTEGER NOT NULL
) STRICT;
CREATE INDEX referrals_person ON referrals(person_id, at);

CREATE TABLE measures (
  measure_id     TEXT PRIMARY KEY,
  placement_id   TEXT NOT NULL REFERENCES placements(placement_id),
  person_id      TEXT NOT NULL REFERENCES persons(person_id),
  kind           TEXT NOT NULL,
  measure        TEXT NOT NULL,
  reason         TEXT NOT NULL,
  authorised_by  TEXT,
  authorised_at  TEXT,
  start_at       TEXT NOT NULL,
  end_at         TEXT,
  seq            INTEGER NOT NULL,
  end_seq        INTEGER
) STRICT;
CREATE INDEX measures_placement ON measures(placement_id, start_at);

CREATE TABLE measure_reviews (
  measure_id TEXT NOT NULL REFERENCES measures(measure_id),
  at         TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  note       TEXT NOT NULL,
  seq        INTEGER NOT NULL
) STRICT;
CREATE INDEX measure_reviews_measure ON measure_reviews(measure_id, at);

-- Medical details live outside the journal: the journal holds only a salted SHA-256 reference to
-- each note, so a journal slice for headquarters carries no medical detail and still verifies,
-- while an inspection bundle carries the notes and proves them against their references.
CREATE TABLE medical_notes (
  ref   TEXT PRIMARY KEY,
  salt  TEXT NOT NULL,
  text  TEXT NOT NULL
) STRICT;

CREATE TABLE medical_concerns (
  concern_id    TEXT PRIMARY KEY,
  placement_id  TEXT NOT NULL REFERENCES placements(placement_id),
  person_id     TEXT NOT NULL REFERENCES persons(person_id),
  kind          TEXT NOT NULL,
  note_ref      TEXT,
  at            TEXT NOT NULL,
  review_due    TEXT NOT NULL,
  seq           INTEGER NOT NULL
) STRICT;
CREATE INDEX medical_concerns_placement ON medical_concerns(placement_id, at);

CREATE TABLE detention_reviews (
  review_id     TEXT PRIMARY KEY,
  placement_id  TEXT NOT NULL REFERENCES placements(placement_id),
  concern_id    TEXT REFERENCES medical_concerns(concern_id),
  outcome       TEXT NOT NULL,
  note_ref      TEXT,
  at            TEXT NOT NULL,
  seq           INTEGER NOT NULL
) STRICT;
CREATE INDEX detention_reviews_placement ON detention_reviews(placement_id, at);

CREATE TABLE visits (
  visit_id    TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  inspectors  TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  note        TEXT NOT NULL,
  seq         INTEGER NOT NULL
) STRICT;

CREATE TABLE recommendations (
  recommendation_id TEXT PRIMARY KEY,
  visit_id          TEXT NOT NULL REFERENCES visits(visit_id),
  text              TEXT NOT NULL,
  response_due      TEXT NOT NULL,
  answered_at       TEXT,
  seq               INTEGER NOT NULL
) STRICT;

CREATE TABLE responses (
  recommendation_id TEXT NOT NULL REFERENCES recommendations(recommendation_id),
  text              TEXT NOT NULL,
  at                TEXT NOT NULL,
  seq               INTEGER NOT NULL
) STRICT;
CREATE INDEX responses_recommendation ON responses(recommendation_id);

-- Entries recorded long after the event they describe (threshold from the legal profile at the
-- time of writing): derived at append, like every projection, so findings need not scan the journal.
CREATE TABLE late_entries (
  seq           INTEGER PRIMARY KEY,
  type          TEXT NOT NULL,
  event_time    TEXT NOT NULL,
  recorded_time TEXT NOT NULL,
  actor         TEXT NOT NULL,
  person_id     TEXT,
  placement_id  TEXT
) STRICT;
CREATE INDEX late_entries_recorded ON late_entries(recorded_time);
`,
};
