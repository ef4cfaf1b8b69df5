// Component tests against the real service, in-process: each test file hands in the same dispatcher
// the HTTP server and the IPC handler use (services/transport/dispatch.ts), and this puts it behind a
// CentreBridge. This helper itself imports nothing outside renderer/ and domain/ (the layering test
// checks it like any renderer file); the *.test.tsx files bring the service.

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import type { ApiResponse, CentreBridge } from '../../domain/api/bridge.ts';
import { App } from '../app/App.tsx';

/** The password of every account of the test centre (test/support/harness.ts). */
export const PASSWORD = 'correct horse battery';

/** One API call into an in-process service, as dispatch(service, …) answers it. */
export type Dispatch = (method: string, input: unknown, session: string | null) => ApiResponse;

// Tell React this is a test environment, so state updates inside act() are flushed and not warned about.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export function bridgeFor(dispatch: Dispatch): CentreBridge & { calls: string[] } {
  const calls: string[] = [];
  return {
    transport: 'browser',
    calls,
    call: async (method, input, session) => {
      calls.push(method);
      // A JSON round trip, as over HTTP or IPC: nothing but plain data crosses.
      return JSON.parse(JSON.stringify(dispatch(method, JSON.parse(JSON.stringify(input ?? {})), session))) as ApiResponse;
    },
  };
}

/** A clean window: no session, no kept language but English, no route. */
export function resetWindow(): void {
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.localStorage.setItem('centre.language', 'en');
  window.location.hash = '';
}

export function renderApp(dispatch: Dispatch) {
  const bridge = bridgeFor(dispatch);
  const view = render(<App transport={{ bridge, jobs: null }} />);
  return { ...view, bridge };
}

/** Signs in through the form, as a person would. */
export async function signIn(user: string, password = PASSWORD) {
  await screen.findByRole('heading', { name: 'Sign in' });
  fireEvent.change(screen.getByLabelText(/Username/), { target: { value: user } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  });
  await settle();
}

/** The text of everything a field's aria-describedby points at: its hint and its reasons. */
export function describedText(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

export function change(el: HTMLElement, value: string) {
  fireEvent.change(el, { target: { value } });
}

export async function click(el: HTMLElement) {
  await act(async () => {
    fireEvent.click(el);
  });
  await settle();
}

export async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

export async function settle(ms = 50) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

export { waitFor };
