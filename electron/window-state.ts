// The window opens where it was closed: its bounds and whether it was maximised, kept in userData
// as JSON. The file is checked before use (a hand-edited or truncated file, or a monitor that is no
// longer there, must not open the window off-screen or at an absurd size).

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BrowserWindow } from 'electron';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const MIN_SIZE = { width: 960, height: 640 } as const;
const PREFERRED_SIZE = { width: 1360, height: 900 } as const;
/** How much of the title bar must lie on a screen for the saved position to be kept. */
const GRIP = { width: 120, height: 32 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const stateSchema = z
  .object({
    bounds: z
      .object({
        x: coordinate,
        y: coordinate,
        width: z.number().int().min(MIN_SIZE.width).max(20_000),
        height: z.number().int().min(MIN_SIZE.height).max(20_000),
      })
      .strict(),
    maximized: z.boolean(),
  })
  .strict();

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** A window of the preferred size (or the screen's, if smaller) centred on the first work area. */
export function defaultWindowState(workAreas: readonly Rect[]): WindowState {
  const area = workAreas[0] ?? { x: 0, y: 0, width: PREFERRED_SIZE.width, height: PREFERRED_SIZE.height };
  const width = Math.min(PREFERRED_SIZE.width, area.width);
  const height = Math.min(PREFERRED_SIZE.height, area.height);
  return {
    bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height },
    maximized: false,
  };
}

/** The saved state if it is well-formed and its title bar can be grabbed on some screen; else the default. */
export function parseWindowState(text: string | null, workAreas: readonly Rect[]): WindowState {
  if (text === null) return defaultWindowState(workAreas);
  let parsed: WindowState;
  try {
    const result = stateSchema.safeParse(JSON.parse(text));
    if (!result.success) return defaultWindowState(workAreas);
    parsed = result.data;
  } catch {
    return defaultWindowState(workAreas);
  }
  const titleBar = { ...parsed.bounds, height: GRIP.height };
  const reachable = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= GRIP.width && o.height >= GRIP.height;
  });
  return reachable ? parsed : { ...defaultWindowState(workAreas), maximized: parsed.maximized };
}

export function readWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    /* first run, or unreadable: the default */
  }
  return parseWindowState(text, workAreas);
}

/** Written beside and renamed over, so a crash mid-write leaves the old file, not half a new one. */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}

/** Saves the window's normal (unmaximised) bounds when it closes. */
export function rememberWindowState(win: Pick<BrowserWindow, 'once' | 'getNormalBounds' | 'isMaximized'>, file: string): void {
  win.once('close', () => {
    try {
      writeWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      console.error(`window state not saved: ${(err as Error).message}`);
    }
  });
}
