// Browser mode: the CentreBridge over loopback HTTP. The server prints a URL ending in
// `#launch=TOKEN`; the token is read once, kept in sessionStorage (so a reload keeps working) and
// removed from the address bar, so it does not linger in history or get copied along with the URL.

import type { ApiResponse, CentreBridge, JobBridge, JobStatus } from '../../domain/api/bridge.ts';

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

function transportFailure(code: string, params: Record<string, string | number> = {}): ApiResponse<never> {
  return { ok: false, error: { kind: 'transport', message: code, reasons: [{ code, params }] } };
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * POSTs a JSON body to one of the server's endpoints. What the server answers is passed through as
 * it is, refusals with every reason; a server that cannot be reached or does not answer in the API's
 * shape becomes a transport reason, so the UI always has a code it can translate.
 */
async function postApi<T>(fetchImpl: FetchLike, launchToken: string | null, path: string, body: unknown): Promise<ApiResponse<T>> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Centre-Launch': launchToken ?? '' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return transportFailure('transport.unreachable');
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    /* not JSON: handled below */
  }
  if (json && typeof json === 'object' && 'ok' in json) return json as ApiResponse<T>;
  if (response.status === 401 || response.status === 403) return transportFailure('transport.launch_token');
  return transportFailure('transport.http', { status: response.status });
}

export function httpBridge(launchToken: string | null, fetchImpl: FetchLike = (i, init) => fetch(i, init)): CentreBridge {
  return {
    transport: 'browser',
    call: (method, input, session) => postApi(fetchImpl, launchToken, '/api/call', { method, input, session }),
  };
}

/** Long jobs (seed, export, HQ import) in browser mode: start, poll, cancel. */
export function httpJobs(launchToken: string | null, fetchImpl: FetchLike = (i, init) => fetch(i, init)): JobBridge {
  return {
    start: (kind, input, session) => postApi<JobStatus>(fetchImpl, launchToken, '/api/job/start', { kind, input, session }),
    status: (jobId, session) => postApi<JobStatus>(fetchImpl, launchToken, '/api/job/status', { jobId, session }),
    cancel: (jobId, session) => postApi<JobStatus>(fetchImpl, launchToken, '/api/job/cancel', { jobId, session }),
  };
}
