// The in-memory projector: replays journal entries into the register tables (tables.ts) exactly as
// the SQL projector (db/projections/projector.ts) writes them, including its quirks (an update of a
// row that is not there changes nothing; a second end of a measure keeps the first). The offline
// viewer, `centre verify` and HQ import use it; a test replays real journals both ways and compares
// every table row by row, so the two projectors cannot drift apart unnoticed.
//
// Pure and fast: one pass, Maps keyed by id, no copies. The payload is parsed by the caller (the
// journal decoder), so a caller that already holds parsed payloads does not parse twice.

import type { EventPayloads, EventType } from '../events.ts';
import {
  emptyTables,
  type AccountRow,
  type AssignmentRow,
  type MeasureRow,
  type RightRow,
  type PersonRow,
  type RegisterTables,
  type RoomRow,
} from './tables.ts';

export interface ReplayEntry {
  seq: number;
  eventTime: string;
  recordedTime: string;
  actor: string;
  type: string;
  /** The parsed payload. */
  payload: unknown;
}

/** An entry the replay cannot apply: unknown type, a payload without the fields its type needs, … */
export class ReplayError extends Error {
  override name = 'ReplayError';
  constructor(
    readonly seq: number,
    readonly type: string,
    message: string,
  ) {
    super(`entry ${seq} (${type}): ${message}`);
  }
}

export interface ReplayOptions {
  /**
   * The legal profile's late-entry threshold: an entry recorded more than this many hours after
   * its event time is a late entry (as the SQL projector lists it). Null: none are derived.
   */
  lateEntryHours: number | null;
}

type Handler<T extends EventType> = (e: ReplayEntry, p: EventPayloads[T]) => void;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What a JSON column holds when the payload has no value: the SQL projector stores JSON null. */
const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

export class Replay {
  readonly tables: RegisterTables = emptyTables();
  /** Medical note references in the journal (noteRef, detailRef): every one must have its note. */
  readonly noteRefs = new Set<string>();
  /** Seq of the last entry applied. */
  lastSeq = 0;
  /** The last acknowledgement from HQ in the journal (hq.acknowledged), if any. */
  hqAcknowledged: { seq: number; hash: string; at: string; entrySeq: number } | null = null;
  private readonly lateMs: number | null;
  /** Open assignments by placement: what placement.ended closes. */
  private readonly openAssignments = new Map<string, AssignmentRow[]>();
  private readonly handlers: { [T in EventType]: Handler<T> };

  constructor(options: ReplayOptions) {
    this.lateMs = options.lateEntryHours === null ? null : options.lateEntryHours * HOUR_MS;
    this.handlers = this.buildHandlers();
  }

  /** Applies one entry. Throws ReplayError when the entry cannot be applied. */
  apply(e: ReplayEntry): void {
    const handler = this.handlers[e.type as EventType] as Handler<EventType> | undefined;
    if (!handler || !Object.prototype.hasOwnProperty.call(this.handlers, e.type)) {
      throw new ReplayError(e.seq, e.type, 'unknown entry type');
    }
    const p = e.payload;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new ReplayError(e.seq, e.type, 'the payload is not an object');
    try {
      handler(e, p as EventPayloads[EventType]);
      if (this.lateMs !== null && e.type !== 'centre.configured' && this.tables.centre !== null) this.checkLate(e, p as Record<string, unknown>);
    } catch (err) {
      if (err instanceof ReplayError) throw err;
      throw new ReplayError(e.seq, e.type, err instanceof Error ? err.message : String(err));
    }
    this.lastSeq = e.seq;
  }

  /**
   * A right.recorded entry whose row is kept aside, not in `tables.rights` (bundle verification
   * digests such rows from the entry's bytes elsewhere, and the viewer builds them when it needs
   * them): everything else apply() does for it. `detailRef` is the payload's, and `payload` parses
   * it, asked for only when the entry is late (its row in late_entries reads it).
   */
  applyRightAside(e: Omit<ReplayEntry, 'payload'>, detailRef: string | null, payload: () => Record<string, unknown>): void {
    this.noteRef(detailRef);
    if (this.lateMs !== null && this.tables.centre !== null && this.isLate(e)) this.recordLate(e, payload());
    this.lastSeq = e.seq;
  }

  /**
   * Whether an entry recorded on the same UTC date as its event (both times 24 characters, the
   * recorded one with its "T" at index 10) can be late: not with a threshold of a day or more (see
   * isLate). Then applyRightAside needs no times, and a caller may skip making them.
   */
  get sameDayCanBeLate(): boolean {
    return this.lateMs !== null && this.lateMs < DAY_MS;
  }

  /** applyRightAside for an entry that cannot be late (see sameDayCanBeLate). */
  applyRightAsideOnTime(seq: number, detailRef: string | null): void {
    this.noteRef(detailRef);
    this.lastSeq = seq;
  }

  /** As the SQL projector's projectLateness: whom it concerns from the payload and earlier rows. */
  private checkLate(e: ReplayEntry, p: Record<string, unknown>): void {
    if (this.isLate(e)) this.recordLate(e, p);
  }

  private isLate(e: Omit<ReplayEntry, 'payload'>): boolean {
    // Most entries are recorded the day they happen: with a threshold of a day or more, the same
    // calendar date (UTC) settles it without parsing two dates per entry. (An entry whose times are
    // not instants is never late here; the service never writes one.)
    const r = e.recordedTime;
    const v = e.eventTime;
    if (this.lateMs! >= DAY_MS && r.length === 24 && v.length === 24 && r.charCodeAt(10) === 84 && r.slice(0, 10) === v.slice(0, 10)) return false;
    return Date.parse(r) - Date.parse(v) > this.lateMs!;
  }

  private recordLate(e: Omit<ReplayEntry, 'payload'>, p: Record<string, unknown>): void {
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    let placementId = str(p.placementId);
    let personId = str(p.personId);
    if (!placementId && typeof p.claimId === 'string') placementId = this.tables.asylumClaims.get(p.claimId)?.placementId ?? null;
    if (!placementId && typeof p.measureId === 'string') placementId = this.tables.measures.get(p.measureId)?.placementId ?? null;
    if (!personId && placementId) personId = this.tables.placements.get(placementId)?.personId ?? null;
    this.tables.lateEntries.push({
      seq: e.seq,
      type: e.type,
      eventTime: e.eventTime,
      recordedTime: e.recordedTime,
      actor: e.actor,
      personId,
      placementId,
    });
  }

  private person(e: ReplayEntry, personId: string): PersonRow {
    const row = this.tables.persons.get(personId);
    if (!row) throw new ReplayError(e.seq, e.type, `person ${personId} is not registered`);
    return row;
  }

  private room(e: ReplayEntry, roomId: string): RoomRow {
    const row = this.tables.rooms.get(roomId);
    if (!row) throw new ReplayError(e.seq, e.type, `room ${roomId} is not defined`);
    return row;
  }

  private endMeasure(m: MeasureRow | undefined, e: ReplayEntry): void {
    if (m && m.endAt === null) {
      m.endAt = e.eventTime;
      m.endSeq = e.seq;
    }
  }

  private noteRef(ref: unknown): string | null {
    if (typeof ref === 'string') {
      this.noteRefs.add(ref);
      return ref;
    }
    return null;
  }

  /** As the SQL projector: the room as the entry left it, in force from the entry's event time. */
  private roomVersion(e: ReplayEntry, roomId: string): void {
    const r = this.room(e, roomId);
    this.tables.roomVersions.push({
      roomId,
      capacity: r.capacity,
      floorAreaM2: r.floorAreaM2,
      sex: r.sex,
      ageGroup: r.ageGroup,
      regime: r.regime,
      family: r.family,
      retired: r.retired,
      fromTime: e.eventTime,
      seq: e.seq,
    });
  }

  private insertOrder(e: ReplayEntry, o: EventPayloads['order.issued']): void {
    this.tables.orders.set(o.orderId, {
      orderId: o.orderId,
      placementId: o.placementId,
      basis: o.basis,
      authority: o.authority,
      reference: o.reference,
      issuedAt: o.issuedAt,
      startsAt: o.startsAt,
      expiresAt: o.expiresAt,
      seq: e.seq,
    });
  }

  private buildHandlers(): { [T in EventType]: Handler<T> } {
    const t = this.tables;
    return {
      'centre.configured': (e, p) => {
        // Like the SQL upsert: a second configuration changes name, zone and profile, not the key.
        if (t.centre) {
          t.centre.name = p.name;
          t.centre.timeZone = p.timeZone;
          t.centre.profileId = p.profileId;
          t.centre.seq = e.seq;
        } else {
          t.centre = {
            centreId: p.centreId,
            name: p.name,
            timeZone: p.timeZone,
            profileId: p.profileId,
            publicKey: p.publicKey,
            keyFingerprint: p.keyFingerprint,
            seq: e.seq,
          };
        }
      },
      'account.created': (e, p) => {
        const row: AccountRow = { accountId: p.accountId, username: p.username, displayName: p.displayName, role: p.role, active: true, seq: e.seq };
        t.accounts.set(p.accountId, row);
      },
      'account.changed': (e, p) => {
        const a = t.accounts.get(p.accountId);
        if (!a) return;
        if (p.displayName !== undefined && p.displayName !== null) a.displayName = p.displayName;
        if (p.role !== undefined && p.role !== null) a.role = p.role;
        // SQL: active = coalesce(b(active), active), and b(null) is 0.
        if (p.active !== undefined) a.active = Boolean(p.active);
        a.seq = e.seq;
      },
      'person.registered': (e, p) => {
        t.persons.set(p.personId, {
          personId: p.personId,
          familyName: p.familyName,
          givenNames: p.givenNames,
          nameOriginal: p.nameOriginal ?? '',
          sex: p.sex,
          birthDate: p.birthDate ?? null,
          claimedAge: p.claimedAge ?? null,
          claimedAgeOn: p.claimedAgeOn ?? null,
          ageAssessment: p.ageAssessment,
          nationality: p.nationality ?? null,
          stateless: Boolean(p.stateless),
          languages: orNull(p.languages),
          interpreterNeeded: Boolean(p.interpreterNeeded),
          status: p.status,
          unaccompanied: Boolean(p.unaccompanied),
          familyGroup: p.familyGroup ?? null,
          vulnerabilities: orNull(p.vulnerabilities),
          traffickingIndicators: orNull(p.traffickingIndicators),
          alerts: orNull(p.alerts),
          registeredSeq: e.seq,
          seq: e.seq,
          lastPlacementId: null,
          present: false,
        });
        t.personStatus.push({ personId: p.personId, status: p.status, at: e.eventTime, reason: 'registered', seq: e.seq });
      },
      'person.corrected': (e, p) => {
        const row = this.person(e, p.personId);
        const c = (p.changes ?? {}) as Record<string, unknown>;
        const has = (k: string) => Object.prototype.hasOwnProperty.call(c, k);
        const v = (k: string) => (c[k] === undefined ? null : c[k]);
        if (has('familyName')) row.familyName = v('familyName') as string;
        if (has('givenNames')) row.givenNames = v('givenNames') as string;
        if (has('nameOriginal')) row.nameOriginal = (v('nameOriginal') as string | null) ?? '';
        if (has('sex')) row.sex = v('sex') as string;
        if (has('birthDate')) row.birthDate = v('birthDate') as string | null;
        if (has('claimedAge')) row.claimedAge = v('claimedAge') as number | null;
        if (has('claimedAgeOn')) row.claimedAgeOn = v('claimedAgeOn') as string | null;
        if (has('ageAssessment')) row.ageAssessment = v('ageAssessment') as string;
        if (has('nationality')) row.nationality = v('nationality') as string | null;
        if (has('stateless')) row.stateless = Boolean(v('stateless'));
        if (has('languages')) row.languages = v('languages') as string[] | null;
        if (has('interpreterNeeded')) row.interpreterNeeded = Boolean(v('interpreterNeeded'));
        if (has('unaccompanied')) row.unaccompanied = Boolean(v('unaccompanied'));
        if (has('familyGroup')) row.familyGroup = v('familyGroup') as string | null;
        if (has('vulnerabilities')) row.vulnerabilities = v('vulnerabilities') as string[] | null;
        if (has('traffickingIndicators')) row.traffickingIndicators = v('traffickingIndicators') as string[] | null;
        if (has('alerts')) row.alerts = v('alerts') as string[] | null;
        row.seq = e.seq;
        t.personCorrections.push({ personId: p.personId, seq: e.seq });
      },
      'person.status_changed': (e, p) => {
        const row = t.persons.get(p.personId);
        if (row) row.status = p.status;
        t.personStatus.push({ personId: p.personId, status: p.status, at: e.eventTime, reason: p.reason, seq: e.seq });
      },
      'placement.admitted': (e, p) => {
        t.placements.set(p.placementId, {
          placementId: p.placementId,
          personId: p.personId,
          kind: p.kind,
          admittedAt: e.eventTime,
          endedAt: null,
          endReason: null,
          admission: orNull(p.admission),
          deadline: p.order?.expiresAt ?? null,
          basis: p.order?.basis ?? null,
          outSince: null,
          seq: e.seq,
          endSeq: null,
        });
        if (p.order) this.insertOrder(e, p.order);
        const person = t.persons.get(p.personId);
        if (person) {
          person.present = true;
          person.lastPlacementId = p.placementId;
        }
      },
      'order.issued': (e, p) => {
        this.insertOrder(e, p);
        // The latest deadline wins, and the basis of the order that gives it.
        const placement = t.placements.get(p.placementId);
        if (placement && (placement.deadline === null || placement.deadline < p.expiresAt)) {
          placement.deadline = p.expiresAt;
          placement.basis = p.basis;
        }
      },
      'placement.ended': (e, p) => {
        const placement = t.placements.get(p.placementId);
        if (placement) {
          placement.endedAt = e.eventTime;
          placement.endReason = p.reason;
          placement.endSeq = e.seq;
          placement.outSince = null;
        }
        const open = this.openAssignments.get(p.placementId);
        if (open) {
          for (const a of open) {
            a.toTime = e.eventTime;
            a.endSeq = e.seq;
          }
          this.openAssignments.delete(p.placementId);
        }
        const person = placement ? t.persons.get(placement.personId) : undefined;
        if (person) person.present = false;
      },
      'room.defined': (e, p) => {
        t.rooms.set(p.roomId, {
          roomId: p.roomId,
          name: p.name,
          capacity: p.capacity,
          floorAreaM2: p.floorAreaM2,
          sex: p.sex ?? null,
          ageGroup: p.ageGroup ?? null,
          regime: p.regime,
          family: Boolean(p.family),
          retired: false,
          seq: e.seq,
        });
        this.roomVersion(e, p.roomId);
      },
      'room.updated': (e, p) => {
        const r = this.room(e, p.roomId);
        const has = (k: string) => Object.prototype.hasOwnProperty.call(p, k);
        if (has('name')) r.name = p.name!;
        if (has('capacity')) r.capacity = p.capacity!;
        if (has('floorAreaM2')) r.floorAreaM2 = p.floorAreaM2!;
        if (has('sex')) r.sex = p.sex ?? null;
        if (has('ageGroup')) r.ageGroup = p.ageGroup ?? null;
        if (has('regime')) r.regime = p.regime!;
        if (has('family')) r.family = Boolean(p.family);
        if (has('retired')) r.retired = Boolean(p.retired);
        r.seq = e.seq;
        this.roomVersion(e, p.roomId);
      },
      'assignment.made': (e, p) => {
        if (p.replaces) {
          const previous = t.assignments.get(p.replaces);
          if (previous) {
            previous.toTime = e.eventTime;
            previous.endSeq = e.seq;
            const open = this.openAssignments.get(previous.placementId);
            if (open) {
              const i = open.indexOf(previous);
              if (i >= 0) open.splice(i, 1);
            }
          }
        }
        const row: AssignmentRow = {
          assignmentId: p.assignmentId,
          placementId: p.placementId,
          personId: p.personId,
          roomId: p.roomId,
          fromTime: e.eventTime,
          toTime: null,
          actor: e.actor,
          seq: e.seq,
          endSeq: null,
        };
        t.assignments.set(p.assignmentId, row);
        const open = this.openAssignments.get(p.placementId);
        if (open) open.push(row);
        else this.openAssignments.set(p.placementId, [row]);
      },
      'movement.recorded': (e, p) => {
        t.movements.push({ placementId: p.placementId, direction: p.direction, purpose: p.purpose, at: e.eventTime, seq: e.seq });
        const placement = t.placements.get(p.placementId);
        if (placement) placement.outSince = p.direction === 'exit' ? e.eventTime : null;
      },
      'right.recorded': (e, p) => {
        this.noteRef(p.detailRef);
        t.rights.set(p.rightEntryId, rightRow(e, p));
      },
      'asylum.claimed': (e, p) => {
        t.asylumClaims.set(p.claimId, {
          claimId: p.claimId,
          placementId: p.placementId,
          personId: p.personId,
          at: e.eventTime,
          note: p.note,
          resolvedAt: null,
          resolution: null,
          seq: e.seq,
          resolvedSeq: null,
        });
      },
      'asylum.resolved': (e, p) => {
        const c = t.asylumClaims.get(p.claimId);
        if (c) {
          c.resolvedAt = e.eventTime;
          c.resolution = p.resolution;
          c.resolvedSeq = e.seq;
        }
      },
      'referral.made': (e, p) => {
        t.referrals.set(p.referralId, {
          referralId: p.referralId,
          personId: p.personId,
          placementId: p.placementId ?? null,
          kind: p.kind,
          toWhom: p.to,
          note: p.note,
          at: e.eventTime,
          seq: e.seq,
        });
      },
      'measure.started': (e, p) => {
        t.measures.set(p.measureId, {
          measureId: p.measureId,
          placementId: p.placementId,
          personId: p.personId,
          kind: p.kind,
          measure: p.measure,
          reason: p.reason,
          authorisedBy: p.authorisedBy || null,
          authorisedAt: p.authorisedBy ? e.eventTime : null,
          startAt: e.eventTime,
          endAt: null,
          seq: e.seq,
          endSeq: null,
        });
      },
      'measure.authorised': (e, p) => {
        const m = t.measures.get(p.measureId);
        if (m) {
          m.authorisedBy = p.authorisedBy;
          m.authorisedAt = e.eventTime;
        }
      },
      'measure.reviewed': (e, p) => {
        t.measureReviews.push({ measureId: p.measureId, at: e.eventTime, outcome: p.outcome, note: p.note, seq: e.seq });
        if (p.outcome === 'end') this.endMeasure(t.measures.get(p.measureId), e);
      },
      'measure.ended': (e, p) => this.endMeasure(t.measures.get(p.measureId), e),
      'medical.concern_raised': (e, p) => {
        t.medicalConcerns.set(p.concernId, {
          concernId: p.concernId,
          placementId: p.placementId,
          personId: p.personId,
          // '' where the kind is kept beside the journal (kindRef), as the SQL projector stores it.
          kind: p.kind ?? '',
          noteRef: this.noteRef(p.noteRef),
          kindRef: this.noteRef(p.kindRef),
          at: e.eventTime,
          reviewDue: p.reviewDue,
          seq: e.seq,
        });
      },
      'detention.reviewed': (e, p) => {
        t.detentionReviews.set(p.reviewId, {
          reviewId: p.reviewId,
          placementId: p.placementId,
          concernId: p.concernId ?? null,
          outcome: p.outcome,
          noteRef: this.noteRef(p.noteRef),
          at: e.eventTime,
          seq: e.seq,
        });
      },
      'inspection.visited': (e, p) => {
        t.visits.set(p.visitId, {
          visitId: p.visitId,
          body: p.body,
          inspectors: orNull(p.inspectors),
          startedAt: p.startedAt,
          endedAt: p.endedAt ?? null,
          note: p.note,
          seq: e.seq,
        });
      },
      'recommendation.made': (e, p) => {
        t.recommendations.set(p.recommendationId, {
          recommendationId: p.recommendationId,
          visitId: p.visitId,
          text: p.text,
          responseDue: p.responseDue,
          answeredAt: null,
          seq: e.seq,
        });
      },
      'recommendation.answered': (e, p) => {
        t.responses.push({ recommendationId: p.recommendationId, text: p.text, at: e.eventTime, seq: e.seq });
        const r = t.recommendations.get(p.recommendationId);
        if (r && r.answeredAt === null) r.answeredAt = e.eventTime;
      },
      // Not a register table (the centre keeps it in hq_acknowledgements, outside the digests).
      'hq.acknowledged': (e, p) => {
        this.hqAcknowledged = { seq: p.seq, hash: p.hash, at: e.eventTime, entrySeq: e.seq };
      },
    };
  }
}

/** A right.recorded entry's row in `rights`: a function of the entry alone (rights rows never change). */
export function rightRow(e: Omit<ReplayEntry, 'payload'>, p: EventPayloads['right.recorded']): RightRow {
  return {
    rightEntryId: p.rightEntryId,
    placementId: p.placementId,
    personId: p.personId,
    rightKind: p.right,
    state: p.state,
    language: p.language ?? null,
    version: p.version ?? null,
    interpreter: p.interpreter ? p.interpreter : null,
    detail: p.detail,
    at: e.eventTime,
    actor: e.actor,
    seq: e.seq,
    detailRef: typeof p.detailRef === 'string' ? p.detailRef : null,
  };
}

/** Replays a whole journal (entries in seq order, payloads parsed). */
export function replayJournal(entries: Iterable<ReplayEntry>, options: ReplayOptions): Replay {
  const replay = new Replay(options);
  for (const e of entries) replay.apply(e);
  return replay;
}
