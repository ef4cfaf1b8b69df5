import { reason, type Reason } from '../../domain/reasons.ts';
import { localDate } from '../../domain/time.ts';
import { notFound, refused } from '../errors.ts';
import type { Handlers } from './types.ts';

export const personHandlers: Handlers<'persons.register' | 'persons.correct' | 'persons.setStatus'> = {
  'persons.register': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const { at: _at, ...identity } = input;
    const hasClaim = identity.claimedAge !== null && identity.claimedAge !== undefined;
    const personId = ctx.nextId('P');
    const entry = ctx.append(
      'person.registered',
      {
        ...identity,
        personId,
        claimedAgeOn: hasClaim ? (identity.claimedAgeOn ?? localDate(eventTime, ctx.timeZone)) : null,
        ageAssessment: identity.ageAssessment ?? (identity.birthDate ? 'documented' : 'claimed'),
      },
      { eventTime },
    );
    return { seq: entry.seq, id: personId };
  },

  'persons.correct': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const person = ctx.reads.person(input.personId);
    if (!person) throw notFound('person.not_found', 'personId', input.personId);
    const c = input.changes;
    const reasons: Reason[] = [];
    const birthDate = 'birthDate' in c ? c.birthDate : person.birthDate;
    const claimedAge = 'claimedAge' in c ? c.claimedAge : person.claimedAge;
    if (!birthDate && (claimedAge === null || claimedAge === undefined)) {
      reasons.push(reason('person.age_evidence_required', 'changes.birthDate'));
    }
    if (reasons.length) throw refused(...reasons);
    const changes = { ...c };
    if ('claimedAge' in c && c.claimedAge !== null && c.claimedAge !== undefined && !('claimedAgeOn' in c)) {
      changes.claimedAgeOn = localDate(eventTime, ctx.timeZone);
    }
    // The correction points at the entry that last wrote the person's identity.
    const entry = ctx.append(
      'person.corrected',
      { personId: input.personId, changes, reason: input.reason },
      { eventTime, corrects: person.seq },
    );
    return { seq: entry.seq, id: input.personId };
  },

  'persons.setStatus': (ctx, input) => {
    const eventTime = ctx.eventTime(input.at);
    const person = ctx.reads.person(input.personId);
    if (!person) throw notFound('person.not_found', 'personId', input.personId);
    if (person.status === input.status) {
      throw refused(reason('person.status_unchanged', 'status', { status: input.status }));
    }
    const entry = ctx.append(
      'person.status_changed',
      { personId: input.personId, status: input.status, reason: input.reason },
      { eventTime },
    );
    return { seq: entry.seq, id: input.personId };
  },
};
