import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWindowState, parseWindowState, readWindowState, rememberWindowState, writeWindowState } from './window-state.ts';

const SCREEN = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const TWO_SCREENS = [...SCREEN, { x: 1920, y: 0, width: 1280, height: 1000 }];
const dir = mkdtempSync(join(tmpdir(), 'centre-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved = (bounds: object, maximized = false) => JSON.stringify({ bounds, maximized });

describe('window state', () => {
  it('defaults to a centred window that fits the screen', () => {
    expect(defaultWindowState(SCREEN)).toEqual({ bounds: { x: 280, y: 70, width: 1360, height: 900 }, maximized: false });
    expect(defaultWindowState([{ x: 0, y: 0, width: 1024, height: 700 }]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
    expect(parseWindowState(null, SCREEN)).toEqual(defaultWindowState(SCREEN));
  });

  it('keeps a saved state that is well-formed and on a screen', () => {
    const bounds = { x: 2000, y: 50, width: 1000, height: 800 };
    expect(parseWindowState(saved(bounds, true), TWO_SCREENS)).toEqual({ bounds, maximized: true });
  });

  it('falls back to the default for a broken, odd or off-screen file', () => {
    const fallback = defaultWindowState(SCREEN);
    for (const text of [
      '{ not json',
      '[]',
      saved({ x: 10, y: 10, width: 100, height: 100 }), // too small
      saved({ x: 10, y: 10, width: 1000.5, height: 800 }), // not whole pixels
      saved({ x: 10, y: 10, width: 1e9, height: 800 }),
      JSON.stringify({ bounds: { x: 10, y: 10, width: 1000, height: 800 }, maximized: false, extra: 1 }),
      saved({ x: 2000, y: 50, width: 1000, height: 800 }), // on a monitor that is gone
      saved({ x: 100, y: -500, width: 1000, height: 800 }), // title bar above the screen
    ]) {
      expect(parseWindowState(text, SCREEN), text).toEqual(fallback);
    }
    expect(parseWindowState(saved({ x: 5000, y: 50, width: 1000, height: 800 }, true), SCREEN)).toEqual({ ...fallback, maximized: true });
  });

  it('is written whole and read back; a missing file is the default', () => {
    const file = join(dir, 'window-state.json');
    expect(readWindowState(file, SCREEN)).toEqual(defaultWindowState(SCREEN));
    const state = { bounds: { x: 100, y: 100, width: 1200, height: 800 }, maximized: false };
    writeWindowState(file, state);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(readWindowState(file, SCREEN)).toEqual(state);
    writeFileSync(file, 'garbage');
    expect(readWindowState(file, SCREEN)).toEqual(defaultWindowState(SCREEN));
  });

  it('saves the normal bounds when the window closes', () => {
    const file = join(dir, 'on-close.json');
    const win = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 40, y: 30, width: 1100, height: 700 }),
      isMaximized: () => true,
    });
    rememberWindowState(win as never, file);
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 40, y: 30, width: 1100, height: 700 }, maximized: true });
  });
});
