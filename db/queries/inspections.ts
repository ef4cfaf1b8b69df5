import type { InspectionsView, VisitView } from '../../domain/api/outputs-inspections.ts';
import type { Instant } from '../../domain/time.ts';
import { kysely, type Sql } from '../sql.ts';

export function inspections(q: Sql, at: Instant): InspectionsView {
  const visits = q.all(kysely.selectFrom('visits').selectAll().where('started_at', '<=', at).orderBy('started_at', 'desc'));
  const recs = q.all(kysely.selectFrom('recommendations').selectAll().orderBy('seq'));
  const responses = q.all(kysely.selectFrom('responses').selectAll().where('at', '<=', at).orderBy('seq'));
  let overdue = 0;
  const views: VisitView[] = visits.map((v) => ({
    visitId: v.visit_id,
    body: v.body,
    inspectors: JSON.parse(v.inspectors) as string[],
    startedAt: v.started_at,
    endedAt: v.ended_at,
    note: v.note,
    seq: v.seq,
    recommendations: recs
      .filter((r) => r.visit_id === v.visit_id)
      .map((r) => {
        const rs = responses.filter((x) => x.recommendation_id === r.recommendation_id);
        const isOverdue = rs.length === 0 && r.response_due < at;
        if (isOverdue) overdue++;
        return {
          recommendationId: r.recommendation_id,
          text: r.text,
          responseDue: r.response_due,
          responses: rs.map((x) => ({ text: x.text, at: x.at, seq: x.seq })),
          overdue: isOverdue,
          seq: r.seq,
        };
      }),
  }));
  return { at, visits: views, overdue };
}
