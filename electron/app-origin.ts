// Where the UI comes from inside the app: app://centre/, a custom scheme served from dist/renderer
// (protocol.ts). Navigation, IPC and permissions are allowed for this origin and nothing else.
// Plain functions with no Electron import, so they are tested under Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'centre';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for app://centre/… and nothing else (no other host, no port, no credentials). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname.toLowerCase() === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/** What IPC tells us about the frame that sent a message (a subset of Electron's WebFrameMain). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the top frame of our own page may call the API: not an iframe (even one of ours), not a
 * page the window was somehow navigated to, not a frame that has gone (null).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
