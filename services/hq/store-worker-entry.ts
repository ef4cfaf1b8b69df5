// Where the store worker's entry is when running from source under tsx. Kept apart from import.ts:
// import.meta has no meaning in the app's CommonJS bundle (the job worker), which gets the path from
// the server that starts it.

export const STORE_WORKER_ENTRY = new URL('./store-worker-tsx.mjs', import.meta.url);
