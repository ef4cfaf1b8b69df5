// The Electron security checklist, applied in one place (https://www.electronjs.org/docs/latest/tutorial/security):
// isolated, sandboxed renderers without Node; no navigation away from app://centre, no new windows,
// no <webview>; every permission denied; no network. The Content-Security-Policy comes with each
// response of the app:// protocol (protocol.ts). Electron is passed in rather than imported, so
// these rules are exercised by tests under Node with stand-ins.

import type { App, Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.ts';

/** What every renderer runs with. The preload and devTools are added per window (webPreferences). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export function webPreferences(preload: string, devTools: boolean): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload, devTools };
}

/** Schemes the network stack refuses outright: the register never talks to the network. */
export const BLOCKED_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Before `ready`: every renderer sandboxed, every web contents hardened as it is created. */
export function secureApp(app: Pick<App, 'enableSandbox' | 'on'>): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
}

export function secureWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** After `ready`, on the session the window uses. */
export function secureSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  // Camera, notifications, clipboard reading, geolocation, …: the register needs none of them.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_URLS }, (_details, callback) => callback({ cancel: true }));
}
