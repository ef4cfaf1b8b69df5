// The chunk worker's entry under plain Node (CLI, tests, benches): a worker thread does not inherit
// the main thread's TypeScript loader, so it registers tsx itself, then loads the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./chunk-worker.ts');
