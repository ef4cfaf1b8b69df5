// A person's file from the replayed register: every stay with its orders, rights log (who, when,
// language, interpreter), rooms over time, measures with reviews, medical concerns with their notes;
// status history, referrals and corrections read back from their journal entries; and the admission
// record read defensively (it is bundle data).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVariedCentre, type VariedCentre } from '../../../test/support/varied-centre.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import type { ViewerData } from './data.ts';
import { admissionRecordView, interpreterOf, personFile } from './person-file.ts';

let v: VariedCentre;
let data: ViewerData;
const idOf = (familyName: string) => [...data.tables.persons.values()].find((p) => p.familyName === familyName)!.personId;
beforeAll(() => {
  v = createVariedCentre(1);
  data = viewerDataOf(v.c);
});
afterAll(() => v?.c.close());

describe('a person’s file', () => {
  it('holds a forced stay with its orders, rights log, rooms, measures and medical record', () => {
    const file = personFile(data, idOf('Karimov'))!;
    expect(file.stays).toHaveLength(1);
    const s = file.stays[0]!;
    expect(s.placement).toMatchObject({ kind: 'forced', endReason: 'removal' });
    expect(s.orders.map((o) => o.basis)).toEqual(['service_order', 'court_order']);
    const info = s.rights.find((r) => r.rightKind === 'information_on_rights')!;
    expect(info).toMatchObject({ state: 'exercised', language: 'uz', version: 'rights-sheet uz v3', actor: 'reg' });
    expect(interpreterOf(info.interpreter)).toEqual({ name: 'R. Aliyev', mode: 'telephone' });
    const exam = s.rights.find((r) => r.rightKind === 'medical_examination')!;
    expect(data.note(exam.detailRef)).toBe('bruises on both forearms, says from arrest');
    expect(s.rooms.map((r) => r.roomName)).toEqual(['A1', 'F2']);
    expect(s.rooms[1]!.assignment.actor).toBe('duty');
    expect(s.measures.map((m) => [m.measure.kind, m.measure.authorisedBy, m.reviews.map((r) => r.outcome)])).toEqual([
      ['isolation', 'Head of Centre', []],
      ['disciplinary', 'Head of Centre', ['end']],
    ]);
    expect(s.concerns.map((c) => [data.concernKind(c), data.note(c.noteRef)])).toEqual([['self_harm_risk', 'expressed suicidal thoughts; under watch']]);
    expect(s.detentionReviews.map((r) => [r.outcome, data.note(r.noteRef)])).toEqual([['continue_detention', 'reviewed with psychologist']]);
  });

  it('holds status history, referrals and corrections as their entries record them', () => {
    const file = personFile(data, idOf('Rahimi'))!;
    expect(file.statusHistory.map((s) => [s.status, s.reason])).toEqual([
      ['irregular_migrant', 'registered'],
      ['asylum_seeker', 'applied'],
    ]);
    expect(file.referrals.map((r) => [r.kind, r.toWhom])).toEqual([['guardianship', 'Guardianship authority, Baku']]);
    expect(file.corrections).toHaveLength(1);
    expect(file.corrections[0]).toMatchObject({ reason: 'passport found', actor: 'reg' });
    expect(Object.fromEntries(file.corrections[0]!.changes)).toEqual({ givenNames: 'Omid Ali', birthDate: '2008-12-02' });
    expect(file.person.givenNames).toBe('Omid Ali');
  });

  it('holds a voluntary stay’s exits and returns and its asylum claim, and the findings concerning the person', () => {
    const leyla = personFile(data, idOf('Həsənova'))!;
    expect(leyla.stays[0]!.movements.map((m) => m.direction)).toEqual(['exit', 'return']);
    expect(leyla.stays[0]!.claims.map((c) => c.note)).toEqual(['fears persecution']);
    const child = personFile(data, idOf('Rahimi'))!;
    const all = [...child.currentFindings, ...child.historyFindings];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((f) => f.personIds.includes(child.person.personId))).toBe(true);
  });

  it('is null for an unknown register number', () => {
    expect(personFile(data, 'P999999')).toBeNull();
  });

  it('reads an admission record of any shape without trusting it', () => {
    expect(admissionRecordView(null)).toBeNull();
    expect(admissionRecordView('<script>')).toBeNull();
    const r = admissionRecordView({ reasons: 7, property: [{ item: '<img src=x>', quantity: 'two' }, 'junk'], screening: { vulnerabilitiesFound: ['pregnant', 3] } })!;
    expect(r.reasons).toBe('');
    expect(r.property).toEqual([
      { item: '<img src=x>', quantity: null, note: '' },
      { item: '', quantity: null, note: '' },
    ]);
    expect(r.screening!.vulnerabilities).toEqual(['pregnant', '']);
  });
});
