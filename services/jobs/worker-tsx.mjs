// The job worker's entry under plain Node (`centre web`, tests): a worker thread does not inherit
// the TypeScript loader the main thread registered, so it registers tsx itself, then loads the
// worker. Electron runs the bundled dist/electron/job-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
