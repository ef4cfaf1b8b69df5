// Inputs for tests: people, admission records, orders and a small set of rooms.

import type { InputOf } from '../../domain/api/contract.ts';
import type { TestCentre } from './harness.ts';

type PersonInput = InputOf<'persons.register'>;

export function personInput(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    familyName: 'Karimov',
    givenNames: 'Anvar',
    sex: 'male',
    birthDate: '1990-05-17',
    nationality: 'UZB',
    languages: ['uz', 'ru'],
    status: 'irregular_migrant',
    ...overrides,
  };
}

export function admissionRecord(forced = true): InputOf<'placements.admit'>['admission'] {
  return {
    reasons: 'Stay beyond permitted period (Migration Code art. 82.2)',
    authority: 'State Migration Service, Baku regional office',
    apprehension: { place: 'Baku, Nizami district', at: '2026-03-02T05:00:00Z' },
    visibleInjuries: '',
    illTreatmentAllegation: '',
    property: [{ item: 'mobile phone', quantity: 1, note: 'black' }],
    familyMembers: [],
    emergencyContact: { name: 'Dilnoza Karimova', relation: 'sister', phone: '+998 90 000 00 00' },
    ...(forced
      ? {
          screening: { vulnerabilitiesFound: [], traffickingIndicators: [], asylumIntent: false, notes: '' },
          alternativesNotUsedBecause: 'No fixed address; reporting obligation breached twice',
        }
      : {}),
  };
}

export function serviceOrder(issuedAt: string, term?: InputOf<'placements.admit'>['order'] extends infer O ? O extends { term?: infer T } ? T : never : never) {
  return {
    basis: 'service_order',
    authority: 'State Migration Service',
    reference: 'SMS-2026-0001',
    issuedAt,
    ...(term ? { term } : {}),
  };
}

export function courtOrder(issuedAt: string, hours?: number) {
  return {
    basis: 'court_order',
    authority: 'Baku Administrative Court No. 1',
    reference: 'AC-2026-17',
    issuedAt,
    ...(hours ? { term: { unit: 'hours' as const, value: hours } } : {}),
  };
}

export function expulsionOrder(issuedAt: string, months: number) {
  return {
    basis: 'expulsion_evasion',
    authority: 'Baku Administrative Court No. 2',
    reference: 'EX-2026-5',
    issuedAt,
    term: { unit: 'months' as const, value: months },
  };
}

export interface Rooms {
  menForced: string;
  womenForced: string;
  minorsForcedMale: string;
  menVoluntary: string;
  asylum: string;
  familyVoluntary: string;
  familyForced: string;
}

export function defineRooms(c: TestCentre): Rooms {
  const define = (input: InputOf<'rooms.define'>) => c.call('rooms.define', input, 'head').id!;
  return {
    menForced: define({ name: 'A1', capacity: 2, floorAreaM2: 12, sex: 'male', ageGroup: 'adult', regime: 'forced' }),
    womenForced: define({ name: 'B1', capacity: 4, floorAreaM2: 20, sex: 'female', ageGroup: 'adult', regime: 'forced' }),
    minorsForcedMale: define({ name: 'C1', capacity: 2, floorAreaM2: 10, sex: 'male', ageGroup: 'minor', regime: 'forced' }),
    menVoluntary: define({ name: 'V1', capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'voluntary' }),
    asylum: define({ name: 'S1', capacity: 4, floorAreaM2: 20, sex: 'male', ageGroup: 'adult', regime: 'asylum' }),
    familyVoluntary: define({ name: 'F1', capacity: 5, floorAreaM2: 24, sex: null, ageGroup: null, regime: 'voluntary', family: true }),
    familyForced: define({ name: 'F2', capacity: 5, floorAreaM2: 24, sex: null, ageGroup: null, regime: 'forced', family: true }),
  };
}

/** Registers a person and admits them forcibly on a 24-hour Service order, now. */
export function admitForced(c: TestCentre, person: Partial<PersonInput> = {}, roomId?: string) {
  const personId = c.call('persons.register', personInput(person)).id!;
  const r = c.call('placements.admit', {
    personId,
    kind: 'forced',
    order: serviceOrder(c.clock.iso),
    admission: admissionRecord(true),
    ...(roomId ? { roomId } : {}),
  });
  return { personId, placementId: r.id, deadline: r.deadline };
}
