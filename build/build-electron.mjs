// `npm run build:electron`: bundles the Electron side into dist/electron/ with esbuild.
//   main.cjs        electron/main.ts and everything it imports from services/, db/, domain/
//   job-worker.cjs  services/jobs/worker.ts, the thread that runs long jobs
//   preload.cjs     electron/preload.ts, alone (a sandboxed preload may require only 'electron')
//   viewer.html     the inspection bundle's offline viewer, prebuilt: the app ships no esbuild to
//                   build it at export time (main.cjs points CENTRE_VIEWER_HTML at it)
// CommonJS because Electron's sandboxed preloads must be; `electron` and the native `better-sqlite3`
// stay outside the bundle (electron-builder ships better-sqlite3 rebuilt for Electron's ABI).
// Needs no Electron binary: tests run it.

import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Node 22 is what Electron 45 embeds. */
const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta.url is empty in CommonJS: code that needs it (the tsx worker path, the CLI) must not
  // end up here, so its appearance fails the build instead of failing at run time.
  logOverride: { 'empty-import-meta': 'error' },
};

/**
 * bundle/viewer/build.ts builds the viewer from its TypeScript source with esbuild when run under
 * tsx (browser mode, tests). In the app that path never runs (CENTRE_VIEWER_HTML is set), so its
 * import.meta.url, empty in CommonJS, is replaced by a base that makes it fail loudly if it did;
 * every other import.meta still fails the build.
 */
const devOnlyImportMeta = {
  name: 'dev-only-import-meta',
  setup(b) {
    b.onLoad({ filter: /[\\/]bundle[\\/]viewer[\\/]build\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify('prebuilt-viewer:not-built-in-the-app')),
      loader: 'ts',
    }));
  },
};

/** Writes the offline viewer's HTML, built as export would build it under tsx. */
async function buildViewer(file) {
  const { bareViewerHtml } = await tsImport('../bundle/viewer/build.ts', import.meta.url);
  await writeFile(file, await bareViewerHtml());
}

/** Bundles into `outdir` (default dist/electron); returns the paths written. */
export async function buildElectron({ outdir = join(ROOT, 'dist', 'electron') } = {}) {
  await mkdir(outdir, { recursive: true });
  await build({
    ...common,
    entryPoints: { main: 'electron/main.ts', 'job-worker': 'services/jobs/worker.ts' },
    outdir,
    // esbuild: required only by the viewer's development path (above), never in the app.
    external: ['electron', 'better-sqlite3', 'esbuild'],
    plugins: [devOnlyImportMeta],
  });
  await build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    external: ['electron'],
    sourcemap: false,
  });
  const viewer = join(outdir, 'viewer.html');
  await buildViewer(viewer);
  return {
    main: join(outdir, 'main.cjs'),
    preload: join(outdir, 'preload.cjs'),
    worker: join(outdir, 'job-worker.cjs'),
    viewer,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await buildElectron();
  console.log(`built ${Object.values(out).join(', ')}`);
}
