import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../domain/api/contract.ts';
import { ROLES } from '../../domain/roles.ts';
import { createTestCentre, PASSWORD, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';
import { admissionRecord, admitForced, defineRooms, personInput, serviceOrder } from '../../test/support/fixtures.ts';

let c: TestCentre;
beforeEach(() => {
  c = createTestCentre();
});
afterEach(() => c.close());

const USER_OF_ROLE = {
  head_of_centre: ROLE_USERS.head,
  registrar: ROLE_USERS.registrar,
  duty_officer: ROLE_USERS.duty,
  medical_officer: ROLE_USERS.medical,
  inspector: ROLE_USERS.inspector,
} as const;

describe('roles', () => {
  it('the inspector may call no write method at all', () => {
    for (const name of METHOD_NAMES) {
      const spec = contract[name];
      // Changing one's own password writes no register data (credentials are not journaled).
      if (spec.kind !== 'write' || name === 'accounts.setPassword') continue;
      expect(spec.roles, name).not.toContain('inspector');
    }
  });

  it('the inspector reads everything and changes nothing', () => {
    const rooms = defineRooms(c);
    const { personId, placementId } = admitForced(c, {}, rooms.menForced);
    const before = c.call('journal.head', {});
    for (const [method, input] of [
      ['persons.register', personInput()],
      ['placements.end', { placementId, reason: 'release' }],
      ['rooms.assign', { placementId, roomId: rooms.menForced }],
      ['rights.record', { placementId, right: 'lawyer', state: 'offered' }],
      ['inspections.recordVisit', { body: 'npm', inspectors: ['I. Aliyeva'], startedAt: c.clock.iso }],
    ] as const) {
      const err = c.refuse(method, input, ROLE_USERS.inspector);
      expect(err.kind, method).toBe('forbidden');
    }
    expect(c.call('journal.head', {}, ROLE_USERS.inspector)).toEqual(before);
    expect(c.call('register.personFile', { personId }, ROLE_USERS.inspector).person.personId).toBe(personId);
    expect(c.call('findings.current', {}, ROLE_USERS.inspector).at).toBe(c.clock.iso);
    expect(c.call('journal.verify', {}, ROLE_USERS.inspector).ok).toBe(true);
  });

  it('each write is refused for every role the contract does not name', () => {
    // One representative write per role boundary, with input that would otherwise be accepted.
    const rooms = defineRooms(c);
    const { placementId } = admitForced(c, {}, rooms.menForced);
    const cases = [
      ['persons.register', personInput()],
      ['rooms.define', { name: 'Z9', capacity: 2, floorAreaM2: 10, sex: 'male', ageGroup: 'adult', regime: 'forced' }],
      ['medical.raiseConcern', { placementId, kind: 'self_harm_risk' }],
      ['accounts.create', { username: 'newbie', displayName: 'New', role: 'registrar', password: PASSWORD }],
      ['inspections.recordVisit', { body: 'npm', inspectors: ['A'], startedAt: c.clock.iso }],
    ] as const;
    for (const [method, input] of cases) {
      for (const role of ROLES) {
        const allowed = (contract[method].roles as readonly string[]).includes(role);
        if (allowed) continue;
        const err = c.refuse(method, input, USER_OF_ROLE[role]);
        expect(err.kind, `${method} as ${role}`).toBe('forbidden');
      }
    }
  });

  it('the duty officer records rights but may not admit', () => {
    const { placementId } = admitForced(c);
    c.call('rights.record', { placementId, right: 'family_contact', state: 'exercised' }, ROLE_USERS.duty);
    const personId = c.call('persons.register', personInput({ familyName: 'Other' })).id!;
    const err = c.refuse('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord() }, ROLE_USERS.duty);
    expect(err.kind).toBe('forbidden');
  });

  it('medical notes are shown to medical staff and inspectors only', () => {
    const { personId, placementId } = admitForced(c);
    c.call('medical.raiseConcern', { placementId, kind: 'self_harm_risk', note: 'cuts on forearms' }, ROLE_USERS.medical);
    const note = (as: string) => c.call('register.personFile', { personId }, as).placements[0]!.concerns[0]!.note;
    expect(note(ROLE_USERS.medical)).toBe('cuts on forearms');
    expect(note(ROLE_USERS.inspector)).toBe('cuts on forearms');
    expect(note(ROLE_USERS.registrar)).toBe('');
    expect(note(ROLE_USERS.head)).toBe('');
  });

  it('signs in with a password, locks after five failures, and journals as the signed-in account', () => {
    const session = c.service.call('accounts.signIn', { username: ROLE_USERS.registrar, password: PASSWORD }, null);
    const r = c.service.call('persons.register', personInput(), { token: session.token });
    const entry = c.call('journal.entries', { fromSeq: r.seq, limit: 1 })[0]!;
    expect(entry.actor).toBe(ROLE_USERS.registrar);
    for (let i = 0; i < 4; i++) {
      expect(() => c.service.call('accounts.signIn', { username: 'duty', password: 'wrong password!' }, null)).toThrow(/wrong username or password/);
    }
    expect(() => c.service.call('accounts.signIn', { username: 'duty', password: 'wrong password!' }, null)).toThrow(/locked/);
    expect(() => c.service.call('accounts.signIn', { username: 'duty', password: PASSWORD }, null)).toThrow(/locked/);
    c.clock.advanceHours(1);
    expect(c.service.call('accounts.signIn', { username: 'duty', password: PASSWORD }, null).account.role).toBe('duty_officer');
    expect(() => c.service.call('register.population', {}, { token: 'not-a-token' })).toThrow(/session has expired/);
  });
});

describe('a refused call changes nothing', () => {
  const fingerprint = (path: string) => {
    const h = createHash('sha256');
    for (const f of [path, `${path}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
    return h.digest('hex');
  };

  it('leaves the database files byte-for-byte the same', () => {
    const rooms = defineRooms(c);
    const { placementId } = admitForced(c, { sex: 'female' });
    c.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fingerprint(c.path);
    const refusals: [string, unknown, string?][] = [
      ['rooms.assign', { placementId, roomId: rooms.menForced }], // separation
      ['persons.register', { ...personInput(), birthDate: '31-12-1990' }], // invalid input
      ['persons.register', personInput(), ROLE_USERS.inspector], // forbidden
      ['placements.end', { placementId: 'S999', reason: 'release' }], // not found
      ['no.such.method', {}],
    ];
    for (const [method, input, as] of refusals) {
      expect(() => c.service.call(method, input, { username: as ?? ROLE_USERS.registrar }), method).toThrow();
    }
    expect(fingerprint(c.path)).toBe(before);
  });

  it('a batch with one refused call writes none of it', () => {
    const before = c.call('journal.head', {});
    expect(() =>
      c.service.batch(
        [
          { method: 'persons.register', input: personInput() },
          { method: 'persons.register', input: personInput({ status: 'no_such_status' as never }) },
        ],
        { username: ROLE_USERS.registrar },
      ),
    ).toThrow(/status/);
    expect(c.call('journal.head', {})).toEqual(before);
    expect(c.call('register.search', { name: 'Karimov' }).rows).toEqual([]);
  });
});

describe('medical details stay out of the journal', () => {
  it('keeps notes beside the journal, referenced by a salted hash, and shows them to medical readers', () => {
    const { personId, placementId } = admitForced(c);
    c.call('medical.raiseConcern', { placementId, kind: 'possible_torture_victim', note: 'scars consistent with beating' }, ROLE_USERS.medical);
    c.call('rights.record', { placementId, right: 'medical_examination', state: 'exercised', detail: 'BP 150/95' }, ROLE_USERS.medical);
    c.call('medical.reviewDetention', { placementId, outcome: 'release', note: 'detention harms health' }, ROLE_USERS.head);
    const journal = JSON.stringify(c.call('journal.entries', { fromSeq: 1, limit: 5000 }));
    for (const secret of ['scars', 'BP 150', 'harms health']) expect(journal).not.toContain(secret);
    const medicalView = c.call('register.personFile', { personId }, ROLE_USERS.medical).placements[0]!;
    expect(medicalView.concerns[0]!.note).toBe('scars consistent with beating');
    expect(medicalView.rights.find((r) => r.right === 'medical_examination')!.detail).toBe('BP 150/95');
    expect(medicalView.detentionReviews[0]!.note).toBe('detention harms health');
    const registrarView = c.call('register.personFile', { personId }, ROLE_USERS.registrar).placements[0]!;
    expect(registrarView.rights.find((r) => r.right === 'medical_examination')!.detail).toBe('');
    expect(registrarView.detentionReviews[0]!.note).toBe('');
  });
});

describe('sessions', () => {
  it('are stored hashed; sign-out ends only the current one; a reset by the head ends all of them', () => {
    const a = c.service.call('accounts.signIn', { username: ROLE_USERS.duty, password: PASSWORD }, null);
    const b = c.service.call('accounts.signIn', { username: ROLE_USERS.duty, password: PASSWORD }, null);
    const stored = c.db.prepare('SELECT token FROM sessions').pluck().all() as string[];
    expect(stored).not.toContain(a.token);
    c.service.call('accounts.signOut', {}, { token: a.token });
    expect(() => c.service.call('accounts.me', {}, { token: a.token })).toThrow(/session has expired/);
    expect(c.service.call('accounts.me', {}, { token: b.token }).username).toBe(ROLE_USERS.duty);
    c.call('accounts.setPassword', { accountId: a.account.accountId, password: 'a brand new passphrase' }, ROLE_USERS.head);
    expect(() => c.service.call('accounts.me', {}, { token: b.token })).toThrow(/session has expired/);
  });
});
