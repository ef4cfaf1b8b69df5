// The offline viewer's entry point (bundled by build.ts into the one script of open-me.html): the page
// is built and waits for the passphrase while the browser goes on reading the bundle after this
// script. See web/app.ts and web/open.ts.

import './zod-jitless.ts';
import { ViewerApp } from './web/app.ts';

declare const __VIEWER_TEMPLATE__: string;
declare const __WORKER_SOURCE__: string;

function start(): void {
  const mount = document.getElementById('app');
  if (!mount) return;
  new ViewerApp({ template: __VIEWER_TEMPLATE__, workerSource: __WORKER_SOURCE__ }).start(mount);
}

// At once, not when the page is parsed: the bundle's data after this script takes the browser a
// while to read (seconds, for ten years), and the passphrase can be typed meanwhile (open.ts).
start();
