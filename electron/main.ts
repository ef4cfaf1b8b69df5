// The Electron main process: lifecycle, the one window, and the wiring of the register's service to
// IPC. Bundled by build/build-electron.mjs into dist/electron/main.cjs (CommonJS: __dirname is that
// folder, with preload.cjs and job-worker.cjs beside it and the UI in ../renderer).
//
// The database is centre.db in userData, or in $CENTRE_DATA_DIR (tests, `npm start -- --data-dir`).
// First run (the centre's name, zone, legal profile, head account and key pair) is the UI's set-up
// screen calling centre.setup; nothing here is specific to it.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import { systemClock, type Clock } from '../domain/time.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { fileClock } from '../services/http/clock-file.ts';
import { JobRunner } from '../services/jobs/runner.ts';
import { CentreService } from '../services/service.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { registerIpc } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { registerAppScheme, serveApp } from './protocol.ts';
import { secureApp, secureSession, webPreferences } from './security.ts';
import { readWindowState, rememberWindowState, MIN_SIZE } from './window-state.ts';

const RENDERER_DIR = join(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const JOB_WORKER = join(__dirname, 'job-worker.cjs');
/** The inspection bundle's viewer, prebuilt by build:electron: the app has no esbuild to build it. */
const VIEWER_HTML = join(__dirname, 'viewer.html');
/** For tests: a data folder of their own, which also gets its own Chromium profile and instance lock. */
const DATA_DIR_OVERRIDE = process.env['CENTRE_DATA_DIR'] ? resolve(process.env['CENTRE_DATA_DIR']) : null;

let mainWindow: BrowserWindow | null = null;
let db: Db | null = null;
let jobs: JobRunner | null = null;

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Centre Register',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(PRELOAD, !app.isPackaged),
  });
  if (state.maximized) win.maximize();
  rememberWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  secureSession(session.defaultSession);
  serveApp(protocol, RENDERER_DIR);

  const dataDir = DATA_DIR_OVERRIDE ?? app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, 'centre.db');
  try {
    db = openDatabase(dbPath);
  } catch (err) {
    // A database from a newer version, or one that cannot be opened: say so, change nothing, stop.
    dialog.showErrorBox('Centre Register cannot open its database', `${dbPath}\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  // For end-to-end tests and demonstrations only, as `centre web --clock-file`.
  const clockFile = process.env['CENTRE_CLOCK_FILE'];
  const clock: Clock = clockFile ? fileClock(clockFile) : systemClock;
  const service = new CentreService(db, { clock });
  // Read by bundle/viewer/build.ts in the export job's worker (workers inherit the environment).
  process.env['CENTRE_VIEWER_HTML'] ??= VIEWER_HTML;
  jobs = new JobRunner({ dbPath, workerFile: JOB_WORKER, clock });
  registerIpc(ipcMain, { service, jobs });

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ development: !app.isPackaged })));
  mainWindow = createWindow();
}

/** Running jobs are cancelled and the database closed before the process ends. */
function shutdownOnQuit(): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void (async () => {
      try {
        await jobs?.close();
        db?.close();
      } finally {
        closed = true;
        app.quit();
      }
    })();
  });
}

// Before `ready`: the scheme, the sandbox, and one data folder whatever the executable is called
// (`electron dist/electron/main.cjs` in development, "Centre Register" when installed).
registerAppScheme(protocol);
secureApp(app);
app.setPath('userData', DATA_DIR_OVERRIDE ? join(DATA_DIR_OVERRIDE, 'electron-profile') : join(app.getPath('appData'), 'centre-register'));

// One instance per data folder: two processes appending to one journal would each be refused the
// write lock in turn; a second launch brings the first window forward instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  shutdownOnQuit();
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}
