import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from './build-electron.mjs';

const outdir = mkdtempSync(join(tmpdir(), 'centre-electron-build-'));
let out: { main: string; preload: string; worker: string; viewer: string };
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

beforeAll(async () => {
  out = await buildElectron({ outdir });
}, 60_000);

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Every module a bundle loads at run time: require("…") and import("…"). */
function requires(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/\b(?:require|import)\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
}

describe('build:electron (esbuild, no Electron binary needed)', () => {
  it('writes main.cjs, preload.cjs, job-worker.cjs and the prebuilt viewer', () => {
    for (const file of Object.values(out)) expect(existsSync(file), file).toBe(true);
    expect(out.main).toBe(join(outdir, 'main.cjs'));
    expect(readFileSync(out.viewer, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('gives the preload nothing but contextBridge and ipcRenderer from electron', () => {
    const text = readFileSync(out.preload, 'utf8');
    expect(requires(out.preload)).toEqual(['electron']);
    const used = new Set([...text.matchAll(/import_electron\.(\w+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(['contextBridge', 'ipcRenderer']);
    expect(text).not.toMatch(/\bprocess\.|\bBuffer\b|better-sqlite3/);
    expect(text).toContain('exposeInMainWorld("centre"');
  });

  it('bundles everything into main and the worker but electron and the native better-sqlite3', () => {
    const outside = (file: string) => requires(file).filter((r) => !BUILTINS.has(r));
    // esbuild: only on the viewer's development path, which the prebuilt viewer replaces in the app.
    expect(outside(out.main)).toEqual(['better-sqlite3', 'electron', 'esbuild']);
    // A worker thread has no Electron APIs.
    expect(outside(out.worker)).toEqual(['better-sqlite3', 'esbuild']);
    for (const file of [out.main, out.worker]) expect(readFileSync(file, 'utf8')).not.toMatch(/import\.meta\.url/);
  });
});
