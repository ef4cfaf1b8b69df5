// Where the findings worker's entry is when running from source under tsx (CLI, tests, benches).
// Kept apart from export.ts: import.meta has no meaning in the app's CommonJS bundle, which computes
// findings inline (its export already runs on a job's worker thread).

export const FINDINGS_WORKER_ENTRY = new URL('./findings-worker.mjs', import.meta.url);
