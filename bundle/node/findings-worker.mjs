// The findings worker's entry under Node (CLI, tests, `centre web`): a worker thread does not inherit
// the main thread's TypeScript loader, so it registers tsx itself, then loads the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./findings-worker-main.ts');
