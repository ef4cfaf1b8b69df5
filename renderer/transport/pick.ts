// One renderer, two transports: Electron's preload exposes `window.centre`; without it we are in a
// plain browser talking to the loopback server.

import type { CentreBridge, JobBridge } from '../../domain/api/bridge.ts';
import { httpBridge, httpJobs, takeLaunchToken } from './http.ts';

declare global {
  interface Window {
    /** Set by Electron's preload (contextBridge); absent in browser mode. */
    centre?: CentreBridge & { jobs?: JobBridge };
  }
}

export interface Transport {
  bridge: CentreBridge;
  jobs: JobBridge | null;
}

export function pickTransport(): Transport {
  if (window.centre) return { bridge: window.centre, jobs: window.centre.jobs ?? null };
  const token = takeLaunchToken();
  return { bridge: httpBridge(token), jobs: httpJobs(token) };
}
