// The offline viewer's entry point (bundled by build.ts into the one script of open-me.html): once
// the whole file is parsed (the bundle's data follows this script), the page is built and waits for
// the passphrase. See web/app.ts.

import { ViewerApp } from './web/app.ts';

declare const __VIEWER_TEMPLATE__: string;
declare const __WORKER_SOURCE__: string;

function start(): void {
  const mount = document.getElementById('app');
  if (!mount) return;
  new ViewerApp({ template: __VIEWER_TEMPLATE__, workerSource: __WORKER_SOURCE__ }).start(mount);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
