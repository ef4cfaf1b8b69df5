// The IPC channel names, shared by the preload (which must import nothing heavier) and ipc.ts.

/** (method, input, session) → ApiResponse */
export const CALL_CHANNEL = 'centre:call';
/** (action, body) → ApiResponse of JobStatus; actions start, status, cancel (services/jobs/requests.ts) */
export const JOB_CHANNEL = 'centre:job';
