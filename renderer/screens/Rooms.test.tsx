// @vitest-environment happy-dom
// The rooms board: occupants and categories; a move the separation rules forbid is refused, and the
// refusal says why, next to the room field; an allowed move goes through.

import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionRecord, defineRooms, personInput, serviceOrder } from '../../test/support/fixtures.ts';
import { change, click, describedText, go, renderApp, signIn, waitFor, resetWindow } from '../test-support/centre.tsx';
import { dispatch } from '../../services/transport/dispatch.ts';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';

function freshCentre(): TestCentre {
  resetWindow();
  return createTestCentre();
}

let c: TestCentre;
afterEach(() => {
  cleanup();
  c.close();
});

describe('rooms board', () => {
  it('refuses to put a woman in a men’s room, and says why next to the room', async () => {
    c = freshCentre();
    const rooms = defineRooms(c);
    const personId = c.call('persons.register', personInput({ familyName: 'Huseynova', givenNames: 'Aysel', sex: 'female' })).id!;
    c.call('placements.admit', { personId, kind: 'forced', order: serviceOrder(c.clock.iso), admission: admissionRecord(), roomId: rooms.womenForced });
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await signIn('duty');
    await go('#/rooms');
    const b1 = (await screen.findByRole('heading', { name: 'B1' })).closest('section')!;
    expect(within(b1).getByText('Huseynova, Aysel')).toBeTruthy();
    await click(within(b1).getByRole('button', { name: 'Move Huseynova, Aysel' }));

    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByLabelText(/To room/);
    const a1 = [...select.querySelectorAll('option')].find((o) => o.textContent?.startsWith('A1'))!;
    change(select, a1.getAttribute('value')!);
    await click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(describedText(within(dialog).getByLabelText(/To room/))).toContain('room A1 is for male; this person is female'));
    expect(within(dialog).getByRole('alert').textContent).toContain('To room: room A1 is for male; this person is female');
    expect(c.call('register.population', {}).rows[0]!.roomName).toBe('B1');
  });
});
