// Movements, rights, protection (asylum claims, referrals), measures and medical concerns: the
// writes of daily life in the centre, each tied to a placement that is open at the event time.

import { reason } from '../../domain/reasons.ts';
import { addHours, toMs } from '../../domain/time.ts';
import { notFound, refused } from '../errors.ts';
import { storeMedicalKind, storeMedicalNote } from '../medical-notes.ts';
import { openPlacementAt } from './rooms.ts';
import type { Handlers } from './types.ts';

type CareMethods =
  | 'movements.record'
  | 'rights.record'
  | 'protection.claimAsylum'
  | 'protection.resolveClaim'
  | 'protection.refer'
  | 'measures.start'
  | 'measures.authorise'
  | 'measures.review'
  | 'measures.end'
  | 'medical.raiseConcern'
  | 'medical.reviewDetention';

export const careHandlers: Handlers<CareMethods> = {
  'movements.record': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    // Art. 88: voluntary residents come and go; a forced placement has no exits, only an end.
    if (placement.kind === 'forced') reasons.push(reason('movement.forced_placement', 'placementId'));
    const last = ctx.reads.lastMovement(input.placementId);
    const out = last?.direction === 'exit';
    if (input.direction === 'exit' && out) reasons.push(reason('movement.already_out', 'direction', { since: last.at }));
    if (input.direction === 'return' && !out) reasons.push(reason('movement.not_out', 'direction'));
    if (last && toMs(last.at) > toMs(eventTime)) reasons.push(reason('movement.before_last', 'at', { last: last.at }));
    if (reasons.length) throw refused(...reasons);
    const entry = ctx.append(
      'movement.recorded',
      { placementId: input.placementId, direction: input.direction, purpose: input.purpose },
      { eventTime },
    );
    return { seq: entry.seq };
  },

  'rights.record': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    // A right recorded at the very instant of release still belongs to the stay.
    const atEnd = placement.endedAt !== null && toMs(eventTime) === toMs(placement.endedAt);
    const blocking = atEnd ? reasons.filter((r) => r.code !== 'placement.ended') : reasons;
    const interpreted = input.interpreter != null && input.interpreter.mode !== 'none_needed';
    if (input.right === 'information_on_rights' && input.state !== 'declined' && input.language && !interpreted) {
      // Information on rights counts only in a language the person understands: in another, without
      // anyone interpreting, it was not given.
      const languages = ctx.reads.personLanguages(placement.personId);
      const primary = (code: string) => code.split('-')[0]!.toLowerCase();
      if (languages.length && !languages.some((l) => primary(l) === primary(input.language!))) {
        blocking.push(reason('rights.language_not_understood', 'language', { language: input.language, languages: languages.join(', ') }));
      }
    }
    if (blocking.length) throw refused(...blocking);
    const rightEntryId = ctx.nextId('RT');
    const { at: _at, ...right } = input;
    // What a medical examination found is a medical note: referenced from the journal, kept beside it.
    const medical = input.right === 'medical_examination' && right.detail.trim() !== '';
    const entry = ctx.append(
      'right.recorded',
      medical
        ? { ...right, detail: '', detailRef: storeMedicalNote(ctx.db, right.detail), rightEntryId, personId: placement.personId }
        : { ...right, rightEntryId, personId: placement.personId },
      { eventTime },
    );
    return { seq: entry.seq, id: rightEntryId };
  },

  'protection.claimAsylum': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    if (ctx.reads.openClaims(input.placementId).length) reasons.push(reason('asylum.claim_already_open', 'placementId'));
    if (reasons.length) throw refused(...reasons);
    const claimId = ctx.nextId('C');
    const entry = ctx.append(
      'asylum.claimed',
      { claimId, placementId: input.placementId, personId: placement.personId, note: input.note },
      { eventTime },
    );
    return { seq: entry.seq, id: claimId };
  },

  'protection.resolveClaim': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const claim = ctx.reads.claim(input.claimId);
    if (!claim) throw notFound('asylum.claim_not_found', 'claimId', input.claimId);
    if (claim.resolvedAt !== null) throw refused(reason('asylum.claim_resolved', 'claimId', { resolvedAt: claim.resolvedAt }));
    if (toMs(eventTime) < toMs(claim.at)) throw refused(reason('asylum.resolved_before_claim', 'at', { claimedAt: claim.at }));
    // Release and transfer happen by ending the placement (which resolves the claim with it), so
    // the register never shows someone "released" who is still held.
    const open = ctx.reads.placement(claim.placementId)?.endedAt === null;
    if (open && (input.resolution === 'released' || input.resolution === 'transferred_to_asylum_premises')) {
      throw refused(reason('asylum.resolve_by_ending_placement', 'resolution'));
    }
    const { at: _at, ...resolution } = input;
    const entry = ctx.append('asylum.resolved', resolution, { eventTime });
    return { seq: entry.seq, id: input.claimId };
  },

  'protection.refer': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    if (!ctx.reads.personExists(input.personId)) throw notFound('person.not_found', 'personId', input.personId);
    if (input.placementId) {
      const placement = ctx.reads.placement(input.placementId);
      if (!placement || placement.personId !== input.personId) {
        throw refused(reason('referral.placement_of_other_person', 'placementId'));
      }
    }
    const referralId = ctx.nextId('RF');
    const { at: _at, ...referral } = input;
    const entry = ctx.append('referral.made', { ...referral, referralId }, { eventTime });
    return { seq: entry.seq, id: referralId };
  },

  'measures.start': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    // Only the head of centre authorises a measure; anyone else starts it and it waits (and is flagged).
    if (input.authorisedBy && ctx.actor.role !== 'head_of_centre') {
      reasons.push(reason('measure.authorise_role', 'authorisedBy', { role: ctx.actor.role }));
    }
    if (reasons.length) throw refused(...reasons);
    const measureId = ctx.nextId('M');
    const { at: _at, ...measure } = input;
    const entry = ctx.append(
      'measure.started',
      { ...measure, authorisedBy: measure.authorisedBy || undefined, measureId, personId: placement.personId },
      { eventTime },
    );
    return { seq: entry.seq, id: measureId };
  },

  'measures.authorise': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const m = ctx.reads.measure(input.measureId);
    if (!m) throw notFound('measure.not_found', 'measureId', input.measureId);
    if (m.authorisedBy) throw refused(reason('measure.already_authorised', 'measureId', { by: m.authorisedBy }));
    if (toMs(eventTime) < toMs(m.startAt)) throw refused(reason('measure.before_start', 'at', { startAt: m.startAt }));
    const entry = ctx.append('measure.authorised', { measureId: input.measureId, authorisedBy: input.authorisedBy }, { eventTime });
    return { seq: entry.seq, id: input.measureId };
  },

  'measures.review': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const m = ctx.reads.measure(input.measureId);
    if (!m) throw notFound('measure.not_found', 'measureId', input.measureId);
    if (m.endAt !== null) throw refused(reason('measure.ended', 'measureId', { endAt: m.endAt }));
    if (toMs(eventTime) < toMs(m.startAt)) throw refused(reason('measure.before_start', 'at', { startAt: m.startAt }));
    const { at: _at, ...review } = input;
    const entry = ctx.append('measure.reviewed', review, { eventTime });
    return { seq: entry.seq, id: input.measureId };
  },

  'measures.end': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const m = ctx.reads.measure(input.measureId);
    if (!m) throw notFound('measure.not_found', 'measureId', input.measureId);
    if (m.endAt !== null) throw refused(reason('measure.ended', 'measureId', { endAt: m.endAt }));
    if (toMs(eventTime) < toMs(m.startAt)) throw refused(reason('measure.before_start', 'at', { startAt: m.startAt }));
    const { at: _at, ...end } = input;
    const entry = ctx.append('measure.ended', end, { eventTime });
    return { seq: entry.seq, id: input.measureId };
  },

  'medical.raiseConcern': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    if (reasons.length) throw refused(...reasons);
    const concernId = ctx.nextId('MC');
    const { at: _at, note, kind, ...concern } = input;
    const entry = ctx.append(
      'medical.concern_raised',
      {
        ...concern,
        concernId,
        personId: placement.personId,
        reviewDue: addHours(eventTime, ctx.profile.medicalReviewHours),
        noteRef: storeMedicalNote(ctx.db, note),
        // The kind is a medical detail: kept beside the journal, out of HQ slices (DESIGN §7).
        kindRef: storeMedicalKind(ctx.db, concernId, kind),
      },
      { eventTime },
    );
    return { seq: entry.seq, id: concernId };
  },

  'medical.reviewDetention': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { placement, reasons } = openPlacementAt(ctx, input.placementId, eventTime);
    // A review at the very instant of release still belongs to the stay.
    const atEnd = placement.endedAt !== null && toMs(eventTime) === toMs(placement.endedAt);
    const blocking = atEnd ? reasons.filter((r) => r.code !== 'placement.ended') : reasons;
    if (blocking.length) throw refused(...blocking);
    if (input.concernId) {
      const concern = ctx.reads.concern(input.concernId);
      if (!concern || concern.placementId !== input.placementId) {
        throw refused(reason('medical.concern_of_other_placement', 'concernId'));
      }
    }
    const reviewId = ctx.nextId('DR');
    const { at: _at, note, ...review } = input;
    const entry = ctx.append('detention.reviewed', { ...review, reviewId, noteRef: storeMedicalNote(ctx.db, note) }, { eventTime });
    return { seq: entry.seq, id: reviewId };
  },
};
