// Browser mode: the CentreBridge over loopback HTTP. The server prints a URL ending in
// `#launch=TOKEN`; the token is read once, kept in sessionStorage (so a reload keeps working) and
// removed from the address bar, so it does not linger in history or get copied along with the URL.

import type { ApiResponse, CentreBridge } from '../../domain/api/bridge.ts';

const LAUNCH_KEY = 'centre.launch';

interface LocationLike {
  hash: string;
  pathname: string;
  search: string;
}
interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads `#launch=TOKEN` once, keeps it, strips it from the address bar; returns the kept token. */
export function takeLaunchToken(
  location: LocationLike = window.location,
  history: HistoryLike = window.history,
  storage: StorageLike = window.sessionStorage,
): string | null {
  const m = /(?:^#|[#&])launch=([^&]+)/.exec(location.hash);
  if (m) {
    const token = decodeURIComponent(m[1]!);
    try {
      storage.setItem(LAUNCH_KEY, token);
    } catch {
      /* storage unavailable: the token lives in memory for this page only */
    }
    const rest = location.hash
      .replace(/^#/, '')
      .split('&')
      .filter((part) => !part.startsWith('launch='))
      .join('&');
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return token;
  }
  try {
    return storage.getItem(LAUNCH_KEY);
  } catch {
    return null;
  }
}

function transportFailure(code: string, params: Record<string, string | number> = {}): ApiResponse {
  return { ok: false, error: { kind: 'transport', message: code, reasons: [{ code, params }] } };
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function httpBridge(launchToken: string | null, fetchImpl: FetchLike = (i, init) => fetch(i, init)): CentreBridge {
  return {
    transport: 'browser',
    async call(method, input, session) {
      let response: Response;
      try {
        response = await fetchImpl('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Centre-Launch': launchToken ?? '' },
          body: JSON.stringify({ method, input, session }),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        return transportFailure('transport.unreachable');
      }
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        /* not JSON: handled below */
      }
      if (body && typeof body === 'object' && 'ok' in body) return body as ApiResponse;
      if (response.status === 401 || response.status === 403) return transportFailure('transport.launch_token');
      return transportFailure('transport.http', { status: response.status });
    },
  };
}

/** Long jobs (seed, export) in browser mode: start, poll, cancel. */
export interface JobStatus {
  jobId: string;
  kind?: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  cancelRequested?: boolean;
  result?: unknown;
  /** Why it failed: the API's reasons (the first one's code also at the top). */
  error?: { code: string; params?: Record<string, string | number | boolean | null>; reasons?: { code: string; field?: string; params?: Record<string, string | number | boolean | null> }[] } | null;
}

export interface JobBridge {
  start(kind: string, input: unknown, session: string | null): Promise<JobStatus>;
  status(jobId: string, session: string | null): Promise<JobStatus>;
  cancel(jobId: string, session: string | null): Promise<JobStatus>;
}

export function httpJobs(launchToken: string | null, fetchImpl: FetchLike = (i, init) => fetch(i, init)): JobBridge {
  const post = async (path: string, body: unknown): Promise<JobStatus> => {
    const response = await fetchImpl(`/api/job/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Centre-Launch': launchToken ?? '' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    const json = (await response.json()) as { ok?: boolean; result?: JobStatus; error?: { reasons?: { code: string }[] } } | JobStatus;
    if ('ok' in json) {
      if (json.ok && json.result) return json.result;
      throw new Error(json.error?.reasons?.[0]?.code ?? 'transport.http');
    }
    return json as JobStatus;
  };
  return {
    start: (kind, input, session) => post('start', { kind, input, session }),
    status: (jobId, session) => post('status', { jobId, session }),
    cancel: (jobId, session) => post('cancel', { jobId, session }),
  };
}
