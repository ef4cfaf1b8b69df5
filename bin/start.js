#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; browser mode otherwise (it says
// so in one line). Either way the UI is built first if it is missing.
//
//   npm start [-- --data-dir DIR] [--port N] [--clock-file F] [--browser]
//   npm start -- --hq --db HQDB [--port N]      HQ mode (browser mode: the shell does not host it yet)
//
// --data-dir and --clock-file apply to both modes (Electron reads them as CENTRE_DATA_DIR and
// CENTRE_CLOCK_FILE); --port to browser mode only; --browser forces browser mode.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { ensureRendererBuilt, runNpmScript, REPO_ROOT } = await import('../services/cli/commands/web.ts');
const { main, ignoreBrokenPipe } = await import('../services/cli/main.ts');

const FLAGS = { '--data-dir': 'value', '--port': 'value', '--clock-file': 'value', '--browser': 'switch', '--hq': 'switch', '--db': 'value' };

function parse(argv) {
  const options = new Map();
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const kind = FLAGS[name];
    if (!kind) throw new Error(`unknown option ${name} (expected ${Object.keys(FLAGS).join(', ')})`);
    if (kind === 'switch') options.set(name, true);
    else if (inline !== undefined) options.set(name, inline);
    else if (argv[i + 1] !== undefined) options.set(name, argv[++i]);
    else throw new Error(`${name} needs a value`);
  }
  return options;
}

/**
 * The Electron executable, or null when it was never downloaded. Not require('electron'): with the
 * binary missing, the package's index.js starts a download, which must not happen as a side effect.
 * This mirrors how that index.js finds the binary.
 */
function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(dir, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}

async function startElectron(binary, options) {
  const io = { stderr: process.stderr };
  await ensureRendererBuilt(io);
  if ((await runNpmScript('build:electron')) !== 0) throw new Error('npm run build:electron failed');
  const env = { ...process.env };
  // Set by some tools; it would make the Electron binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  if (options.has('--data-dir')) env.CENTRE_DATA_DIR = options.get('--data-dir');
  if (options.has('--clock-file')) env.CENTRE_CLOCK_FILE = options.get('--clock-file');
  if (options.has('--port')) process.stderr.write('--port applies to browser mode only: ignored.\n');
  const child = spawn(binary, [join(REPO_ROOT, 'dist', 'electron', 'main.cjs')], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function startBrowserMode(options) {
  if (options.has('--hq')) {
    if (!options.has('--db')) throw new Error('--hq needs --db HQDB (HQ\'s database, created if missing)');
    const argv = ['--db', options.get('--db'), 'web', '--hq'];
    if (options.has('--port')) argv.push('--port', options.get('--port'));
    ignoreBrokenPipe();
    return main(argv);
  }
  const argv = ['web'];
  for (const flag of ['--data-dir', '--port', '--clock-file']) if (options.has(flag)) argv.push(flag, options.get(flag));
  ignoreBrokenPipe();
  return main(argv);
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`npm start: ${err.message}\n`);
  process.exit(2);
}

if (options.has('--db') && !options.has('--hq')) {
  process.stderr.write('npm start: --db goes with --hq (a centre keeps its register in --data-dir)\n');
  process.exit(2);
}
// HQ mode runs in browser mode: the desktop shell does not host it yet.
const binary = options.has('--browser') || options.has('--hq') ? null : electronBinary();
if (binary) {
  try {
    process.exitCode = await startElectron(binary, options);
  } catch (err) {
    process.stderr.write(`npm start: ${err.message}\n`);
    process.exitCode = 1;
  }
} else {
  if (options.has('--hq')) process.stderr.write('HQ mode runs in browser mode.\n');
  else if (!options.has('--browser')) process.stderr.write("Electron's binary is not installed here: starting browser mode instead.\n");
  try {
    process.exitCode = await startBrowserMode(options);
  } catch (err) {
    process.stderr.write(`npm start: ${err.message}\n`);
    process.exitCode = 2;
  }
}
