// @vitest-environment happy-dom
// The admission flow against the real service: every refusal reason is shown in the user's language
// next to the field it concerns, before anything is saved; only allowed rooms are offered, with the
// reason the others are excluded; the admission and the rights are then recorded.

import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineRooms, type Rooms } from '../../../test/support/fixtures.ts';
import { change, click, describedText, go, renderApp, settle, signIn, waitFor, resetWindow } from '../../test-support/centre.tsx';
import { dispatch } from '../../../services/transport/dispatch.ts';
import { createTestCentre, type TestCentre } from '../../../test/support/harness.ts';

function freshCentre(): TestCentre {
  resetWindow();
  return createTestCentre();
}

let c: TestCentre;
let rooms: Rooms;
beforeEach(() => {
  c = freshCentre();
  rooms = defineRooms(c);
});
afterEach(() => {
  cleanup();
  c.close();
});

const byName = (name: string) => document.querySelector<HTMLElement>(`[name="${name}"]`)!;

async function start(user = 'reg') {
  const view = renderApp((m, i, s) => dispatch(c.service, m, i, s));
  await signIn(user);
  await go('#/admit');
  await screen.findByRole('heading', { name: /Step 1 of 5/ });
  return view;
}

async function fillIdentity(sex: 'male' | 'female', extra: { birthDate?: string } = {}) {
  change(screen.getByLabelText(/Family name/), 'Aliyeva');
  change(screen.getByLabelText(/Given names/), 'Leyla');
  await click(screen.getByLabelText(sex));
  change(screen.getByLabelText(/Date of birth/), extra.birthDate ?? '1994-06-01');
  change(screen.getByLabelText(/Languages/), 'az, ru');
}

async function toPlacementStep(sex: 'male' | 'female', status?: string) {
  await fillIdentity(sex);
  await click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: /Step 2 of 5/ });
  if (status) change(screen.getByLabelText(/^Status/), status);
  change(byName('admission.alternativesNotUsedBecause'), 'No fixed address; reporting obligation breached twice');
  await click(screen.getByRole('button', { name: 'Save the person and go on' }));
  await screen.findByRole('heading', { name: /Step 3 of 5/ });
}

function fillOrderAndRecord() {
  change(byName('order.authority'), 'State Migration Service');
  change(byName('order.reference'), 'SMS-2026-77');
  change(byName('admission.reasons'), 'Stay beyond the permitted period');
  change(byName('admission.authority'), 'State Migration Service, Baku');
}

describe('admission', () => {
  it('step 1: says what is missing, next to each field, and goes nowhere', async () => {
    await start();
    await click(screen.getByRole('button', { name: 'Next' }));
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('Family name: required');
    expect(describedText(screen.getByLabelText(/Family name/))).toContain('required');
    expect(screen.getByLabelText(/Family name/).getAttribute('aria-invalid')).toBe('true');
    expect(describedText(screen.getByLabelText(/Date of birth/))).toContain('a birth date or a claimed age is required');
    expect(within(summary).getAllByRole('button').length).toBeGreaterThanOrEqual(3);
    expect(screen.getByRole('heading', { name: /Step 1 of 5/ })).toBeTruthy();
    expect(c.call('journal.head', {}).seq).toBeLessThan(20); // nothing was written
  });

  it('step 3: shows the computed deadline, and a term over the cap as a reason next to the term', async () => {
    await start();
    await toPlacementStep('female');
    fillOrderAndRecord();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('this admission is allowed'), { timeout: 3000 });
    // 08:00Z + 24 h, in Asia/Baku.
    expect(screen.getByRole('status').textContent).toContain('03/03/2026, 12:00');

    const head = c.call('journal.head', {}).seq;
    change(byName('order.term'), 'hours');
    await settle();
    change(screen.getByLabelText(/^Hours/), '25');
    await waitFor(() => expect(describedText(byName('order.term'))).toContain('the term exceeds the cap of 24 hours'), { timeout: 3000 });
    expect(byName('order.term').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('would be refused for 1 reason');
    await click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: /Step 3 of 5/ })).toBeTruthy();
    expect(c.call('journal.head', {}).seq).toBe(head); // checking writes nothing
  });

  it('step 3: an asylum seeker may not be forcibly placed; the reason links back to the status', async () => {
    await start();
    await toPlacementStep('male', 'asylum_seeker');
    fillOrderAndRecord();
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    await waitFor(() => expect(alert.textContent).toContain('a person whose status is asylum seeker may never be forcibly placed'));
    await click(within(alert).getByRole('button', { name: /asylum seeker may never be forcibly placed/ }));
    await screen.findByRole('heading', { name: /Step 2 of 5/ });
    expect(describedText(screen.getByLabelText(/^Status/))).toContain('may never be forcibly placed');
  });

  it('step 4: offers only the rooms the rules allow, says why the others are excluded, and admits; step 5 records the rights', async () => {
    await start();
    await toPlacementStep('female');
    fillOrderAndRecord();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('this admission is allowed'), { timeout: 3000 });
    await click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: /Step 4 of 5/ });
    const allowed = await screen.findByRole('group', { name: /Allowed room/ });
    expect(within(allowed).getByLabelText(/^B1/)).toBeTruthy();
    expect(within(allowed).queryByLabelText(/^A1/)).toBeNull();
    const excluded = document.querySelector('details.excluded')!;
    expect(excluded.textContent).toContain('room A1 is for male; this person is female');
    expect(excluded.textContent).toContain('room V1 is for the voluntary regime; this person is under the forced regime');

    await click(within(allowed).getByLabelText(/^B1/));
    await click(screen.getByRole('button', { name: 'Admit (forced placement)' }));
    await screen.findByRole('heading', { name: /Step 5 of 5/ });
    const placement = c.call('register.population', {}).rows.find((r) => r.familyName === 'Aliyeva')!;
    expect(placement.roomName).toBe('B1');
    expect(placement.deadline).toBe('2026-03-03T08:00:00.000Z');

    change(screen.getByLabelText('What happened: information on rights'), 'exercised');
    change(screen.getByLabelText('What happened: consular notification'), 'declined');
    await click(screen.getByRole('button', { name: 'Record the rights chosen' }));
    await screen.findByText('2 rights recorded.');
    const file = c.call('register.personFile', { personId: placement.personId });
    const rights = file.placements[0]!.rights.map((r) => [r.right, r.state, r.language]);
    expect(rights).toEqual(
      expect.arrayContaining([
        ['information_on_rights', 'exercised', 'az'],
        ['consular_notification', 'declined', null],
      ]),
    );
  });
});
