import { randomUUID } from 'node:crypto';
import { newCentreKeys, type CentreKeys } from './keys.ts';
import type { AccountView } from '../domain/api/outputs.ts';
import { encodePayload, type JournalEntry } from '../domain/journal.ts';
import type { EventPayloads, EventType } from '../domain/events.ts';
import type { LegalProfile } from '../domain/profile/types.ts';
import { reason } from '../domain/reasons.ts';
import { toIso, toMs, type Instant } from '../domain/time.ts';
import type { Db } from '../db/connection.ts';
import type { JournalWriter } from '../db/journal/writer.ts';
import type { Projector } from '../db/projections/projector.ts';
import type { DecisionReads } from '../db/queries/decision-reads.ts';
import type { Sql } from '../db/sql.ts';
import { refused } from './errors.ts';

export interface CentreSettings {
  /** When the centre was set up: nothing in its register can have happened before. */
  configuredAt: Instant;
  centreId: string;
  name: string;
  timeZone: string;
  profile: LegalProfile;
}

/** How far ahead of the clock an event time may be (clock skew between workstations). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface AppendOptions {
  eventTime: Instant;
  corrects?: number | null;
}

/** What a handler gets: the caller, the clock's instant, the centre, reads, and the journal. */
export class Ctx {
  constructor(
    readonly db: Db,
    readonly sql: Sql,
    readonly reads: DecisionReads,
    private readonly writer: JournalWriter,
    private readonly projector: Projector,
    readonly actor: AccountView,
    readonly now: Instant,
    private readonly centreSettings: CentreSettings | null,
    /** Source of random identifiers (the centre id): injected so a seeded centre is reproducible. */
    readonly randomId: () => string = randomUUID,
    /** Source of the centre's key pair at set-up: injected for the same reason. */
    readonly newKeys: () => CentreKeys = newCentreKeys,
    /** The caller's session token, where the call came with one (sign-out ends that session only). */
    readonly session: string | null = null,
  ) {}

  get centre(): CentreSettings {
    if (!this.centreSettings) throw refused(reason('centre.not_configured'));
    return this.centreSettings;
  }

  get profile(): LegalProfile {
    return this.centre.profile;
  }

  get timeZone(): string {
    return this.centre.timeZone;
  }

  /** The event time of a write: what the caller says, or now. Never in the future, never before the centre existed. */
  eventTime(at: Instant | undefined, field = 'at'): Instant {
    if (at === undefined) return this.now;
    if (toMs(at) > toMs(this.now) + FUTURE_TOLERANCE_MS) {
      throw refused(reason('time.in_future', field, { at, now: this.now }));
    }
    const since = this.centreSettings?.configuredAt;
    if (since !== undefined && at < since) {
      throw refused(reason('time.before_centre', field, { at, since }));
    }
    return at;
  }

  /** Ids are the prefix and the seq of the entry that creates the thing: unique and stable. */
  nextId(prefix: string, offset = 0): string {
    return `${prefix}${this.writer.nextSeq + offset}`;
  }

  append<T extends EventType>(type: T, payload: EventPayloads[T], options: AppendOptions): JournalEntry {
    const stored = encodePayload(payload);
    const entry = this.writer.append({
      eventTime: options.eventTime,
      recordedTime: this.now,
      actor: this.actor.username,
      type,
      corrects: options.corrects ?? null,
      payload: stored.text,
    });
    // Project what was stored, not the object in hand: the stored text is what a rebuild will read
    // (an `undefined` in the object would otherwise project differently from its absence in the text).
    // Where the text reads back as exactly the object in hand, the object is that reading.
    this.projector.apply(entry, stored.roundTrips ? payload : JSON.parse(stored.text));
    return entry;
  }

  nowMs(): number {
    return toMs(this.now);
  }

  iso(ms: number): Instant {
    return toIso(ms);
  }
}
