// Builds the bare viewer: bundle/viewer/main.ts (with bundle/format, domain/replay, fflate, zod)
// bundled by esbuild into one inline script of one HTML file, with a strict CSP that allows exactly
// that script and that style (by SHA-256) and no network at all. The result is deterministic for a
// given source and esbuild version, so its SHA-256 identifies the viewer: `centre viewer --out`
// prints it, README.txt tells inspectors how to check it.
//
// The viewer shows its own SHA-256 by rebuilding its HTML from a template (viewerTemplate(), passed
// into the script) and its own script text; the file ends with the VIEWER_END line, so the bare
// viewer inside an open-me.html is everything up to and including that line.
//
// Export needs the HTML at run time; a packaged app without esbuild sets CENTRE_VIEWER_HTML to a
// prebuilt copy (written with `centre viewer --out`).

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWER_END } from './embedded.ts';
import { VIEWER_STYLE } from './style.ts';

const STYLE = VIEWER_STYLE;

// The bare viewer's last line (see embedded.ts, where the readers of open-me.html find it).
export { VIEWER_END };

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The viewer's HTML with two holes: the script's SHA-256 (base64) and the script. */
export function viewerTemplate(): string {
  const csp = [
    "default-src 'none'",
    // 'wasm-unsafe-eval' lets the helper workers compile the SHA-256 module the script itself writes
    // out (web/sha256-simd.ts); it allows no eval of JavaScript, and nothing can be fetched to compile.
    "script-src 'sha256-@@SCRIPT_HASH@@' 'wasm-unsafe-eval'",
    `style-src 'sha256-${sha256Base64(STYLE)}'`,
    'img-src data: blob:',
    // The helper workers (web/pool.ts) start from a Blob URL of a script inside this one.
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Centre Register: bundle viewer</title>
<style>${STYLE}</style>
</head>
<body>
<div id="app"><noscript>This viewer needs JavaScript. · Bu baxış proqramı üçün JavaScript lazımdır. · Для этого просмотрщика нужен JavaScript.</noscript></div>
<footer id="footer">SHA-256: <code id="self-hash">…</code></footer>
<script id="viewer-script">@@SCRIPT@@</script>
</body>
</html>
${VIEWER_END}
`;
}

/** Keeps the script text from ending the <script> element early. */
function inlineSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

let cached: Promise<string> | null = null;

/**
 * The last build, kept on disk with the SHA-256 of every file that went into it (esbuild's list), so
 * a command-line export does not run esbuild again until one of them changes.
 */
interface DiskCache {
  esbuild: string;
  inputs: Record<string, string>;
  html: string;
}

// Computed when a build is asked for, never at load: the app's bundle (which never builds, see
// CENTRE_VIEWER_HTML) has no file URL here.
const root = () => resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheFile = () => join(root(), 'node_modules', '.cache', 'centre-register', 'viewer.json');

function fileHash(path: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(join(root(), path))).digest('hex');
  } catch {
    return null;
  }
}

function fromDisk(esbuildVersion: string): string | null {
  try {
    const c = JSON.parse(readFileSync(cacheFile(), 'utf8')) as DiskCache;
    if (c.esbuild !== esbuildVersion || sha256Hex(viewerTemplate()) !== c.inputs['@template']) return null;
    for (const [path, hash] of Object.entries(c.inputs)) if (path !== '@template' && fileHash(path) !== hash) return null;
    return c.html;
  } catch {
    return null;
  }
}

function toDisk(cache: DiskCache): void {
  try {
    const file = cacheFile();
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next build.
  }
}

async function build(): Promise<string> {
  const override = process.env['CENTRE_VIEWER_HTML'];
  if (override) return readFileSync(override, 'utf8');
  const esbuild = await import('esbuild');
  const hit = fromDisk(esbuild.version);
  if (hit) return hit;
  const template = viewerTemplate();
  const common = {
    bundle: true,
    format: 'iife' as const,
    platform: 'browser' as const,
    target: ['chrome120', 'firefox128', 'edge120', 'safari17'],
    minify: true,
    legalComments: 'none' as const,
    write: false as const,
    logLevel: 'silent' as const,
    metafile: true as const,
    absWorkingDir: root(),
  };
  // The helper worker first: its script is a string inside the page's script (see web/pool.ts).
  const worker = await esbuild.build({ ...common, entryPoints: [fileURLToPath(new URL('./web/worker.ts', import.meta.url))] });
  const result = await esbuild.build({
    ...common,
    entryPoints: [fileURLToPath(new URL('./main.ts', import.meta.url))],
    define: { __VIEWER_TEMPLATE__: JSON.stringify(template), __WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0]!.text) },
  });
  const js = inlineSafe(result.outputFiles[0]!.text.trimEnd());
  const html = template.split('@@SCRIPT_HASH@@').join(sha256Base64(js)).split('@@SCRIPT@@').join(js);
  const inputs: Record<string, string> = { '@template': sha256Hex(template) };
  for (const path of [...Object.keys(worker.metafile.inputs), ...Object.keys(result.metafile.inputs)]) inputs[path] = fileHash(path) ?? '';
  toDisk({ esbuild: esbuild.version, inputs, html });
  return html;
}

/** The bare viewer's HTML (built once per process). */
export function bareViewerHtml(): Promise<string> {
  cached ??= build().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
