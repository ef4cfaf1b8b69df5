import type {
  AssignmentView,
  ClaimView,
  ConcernView,
  DetentionReviewView,
  JournalEntryView,
  MeasureView,
  MovementView,
  OrderView,
  PersonFile,
  PlacementView,
  ReferralView,
  RightView,
} from '../../domain/api/outputs.ts';
import type { PersonStatus, PlacementKind, RightKind } from '../../domain/profile/types.ts';
import { sql } from 'kysely';
import { kysely, type Sql } from '../sql.ts';
import { personView } from './register.ts';

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r)) ?? [];
    list.push(r);
    m.set(key(r), list);
  }
  return m;
}

export function journalEntryView(r: {
  seq: number;
  event_time: string;
  recorded_time: string;
  actor: string;
  type: string;
  corrects: number | null;
  payload: string;
  hash: string;
}): JournalEntryView {
  return {
    seq: r.seq,
    eventTime: r.event_time,
    recordedTime: r.recorded_time,
    actor: r.actor,
    type: r.type,
    corrects: r.corrects,
    payload: JSON.parse(r.payload) as unknown,
    hash: r.hash,
  };
}

/**
 * Everything recorded about one person, without findings (the service adds them). Medical notes are
 * blanked unless `medical` is true: only medical staff and inspectors read them.
 */
export function personFile(q: Sql, personId: string, medical: boolean): Omit<PersonFile, 'findings'> | null {
  const person = q.first(kysely.selectFrom('persons').selectAll().where('person_id', '=', personId));
  if (!person) return null;
  const placements = q.all(
    kysely.selectFrom('placements').selectAll().where('person_id', '=', personId).orderBy('admitted_at', 'desc'),
  );
  const ids = placements.map((p) => p.placement_id);
  const inPlacements = <T extends 'orders' | 'assignments' | 'movements' | 'rights' | 'measures' | 'asylum_claims' | 'medical_concerns' | 'detention_reviews'>(
    table: T,
  ) => kysely.selectFrom(table as 'orders').where('placement_id', 'in', ids.length ? ids : ['']);

  const orders = groupBy(q.all(inPlacements('orders').selectAll().orderBy('starts_at')), (r) => r.placement_id);
  const assignments = groupBy(
    q.all(
      kysely
        .selectFrom('assignments as a')
        .innerJoin('rooms as r', 'r.room_id', 'a.room_id')
        .where('a.placement_id', 'in', ids.length ? ids : [''])
        .select(['a.assignment_id', 'a.placement_id', 'a.room_id', 'r.name', 'a.from_time', 'a.to_time', 'a.actor', 'a.seq'])
        .orderBy('a.from_time'),
    ),
    (r) => r.placement_id,
  );
  const movements = groupBy(
    q.all(kysely.selectFrom('movements').selectAll().where('placement_id', 'in', ids.length ? ids : ['']).orderBy('at')),
    (r) => r.placement_id,
  );
  const rights = groupBy(
    q.all(kysely.selectFrom('rights').selectAll().where('placement_id', 'in', ids.length ? ids : ['']).orderBy('at')),
    (r) => r.placement_id,
  );
  const measures = groupBy(
    q.all(kysely.selectFrom('measures').selectAll().where('placement_id', 'in', ids.length ? ids : ['']).orderBy('start_at')),
    (r) => r.placement_id,
  );
  const measureIds = [...measures.values()].flat().map((m) => m.measure_id);
  const reviews = groupBy(
    q.all(
      kysely
        .selectFrom('measure_reviews')
        .selectAll()
        .where('measure_id', 'in', measureIds.length ? measureIds : [''])
        .orderBy('at'),
    ),
    (r) => r.measure_id,
  );
  const claims = groupBy(
    q.all(kysely.selectFrom('asylum_claims').selectAll().where('placement_id', 'in', ids.length ? ids : ['']).orderBy('at')),
    (r) => r.placement_id,
  );
  const concerns = groupBy(
    q.all(
      kysely
        .selectFrom('medical_concerns as c')
        .leftJoin('medical_notes as n', 'n.ref', 'c.note_ref')
        .selectAll('c')
        .select('n.text as note')
        // Since the kind is kept beside the journal, the row's kind is '' and the entry holds kindRef.
        .select(
          sql<string | null>`CASE WHEN c.kind <> '' THEN c.kind ELSE (SELECT k.text FROM journal j JOIN medical_notes k ON k.ref = json_extract(j.payload, '$.kindRef') WHERE j.seq = c.seq) END`.as(
            'resolved_kind',
          ),
        )
        .where('c.placement_id', 'in', ids.length ? ids : [''])
        .orderBy('c.at'),
    ),
    (r) => r.placement_id,
  );
  const detentionReviews = groupBy(
    q.all(
      kysely
        .selectFrom('detention_reviews as d')
        .leftJoin('medical_notes as n', 'n.ref', 'd.note_ref')
        .selectAll('d')
        .select('n.text as note')
        .where('d.placement_id', 'in', ids.length ? ids : [''])
        .orderBy('d.at'),
    ),
    (r) => r.placement_id,
  );
  const medicalDetails = new Map(
    medical
      ? (q.all(
          kysely
            .selectFrom('rights as r')
            .innerJoin('journal as j', 'j.seq', 'r.seq')
            .innerJoin('medical_notes as n', (j) => j.on('n.ref', '=', sql<string>`json_extract(j.payload, '$.detailRef')`))
            .select(['r.right_entry_id', 'n.text'])
            .where('r.placement_id', 'in', ids.length ? ids : [''])
            .where('r.right_kind', '=', 'medical_examination'),
        ).map((r) => [r.right_entry_id, r.text] as const))
      : [],
  );

  const placementViews: PlacementView[] = placements.map((p) => {
    const os: OrderView[] = (orders.get(p.placement_id) ?? []).map((o) => ({
      orderId: o.order_id,
      basis: o.basis,
      authority: o.authority,
      reference: o.reference,
      issuedAt: o.issued_at,
      startsAt: o.starts_at,
      expiresAt: o.expires_at,
      seq: o.seq,
    }));
    return {
      placementId: p.placement_id,
      kind: p.kind as PlacementKind,
      admittedAt: p.admitted_at,
      endedAt: p.ended_at,
      endReason: p.end_reason,
      admission: JSON.parse(p.admission) as unknown,
      deadline: p.deadline,
      orders: os,
      assignments: (assignments.get(p.placement_id) ?? []).map(
        (a): AssignmentView => ({
          assignmentId: a.assignment_id,
          roomId: a.room_id,
          roomName: a.name,
          from: a.from_time,
          to: a.to_time,
          actor: a.actor,
          seq: a.seq,
        }),
      ),
      movements: (movements.get(p.placement_id) ?? []).map(
        (m): MovementView => ({ direction: m.direction as 'exit', purpose: m.purpose, at: m.at, seq: m.seq }),
      ),
      rights: (rights.get(p.placement_id) ?? []).map(
        (r): RightView => ({
          rightEntryId: r.right_entry_id,
          right: r.right_kind as RightKind,
          state: r.state as 'offered',
          language: r.language,
          version: r.version,
          interpreter: r.interpreter ? (JSON.parse(r.interpreter) as { name: string; mode: string }) : null,
          detail: medicalDetails.get(r.right_entry_id) ?? r.detail,
          at: r.at,
          actor: r.actor,
          seq: r.seq,
        }),
      ),
      measures: (measures.get(p.placement_id) ?? []).map(
        (m): MeasureView => ({
          measureId: m.measure_id,
          kind: m.kind as 'isolation',
          measure: m.measure,
          reason: m.reason,
          authorisedBy: m.authorised_by,
          startAt: m.start_at,
          endAt: m.end_at,
          reviews: (reviews.get(m.measure_id) ?? []).map((r) => ({ at: r.at, outcome: r.outcome, note: r.note, seq: r.seq })),
          seq: m.seq,
        }),
      ),
      claims: (claims.get(p.placement_id) ?? []).map(
        (c): ClaimView => ({ claimId: c.claim_id, at: c.at, resolvedAt: c.resolved_at, resolution: c.resolution, seq: c.seq }),
      ),
      concerns: (concerns.get(p.placement_id) ?? []).map(
        (c): ConcernView => ({
          concernId: c.concern_id,
          kind: c.resolved_kind ?? c.kind,
          note: medical ? (c.note ?? '') : '',
          at: c.at,
          reviewDue: c.review_due,
          seq: c.seq,
        }),
      ),
      detentionReviews: (detentionReviews.get(p.placement_id) ?? []).map(
        (d): DetentionReviewView => ({
          reviewId: d.review_id,
          concernId: d.concern_id,
          outcome: d.outcome,
          note: medical ? (d.note ?? '') : '',
          at: d.at,
          seq: d.seq,
        }),
      ),
      seq: p.seq,
    };
  });

  const referrals: ReferralView[] = q
    .all(kysely.selectFrom('referrals').selectAll().where('person_id', '=', personId).orderBy('at'))
    .map((r) => ({
      referralId: r.referral_id,
      placementId: r.placement_id,
      kind: r.kind,
      to: r.to_whom,
      note: r.note,
      at: r.at,
      seq: r.seq,
    }));

  const statusHistory = q
    .all(kysely.selectFrom('person_status').selectAll().where('person_id', '=', personId).orderBy('at').orderBy('seq'))
    .map((s) => ({ status: s.status as PersonStatus, at: s.at, reason: s.reason, seq: s.seq }));

  // Corrections are found through the journal, which is the only place they live as such.
  const corrections = q
    .all(
      kysely
        .selectFrom('person_corrections as c')
        .innerJoin('journal as j', 'j.seq', 'c.seq')
        .select(['j.seq', 'j.event_time', 'j.recorded_time', 'j.actor', 'j.type', 'j.corrects', 'j.payload', 'j.hash'])
        .where('c.person_id', '=', personId)
        .orderBy('j.seq'),
    )
    .map(journalEntryView);

  return { person: personView(person), statusHistory, placements: placementViews, referrals, corrections };
}
