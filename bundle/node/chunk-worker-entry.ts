// Where the chunk worker's entry is when running from source under tsx (CLI, tests, benches). Kept
// apart from chunk-pool.ts: import.meta has no meaning in the app's CommonJS bundle.

export const CHUNK_WORKER_ENTRY = new URL('./chunk-worker.mjs', import.meta.url);
