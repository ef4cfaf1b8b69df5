// The main process's wiring, run under Node with `electron` replaced by stand-ins (there is no
// Electron binary here): what happens before `ready`, what `ready` sets up, and the clean quit.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'centre-main-'));
process.env['CENTRE_DATA_DIR'] = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fakes = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: () => whenReady,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: any[] = [];
  class BrowserWindow extends EventEmitter {
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    maximize = vi.fn();
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
    isMaximized = () => false;
    constructor(readonly options: any) {
      super();
      windows.push(this);
    }
  }
  const session = {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onBeforeRequest: vi.fn() } },
  };
  return {
    ready: () => ready(),
    windows,
    electron: {
      app,
      BrowserWindow,
      dialog: { showErrorBox: vi.fn() },
      ipcMain: { handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
      session,
    },
  };
});
vi.mock('electron', () => fakes.electron);

const { app, protocol, ipcMain, session, Menu, dialog } = fakes.electron;
await import('./main.ts');

describe('the main process', () => {
  it('before ready: registers app://, sandboxes, pins userData, takes the single-instance lock', () => {
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(app.enableSandbox).toHaveBeenCalled();
    // With CENTRE_DATA_DIR (tests), the Chromium profile and the instance lock are the data folder's own.
    expect(app.setPath).toHaveBeenCalledWith('userData', join(dir, 'data', 'electron-profile'));
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(fakes.windows).toHaveLength(0);
  });

  it('on ready: secures the session, serves the UI, opens the database, wires IPC, opens one window', async () => {
    fakes.ready();
    await vi.waitFor(() => expect(fakes.windows).toHaveLength(1));
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(existsSync(join(dir, 'data', 'centre.db'))).toBe(true);
    expect(ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(['centre:call', 'centre:job']);
    expect(Menu.setApplicationMenu).toHaveBeenCalled();
    // The export job's viewer comes prebuilt with the app.
    expect(process.env['CENTRE_VIEWER_HTML']).toMatch(/viewer\.html$/);

    const win = fakes.windows[0];
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(win.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://centre/index.html');
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('answers IPC from its page through the real service', async () => {
    const call = ipcMain.handle.mock.calls.find((c) => c[0] === 'centre:call')![1];
    expect(await call({ senderFrame: { url: 'app://centre/index.html', parent: null } }, 'centre.get', {}, null)).toMatchObject({
      ok: true,
      result: { configured: false },
    });
  });

  it('a second launch brings the window forward', () => {
    const win = fakes.windows[0];
    Object.assign(win, { isMinimized: () => true, restore: vi.fn(), focus: vi.fn() });
    app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('on quit: holds the quit until jobs are stopped and the database is closed', async () => {
    const preventDefault = vi.fn();
    app.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // The second will-quit (from that quit) goes through.
    const again = vi.fn();
    app.emit('will-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });
});
