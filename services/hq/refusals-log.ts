// Refused slices change nothing in HQ's database, not even its import log; they are written instead to
// a log beside it (JSON lines, `<database>.refused.log`), so that HQ can still see what came in and why
// it was turned away.

import { appendFileSync } from 'node:fs';
import type { HqImportOutcome } from '../../domain/api/hq-outputs.ts';
import { toIso, type Clock } from '../../domain/time.ts';

export function refusalLogPath(dbPath: string): string {
  return `${dbPath}.refused.log`;
}

export function refusalLogger(dbPath: string, clock: Clock): (o: HqImportOutcome) => void {
  const path = refusalLogPath(dbPath);
  return (o) => {
    const line = { at: toIso(clock()), source: o.source, centreId: o.centreId, centreName: o.centreName, fromSeq: o.fromSeq, headSeq: o.headSeq, reason: o.reason, message: o.message };
    try {
      appendFileSync(path, `${JSON.stringify(line)}\n`);
    } catch (err) {
      // The refusal is still reported to whoever imported: a log that cannot be written must not hide it.
      console.error(`cannot write ${path}: ${(err as Error).message}`);
    }
  };
}
