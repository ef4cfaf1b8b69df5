// Data for the screens: the client in a context, reads that refetch after any write (so every screen
// shows what the journal now says), and the server's clock (deadlines count down against the
// centre's time, not the workstation's).

import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../domain/api/contract.ts';
import type { Client } from './client.ts';
import type { JobBridge } from '../../domain/api/bridge.ts';
import { asApiFailure, type ApiFailure } from './client.ts';

/** A tiny store: the data version (bumped by writes) and the server clock offset. */
export class ApiStore {
  private version = 0;
  private offsetMs = 0;
  private synced = false;
  private listeners = new Set<() => void>();

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  private emit() {
    for (const fn of this.listeners) fn();
  }
  getVersion = () => this.version;
  bump() {
    this.version += 1;
    this.emit();
  }
  setServerTime(at: string, sentAt: number, receivedAt: number) {
    const serverMs = Date.parse(at);
    if (Number.isNaN(serverMs)) return;
    this.offsetMs = serverMs - (sentAt + receivedAt) / 2;
    const first = !this.synced;
    this.synced = true;
    if (first) this.emit();
  }
  getSynced = () => this.synced;
  get clockSynced() {
    return this.synced;
  }
  /** The server's "now", in ms. */
  now = () => Date.now() + this.offsetMs;
}

interface ApiContextValue {
  client: Client;
  store: ApiStore;
  jobs: JobBridge | null;
  session(): string | null;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ value, children }: { value: ApiContextValue; children: ReactNode }) {
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('ApiProvider missing');
  return ctx;
}

export function useClient(): Client {
  return useApiContext().client;
}

export function useJobsBridge(): { jobs: JobBridge | null; session(): string | null } {
  const { jobs, session } = useApiContext();
  return { jobs, session };
}

export function useDataVersion(): number {
  const { store } = useApiContext();
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

/** The server's clock: `now()` in ms, and a value that ticks every `everyMs`. */
export function useServerNow(everyMs = 1000): number {
  const { store } = useApiContext();
  const [now, setNow] = useState(() => store.now());
  useEffect(() => {
    const id = setInterval(() => setNow(store.now()), everyMs);
    return () => clearInterval(id);
  }, [store, everyMs]);
  return now;
}

export function useServerClock(): () => number {
  return useServerClockReady().now;
}

/**
 * The server's clock, and whether we know it yet. A form that fills in "now" (an order's date of
 * issue) waits for it: the server's clock may differ from this workstation's (or be set by a test).
 */
export function useServerClockReady(): { ready: boolean; now: () => number } {
  const { store, client } = useApiContext();
  const ready = useSyncExternalStore(store.subscribe, store.getSynced);
  useEffect(() => {
    // Nothing has told us the server's time yet: ask once (any read that returns `at` would do).
    if (!store.clockSynced) client.call('inspections.list', {}).catch(() => undefined);
  }, [store, client]);
  return { ready, now: store.now };
}

export interface Query<T> {
  data: T | undefined;
  error: ApiFailure | null;
  loading: boolean;
  /** When the data arrived (workstation clock): countdowns run on from there. */
  receivedAt: number;
  reload(): void;
}

/**
 * A read: runs when the input changes or after any write; keeps the previous data while a reload runs,
 * so screens do not flash. `refreshMs` polls (dashboard, deadlines) for what the clock changes.
 */
export function useApi<M extends MethodName>(
  method: M,
  input: InputOf<M> | null,
  options: { refreshMs?: number } = {},
): Query<OutputOf<M>> {
  const client = useClient();
  const version = useDataVersion();
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: OutputOf<M> | undefined; error: ApiFailure | null; loading: boolean; receivedAt: number }>({
    data: undefined,
    error: null,
    loading: input !== null,
    receivedAt: 0,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: null, loading: false, receivedAt: 0 });
      return;
    }
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    client
      .call(method, JSON.parse(key) as InputOf<M>)
      .then((data) => {
        if (ticket === latest.current) setState({ data, error: null, loading: false, receivedAt: Date.now() });
      })
      .catch((e: unknown) => {
        if (ticket !== latest.current) return;
        setState((s) => ({ ...s, error: asApiFailure(e), loading: false }));
      });
  }, [client, method, key, version, tick]);

  useEffect(() => {
    if (!options.refreshMs || key === null) return;
    const id = setInterval(reload, options.refreshMs);
    return () => clearInterval(id);
  }, [options.refreshMs, key, reload]);

  return { ...state, reload };
}

/** A write from a form: tracks the pending state and the refusal, so the form can show it by field. */
export function useMutation<M extends MethodName>(method: M) {
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const run = useCallback(
    async (input: InputOf<M>): Promise<OutputOf<M> | null> => {
      setPending(true);
      setFailure(null);
      try {
        return await client.call(method, input);
      } catch (e) {
        setFailure(asApiFailure(e));
        return null;
      } finally {
        setPending(false);
      }
    },
    [client, method],
  );
  const reset = useCallback(() => setFailure(null), []);
  return { run, pending, failure, reset, setFailure };
}
