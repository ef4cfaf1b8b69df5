// The API over IPC: two channels, each checking first that the message comes from the top frame of
// our own page (app://centre), then handing the raw arguments to the same dispatcher the loopback
// server uses, which parses them with the contract's schemas. Nothing from the renderer is trusted.

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResponse } from '../domain/api/bridge.ts';
import { refusedRequest } from '../services/http/responses.ts';
import type { JobRunner } from '../services/jobs/runner.ts';
import { jobRequest } from '../services/jobs/requests.ts';
import type { CentreService } from '../services/service.ts';
import { dispatch } from '../services/transport/dispatch.ts';
import { isTrustedSender, type SenderFrame } from './app-origin.ts';
import { CALL_CHANNEL, JOB_CHANNEL } from './channels.ts';

export interface IpcDeps {
  service: CentreService;
  jobs: JobRunner;
}

/** Registers `handler` on `channel` behind the sender check: an untrusted sender gets a refusal, and nothing runs. */
function handleFromApp(ipcMain: Pick<IpcMain, 'handle'>, channel: string, handler: (...args: unknown[]) => ApiResponse): void {
  ipcMain.handle(channel, (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, ...args: unknown[]) => {
    // Electron gives null once the frame has navigated away or gone.
    const frame: SenderFrame | null = event.senderFrame ?? null;
    if (isTrustedSender(frame)) return handler(...args);
    const detail = `${channel} only answers the app's own page, not ${frame ? frame.url || 'an empty frame' : 'a frame that has gone'}`;
    console.error(`ipc: refused: ${detail}`);
    return refusedRequest(detail);
  });
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  handleFromApp(ipcMain, CALL_CHANNEL, (method, input, session) => dispatch(deps.service, method, input, session));
  handleFromApp(ipcMain, JOB_CHANNEL, (action, body) => jobRequest(deps.jobs, action, body));
}
