import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { BLOCKED_URLS, SECURE_WEB_PREFERENCES, secureApp, secureSession, secureWebContents, webPreferences } from './security.ts';

/** A stand-in for WebContents: events, and the window-open handler it was given. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Emits an Electron-style event; true when a listener prevented it. */
  fire(name: string, url = ''): boolean {
    let prevented = false;
    this.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function hardened(): FakeContents {
  const contents = new FakeContents();
  secureWebContents(contents as never);
  return contents;
}

describe('renderer settings', () => {
  it('isolate the page, sandbox it, and give it no Node', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('per window add only the preload and whether developer tools open', () => {
    const prefs = webPreferences('/app/preload.cjs', false);
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs', devTools: false });
  });
});

describe('web contents', () => {
  it('may navigate within app://centre only', () => {
    const contents = hardened();
    expect(contents.fire('will-navigate', 'app://centre/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(contents.fire('will-redirect', 'app://centre/')).toBe(false);
  });

  it('opens no windows and attaches no webview', () => {
    const contents = hardened();
    expect(contents.openHandler?.({ url: 'app://centre/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('are all hardened as they are created, in a sandboxed app', () => {
    const app = Object.assign(new EventEmitter(), { enableSandbox: vi.fn() });
    secureApp(app as never);
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.openHandler).not.toBeNull();
  });
});

describe('the session', () => {
  it('denies every permission request and check, and cancels every network request', () => {
    const calls: Record<string, any> = {};
    const session = {
      setPermissionRequestHandler: (h: unknown) => (calls.request = h),
      setPermissionCheckHandler: (h: unknown) => (calls.check = h),
      webRequest: { onBeforeRequest: (filter: unknown, h: unknown) => ((calls.filter = filter), (calls.network = h)) },
    };
    secureSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answer = vi.fn();
      calls.request({}, permission, answer, {});
      expect(answer).toHaveBeenCalledWith(false);
      expect(calls.check({}, permission, 'app://centre', {})).toBe(false);
    }
    expect(calls.filter).toEqual({ urls: BLOCKED_URLS });
    expect(BLOCKED_URLS).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const answer = vi.fn();
    calls.network({ url: 'https://example.org/' }, answer);
    expect(answer).toHaveBeenCalledWith({ cancel: true });
  });
});
