// One entry point for job requests from either transport (POST /api/job/<action>, IPC centre:job):
// parses the body, calls the runner, and answers with the same ApiResponse shape as API calls.
//   start  {kind, input, session}  → JobStatus (with its jobId)
//   status {jobId, session}        → JobStatus
//   cancel {jobId, session}        → JobStatus (cancelRequested; the state follows once it stops)

import { z } from 'zod';
import type { ApiResponse } from '../../domain/api/bridge.ts';
import { reason } from '../../domain/reasons.ts';
import { ApiError } from '../errors.ts';
import { zodReasons } from '../service.ts';
import type { JobRunner } from './runner.ts';

export const JOB_ACTIONS = ['start', 'status', 'cancel'] as const;

const session = z.string().max(200).nullable().optional();
const startBody = z.object({ kind: z.string().min(1).max(40), input: z.unknown().optional(), session }).strict();
const jobBody = z.object({ jobId: z.string().min(1).max(100), session }).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('invalid_input', zodReasons(parsed.error));
  return parsed.data;
}

export function jobRequest(runner: JobRunner, action: unknown, body: unknown): ApiResponse {
  try {
    switch (action) {
      case 'start': {
        const b = parse(startBody, body);
        return { ok: true, result: runner.start(b.kind, b.input, b.session ?? null) };
      }
      case 'status': {
        const b = parse(jobBody, body);
        return { ok: true, result: runner.status(b.jobId, b.session ?? null) };
      }
      case 'cancel': {
        const b = parse(jobBody, body);
        return { ok: true, result: runner.cancel(b.jobId, b.session ?? null) };
      }
      default:
        throw new ApiError('invalid_input', [
          reason('input.invalid', 'action', { detail: `unknown job action "${String(action).slice(0, 40)}" (expected ${JOB_ACTIONS.join(', ')})` }),
        ]);
    }
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, ...err.toJSON() };
    console.error(err);
    return { ok: false, error: { kind: 'internal', message: 'internal error: nothing was changed', reasons: [reason('api.internal')] } };
  }
}
