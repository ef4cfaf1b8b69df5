import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';
import { addHours } from '../../domain/time.ts';
import { admissionRecord, admitForced, courtOrder, defineRooms, expulsionOrder, personInput, serviceOrder, type Rooms } from '../../test/support/fixtures.ts';

let c: TestCentre;
let rooms: Rooms;
beforeEach(() => {
  c = createTestCentre();
  rooms = defineRooms(c);
});
afterEach(() => c.close());

const codes = (err: { reasons: { code: string }[] }) => err.reasons.map((r) => r.code).sort();

describe('admission', () => {
  it('refuses to force-place an asylum seeker, a refugee, a child of 15', () => {
    for (const person of [{ status: 'asylum_seeker' as const }, { status: 'refugee' as const }, { birthDate: '2011-01-01' }]) {
      const personId = c.call('persons.register', personInput(person)).id!;
      const err = c.refuse('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord() });
      expect(err.kind).toBe('refused');
      expect(codes(err)).toEqual([person.birthDate ? 'forced.child_under_age' : 'forced.status_never_forced']);
    }
  });

  it('accepts a child of 16 on a forced placement, in a minors’ room', () => {
    const { deadline } = admitForced(c, { birthDate: '2010-01-01' }, rooms.minorsForcedMale);
    expect(deadline).not.toBeNull();
  });

  it('a forced placement needs the screening and why alternatives were not used', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const err = c.refuse('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord(false) });
    expect(codes(err)).toEqual(['admission.alternatives_required', 'admission.screening_required']);
  });

  it('shows every refusal before saving with placements.check, writing nothing', () => {
    const personId = c.call('persons.register', personInput({ sex: 'female', status: 'refugee' })).id!;
    const head = c.call('journal.head', {});
    const check = c.call('placements.check', {
      personId,
      kind: 'forced',
      order: serviceOrder(c.clock.iso, { unit: 'hours', value: 25 }),
      admission: admissionRecord(),
      roomId: rooms.menForced,
    });
    expect(check.ok).toBe(false);
    expect(check.reasons.map((r) => r.code).sort()).toEqual(['forced.status_never_forced', 'order.term_over_cap', 'separation.sex']);
    expect(c.call('journal.head', {})).toEqual(head);
  });

  it('refuses a 24 h 01 Service order and a 73 h court order', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const over = c.refuse('placements.admit', {
      personId,
      kind: 'forced',
      order: serviceOrder(c.clock.iso, { unit: 'until', value: '2026-03-03T08:01:00Z' }),
      admission: admissionRecord(),
    });
    expect(codes(over)).toEqual(['order.term_over_cap']);
    const court = c.refuse('placements.admit', { personId, kind: 'forced', order: courtOrder(c.clock.iso, 73), admission: admissionRecord() });
    expect(codes(court)).toEqual(['order.term_over_cap']);
    const ok = c.call('placements.admit', { personId, kind: 'forced', order: courtOrder(c.clock.iso, 71), admission: admissionRecord() });
    expect(ok.deadline).toBe('2026-03-05T07:00:00.000Z');
  });

  it('extends with new orders, never by editing, up to the 6-month total', () => {
    const { placementId } = admitForced(c);
    c.clock.set('2026-03-03T07:00:00Z');
    const court = c.call('placements.addOrder', { placementId, order: courtOrder('2026-03-03T07:00:00Z') });
    expect(court.deadline).toBe('2026-03-06T08:00:00.000Z'); // continues from the Service order's expiry
    c.clock.set('2026-03-05T10:00:00Z');
    const ex = c.call('placements.addOrder', { placementId, order: expulsionOrder('2026-03-05T10:00:00Z', 6) });
    expect(ex.deadline).toBe('2026-09-06T08:00:00.000Z');
    const file = c.call('register.personFile', { personId: c.call('register.population', {}).rows[0]!.personId });
    expect(file.placements[0]!.orders.map((o) => o.basis)).toEqual(['service_order', 'court_order', 'expulsion_evasion']);
    c.clock.set('2026-09-01T08:00:00Z');
    const over = c.refuse('placements.addOrder', {
      placementId,
      order: { ...expulsionOrder('2026-09-01T08:00:00Z', 1) },
    });
    expect(codes(over)).toEqual(['order.total_over_cap']);
  });

  it('an extension entered after the overstay it covers shows as a late entry; one starting before its issue is refused', () => {
    const { placementId } = admitForced(c); // Service order, 24 h: runs out 2026-03-03T08:00Z
    c.clock.set('2026-03-04T12:00:00Z');
    expect(c.call('findings.current', {}).findings.map((f) => f.code)).toContain('stay.exceeded');

    // Issued today, but said to run from the Service order's expiry: it would cover 28 h of detention
    // that no order authorised.
    const head = c.call('journal.head', {});
    const back = c.refuse('placements.addOrder', { placementId, order: { ...courtOrder(c.clock.iso), startsAt: '2026-03-03T08:00:00Z' } });
    expect(codes(back)).toEqual(['order.starts_before_issue']);
    expect(back.reasons[0]!.field).toBe('order.startsAt');
    expect(c.call('journal.head', {})).toEqual(head);

    // Issued (the paper says) before the Service order ran out, entered 29 h later: lawful if true,
    // and the late entry shows it.
    const court = c.call('placements.addOrder', { placementId, order: courtOrder('2026-03-03T07:00:00Z') });
    expect(court.deadline).toBe('2026-03-06T08:00:00.000Z');
    const late = c.call('findings.current', {}).findings.filter((f) => f.code === 'entry.late');
    expect(late.map((f) => f.evidence)).toEqual([[court.seq]]);
  });

  it('refuses an admission on an order that had already run out', () => {
    const personId = c.call('persons.register', personInput()).id!;
    c.clock.set('2026-03-05T08:00:00Z');
    const order = { ...serviceOrder('2026-03-03T08:00:00Z'), startsAt: '2026-03-03T08:00:00Z' };
    const err = c.refuse('placements.admit', { personId, kind: 'forced', order, admission: admissionRecord() });
    expect(codes(err)).toEqual(['order.expired_at_admission']);
    expect(err.reasons[0]!.params).toMatchObject({ expiresAt: '2026-03-04T08:00:00.000Z' });
    const check = c.call('placements.check', { personId, kind: 'forced', order, admission: admissionRecord() });
    expect(check.ok).toBe(false);
  });

  it('a release and a new admission at once do not start the 6-month count again', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const admit = (months: number) =>
      c.call('placements.admit', { personId, kind: 'forced', order: expulsionOrder(c.clock.iso, months), admission: admissionRecord() });
    const first = admit(6); // 2026-03-02T08:00Z to 2026-09-02T08:00Z
    c.clock.set('2026-09-02T07:00:00Z');
    c.call('placements.end', { placementId: first.id, reason: 'release' });
    c.clock.set('2026-09-02T07:01:00Z');
    const again = c.refuse('placements.admit', { personId, kind: 'forced', order: expulsionOrder(c.clock.iso, 6), admission: admissionRecord() });
    expect(codes(again)).toEqual(['order.total_over_cap']);
    expect(again.reasons[0]!.params).toMatchObject({ since: '2026-03-02T08:00:00.000Z' });
    // Nor by an extension of a short stay begun so.
    const short = c.call('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord() });
    c.clock.set('2026-09-02T20:00:00Z');
    expect(codes(c.refuse('placements.addOrder', { placementId: short.id, order: expulsionOrder(c.clock.iso, 1) }))).toEqual(['order.total_over_cap']);
    // A day and more after the release, a new placement is counted on its own.
    c.call('placements.end', { placementId: short.id, reason: 'release' });
    c.clock.advanceHours(25);
    expect(admit(6).deadline).not.toBeNull();
  });

  it('daily Service orders with a release on paper between them are a chain, now and in the audit', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const stays: string[] = [];
    for (let day = 0; day < 3; day++) {
      stays.push(c.call('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord() }).id);
      if (day === 2) break;
      c.clock.advanceHours(23.98);
      c.call('placements.end', { placementId: stays[day]!, reason: 'release' });
      c.clock.advanceHours(0.02);
    }
    c.clock.advanceHours(10);
    const chained = (method: 'findings.current' | 'findings.history') =>
      c.call(method, {}, ROLE_USERS.inspector).findings.filter((f) => f.code === 'order.chained').map((f) => [f.placementIds[0], f.params.orders]);
    expect(chained('findings.current')).toEqual([[stays[2], 3]]);
    expect(chained('findings.history')).toEqual([
      [stays[1], 2],
      [stays[2], 3],
    ]);
  });

  it('records the admission record of Mandela Rule 7 as given', () => {
    const { personId } = admitForced(c);
    const file = c.call('register.personFile', { personId });
    const admission = file.placements[0]!.admission as ReturnType<typeof admissionRecord>;
    expect(admission.property).toEqual([{ item: 'mobile phone', quantity: 1, note: 'black' }]);
    expect(admission.apprehension).toEqual({ place: 'Baku, Nizami district', at: '2026-03-02T05:00:00.000Z' });
    expect(admission.alternativesNotUsedBecause).toMatch(/No fixed address/);
  });

  it('asylum intent at screening opens a claim that must be resolved; removal is refused while it is open', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const admission = admissionRecord();
    admission.screening = { vulnerabilitiesFound: [], traffickingIndicators: [], asylumIntent: true, notes: '' };
    const { id: placementId } = c.call('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission });
    expect(c.call('findings.current', {}).findings.map((f) => f.code)).toContain('asylum.claim_unresolved');
    const err = c.refuse('placements.end', { placementId, reason: 'removal' });
    expect(codes(err)).toEqual(['placement.removal_with_open_claim']);
    // Nor is the claim carried off unresolved by a transfer to other detention.
    const transfer = c.refuse('placements.end', { placementId, reason: 'transfer', destination: 'another detention centre' });
    expect(codes(transfer)).toEqual(['placement.transfer_with_open_claim']);
    c.call('placements.end', { placementId, reason: 'asylum_premises', destination: 'Asylum reception centre' });
    const file = c.call('register.personFile', { personId });
    expect(file.placements[0]!.claims[0]!.resolution).toBe('transferred_to_asylum_premises');
  });

  it('refuses a second placement while one is open, and readmission keeps the person’s alerts', () => {
    const personId = c.call('persons.register', personInput({ alerts: ['penicillin allergy'] })).id!;
    const first = c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false) });
    expect(codes(c.refuse('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false) }))).toEqual([
      'placement.already_placed',
    ]);
    c.clock.advanceHours(24);
    c.call('placements.end', { placementId: first.id, reason: 'voluntary_departure' });
    c.clock.advanceHours(24 * 30);
    c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false) });
    const file = c.call('register.personFile', { personId });
    expect(file.placements).toHaveLength(2);
    expect(file.person.alerts).toEqual(['penicillin allergy']);
  });

  it('refuses an event time in the future', () => {
    const err = c.refuse('persons.register', { ...personInput(), at: '2026-03-02T09:00:00Z' });
    expect(codes(err)).toEqual(['time.in_future']);
  });
});

describe('rooms and separation through the API', () => {
  it('refuses a woman in a men’s room, and says why', () => {
    const { placementId } = admitForced(c, { sex: 'female', givenNames: 'Leyla' });
    const err = c.refuse('rooms.assign', { placementId, roomId: rooms.menForced });
    expect(codes(err)).toEqual(['separation.sex']);
    expect(err.reasons[0]!.field).toBe('roomId');
    expect(err.message).toMatch(/A1 is for male; this person is female/);
    c.call('rooms.assign', { placementId, roomId: rooms.womenForced });
  });

  it('refuses a voluntary resident in a forced room', () => {
    const personId = c.call('persons.register', personInput()).id!;
    const err = c.refuse('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.menForced });
    expect(codes(err)).toEqual(['separation.regime']);
  });

  it('a family shares a family room; another family may not join', () => {
    const mother = c.call('persons.register', personInput({ sex: 'female', familyGroup: 'FAM-1' })).id!;
    const son = c.call('persons.register', personInput({ birthDate: '2016-04-01', familyGroup: 'FAM-1' })).id!;
    const other = c.call('persons.register', personInput({ familyGroup: 'FAM-2' })).id!;
    for (const personId of [mother, son]) {
      c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.familyVoluntary });
    }
    const err = c.refuse('placements.admit', { personId: other, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.familyVoluntary });
    expect(codes(err)).toEqual(['separation.family_room_other_family']);
    const board = c.call('register.roomBoard', {});
    const f1 = board.rooms.find((r) => r.name === 'F1')!;
    expect(f1.occupants).toHaveLength(2);
    expect(f1.conflicts).toEqual([]);
    const entry = c.call('journal.entries', { fromSeq: 1, limit: 5000 }).filter((e) => e.type === 'assignment.made').at(-1)!;
    expect((entry.payload as { familyException: string }).familyException).toBe('FAM-1');
  });

  it('a move dated before a family came is checked against them too: it cannot slip another family in', () => {
    const mother = c.call('persons.register', personInput({ sex: 'female', familyGroup: 'FAM-1' })).id!;
    const son = c.call('persons.register', personInput({ birthDate: '2016-04-01', familyGroup: 'FAM-1' })).id!;
    const man = c.call('persons.register', personInput({ familyGroup: 'FAM-2' })).id!;
    const stay = c.call('placements.admit', { personId: man, kind: 'voluntary', admission: admissionRecord(false) }).id;
    c.clock.advanceHours(1);
    const familyCame = c.clock.iso;
    for (const personId of [mother, son]) {
      c.call('placements.admit', { personId, kind: 'voluntary', admission: admissionRecord(false), roomId: rooms.familyVoluntary });
    }
    c.clock.advanceHours(1);
    expect(codes(c.refuse('rooms.assign', { placementId: stay, roomId: rooms.familyVoluntary }))).toEqual(['separation.family_room_other_family']);
    // Dated half an hour before the family came: the room was empty then, but they came and are there.
    const before = addHours(familyCame, -0.5);
    expect(codes(c.refuse('rooms.assign', { placementId: stay, roomId: rooms.familyVoluntary, at: before }))).toEqual([
      'separation.family_room_other_family',
    ]);
  });

  it('a move dated in the past counts the beds taken since, not only those taken then', () => {
    const first = admitForced(c, { familyName: 'First' });
    const second = admitForced(c, { familyName: 'Second' });
    c.clock.advanceHours(1);
    const earlier = c.clock.iso;
    c.clock.advanceHours(1);
    admitForced(c, { familyName: 'Third' }, rooms.menForced);
    admitForced(c, { familyName: 'Fourth' }, rooms.menForced); // A1 holds two: full from now on
    c.clock.advanceHours(1);
    expect(codes(c.refuse('rooms.assign', { placementId: first.placementId, roomId: rooms.menForced, at: earlier }))).toEqual(['room.full']);
    // A bed freed before the move's time does not count against it.
    const third = c.call('register.roomBoard', {}).rooms.find((r) => r.roomId === rooms.menForced)!.occupants[0]!;
    c.call('placements.end', { placementId: third.placementId, reason: 'release' });
    c.clock.advanceHours(1);
    const freed = c.clock.iso;
    c.clock.advanceHours(1);
    expect(codes(c.refuse('rooms.assign', { placementId: second.placementId, roomId: rooms.menForced, at: earlier }))).toEqual(['room.full']);
    c.call('rooms.assign', { placementId: second.placementId, roomId: rooms.menForced, at: freed });
  });

  it('refuses a full room unless over-filling is confirmed, and moves close the previous assignment', () => {
    const a = admitForced(c, {}, rooms.menForced);
    admitForced(c, { familyName: 'Second' }, rooms.menForced);
    const third = admitForced(c, { familyName: 'Third' });
    expect(codes(c.refuse('rooms.assign', { placementId: third.placementId, roomId: rooms.menForced }))).toEqual(['room.full']);
    c.call('rooms.assign', { placementId: third.placementId, roomId: rooms.menForced, acceptOverCapacity: true });
    expect(c.call('findings.current', {}).findings.map((f) => f.code)).toContain('room.over_capacity');
    c.clock.advanceHours(1);
    const a2 = c.call('rooms.define', { name: 'A2', capacity: 2, floorAreaM2: 12, sex: 'male', ageGroup: 'adult', regime: 'forced' }, 'head').id!;
    c.call('rooms.assign', { placementId: a.placementId, roomId: a2 }, 'duty');
    const history = c.call('register.personFile', { personId: a.personId }).placements[0]!.assignments;
    expect(history.map((h) => [h.roomName, h.from, h.to])).toEqual([
      ['A1', '2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['A2', '2026-03-02T09:00:00.000Z', null],
    ]);
    expect(c.call('findings.current', {}).findings.map((f) => f.code)).not.toContain('room.over_capacity');
  });
});

describe('refusals that keep the record honest', () => {
  it('the admitting order must be issued and running at admission', () => {
    const personId = c.call('persons.register', personInput()).id!;
    c.clock.advanceHours(5);
    const later = { ...serviceOrder('2026-03-02T12:00:00Z'), startsAt: '2026-03-02T12:00:00Z' };
    const err = c.refuse('placements.admit', { personId, kind: 'forced', at: '2026-03-02T09:00:00Z', order: later, admission: admissionRecord() });
    expect(codes(err)).toEqual(['order.issued_after_admission', 'order.starts_after_admission']);
  });

  it('a new stay may not begin before the last one ended; an end may not be dated before what the stay recorded', () => {
    const { personId, placementId } = admitForced(c);
    c.clock.advanceHours(10);
    c.call('rights.record', { placementId, right: 'lawyer', state: 'exercised' });
    c.clock.advanceHours(30);
    const backdated = c.refuse('placements.end', { placementId, reason: 'release', at: '2026-03-02T10:00:00Z' });
    expect(codes(backdated)).toEqual(['placement.end_before_last_event']);
    c.call('placements.end', { placementId, reason: 'release' });
    const overlap = c.refuse('placements.admit', { personId, kind: 'voluntary', at: '2026-03-03T00:00:00Z', admission: admissionRecord(false) });
    expect(codes(overlap)).toEqual(['placement.overlaps_previous']);
  });

  it('no extension while a claim for asylum is open; release resolves it, not a bare resolution', () => {
    const { placementId } = admitForced(c);
    const { id: claimId } = c.call('protection.claimAsylum', { placementId }, ROLE_USERS.duty);
    c.clock.advanceHours(20);
    expect(codes(c.refuse('placements.addOrder', { placementId, order: courtOrder(c.clock.iso) }))).toEqual(['order.open_asylum_claim']);
    expect(codes(c.refuse('protection.resolveClaim', { claimId: claimId!, resolution: 'released' }))).toEqual([
      'asylum.resolve_by_ending_placement',
    ]);
  });

  it('only the head of centre authorises a measure', () => {
    const { placementId } = admitForced(c);
    const err = c.refuse('measures.start', { placementId, kind: 'isolation', measure: 'cell', reason: 'fight', authorisedBy: 'myself' }, ROLE_USERS.duty);
    expect(codes(err)).toEqual(['measure.authorise_role']);
  });

  it('nothing can be dated before the centre existed', () => {
    const err = c.refuse('persons.register', { ...personInput(), at: '1900-01-01T00:00:00Z' });
    expect(codes(err)).toEqual(['time.before_centre']);
  });

  it('what is projected is what was stored: an undefined field does not clear a room’s sex', () => {
    const room = c.call('rooms.define', { name: 'Z1', capacity: 2, floorAreaM2: 10, sex: 'male', ageGroup: 'adult', regime: 'forced' }, 'head').id!;
    c.service.call('rooms.update', { roomId: room, capacity: 3, sex: undefined }, { username: 'head' });
    const z1 = c.call('register.roomBoard', {}).rooms.find((r) => r.roomId === room)!;
    expect(z1.sex).toBe('male');
    expect(z1.capacity).toBe(3);
  });
});

