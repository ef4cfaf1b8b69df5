// A clock that reads the current instant from a file, for end-to-end tests and demonstrations: a
// test writes "2026-03-05T08:00:00Z" into the file and the running server's service sees that
// instant from its next call on, without a restart. Never meant for a centre's daily use.

import { readFileSync, statSync } from 'node:fs';
import { isInstant, systemClock, toMs, type Clock } from '../../domain/time.ts';

/**
 * The instant written in `path`, re-read only when the file changes (its modification time, size
 * or inode). While the file is absent, or holds no ISO-8601 instant, the time is `fallback`'s; a
 * malformed file is reported once through `warn`, until it changes again.
 */
export function fileClock(path: string, fallback: Clock = systemClock, warn: (message: string) => void = console.error): Clock {
  let seen = '';
  let instant: number | null = null;
  return () => {
    let stamp: string;
    try {
      const info = statSync(path, { bigint: true });
      stamp = `${info.mtimeNs}:${info.size}:${info.ino}`;
    } catch {
      seen = '';
      instant = null;
      return fallback();
    }
    if (stamp !== seen) {
      seen = stamp;
      instant = null;
      let text = '';
      try {
        text = readFileSync(path, 'utf8').trim();
      } catch {
        /* removed between stat and read: fall back below */
      }
      if (isInstant(text)) instant = toMs(text);
      else warn(`clock file ${path}: expected an ISO-8601 instant such as 2026-03-01T08:00:00Z, found "${text.slice(0, 60)}"; using the system clock`);
    }
    return instant ?? fallback();
  };
}
