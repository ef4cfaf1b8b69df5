// The offline viewer's data (bundle/viewer/model) from a test centre, without a bundle: the journal
// replayed as verification replays it, the findings as export computes them, and the journal itself
// as the viewer holds it (for evidence and room history). For the viewer's pure modules' tests.

import { readEntries } from '../../db/journal/writer.ts';
import { hashInput } from '../../domain/journal.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { replayJournal } from '../../domain/replay/replay.ts';
import { toIso } from '../../domain/time.ts';
import { BundleJournal, indexJournalChunk, JournalChunkWriter } from '../../bundle/format/journal.ts';
import type { Manifest } from '../../bundle/format/manifest.ts';
import { computeFindingsSection } from '../../bundle/node/findings.ts';
import { ViewerData } from '../../bundle/viewer/model/data.ts';
import type { TestCentre } from './harness.ts';

export function viewerDataOf(c: TestCentre): ViewerData {
  const entries = [...readEntries(c.db)];
  const centre = c.db.prepare('SELECT centre_id, name, time_zone, profile_id, public_key, key_fingerprint FROM centre').get() as {
    centre_id: string;
    name: string;
    time_zone: string;
    profile_id: string;
    public_key: string;
    key_fingerprint: string;
  };
  const profile = profileById(centre.profile_id)!;
  const replay = replayJournal(
    entries.map((e) => ({ seq: e.seq, eventTime: e.eventTime, recordedTime: e.recordedTime, actor: e.actor, type: e.type, payload: JSON.parse(e.payload) as unknown })),
    { lateEntryHours: profile.lateEntryHours },
  );
  const journal = new BundleJournal({ seq: 0, hash: '0'.repeat(64) });
  const writer = new JournalChunkWriter(64 * 1024 * 1024);
  for (const e of entries) writer.add(hashInput(e));
  const raw = writer.finish();
  if (raw) {
    const chunk = indexJournalChunk(raw.slice(), 0, 1);
    journal.add(chunk);
  }
  const exportedAt = toIso(c.clock.now());
  const head = entries[entries.length - 1]!;
  const manifest = {
    format: 'centre-register-bundle',
    version: 1,
    kind: 'inspection',
    centre: { id: centre.centre_id, name: centre.name, timeZone: centre.time_zone, profileId: centre.profile_id },
    publicKey: centre.public_key,
    keyFingerprint: centre.key_fingerprint,
    from: { seq: 0, hash: '0'.repeat(64) },
    head: { seq: head.seq, hash: head.hash },
    exportedAt,
    exportedBy: 'head',
    counts: { entries: entries.length, persons: replay.tables.persons.size, placements: replay.tables.placements.size, medicalNotes: 0 },
  } as unknown as Manifest;
  const notes = new Map((c.db.prepare('SELECT ref, text FROM medical_notes').all() as { ref: string; text: string }[]).map((n) => [n.ref, n.text]));
  return new ViewerData({
    manifest,
    tables: replay.tables,
    findings: computeFindingsSection(c.db, profile, centre.time_zone, exportedAt),
    profile,
    journal,
    medicalNotes: notes,
  });
}
