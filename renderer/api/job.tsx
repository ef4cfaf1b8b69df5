// Long jobs (seeding a demonstration centre, exporting a bundle) run off the UI thread on the other
// side; here we start one, poll its progress, and offer to cancel it. The UI never waits on it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResponse, JobStatus } from '../../domain/api/bridge.ts';
import { useI18n } from '../i18n/context.tsx';
import { Button, ReasonsNotice } from '../ui/kit.tsx';
import { ApiFailure, asApiFailure } from './client.ts';
import { useJobsBridge } from './hooks.tsx';

/** A job answer's status; a refusal is thrown as a call's is, so it keeps every reason. */
async function statusOf(answer: Promise<ApiResponse<JobStatus>>): Promise<JobStatus> {
  const response = await answer;
  if (!response.ok) throw ApiFailure.from(response.error);
  return response.result;
}

/**
 * One job: start it, follow it, cancel it. `failure` is what a refused start or cancel, a failed job
 * or a lost connection says, in the same shape as a form's useMutation failure, so screens show it
 * (and by field) the same way.
 */
export function useJob(pollMs = 500) {
  const { jobs, session } = useJobsBridge();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const poll = useCallback(
    (jobId: string) => {
      if (!jobs) return;
      timer.current = setTimeout(() => {
        statusOf(jobs.status(jobId, session())).then(
          (s) => {
            setStatus(s);
            if (s.state === 'running') poll(jobId);
            else if (s.state === 'failed') setFailure(ApiFailure.from(s.error ?? { kind: 'internal', message: 'the job failed', reasons: [] }));
          },
          (e: unknown) => setFailure(asApiFailure(e)),
        );
      }, pollMs);
    },
    [jobs, session, pollMs],
  );

  const start = useCallback(
    async (kind: string, input: unknown) => {
      if (!jobs) return;
      setFailure(null);
      // A previous run's final state would otherwise stand beside this run's refusal.
      setStatus(null);
      try {
        const s = await statusOf(jobs.start(kind, input, session()));
        setStatus(s);
        if (s.state === 'running') poll(s.jobId);
      } catch (e) {
        setFailure(asApiFailure(e));
      }
    },
    [jobs, session, poll],
  );

  const cancel = useCallback(async () => {
    if (!jobs || !status) return;
    try {
      setStatus(await statusOf(jobs.cancel(status.jobId, session())));
    } catch (e) {
      setFailure(asApiFailure(e));
    }
  }, [jobs, status, session]);

  return { available: jobs !== null, status, failure, start, cancel, running: status?.state === 'running' };
}

/** A progress bar with its numbers in words, and a cancel button while the job runs. */
export function JobProgress({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  const { t, fmt } = useI18n();
  const s = job.status;
  if (!s && !job.failure) return null;
  const pct = s && s.total > 0 ? Math.floor((s.done / s.total) * 100) : null;
  return (
    <div className="stack" role="status" aria-live="polite">
      {s ? (
        <div className="progress">
          <label>
            {label}
            <progress max={s.total || undefined} value={s.total ? s.done : undefined} aria-label={label} />
          </label>
          <span>
            {pct === null ? t('job.starting') : t('job.progress', { done: fmt.number(s.done), total: fmt.number(s.total), pct })}
          </span>
          <span>{t(`job.state_${s.state}` as 'job.state_running')}</span>
          {s.state === 'running' ? (
            <Button size="small" onClick={job.cancel} disabled={s.cancelRequested}>
              {s.cancelRequested ? t('job.cancelling') : t('common.cancel')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <ReasonsNotice reasons={job.failure?.reasons} />
    </div>
  );
}
