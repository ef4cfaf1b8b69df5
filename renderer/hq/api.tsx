// HQ mode's typed client over the same loopback bridge as the centre's app (domain/api/hq-contract.ts),
// the reads that refetch after a write or an import, and the upload of chosen files.

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CentreBridge, JobBridge } from '../../domain/api/bridge.ts';
import { hqContract, type HqInputOf, type HqMethodName, type HqOutputOf } from '../../domain/api/hq-contract.ts';
import { ApiFailure, asApiFailure } from '../api/client.ts';

export interface HqClient {
  call<M extends HqMethodName>(method: M, input: HqInputOf<M>): Promise<HqOutputOf<M>>;
}

export interface Upload {
  uploadId: string;
  name: string;
  bytes: number;
}

export interface HqTransport {
  bridge: CentreBridge;
  jobs: JobBridge;
  upload(file: File): Promise<Upload>;
}

export function createHqClient(bridge: CentreBridge, onWrite: () => void): HqClient {
  return {
    async call(method, input) {
      const response = await bridge.call(method, input, null);
      if (!response.ok) throw ApiFailure.from(response.error);
      if (hqContract[method].kind === 'write') onWrite();
      return response.result as HqOutputOf<typeof method>;
    },
  };
}

interface HqContextValue {
  client: HqClient;
  transport: HqTransport;
  version: number;
  /** Something changed (a key registered, an import): reads refetch. */
  bump(): void;
}

const HqContext = createContext<HqContextValue | null>(null);

export function HqProvider({ value, children }: { value: HqContextValue; children: ReactNode }) {
  return <HqContext.Provider value={value}>{children}</HqContext.Provider>;
}

export function useHqContext(): HqContextValue {
  const ctx = useContext(HqContext);
  if (!ctx) throw new Error('HqProvider missing');
  return ctx;
}

export interface HqQuery<T> {
  data: T | undefined;
  error: ApiFailure | null;
  loading: boolean;
  reload(): void;
}

export function useHq<M extends HqMethodName>(method: M, input: HqInputOf<M>): HqQuery<HqOutputOf<M>> {
  const { client, version } = useHqContext();
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data: HqOutputOf<M> | undefined; error: ApiFailure | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    client.call(method, JSON.parse(key) as HqInputOf<M>).then(
      (data) => {
        if (ticket === latest.current) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setState((s) => ({ ...s, error: asApiFailure(e), loading: false }));
      },
    );
  }, [client, method, key, version, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Uploads one chosen file to HQ's server (POST /api/hq/upload), for the import job. */
export function httpUpload(launchToken: string | null): (file: File) => Promise<Upload> {
  return async (file) => {
    let response: Response;
    try {
      response = await fetch('/api/hq/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-Centre-Launch': launchToken ?? '', 'X-File-Name': encodeURIComponent(file.name) },
        body: file,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure('transport', [{ code: 'transport.unreachable' }], 'transport.unreachable');
    }
    const body = (await response.json().catch(() => null)) as { ok?: boolean; result?: Upload; error?: { kind: string; message: string; reasons: { code: string }[] } } | null;
    if (body?.ok && body.result) return body.result;
    const error = body?.error;
    throw new ApiFailure(error?.kind ?? 'transport', error?.reasons?.length ? error.reasons : [{ code: 'transport.http', params: { status: response.status } }], error?.message ?? 'upload failed');
  };
}
