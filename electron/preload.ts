// The renderer's only way into the app: `window.centre`, the same CentreBridge browser mode gives
// (renderer/transport), plus the job calls. Each function forwards its arguments to one IPC channel
// and exposes nothing of ipcRenderer itself. Runs sandboxed: Electron's own modules only.

import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResponse, CentreBridge } from '../domain/api/bridge.ts';
import type { JobStatus } from '../services/jobs/types.ts';
import { CALL_CHANNEL, JOB_CHANNEL } from './channels.ts';

/** Jobs answer like browser mode's client: the status, or an Error named by the first reason's code. */
async function job(action: 'start' | 'status' | 'cancel', body: unknown): Promise<JobStatus> {
  const response = (await ipcRenderer.invoke(JOB_CHANNEL, action, body)) as ApiResponse<JobStatus>;
  if (response.ok) return response.result;
  throw new Error(response.error.reasons[0]?.code ?? response.error.kind);
}

const bridge: CentreBridge & { jobs: Record<'start' | 'status' | 'cancel', (...args: never[]) => Promise<JobStatus>> } = {
  transport: 'electron',
  call: (method: string, input: unknown, session: string | null) => ipcRenderer.invoke(CALL_CHANNEL, method, input, session),
  jobs: {
    start: (kind: string, input: unknown, session: string | null) => job('start', { kind, input, session }),
    status: (jobId: string, session: string | null) => job('status', { jobId, session }),
    cancel: (jobId: string, session: string | null) => job('cancel', { jobId, session }),
  },
};

contextBridge.exposeInMainWorld('centre', bridge);
