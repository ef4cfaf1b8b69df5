// Who is signed in, and what their role lets them do. The session token lives in memory and in
// sessionStorage (a reload keeps it; closing the window ends it). What a role may do is read from the
// contract itself, so a button is shown exactly when the API would accept the call.

import { createContext, useContext, type ReactNode } from 'react';
import { contract, type MethodName } from '../../domain/api/contract.ts';
import type { AccountView, CentreView, Session } from '../../domain/api/outputs.ts';

const SESSION_KEY = 'centre.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s?.token === 'string' && s.account ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  try {
    if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* memory only */
  }
}

export function roleMay(role: AccountView['role'] | undefined, method: MethodName): boolean {
  if (!role) return false;
  const spec = contract[method];
  return spec.roles.length === 0 || spec.roles.includes(role);
}

export interface SessionValue {
  account: AccountView;
  centre: CentreView;
  can(method: MethodName): boolean;
  signOut(): void;
  /** Re-read the centre (after its details change). */
  refreshCentre(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}
