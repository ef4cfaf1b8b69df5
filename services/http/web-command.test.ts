import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../cli/args.ts';
import { defaultDataDir } from '../cli/commands/web.ts';
import { postApi, raw, SETUP_INPUT, tempSite } from './test-support.ts';

const CENTRE = fileURLToPath(new URL('../../bin/centre.js', import.meta.url));
const site = tempSite();

afterAll(() => rmSync(site.root, { recursive: true, force: true }));

/** Collects a child's output and resolves with the first line starting with `prefix`. */
function lineStarting(child: ChildProcess, prefix: string, output: { stdout: string; stderr: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output.stdout += d.toString();
      const line = output.stdout.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line);
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}) before printing "${prefix}": ${output.stderr}`)));
  });
}

describe('centre web', () => {
  it('prints one Open: line, serves the API there, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CENTRE, 'web', '--data-dir', site.dataDir, '--port', '0', '--static-dir', site.staticDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await lineStarting(child, 'Open: ', output);
      const url = new URL(line.slice('Open: '.length));
      expect(url.hostname).toBe('127.0.0.1');
      const token = /^#launch=([0-9a-f]{64})$/.exec(url.hash)?.[1];
      expect(token).toBeDefined();
      const port = Number(url.port);

      const page = await raw(port, { path: '/' });
      expect(page.status).toBe(200);
      const setup = await postApi(port, token!, '/api/call', { method: 'centre.setup', input: SETUP_INPUT, session: null });
      const session = setup.json().result.token;
      const me = await postApi(port, token!, '/api/call', { method: 'accounts.me', input: {}, session });
      expect(me.json()).toMatchObject({ ok: true, result: { username: 'head' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output.stdout.split('\n').filter((l) => l.startsWith('Open: '))).toHaveLength(1);
    expect(output.stderr).toMatch(/Stopped: the database is closed/);
    expect(existsSync(join(site.dataDir, 'centre.db'))).toBe(true);
  }, 60_000);

  it('parses its flags, and refuses what it does not use', () => {
    expect(parseArgs(['web', '--data-dir', 'D', '--port', '8080', '--clock-file', 'C']).command).toEqual({
      name: 'web',
      dataDir: 'D',
      port: 8080,
      clockFile: 'C',
      staticDir: null,
    });
    expect(parseArgs(['web']).command).toMatchObject({ name: 'web', dataDir: null, port: 0 });
    expect(() => parseArgs(['web', '--port', '70000'])).toThrow(/--port expects a port number/);
    expect(() => parseArgs(['web', '--db', 'x.db'])).toThrow(UsageError);
    expect(() => parseArgs(['web', '--clock', '2026-03-01T00:00:00Z', '--clock-file', 'f'])).toThrow(/not both/);
  });

  it('keeps data in $CENTRE_DATA_DIR, else the user data folder', () => {
    expect(defaultDataDir({ CENTRE_DATA_DIR: '/srv/centre' }, 'linux', '/home/a')).toBe('/srv/centre');
    // The same folder as Electron's userData, so both modes open the same register.
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/centre-register');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/centre-register');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toMatch(/Roaming[\\/]centre-register$/);
  });
});
