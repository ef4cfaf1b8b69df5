import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';
import { admissionRecord, admitForced, defineRooms, personInput, type Rooms } from '../../test/support/fixtures.ts';

let c: TestCentre;
let rooms: Rooms;
beforeEach(() => {
  c = createTestCentre();
  rooms = defineRooms(c);
});
afterEach(() => c.close());

const codes = (err: { reasons: { code: string }[] }) => err.reasons.map((r) => r.code).sort();
const findingCodes = (at?: string) => c.call('findings.current', at ? { at } : {}).findings.map((f) => f.code);

describe('voluntary residents come and go (art. 88)', () => {
  it('records exits and returns, never for a forced placement', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const { id: placementId } = c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.menVoluntary });
    expect(codes(c.refuse('movements.record', { placementId, direction: 'return' }, ROLE_USERS.duty))).toEqual(['movement.not_out']);
    c.clock.advanceHours(2);
    c.call('movements.record', { placementId, direction: 'exit', purpose: 'shopping' }, ROLE_USERS.duty);
    expect(c.call('register.population', {}).rows[0]!.out).toBe(true);
    expect(codes(c.refuse('movements.record', { placementId, direction: 'exit' }, ROLE_USERS.duty))).toEqual(['movement.already_out']);
    c.clock.advanceHours(3);
    c.call('movements.record', { placementId, direction: 'return' }, ROLE_USERS.duty);
    expect(c.call('register.population', {}).rows[0]!.out).toBe(false);
    const forced = admitForced(c, { familyName: 'Forced' });
    expect(codes(c.refuse('movements.record', { placementId: forced.placementId, direction: 'exit' }, ROLE_USERS.duty))).toEqual([
      'movement.forced_placement',
    ]);
  });
});

describe('the rights log', () => {
  it('records offered, exercised and declined, with language and interpreter', () => {
    const { personId, placementId } = admitForced(c);
    expect(codes(c.refuse('rights.record', { placementId, right: 'information_on_rights', state: 'offered' }))).toEqual(['input.invalid']);
    c.call('rights.record', {
      placementId,
      right: 'information_on_rights',
      state: 'exercised',
      language: 'uz',
      version: 'rights-sheet uz v3',
      interpreter: { name: 'R. Aliyev', mode: 'telephone' },
    });
    c.call('rights.record', { placementId, right: 'consular_notification', state: 'declined', detail: 'does not want the consulate told' });
    const rights = c.call('register.personFile', { personId }).placements[0]!.rights;
    expect(rights.map((r) => [r.right, r.state, r.language])).toEqual([
      ['information_on_rights', 'exercised', 'uz'],
      ['consular_notification', 'declined', null],
    ]);
    expect(rights[0]!.interpreter).toEqual({ name: 'R. Aliyev', mode: 'telephone' });
  });

  it('information on rights in a language the person does not speak, with no one interpreting, is refused', () => {
    const { placementId } = admitForced(c, { languages: ['fa'], interpreterNeeded: true });
    const head = c.call('journal.head', {});
    const err = c.refuse('rights.record', { placementId, right: 'information_on_rights', state: 'exercised', language: 'az', interpreter: { name: '', mode: 'none_needed' } });
    expect(codes(err)).toEqual(['rights.language_not_understood']);
    expect(err.reasons[0]).toMatchObject({ field: 'language', params: { language: 'az', languages: 'fa' } });
    expect(c.refuse('rights.record', { placementId, right: 'information_on_rights', state: 'exercised', language: 'az' }).reasons[0]!.code).toBe('rights.language_not_understood');
    expect(c.call('journal.head', {})).toEqual(head);
    // Interpreted, or in a language they speak (a regional variant counts), it stands.
    c.call('rights.record', { placementId, right: 'information_on_rights', state: 'exercised', language: 'az', interpreter: { name: 'M. Rezaei', mode: 'telephone' } });
    c.call('rights.record', { placementId, right: 'information_on_rights', state: 'exercised', language: 'fa-IR' });
  });

  it('a right is missing once its window has passed; declined counts as given', () => {
    const { placementId } = admitForced(c, {}, rooms.menForced);
    c.call('rights.record', { placementId, right: 'consular_notification', state: 'declined' });
    c.clock.advanceHours(3);
    const missing = c.call('findings.current', {}).findings.filter((f) => f.code === 'rights.missing').map((f) => f.params.right);
    expect(missing.sort()).toEqual(['information_on_rights', 'property_inventory']);
    c.clock.advanceHours(22);
    const later = c.call('findings.current', {}).findings.filter((f) => f.code === 'rights.missing').map((f) => f.params.right);
    expect(later).not.toContain('consular_notification');
    expect(later).toContain('lawyer');
  });
});

describe('deadlines and findings as time moves', () => {
  it('a 24 h order: near the limit at 23 h, exceeded at 24 h 01, gone after release', () => {
    const { placementId } = admitForced(c, {}, rooms.menForced);
    expect(findingCodes('2026-03-03T07:00:00Z')).toContain('stay.near_limit');
    expect(findingCodes('2026-03-03T07:59:00Z')).not.toContain('stay.exceeded');
    c.clock.set('2026-03-03T08:01:00Z');
    expect(findingCodes()).toContain('stay.exceeded');
    const deadlines = c.call('register.deadlines', {});
    expect(deadlines[0]).toMatchObject({ placementId, urgency: 'overdue', basis: 'service_order' });
    c.call('placements.end', { placementId, reason: 'release' });
    expect(findingCodes()).not.toContain('stay.exceeded');
    const history = c.call('findings.history', {}, ROLE_USERS.inspector).findings.find((f) => f.code === 'stay.exceeded')!;
    expect(history).toMatchObject({ from: '2026-03-03T08:00:00.000Z', to: '2026-03-03T08:01:00.000Z', placementIds: [placementId] });
  });

  it('a correction that shows a detainee is 15 makes the forced placement a finding, not an error', () => {
    const { personId } = admitForced(c, {}, rooms.menForced);
    c.call('persons.correct', { personId, changes: { birthDate: '2011-01-01' }, reason: 'birth certificate produced by family' });
    const codesNow = findingCodes();
    expect(codesNow).toContain('forced.child_under_age');
    expect(codesNow).toContain('separation.breach'); // a minor in an adults' room
  });

  it('a late entry shows, with who entered it', () => {
    c.clock.advanceHours(50);
    c.call('persons.register', { ...personInput(), at: '2026-03-02T08:00:00Z' });
    const late = c.call('findings.current', {}).findings.find((f) => f.code === 'entry.late')!;
    expect(late.params.actor).toBe(ROLE_USERS.registrar);
  });
});

describe('measures, medical concerns, protection and inspections', () => {
  it('isolation must be authorised and reviewed; isolation of a minor is always a finding', () => {
    const { placementId } = admitForced(c, { birthDate: '2009-05-05' }, rooms.minorsForcedMale);
    const { id: measureId } = c.call('measures.start', { placementId, kind: 'isolation', measure: 'separate room', reason: 'fight' }, ROLE_USERS.duty);
    c.clock.advanceHours(2);
    expect(findingCodes()).toEqual(expect.arrayContaining(['isolation.unauthorised', 'measure.on_minor']));
    c.call('measures.authorise', { measureId: measureId!, authorisedBy: 'Head of centre' }, ROLE_USERS.head);
    c.clock.advanceHours(25);
    expect(findingCodes()).toContain('isolation.review_overdue');
    c.call('measures.review', { measureId: measureId!, outcome: 'end', note: 'calm' }, ROLE_USERS.head);
    expect(findingCodes()).not.toContain('isolation.review_overdue');
    expect(codes(c.refuse('measures.end', { measureId: measureId! }, ROLE_USERS.duty))).toEqual(['measure.ended']);
  });

  it('a medical concern opens a detention review due within the profile’s window', () => {
    const { placementId } = admitForced(c, {}, rooms.menForced);
    c.call('medical.raiseConcern', { placementId, kind: 'self_harm_risk' }, ROLE_USERS.medical);
    c.clock.advanceHours(73);
    expect(findingCodes()).toContain('medical.review_overdue');
    c.call('medical.reviewDetention', { placementId, outcome: 'release' }, ROLE_USERS.head);
    expect(findingCodes()).not.toContain('medical.review_overdue');
  });

  it('an unaccompanied minor is flagged until referred to the guardianship authority', () => {
    const personId = c.call('persons.register', personInput({ birthDate: '2009-05-05', unaccompanied: true })).id!;
    c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false) });
    expect(findingCodes()).toContain('minor.unaccompanied_not_referred');
    c.call('protection.refer', { personId, kind: 'guardianship', to: 'Guardianship authority, Baku' }, ROLE_USERS.duty);
    expect(findingCodes()).not.toContain('minor.unaccompanied_not_referred');
  });

  it('recommendations are due; an unanswered one becomes overdue', () => {
    const { id: visitId } = c.call('inspections.recordVisit', { body: 'npm', inspectors: ['S. Huseynova', 'T. Mammadli'], startedAt: c.clock.iso }, ROLE_USERS.head);
    const { id: recId } = c.call('inspections.recommend', { visitId: visitId!, text: 'Post the rights sheet in Farsi', responseDue: '2026-04-01T00:00:00Z' }, ROLE_USERS.head);
    c.clock.set('2026-04-02T00:00:00Z');
    expect(findingCodes()).toContain('recommendation.overdue');
    expect(c.call('inspections.list', {}, ROLE_USERS.inspector).overdue).toBe(1);
    c.call('inspections.respond', { recommendationId: recId!, text: 'Posted on 2 April' }, ROLE_USERS.head);
    expect(findingCodes()).not.toContain('recommendation.overdue');
  });
});

describe('status over time', () => {
  it('refugee status granted after release does not reach back into the stay; granted during it, it counts from then', () => {
    const { personId, placementId } = admitForced(c, {}, rooms.menForced);
    c.clock.advanceHours(10);
    c.call('placements.end', { placementId, reason: 'release' });
    c.clock.advanceHours(24 * 10);
    c.call('persons.setStatus', { personId, status: 'refugee', reason: 'recognised by the Migration Service' });
    const history = c.call('findings.history', {}).findings.filter((f) => f.code === 'forced.status_never_forced');
    expect(history).toEqual([]);

    const other = admitForced(c, { familyName: 'Second' }, rooms.menForced);
    c.clock.advanceHours(5);
    c.call('persons.setStatus', { personId: other.personId, status: 'asylum_seeker', reason: 'application registered' });
    const now = c.call('findings.current', {}).findings.filter((f) => f.code === 'forced.status_never_forced');
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ from: c.clock.iso, to: null, params: { status: 'asylum_seeker' } });
  });
});
