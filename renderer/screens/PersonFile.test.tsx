// @vitest-environment happy-dom
// The person file's protection actions: a duty officer starts an isolation from the file (a missing
// measure is refused next to its field, then it goes through and shows in the stay), and only the
// medical officer is offered "Raise a medical concern".

import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionRecord, defineRooms, personInput, serviceOrder } from '../../test/support/fixtures.ts';
import { change, click, describedText, go, renderApp, signIn, waitFor, resetWindow } from '../test-support/centre.tsx';
import { dispatch } from '../../services/transport/dispatch.ts';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';

let c: TestCentre;
afterEach(() => {
  cleanup();
  c.close();
});

function admitted(): string {
  resetWindow();
  c = createTestCentre();
  const rooms = defineRooms(c);
  const personId = c.call('persons.register', personInput({ familyName: 'Karimov', givenNames: 'Anvar', sex: 'male' })).id!;
  c.call('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord(), roomId: rooms.menForced });
  return personId;
}

describe('person file: measures', () => {
  it('starts an isolation, refusing a missing measure next to its field', async () => {
    const personId = admitted();
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await signIn('duty');
    await go(`#/person/${personId}`);
    await screen.findByRole('heading', { name: 'Karimov, Anvar' });
    expect(screen.queryByRole('button', { name: 'Raise a medical concern' })).toBeNull();
    await click(screen.getByRole('button', { name: 'Start a measure' }));

    const dialog = await screen.findByRole('dialog');
    change(within(dialog).getByLabelText(/Reason/), 'Threatened another resident');
    await click(within(dialog).getByRole('button', { name: 'Start a measure' }));
    await waitFor(() => expect(describedText(within(dialog).getByLabelText(/Measure/))).not.toBe(''));
    expect(within(dialog).getByRole('alert').textContent).toContain('Measure');

    change(within(dialog).getByLabelText(/Measure/), 'Single room, observed every 15 minutes');
    await click(within(dialog).getByRole('button', { name: 'Start a measure' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const measures = c.call('register.personFile', { personId }).placements[0]!.measures;
    expect(measures).toHaveLength(1);
    expect(measures[0]).toMatchObject({ kind: 'isolation', measure: 'Single room, observed every 15 minutes', endAt: null });

    await go(`#/person/${personId}?tab=placements`);
    const row = (await screen.findByRole('cell', { name: 'Single room, observed every 15 minutes' })).closest('tr')!;
    await click(within(row).getByRole('button', { name: 'End' }));
    const end = await screen.findByRole('dialog');
    await click(within(end).getByRole('button', { name: 'End' }));
    await waitFor(() => expect(c.call('register.personFile', { personId }).placements[0]!.measures[0]!.endAt).not.toBeNull());
  });

  it('offers the medical concern to the medical officer only, and records it', async () => {
    const personId = admitted();
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await signIn('doc');
    await go(`#/person/${personId}`);
    await screen.findByRole('heading', { name: 'Karimov, Anvar' });
    await click(screen.getByRole('button', { name: 'Raise a medical concern' }));
    const dialog = await screen.findByRole('dialog');
    change(within(dialog).getByLabelText(/Concern/), 'self_harm_risk');
    await click(within(dialog).getByRole('button', { name: 'Raise a medical concern' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(c.call('register.personFile', { personId }, 'doc').placements[0]!.concerns[0]).toMatchObject({ kind: 'self_harm_risk' });
  });
});
