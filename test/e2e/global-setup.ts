// Builds the renderer once for the whole e2e run (the servers serve dist/renderer), and makes sure
// the browser is there.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM, SCREENS_DIR } from './support.ts';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium), as .ci/run does`);
  }
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
  } finally {
    process.chdir(cwd);
  }
  mkdirSync(SCREENS_DIR, { recursive: true });
}
