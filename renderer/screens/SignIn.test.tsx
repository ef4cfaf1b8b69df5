// @vitest-environment happy-dom
// Sign-in: a wrong password is refused with the API's reason next to the field; repeated failures
// lock the account and the message says until when; the inspector sees no write actions at all.

import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { admitForced, defineRooms } from '../../test/support/fixtures.ts';
import { go, renderApp, settle, signIn, waitFor, resetWindow } from '../test-support/centre.tsx';
import { dispatch } from '../../services/transport/dispatch.ts';
import { createTestCentre, type TestCentre } from '../../test/support/harness.ts';

function freshCentre(): TestCentre {
  resetWindow();
  return createTestCentre();
}

let c: TestCentre;
afterEach(() => {
  cleanup();
  c?.close();
});

describe('sign-in', () => {
  it('shows a wrong password as the API says, next to the password field', async () => {
    c = freshCentre();
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await signIn('reg', 'not the password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('wrong username or password');
    const password = screen.getByLabelText(/Password/);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = password.getAttribute('aria-describedby')!.split(' ');
    const messages = describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(messages).toContain('wrong username or password');
  });

  it('says the account is locked, and until when (in the centre’s time zone), after five failures', async () => {
    c = freshCentre();
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    for (let i = 0; i < 5; i++) {
      await signIn('reg', `wrong ${i}`);
      await settle(20);
    }
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/locked until \d\d\/\d\d\/2026, \d\d:\d\d/));
    // 08:00Z + 15 min, shown in Asia/Baku (UTC+4).
    expect(screen.getByRole('alert').textContent).toContain('02/03/2026, 12:15');
  });

  it('shows the sign-in in the chosen language, and keeps the choice', async () => {
    c = freshCentre();
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await screen.findByRole('heading', { name: 'Sign in' });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ru' } });
    await screen.findByRole('heading', { name: 'Вход' });
    expect(window.localStorage.getItem('centre.language')).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
    expect(screen.getByRole('button', { name: 'Войти' })).toBeTruthy();
  });

  it('signs in; an inspector sees the register and gets no button that writes', async () => {
    c = freshCentre();
    const rooms = defineRooms(c);
    const { personId } = admitForced(c, {}, rooms.menForced);
    renderApp((m, i, s) => dispatch(c.service, m, i, s));
    await signIn('insp');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByText('Admission')).toBeNull();
    expect(within(nav).queryByText('Rights log')).toBeNull();
    expect(within(nav).getByText('Register')).toBeTruthy();
    await screen.findByRole('heading', { name: 'Dashboard' });

    await go('#/deadlines');
    await screen.findByText('Karimov, Anvar');
    expect(screen.queryByRole('button', { name: /Release/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /New order/ })).toBeNull();

    await go(`#/person/${personId}`);
    await screen.findByRole('heading', { name: 'Karimov, Anvar' });
    for (const name of [/Correct/, /Change status/, /Release/, /Move/, /Admit again/]) expect(screen.queryByRole('button', { name })).toBeNull();

    await go('#/rooms');
    await screen.findByRole('heading', { name: 'A1' });
    expect(screen.queryByRole('button', { name: /Move/ })).toBeNull();
    await go('#/inspections');
    await screen.findByRole('heading', { name: 'Inspections' });
    expect(screen.queryByRole('button', { name: /Record a visit/ })).toBeNull();
  });
});
