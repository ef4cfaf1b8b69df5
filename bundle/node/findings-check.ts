// A bundle's findings, computed again from its journal. The centre computes them at export and signs
// them with everything else, so the signature says only that the centre wrote them: a centre could
// sign findings of its own making (an empty list, say) beside an honest journal. Here the verified
// journal is replayed with the app's own projector into a database in memory, and the findings are
// computed at the export's instant exactly as the export computed them, then compared.

import type { FindingsResult } from '../../domain/api/outputs.ts';
import { canonicalJson, type JournalEntry } from '../../domain/journal.ts';
import type { LegalProfile } from '../../domain/profile/types.ts';
import { openDatabase } from '../../db/connection.ts';
import { JournalWriter } from '../../db/journal/writer.ts';
import { Projector } from '../../db/projections/projector.ts';
import type { FindingsSection } from '../format/sections.ts';
import { computeFindingsSection } from './findings.ts';

export interface FindingsCheck {
  /** The bundle's findings are those its journal gives. */
  ok: boolean;
  /** How many findings the journal gives now and in the audit, at the export's instant. */
  current: number;
  history: number;
  /** Where they differ, in words (null when they agree). */
  difference: string | null;
}

/** The findings section that `entries` (a whole journal, from seq 1) give at `at`. */
export function findingsFromJournal(entries: Iterable<JournalEntry>, profile: LegalProfile, timeZone: string, at: string): FindingsSection {
  const db = openDatabase(':memory:');
  try {
    const writer = new JournalWriter(db);
    const projector = new Projector(db);
    // The journal too: some reads of the findings join it (a recommendation is a fact once its entry's
    // time has come). The writer chains each entry again: it must come to the hash the bundle verified.
    db.transaction(() => {
      writer.begin();
      for (const e of entries) {
        const written = writer.append(e);
        if (written.hash !== e.hash) throw new Error(`findings check: entry ${e.seq} chains to another hash than the bundle's`);
        projector.apply(written, JSON.parse(written.payload));
      }
    })();
    return computeFindingsSection(db, profile, timeZone, at);
  } finally {
    db.close();
  }
}

/** Compares the bundle's findings with those its journal gives. */
export function checkFindings(claimed: FindingsSection, recomputed: FindingsSection): FindingsCheck {
  const difference = differenceIn('now', claimed.current, recomputed.current) ?? differenceIn('in the audit', claimed.history, recomputed.history);
  return { ok: difference === null, current: recomputed.current.findings.length, history: recomputed.history.findings.length, difference };
}

function differenceIn(which: string, claimed: FindingsResult, recomputed: FindingsResult): string | null {
  const a = claimed.findings;
  const b = recomputed.findings;
  if (claimed.at !== recomputed.at) return `the findings ${which} are dated ${claimed.at}, the export ${recomputed.at}`;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    // As text with sorted keys: the section's schema puts a finding's keys in an order of its own.
    if (a[i] !== undefined && b[i] !== undefined && canonicalJson(a[i]) === canonicalJson(b[i])) continue;
    const say = (f: (typeof a)[number] | undefined) => (f ? `${f.code} (${[...f.placementIds, ...(f.roomId ? [f.roomId] : [])].join(', ') || 'the centre'})` : 'nothing');
    return `the bundle lists ${a.length} findings ${which}, its journal gives ${b.length}; the first that differs: the bundle has ${say(a[i])}, the journal gives ${say(b[i])}`;
  }
  return null;
}
