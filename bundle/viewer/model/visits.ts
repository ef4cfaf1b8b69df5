// Visits of monitoring bodies and their recommendations, with the centre's responses and whether a
// response came in time: at export, a recommendation unanswered past its due date is overdue, one
// answered after it was answered late.

import type { RecommendationRow, ResponseRow, VisitRow } from '../../../domain/replay/tables.ts';
import type { ViewerData } from './data.ts';

export type RecommendationState = 'answered' | 'answered_late' | 'open' | 'overdue';

export interface RecommendationView {
  recommendation: RecommendationRow;
  responses: ResponseRow[];
  state: RecommendationState;
}

export interface VisitView {
  visit: VisitRow;
  inspectors: string[];
  recommendations: RecommendationView[];
}

export function recommendationState(r: RecommendationRow, at: string): RecommendationState {
  if (r.answeredAt !== null) return r.answeredAt > r.responseDue ? 'answered_late' : 'answered';
  return r.responseDue < at ? 'overdue' : 'open';
}

/** Visits, the latest first, each with its recommendations in the order they were made. */
export function visitsView(data: ViewerData, at: string = data.exportedAt): VisitView[] {
  const t = data.tables;
  const responses = new Map<string, ResponseRow[]>();
  for (const r of t.responses) {
    const list = responses.get(r.recommendationId);
    if (list) list.push(r);
    else responses.set(r.recommendationId, [r]);
  }
  const byVisit = new Map<string, RecommendationView[]>();
  for (const r of t.recommendations.values()) {
    const view = { recommendation: r, responses: responses.get(r.recommendationId) ?? [], state: recommendationState(r, at) };
    const list = byVisit.get(r.visitId);
    if (list) list.push(view);
    else byVisit.set(r.visitId, [view]);
  }
  return [...t.visits.values()]
    .map((visit) => ({
      visit,
      inspectors: Array.isArray(visit.inspectors) ? visit.inspectors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [],
      recommendations: byVisit.get(visit.visitId) ?? [],
    }))
    .sort((a, b) => (a.visit.startedAt < b.visit.startedAt ? 1 : a.visit.startedAt > b.visit.startedAt ? -1 : 0));
}
