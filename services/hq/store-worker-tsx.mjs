// The store worker's entry under plain Node (CLI, `centre web --hq`, tests, benches): a worker thread
// does not inherit the TypeScript loader the main thread registered, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./store-worker.ts');
