// `centre web [--data-dir DIR] [--port N] [--clock-file F] [--static-dir DIR]`: browser mode. Serves
// the built UI and the API on 127.0.0.1, prints one line `Open: <url>` (scripts and end-to-end tests
// look for it), and runs until SIGINT or SIGTERM, then closes the server and the database.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock, systemClock, type Clock } from '../../../domain/time.ts';
import { fileClock } from '../../http/clock-file.ts';
import { startWebServer } from '../../http/server.ts';
import type { Invocation } from '../args.ts';
import type { Io } from '../io.ts';
import { CliError } from './open.ts';
import { operator as hqOperator } from './hq.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

export interface WebCommand {
  dataDir: string | null;
  port: number;
  clockFile: string | null;
  staticDir: string | null;
  /** HQ mode: HQ's database is the invocation's --db. */
  hq?: true;
  /** HQ mode: who works at HQ's workstation. */
  as?: string;
}

/**
 * Where the register lives when no --data-dir is given: $CENTRE_DATA_DIR, else the folder Electron
 * calls userData (%APPDATA%\centre-register on Windows, $XDG_CONFIG_HOME or ~/.config on Linux), so
 * the app and browser mode open the same register on the same machine.
 */
export function defaultDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env['CENTRE_DATA_DIR']) return env['CENTRE_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'centre-register');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'centre-register');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'centre-register');
}

/** Runs `npm run <script>` in the repository, its output on our stderr (stdout carries the Open line). */
export function runNpmScript(script: string): Promise<number> {
  // Under `npm run`/`npm start`, npm says where its own CLI is; running it with our Node avoids
  // the shell that Windows needs for npm.cmd.
  const npmCli = process.env['npm_execpath'];
  const [command, args, shell] = npmCli && /\.[cm]?js$/.test(npmCli)
    ? [process.execPath, [npmCli, 'run', script], false]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], process.platform === 'win32'];
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 2, 2], shell });
    child.on('error', fail);
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** Builds the UI with `npm run build:renderer` unless dist/renderer/<page> (index.html, or HQ mode's hq.html) is there already. */
export async function ensureRendererBuilt(io: Pick<Io, 'stderr'>, page = 'index.html'): Promise<void> {
  if (existsSync(join(RENDERER_DIR, page))) return;
  io.stderr.write(`The UI is not built yet (dist/renderer/${page} is missing): running \`npm run build:renderer\`…\n`);
  const code = await runNpmScript('build:renderer');
  if (code !== 0 || !existsSync(join(RENDERER_DIR, page))) {
    throw new CliError(`building the UI failed (npm run build:renderer exited with ${code}); run it yourself to see why`);
  }
}

export interface StopSignals {
  /** Resolves on the first SIGINT or SIGTERM. */
  stopped: Promise<NodeJS.Signals>;
  /** Removes the handlers (once the server is closed). */
  dispose(): void;
}

/**
 * Ctrl+C under `npm run` arrives twice (the terminal signals the whole process group, and npm
 * passes its own on), so a repeat within a second is ignored rather than cutting the clean shutdown
 * short; a later one (the user insisting) stops at once.
 */
export function stopSignals(): StopSignals {
  let first = 0;
  let resolve!: (signal: NodeJS.Signals) => void;
  const stopped = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (first === 0) {
      first = Date.now();
      resolve(signal);
    } else if (Date.now() - first > 1000) {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function web(inv: Invocation, cmd: WebCommand, io: Io, signals: () => StopSignals = stopSignals): Promise<number> {
  const dataDir = resolve(cmd.dataDir ?? defaultDataDir(io.env ?? process.env));
  let staticDir = RENDERER_DIR;
  if (cmd.staticDir) {
    staticDir = resolve(cmd.staticDir);
    const page = cmd.hq ? 'hq.html' : 'index.html';
    if (!existsSync(join(staticDir, page))) throw new CliError(`--static-dir ${staticDir} has no ${page}`);
  } else {
    await ensureRendererBuilt(io, cmd.hq ? 'hq.html' : 'index.html');
  }
  let clock: Clock = systemClock;
  if (cmd.clockFile) clock = fileClock(resolve(cmd.clockFile), systemClock, (m) => io.stderr.write(`warning: ${m}\n`));
  else if (inv.clock) clock = fixedClock(inv.clock);

  const hq = cmd.hq ? { dbPath: resolve(inv.db), operator: hqOperator(cmd.as ?? null) } : undefined;
  let server;
  try {
    server = await startWebServer({ dataDir, port: cmd.port, staticDir, clock, ...(hq ? { hq } : {}) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${cmd.port} is in use: pick another with --port, or 0 for any free port`);
    throw err;
  }
  const { stopped, dispose } = signals();
  io.stderr.write(hq ? `Centre Register, HQ mode, in browser mode. HQ's database: ${hq.dbPath}\n` : `Centre Register in browser mode. Data: ${join(dataDir, 'centre.db')}\n`);
  if (cmd.clockFile) io.stderr.write(`Clock: read from ${resolve(cmd.clockFile)} (tests and demonstrations only)\n`);
  io.stdout.write(`Open: ${server.url}\n`);
  io.stderr.write('Keep this running while you use the register; press Ctrl+C to stop.\n');
  await stopped;
  try {
    await server.close();
  } finally {
    dispose();
  }
  io.stderr.write('Stopped: the database is closed.\n');
  return 0;
}
