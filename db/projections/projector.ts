// Projections: the register tables, written from journal entries in the same transaction as the
// entry. Each handler reads only the entry (and rows earlier entries wrote), so replaying the journal
// into an empty database rebuilds exactly the same tables.

import type { Statement } from 'better-sqlite3';
import type { EventPayloads, EventType } from '../../domain/events.ts';
import { canonicalJson, type JournalEntry } from '../../domain/journal.ts';
import { nameTokens } from '../../domain/names.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import type { Db } from '../connection.ts';
import { FirstRightsProjection } from './first-rights.ts';

type Handler<T extends EventType> = (e: JournalEntry, p: EventPayloads[T]) => void;

const b = (v: boolean | undefined | null) => (v ? 1 : 0);
// What a replay of the journal stores is JSON.stringify of the value parsed back from the payload.
// Payload keys are identifiers, never array indices, so parsing canonical text keeps its sorted key
// order: this is that same text, whether the value was parsed or is the one in hand.
const json = (v: unknown) => canonicalJson(v ?? null);

/** Statements that write the rows decisions read (a person, a placement, a room). */
const WRITES_DECISION_ROWS = /^\s*(INSERT|UPDATE|DELETE)\s+(OR\s+\w+\s+)?(INTO\s+|FROM\s+)?(persons|placements|rooms)\b/i;

export class Projector {
  private readonly s: Record<string, Statement>;
  private readonly handlers: { [T in EventType]: Handler<T> };
  private readonly firstRights: FirstRightsProjection;

  /**
   * `onDecisionRowsChanged` is called after every statement that writes a person, a placement or a
   * room (found from the statement's SQL, so a new one cannot be forgotten): the decision reads keep
   * those rows for the length of a transaction and must drop them then.
   */
  constructor(
    private readonly db: Db,
    onDecisionRowsChanged: () => void = () => {},
  ) {
    this.firstRights = new FirstRightsProjection(db);
    const p = (sql: string) => {
      const stmt = db.prepare(sql);
      if (WRITES_DECISION_ROWS.test(sql)) {
        const run = stmt.run.bind(stmt);
        stmt.run = (...params: unknown[]) => {
          try {
            return run(...params);
          } finally {
            onDecisionRowsChanged();
          }
        };
      }
      return stmt;
    };
    this.s = {
      centre: p(
        'INSERT INTO centre (singleton, centre_id, name, time_zone, profile_id, public_key, key_fingerprint, seq) VALUES (1, ?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT(singleton) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, profile_id = excluded.profile_id, seq = excluded.seq',
      ),
      accountInsert: p('INSERT INTO accounts (account_id, username, display_name, role, active, seq) VALUES (?, ?, ?, ?, 1, ?)'),
      accountUpdate: p(
        'UPDATE accounts SET display_name = coalesce(?, display_name), role = coalesce(?, role), active = coalesce(?, active), seq = ? WHERE account_id = ?',
      ),
      personInsert: p(
        `INSERT INTO persons (person_id, family_name, given_names, name_original, sex, birth_date, claimed_age, claimed_age_on,
          age_assessment, nationality, stateless, languages, interpreter_needed, status, unaccompanied, family_group,
          vulnerabilities, trafficking_indicators, alerts, registered_seq, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      personGet: p('SELECT * FROM persons WHERE person_id = ?'),
      personUpdate: p(
        `UPDATE persons SET family_name = ?, given_names = ?, name_original = ?, sex = ?, birth_date = ?, claimed_age = ?,
          claimed_age_on = ?, age_assessment = ?, nationality = ?, stateless = ?, languages = ?, interpreter_needed = ?,
          unaccompanied = ?, family_group = ?, vulnerabilities = ?, trafficking_indicators = ?, alerts = ?, seq = ?
         WHERE person_id = ?`,
      ),
      personStatus: p('UPDATE persons SET status = ? WHERE person_id = ?'),
      personPresence: p('UPDATE persons SET present = ?, last_placement_id = coalesce(?, last_placement_id) WHERE person_id = ?'),
      correctionInsert: p('INSERT INTO person_corrections (person_id, seq) VALUES (?, ?)'),
      statusInsert: p('INSERT INTO person_status (person_id, status, at, reason, seq) VALUES (?, ?, ?, ?, ?)'),
      nameDelete: p('DELETE FROM person_names WHERE token = ? AND person_id = ?'),
      nameInsert: p('INSERT OR IGNORE INTO person_names (token, person_id) VALUES (?, ?)'),
      placementInsert: p(
        'INSERT INTO placements (placement_id, person_id, kind, admitted_at, admission, deadline, basis, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      placementEnd: p('UPDATE placements SET ended_at = ?, end_reason = ?, end_seq = ?, out_since = NULL WHERE placement_id = ?'),
      placementDeadline: p(
        'UPDATE placements SET basis = CASE WHEN deadline IS NULL OR deadline < @expires THEN @basis ELSE basis END, deadline = max(coalesce(deadline, @expires), @expires) WHERE placement_id = @id',
      ),
      placementOut: p('UPDATE placements SET out_since = ? WHERE placement_id = ?'),
      placementPerson: p('SELECT person_id FROM placements WHERE placement_id = ?').pluck(),
      orderInsert: p(
        'INSERT INTO orders (order_id, placement_id, basis, authority, reference, issued_at, starts_at, expires_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      roomInsert: p(
        'INSERT INTO rooms (room_id, name, capacity, floor_area_m2, sex, age_group, regime, family, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      roomGet: p('SELECT * FROM rooms WHERE room_id = ?'),
      roomUpdate: p(
        'UPDATE rooms SET name = ?, capacity = ?, floor_area_m2 = ?, sex = ?, age_group = ?, regime = ?, family = ?, retired = ?, seq = ? WHERE room_id = ?',
      ),
      // The room as the entry left it, in force from the entry's event time (migration 0003).
      roomVersion: p(
        `INSERT INTO room_versions (room_id, capacity, floor_area_m2, sex, age_group, regime, family, retired, from_time, seq)
         SELECT room_id, capacity, floor_area_m2, sex, age_group, regime, family, retired, ?, ? FROM rooms WHERE room_id = ?`,
      ),
      assignmentClose: p('UPDATE assignments SET to_time = ?, end_seq = ? WHERE assignment_id = ?'),
      assignmentCloseOpen: p('UPDATE assignments SET to_time = ?, end_seq = ? WHERE placement_id = ? AND to_time IS NULL'),
      assignmentInsert: p(
        'INSERT INTO assignments (assignment_id, placement_id, person_id, room_id, from_time, actor, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      movementInsert: p('INSERT INTO movements (placement_id, direction, purpose, at, seq) VALUES (?, ?, ?, ?, ?)'),
      rightInsert: p(
        `INSERT INTO rights (right_entry_id, placement_id, person_id, right_kind, state, language, version, interpreter, detail, at, actor, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      claimInsert: p('INSERT INTO asylum_claims (claim_id, placement_id, person_id, at, note, seq) VALUES (?, ?, ?, ?, ?, ?)'),
      claimResolve: p('UPDATE asylum_claims SET resolved_at = ?, resolution = ?, resolved_seq = ? WHERE claim_id = ?'),
      referralInsert: p(
        'INSERT INTO referrals (referral_id, person_id, placement_id, kind, to_whom, note, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      measureInsert: p(
        `INSERT INTO measures (measure_id, placement_id, person_id, kind, measure, reason, authorised_by, authorised_at, start_at, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      measureAuthorise: p('UPDATE measures SET authorised_by = ?, authorised_at = ? WHERE measure_id = ?'),
      measureReview: p('INSERT INTO measure_reviews (measure_id, at, outcome, note, seq) VALUES (?, ?, ?, ?, ?)'),
      measureEnd: p('UPDATE measures SET end_at = ?, end_seq = ? WHERE measure_id = ? AND end_at IS NULL'),
      concernInsert: p(
        'INSERT INTO medical_concerns (concern_id, placement_id, person_id, kind, note_ref, at, review_due, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      reviewInsert: p(
        'INSERT INTO detention_reviews (review_id, placement_id, concern_id, outcome, note_ref, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      visitInsert: p('INSERT INTO visits (visit_id, body, inspectors, started_at, ended_at, note, seq) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      recommendationInsert: p(
        'INSERT INTO recommendations (recommendation_id, visit_id, text, response_due, seq) VALUES (?, ?, ?, ?, ?)',
      ),
      responseInsert: p('INSERT INTO responses (recommendation_id, text, at, seq) VALUES (?, ?, ?, ?)'),
      recommendationAnswered: p(
        'UPDATE recommendations SET answered_at = ? WHERE recommendation_id = ? AND answered_at IS NULL',
      ),
      hqAcknowledged: p('INSERT INTO hq_acknowledgements (seq, acked_seq, acked_hash, imported_at, at, actor) VALUES (?, ?, ?, ?, ?, ?)'),
      centreProfile: p('SELECT profile_id FROM centre').pluck(),
      claimPlacement: p('SELECT placement_id FROM asylum_claims WHERE claim_id = ?').pluck(),
      measurePlacement: p('SELECT placement_id FROM measures WHERE measure_id = ?').pluck(),
      lateInsert: p(
        'INSERT INTO late_entries (seq, type, event_time, recorded_time, actor, person_id, placement_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    this.handlers = this.buildHandlers();
  }

  apply(entry: JournalEntry, payload: unknown): void {
    const handler = this.handlers[entry.type as EventType] as Handler<EventType> | undefined;
    if (!handler) throw new Error(`no projection for entry type ${entry.type}`);
    handler(entry, payload as EventPayloads[EventType]);
    this.projectLateness(entry, payload as Record<string, unknown>);
  }

  /**
   * An entry recorded long after its event (the profile's threshold) is listed as late, with whom
   * it concerns, found from the payload and earlier rows alone so that a rebuild lists the same.
   */
  private projectLateness(e: JournalEntry, p: Record<string, unknown>): void {
    if (e.type === 'centre.configured') return;
    const threshold = this.lateThresholdMs();
    if (threshold === null || Date.parse(e.recordedTime) - Date.parse(e.eventTime) <= threshold) return;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    let placementId = str(p.placementId);
    let personId = str(p.personId);
    if (!placementId && typeof p.claimId === 'string') placementId = (this.s.claimPlacement!.get(p.claimId) as string | undefined) ?? null;
    if (!placementId && typeof p.measureId === 'string') placementId = (this.s.measurePlacement!.get(p.measureId) as string | undefined) ?? null;
    if (!personId && placementId) personId = this.personOfPlacement(placementId);
    this.s.lateInsert!.run(e.seq, e.type, e.eventTime, e.recordedTime, e.actor, personId, placementId);
  }

  private lateMs: number | null = null;

  private lateThresholdMs(): number | null {
    if (this.lateMs === null) {
      const profileId = this.s.centreProfile!.get() as string | undefined;
      const profile = profileId ? profileById(profileId) : undefined;
      if (profile) this.lateMs = profile.lateEntryHours * 3_600_000;
    }
    return this.lateMs;
  }

  personOfPlacement(placementId: string): string | null {
    return (this.s.placementPerson!.get(placementId) as string | undefined) ?? null;
  }

  /**
   * Replaces a person's name tokens. The old tokens are deleted by primary key (token, person_id):
   * a delete by person_id alone would scan the whole index, once per registration.
   */
  private indexNames(personId: string, previous: (string | undefined)[], names: (string | undefined)[]): void {
    for (const token of nameTokens(...previous)) this.s.nameDelete!.run(token, personId);
    for (const token of nameTokens(...names)) this.s.nameInsert!.run(token, personId);
  }

  private buildHandlers(): { [T in EventType]: Handler<T> } {
    const s = this.s;
    return {
      'centre.configured': (e, p) => s.centre!.run(p.centreId, p.name, p.timeZone, p.profileId, p.publicKey, p.keyFingerprint, e.seq),
      'account.created': (e, p) => s.accountInsert!.run(p.accountId, p.username, p.displayName, p.role, e.seq),
      'account.changed': (e, p) =>
        s.accountUpdate!.run(p.displayName ?? null, p.role ?? null, p.active === undefined ? null : b(p.active), e.seq, p.accountId),
      'person.registered': (e, p) => {
        s.personInsert!.run(
          p.personId,
          p.familyName,
          p.givenNames,
          p.nameOriginal ?? '',
          p.sex,
          p.birthDate ?? null,
          p.claimedAge ?? null,
          p.claimedAgeOn ?? null,
          p.ageAssessment,
          p.nationality ?? null,
          b(p.stateless),
          json(p.languages),
          b(p.interpreterNeeded),
          p.status,
          b(p.unaccompanied),
          p.familyGroup ?? null,
          json(p.vulnerabilities),
          json(p.traffickingIndicators),
          json(p.alerts),
          e.seq,
          e.seq,
        );
        s.statusInsert!.run(p.personId, p.status, e.eventTime, 'registered', e.seq);
        this.indexNames(p.personId, [], [p.familyName, p.givenNames, p.nameOriginal]);
      },
      'person.corrected': (e, p) => {
        const row = s.personGet!.get(p.personId) as Record<string, unknown>;
        const c = p.changes;
        const pick = <K extends keyof typeof c>(key: K, column: string, encode: (v: NonNullable<(typeof c)[K]> | null) => unknown = (v) => v) =>
          key in c ? encode((c[key] ?? null) as NonNullable<(typeof c)[K]> | null) : row[column];
        const familyName = pick('familyName', 'family_name') as string;
        const givenNames = pick('givenNames', 'given_names') as string;
        const nameOriginal = pick('nameOriginal', 'name_original', (v) => v ?? '') as string;
        s.personUpdate!.run(
          familyName,
          givenNames,
          nameOriginal,
          pick('sex', 'sex'),
          pick('birthDate', 'birth_date'),
          pick('claimedAge', 'claimed_age'),
          pick('claimedAgeOn', 'claimed_age_on'),
          pick('ageAssessment', 'age_assessment'),
          pick('nationality', 'nationality'),
          pick('stateless', 'stateless', b),
          pick('languages', 'languages', json),
          pick('interpreterNeeded', 'interpreter_needed', b),
          pick('unaccompanied', 'unaccompanied', b),
          pick('familyGroup', 'family_group'),
          pick('vulnerabilities', 'vulnerabilities', json),
          pick('traffickingIndicators', 'trafficking_indicators', json),
          pick('alerts', 'alerts', json),
          e.seq,
          p.personId,
        );
        s.correctionInsert!.run(p.personId, e.seq);
        if ('familyName' in c || 'givenNames' in c || 'nameOriginal' in c) {
          const before = [row.family_name, row.given_names, row.name_original] as string[];
          this.indexNames(p.personId, before, [familyName, givenNames, nameOriginal]);
        }
      },
      'person.status_changed': (e, p) => {
        s.personStatus!.run(p.status, p.personId);
        s.statusInsert!.run(p.personId, p.status, e.eventTime, p.reason, e.seq);
      },
      'placement.admitted': (e, p) => {
        s.placementInsert!.run(
          p.placementId,
          p.personId,
          p.kind,
          e.eventTime,
          json(p.admission),
          p.order?.expiresAt ?? null,
          p.order?.basis ?? null,
          e.seq,
        );
        if (p.order) this.insertOrder(e, p.order);
        s.personPresence!.run(1, p.placementId, p.personId);
      },
      'order.issued': (e, p) => {
        this.insertOrder(e, p);
        s.placementDeadline!.run({ expires: p.expiresAt, basis: p.basis, id: p.placementId });
      },
      'placement.ended': (e, p) => {
        s.placementEnd!.run(e.eventTime, p.reason, e.seq, p.placementId);
        s.assignmentCloseOpen!.run(e.eventTime, e.seq, p.placementId);
        const personId = this.personOfPlacement(p.placementId);
        s.personPresence!.run(0, null, personId);
      },
      'room.defined': (e, p) => {
        s.roomInsert!.run(p.roomId, p.name, p.capacity, p.floorAreaM2, p.sex, p.ageGroup, p.regime, b(p.family), e.seq);
        s.roomVersion!.run(e.eventTime, e.seq, p.roomId);
      },
      'room.updated': (e, p) => {
        const r = s.roomGet!.get(p.roomId) as Record<string, unknown>;
        const has = (k: string) => k in p;
        s.roomUpdate!.run(
          has('name') ? p.name : r.name,
          has('capacity') ? p.capacity : r.capacity,
          has('floorAreaM2') ? p.floorAreaM2 : r.floor_area_m2,
          has('sex') ? p.sex : r.sex,
          has('ageGroup') ? p.ageGroup : r.age_group,
          has('regime') ? p.regime : r.regime,
          has('family') ? b(p.family) : r.family,
          has('retired') ? b(p.retired) : r.retired,
          e.seq,
          p.roomId,
        );
        s.roomVersion!.run(e.eventTime, e.seq, p.roomId);
      },
      'assignment.made': (e, p) => {
        if (p.replaces) s.assignmentClose!.run(e.eventTime, e.seq, p.replaces);
        s.assignmentInsert!.run(p.assignmentId, p.placementId, p.personId, p.roomId, e.eventTime, e.actor, e.seq);
      },
      'movement.recorded': (e, p) => {
        s.movementInsert!.run(p.placementId, p.direction, p.purpose, e.eventTime, e.seq);
        s.placementOut!.run(p.direction === 'exit' ? e.eventTime : null, p.placementId);
      },
      'right.recorded': (e, p) => {
        s.rightInsert!.run(
          p.rightEntryId,
          p.placementId,
          p.personId,
          p.right,
          p.state,
          p.language ?? null,
          p.version ?? null,
          p.interpreter ? json(p.interpreter) : null,
          p.detail,
          e.eventTime,
          e.actor,
          e.seq,
        );
        this.firstRights.record(p.placementId, p.right, e.eventTime);
      },
      'asylum.claimed': (e, p) => s.claimInsert!.run(p.claimId, p.placementId, p.personId, e.eventTime, p.note, e.seq),
      'asylum.resolved': (e, p) => s.claimResolve!.run(e.eventTime, p.resolution, e.seq, p.claimId),
      'referral.made': (e, p) =>
        s.referralInsert!.run(p.referralId, p.personId, p.placementId ?? null, p.kind, p.to, p.note, e.eventTime, e.seq),
      'measure.started': (e, p) =>
        s.measureInsert!.run(
          p.measureId,
          p.placementId,
          p.personId,
          p.kind,
          p.measure,
          p.reason,
          p.authorisedBy || null,
          p.authorisedBy ? e.eventTime : null,
          e.eventTime,
          e.seq,
        ),
      'measure.authorised': (e, p) => s.measureAuthorise!.run(p.authorisedBy, e.eventTime, p.measureId),
      'measure.reviewed': (e, p) => {
        s.measureReview!.run(p.measureId, e.eventTime, p.outcome, p.note, e.seq);
        if (p.outcome === 'end') s.measureEnd!.run(e.eventTime, e.seq, p.measureId);
      },
      'measure.ended': (e, p) => s.measureEnd!.run(e.eventTime, e.seq, p.measureId),
      'medical.concern_raised': (e, p) =>
        s.concernInsert!.run(p.concernId, p.placementId, p.personId, p.kind ?? '', p.noteRef, e.eventTime, p.reviewDue, e.seq),
      'detention.reviewed': (e, p) =>
        s.reviewInsert!.run(p.reviewId, p.placementId, p.concernId ?? null, p.outcome, p.noteRef, e.eventTime, e.seq),
      'inspection.visited': (e, p) =>
        s.visitInsert!.run(p.visitId, p.body, json(p.inspectors), p.startedAt, p.endedAt ?? null, p.note, e.seq),
      'recommendation.made': (e, p) => s.recommendationInsert!.run(p.recommendationId, p.visitId, p.text, p.responseDue, e.seq),
      'recommendation.answered': (e, p) => {
        s.responseInsert!.run(p.recommendationId, p.text, e.eventTime, e.seq);
        s.recommendationAnswered!.run(e.eventTime, p.recommendationId);
      },
      'hq.acknowledged': (e, p) => s.hqAcknowledged!.run(e.seq, p.seq, p.hash, p.importedAt ?? null, e.eventTime, e.actor),
    };
  }

  private insertOrder(e: JournalEntry, o: EventPayloads['order.issued']): void {
    this.s.orderInsert!.run(o.orderId, o.placementId, o.basis, o.authority, o.reference, o.issuedAt, o.startsAt, o.expiresAt, e.seq);
  }
}
