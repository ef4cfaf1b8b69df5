import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = fileURLToPath(new URL('./electron-builder.yml', import.meta.url));

/** The file is JSON inside YAML with whole-line comments: dropping those leaves JSON. */
function loadConfig(): any {
  const text = readFileSync(CONFIG, 'utf8');
  return JSON.parse(text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n'));
}

describe('electron-builder configuration', () => {
  const config = loadConfig();

  it('builds an NSIS installer for Windows and an AppImage and a deb for Linux', () => {
    expect(config.productName).toBe('Centre Register');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('packs the bundles and unpacks better-sqlite3’s native module from the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*.node']);
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    // Its output must not land in dist/, which is packed.
    expect(config.directories.output).not.toMatch(/^dist\b/);
  });

  it('rebuilds native modules for Electron only while packaging, and restores the Node build after', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.afterAllArtifactBuild).toBe('build/restore-node-abi.cjs');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.scripts.dist).toBe('npm run build:renderer && npm run build:electron && electron-builder --config build/electron-builder.yml');
    const hook = createRequire(import.meta.url)('./restore-node-abi.cjs');
    expect(typeof hook.default).toBe('function');
  });

  it('turns off running as Node and loads the app only from its asar', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
  });

  it('is what electron-builder itself loads and accepts', async () => {
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
    const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js');
    const loaded = await getConfig(ROOT, CONFIG, null);
    await validateConfiguration(loaded, { isEnabled: false, add() {} });
    expect(loaded.linux.target).toEqual(config.linux.target);
    expect(loaded.asarUnpack).toEqual(config.asarUnpack);
  });
});

describe('the icon', () => {
  it('is a 256×256 RGBA PNG', () => {
    const png = readFileSync(new URL('./icon.png', import.meta.url));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([256, 256, 8, 6]);
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(rows.length).toBe(256 * (256 * 4 + 1));
  });
});
