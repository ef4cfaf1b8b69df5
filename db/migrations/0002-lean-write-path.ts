import type { Migration } from './types.ts';

// The write path, made cheaper without giving up what the database itself guarantees.
//
// The chain guard: the journal still refuses, by itself, an insert that does not extend the chain
// (next seq, previous entry's hash), but it reads the last entry once (seq and hash together, one
// descent to the end of the table) instead of a max(seq) and a second lookup by seq. The condition
// is written so that anything but a clear yes (a NULL seq, a NULL hash) is a refusal. With the
// update and delete guards, every insert extending the chain keeps seq 1..n without gaps, so the last
// entry is the previous one. INSERT OR REPLACE of an existing seq is refused too: its seq is not
// the last one plus one.
//
// Indexes no query uses, each of which every admission, move or release had to keep up to date:
// - persons_present and placements_open are partial indexes (WHERE present = 1, WHERE ended_at IS
//   NULL) that SQLite can only use when the query names the same literal; the queries bind their
//   values, so the planner never picks them (register search walks persons_name_order; who is present
//   at an instant reads placements_ended);
// - assignments_room (room_id, from_time): occupancy reads the open assignments and the closed ones
//   by assignments_open and assignments_room_to; nothing else reads a room's history by start time.

export const migration0002: Migration = {
  version: 2,
  name: 'lean-write-path',
  up: `
DROP TRIGGER journal_in_sequence;
CREATE TRIGGER journal_in_sequence BEFORE INSERT ON journal
WHEN coalesce(
       (SELECT NEW.seq = seq + 1 AND NEW.prev_hash = hash FROM journal ORDER BY seq DESC LIMIT 1),
       NEW.seq = 1 AND NEW.prev_hash = '${'0'.repeat(64)}'
     ) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'journal entries must extend the chain: next seq, previous hash'); END;

DROP INDEX persons_present;
DROP INDEX placements_open;
DROP INDEX assignments_room;
`,
};
