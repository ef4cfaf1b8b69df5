import type { Migration } from './types.ts';

// HQ's acknowledgements (journal entries `hq.acknowledged`, recorded from HQ's receipts): the last one
// says where the next HQ slice starts. A projection like the register tables, but not one of the
// tables a bundle digests (domain/replay/tables.ts), so bundles of earlier versions still verify.

export const migration0005: Migration = {
  version: 5,
  name: 'hq-acknowledgements',
  up: `
CREATE TABLE hq_acknowledgements (
  seq          INTEGER PRIMARY KEY,
  acked_seq    INTEGER NOT NULL,
  acked_hash   TEXT    NOT NULL,
  imported_at  TEXT,
  at           TEXT    NOT NULL,
  actor        TEXT    NOT NULL
) STRICT;
`,
};
