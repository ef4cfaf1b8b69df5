import type { Migration } from './types.ts';

// The full audit reads the first record of every required right of every placement: on ten years of
// history, over a million records. With the record's kind, seq and state in the index beside
// (placement_id, at), SQLite groups them by placement from the index alone, never touching the table
// (whose rows carry the free-text detail). The leading columns are unchanged, so every query that
// used the old index uses this one the same way.
export const migration0004: Migration = {
  version: 4,
  name: 'rights-covering-index',
  up: `
DROP INDEX rights_placement;
CREATE INDEX rights_placement ON rights(placement_id, at, seq, right_kind, state);
`,
};
