import { reason } from '../../domain/reasons.ts';
import { toMs } from '../../domain/time.ts';
import { notFound, refused } from '../errors.ts';
import type { Handlers } from './types.ts';

export const inspectionHandlers: Handlers<'inspections.recordVisit' | 'inspections.recommend' | 'inspections.respond'> = {
  'inspections.recordVisit': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at ?? input.startedAt);
    if (input.endedAt && toMs(input.endedAt) < toMs(input.startedAt)) {
      throw refused(reason('visit.ends_before_start', 'endedAt'));
    }
    ctx.eventTime(input.startedAt, 'startedAt');
    const visitId = ctx.nextId('V');
    const { at: _at, ...visit } = input;
    const entry = ctx.append('inspection.visited', { ...visit, visitId }, { eventTime });
    return { seq: entry.seq, id: visitId };
  },

  'inspections.recommend': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const visit = ctx.reads.visit(input.visitId);
    if (!visit) throw notFound('visit.not_found', 'visitId', input.visitId);
    if (toMs(input.responseDue) <= toMs(visit.startedAt)) {
      throw refused(reason('recommendation.due_before_visit', 'responseDue', { visitStartedAt: visit.startedAt }));
    }
    const recommendationId = ctx.nextId('REC');
    const { at: _at, ...rec } = input;
    const entry = ctx.append('recommendation.made', { ...rec, recommendationId }, { eventTime });
    return { seq: entry.seq, id: recommendationId };
  },

  'inspections.respond': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const rec = ctx.reads.recommendation(input.recommendationId);
    if (!rec) throw notFound('recommendation.not_found', 'recommendationId', input.recommendationId);
    const visit = ctx.reads.visit(rec.visitId);
    if (visit && toMs(eventTime) < toMs(visit.startedAt)) {
      throw refused(reason('recommendation.answered_before_visit', 'at', { visitStartedAt: visit.startedAt }));
    }
    const { at: _at, ...response } = input;
    const entry = ctx.append('recommendation.answered', response, { eventTime });
    return { seq: entry.seq, id: input.recommendationId };
  },
};
