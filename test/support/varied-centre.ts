// A small centre that uses every kind of journal entry: admissions of both kinds with rooms, moves,
// extensions, rights (with an interpreter and a medical examination), movements, asylum claims,
// referrals, measures, medical concerns and detention reviews (medical notes), corrections, status
// changes, room changes, a late entry, an inspection visit with a recommendation and its answer, and
// releases. Bundle and replay tests build on it; `rounds` repeats the stays to make it bigger.

import { courtOrder, admissionRecord, defineRooms, expulsionOrder, personInput, serviceOrder, type Rooms } from './fixtures.ts';
import { createTestCentre, ROLE_USERS, type TestCentre } from './harness.ts';

export interface VariedCentre {
  c: TestCentre;
  rooms: Rooms;
  /** A person still present at the end, for tests that look a name up. */
  presentPersonId: string;
  presentFamilyName: string;
}

function oneRound(c: TestCentre, rooms: Rooms, round: number): { personId: string; familyName: string; placementId: string } {
  const tag = round === 0 ? '' : ` ${round}`;
  const H = (h: number) => c.clock.advanceHours(h);

  // A forced stay: Service order, rights, a move, an extension by a court, then removal.
  const anvar = c.call('persons.register', personInput({ familyName: `Karimov${tag}`, nameOriginal: 'Каримов Анвар', familyGroup: `KARIMOV-${round}` })).id!;
  const forced = c.call('placements.admit', {
    personId: anvar,
    kind: 'forced',
    order: serviceOrder(c.clock.iso),
    admission: admissionRecord(true),
    roomId: rooms.menForced,
  });
  c.call('rights.record', {
    placementId: forced.id,
    right: 'information_on_rights',
    state: 'exercised',
    language: 'uz',
    version: 'rights-sheet uz v3',
    interpreter: { name: 'R. Aliyev', mode: 'telephone' },
  });
  c.call('rights.record', { placementId: forced.id, right: 'consular_notification', state: 'declined', detail: 'does not want the consulate told' });
  c.call('rights.record', { placementId: forced.id, right: 'medical_examination', state: 'exercised', detail: 'bruises on both forearms, says from arrest' }, ROLE_USERS.medical);
  H(2);
  c.call('placements.addOrder', { placementId: forced.id, order: courtOrder(c.clock.iso, 72) });
  c.call('rooms.assign', { placementId: forced.id, roomId: rooms.familyForced }, ROLE_USERS.duty);
  const isolationId = c.call('measures.start', { placementId: forced.id, kind: 'isolation', measure: 'separate cell', reason: 'fight in the yard' }, ROLE_USERS.duty).id!;
  c.call('measures.authorise', { measureId: isolationId, authorisedBy: 'Head of Centre' }, 'head');
  const measureId = c.call('measures.start', { placementId: forced.id, kind: 'disciplinary', measure: 'no yard time', reason: 'damage', authorisedBy: 'Head of Centre' }, 'head').id!;
  H(1);
  c.call('medical.raiseConcern', { placementId: forced.id, kind: 'self_harm_risk', note: 'expressed suicidal thoughts; under watch' }, ROLE_USERS.medical);
  c.call('medical.reviewDetention', { placementId: forced.id, outcome: 'continue_detention', note: 'reviewed with psychologist' }, ROLE_USERS.medical);
  c.call('measures.review', { measureId, outcome: 'end', note: 'calm' }, ROLE_USERS.medical);

  // A voluntary stay with exits and returns, and an asylum claim resolved by transfer.
  const leyla = c.call('persons.register', personInput({ familyName: `Həsənova${tag}`, givenNames: 'Leyla', sex: 'female', nationality: 'IRN', languages: ['fa'], familyGroup: `HASANOVA-${round}` })).id!;
  const voluntary = c.call('placements.admit', { personId: leyla, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.familyVoluntary });
  H(1);
  c.call('movements.record', { placementId: voluntary.id, direction: 'exit', purpose: 'lawyer' }, ROLE_USERS.duty);
  H(2);
  c.call('movements.record', { placementId: voluntary.id, direction: 'return' }, ROLE_USERS.duty);
  c.call('protection.claimAsylum', { placementId: voluntary.id, note: 'fears persecution' }, ROLE_USERS.duty);

  // A child admitted forcibly on an expulsion order: referral, correction, status change.
  const child = c.call('persons.register', personInput({ familyName: `Rahimi${tag}`, givenNames: 'Omid', birthDate: '2009-01-02', nationality: 'AFG', unaccompanied: true, nameOriginal: 'امید رحیمی' })).id!;
  const childStay = c.call('placements.admit', { personId: child, kind: 'forced', order: expulsionOrder(c.clock.iso, 2), admission: admissionRecord(true), roomId: rooms.minorsForcedMale });
  c.call('protection.refer', { personId: child, placementId: childStay.id, kind: 'guardianship', to: 'Guardianship authority, Baku' }, ROLE_USERS.duty);
  c.call('persons.correct', { personId: child, changes: { givenNames: 'Omid Ali', birthDate: '2008-12-02' }, reason: 'passport found' });
  c.call('persons.setStatus', { personId: child, status: 'asylum_seeker', reason: 'applied' });

  // A late entry: the lawyer's visit recorded 30 hours after it happened (the profile allows 24).
  const lawyerAt = c.clock.iso;
  H(30);
  c.call('rights.record', { placementId: childStay.id, right: 'lawyer', state: 'exercised', at: lawyerAt });

  H(3);
  c.call('placements.end', { placementId: forced.id, reason: 'removal', destination: 'Tashkent' });
  c.call('placements.end', { placementId: childStay.id, reason: 'asylum_premises', destination: 'asylum reception centre' });
  return { personId: leyla, familyName: `Həsənova${tag}`, placementId: voluntary.id };
}

export function createVariedCentre(rounds = 1): VariedCentre {
  const c = createTestCentre();
  const rooms = defineRooms(c);
  c.call('rooms.update', { roomId: rooms.asylum, capacity: 6, name: 'S1 (extended)' }, 'head');
  let present = { personId: '', familyName: '', placementId: '' };
  for (let round = 0; round < rounds; round++) {
    // The previous round's voluntary resident leaves (her claim is resolved by the release).
    if (present.placementId) c.call('placements.end', { placementId: present.placementId, reason: 'release' });
    present = oneRound(c, rooms, round);
  }
  const visitId = c.call('inspections.recordVisit', { body: 'npm', inspectors: ['A. Mammadova', 'R. Guliyev'], startedAt: c.clock.iso, note: 'unannounced' }, 'head').id!;
  c.clock.advanceHours(4);
  const rec = c.call('inspections.recommend', { visitId, text: 'Provide interpreters in person for information on rights.', responseDue: c.clock.advanceHours(24 * 30) }, 'head').id!;
  c.call('inspections.respond', { recommendationId: rec, text: 'Two interpreters hired.' }, 'head');
  c.call('accounts.change', { accountId: c.call('accounts.me', {}, ROLE_USERS.duty).accountId, displayName: 'Duty Officer One' }, 'head');
  return { c, rooms, presentPersonId: present.personId, presentFamilyName: present.familyName };
}
