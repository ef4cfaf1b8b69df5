// The renderer's only way into the app: `window.centre`, the same CentreBridge browser mode gives
// (renderer/transport), plus the job calls. Each function forwards its arguments to one IPC channel
// and exposes nothing of ipcRenderer itself. Runs sandboxed: Electron's own modules only.

import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResponse, CentreBridge, JobBridge, JobStatus } from '../domain/api/bridge.ts';
import { CALL_CHANNEL, JOB_CHANNEL } from './channels.ts';

/** Jobs answer like browser mode's client: the ApiResponse as it is, a refusal with all its reasons. */
function job(action: 'start' | 'status' | 'cancel', body: unknown): Promise<ApiResponse<JobStatus>> {
  return ipcRenderer.invoke(JOB_CHANNEL, action, body) as Promise<ApiResponse<JobStatus>>;
}

const bridge: CentreBridge & { jobs: JobBridge } = {
  transport: 'electron',
  call: (method: string, input: unknown, session: string | null) => ipcRenderer.invoke(CALL_CHANNEL, method, input, session),
  jobs: {
    start: (kind: string, input: unknown, session: string | null) => job('start', { kind, input, session }),
    status: (jobId: string, session: string | null) => job('status', { jobId, session }),
    cancel: (jobId: string, session: string | null) => job('cancel', { jobId, session }),
  },
};

contextBridge.exposeInMainWorld('centre', bridge);
