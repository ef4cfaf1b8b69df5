// Long jobs (seeding a demonstration centre, exporting a bundle) run off the UI thread on the other
// side; here we start one, poll its progress, and offer to cancel it. The UI never waits on it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Reason } from '../../domain/reasons.ts';
import { useI18n } from '../i18n/context.tsx';
import type { JobStatus } from '../transport/http.ts';
import { Button } from '../ui/kit.tsx';
import { useJobsBridge } from './hooks.tsx';

export function useJob(pollMs = 500) {
  const { jobs, session } = useJobsBridge();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [failure, setFailure] = useState<Reason[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const poll = useCallback(
    (jobId: string) => {
      if (!jobs) return;
      timer.current = setTimeout(() => {
        jobs.status(jobId, session()).then(
          (s) => {
            setStatus(s);
            if (s.state === 'running') poll(jobId);
            else if (s.state === 'failed') setFailure(s.error?.reasons ?? [{ code: s.error?.code ?? 'api.internal' }]);
          },
          (e: unknown) => setFailure([{ code: e instanceof Error ? e.message : 'transport.http' }]),
        );
      }, pollMs);
    },
    [jobs, session, pollMs],
  );

  const start = useCallback(
    async (kind: string, input: unknown) => {
      if (!jobs) return;
      setFailure(null);
      try {
        const s = await jobs.start(kind, input, session());
        setStatus(s);
        if (s.state === 'running') poll(s.jobId);
      } catch (e) {
        setFailure([{ code: e instanceof Error ? e.message : 'transport.http' }]);
      }
    },
    [jobs, session, poll],
  );

  const cancel = useCallback(async () => {
    if (!jobs || !status) return;
    try {
      setStatus(await jobs.cancel(status.jobId, session()));
    } catch {
      /* the next poll reports the state */
    }
  }, [jobs, status, session]);

  return { available: jobs !== null, status, failure, start, cancel, running: status?.state === 'running' };
}

/** A progress bar with its numbers in words, and a cancel button while the job runs. */
export function JobProgress({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  const { t, fmt, reason } = useI18n();
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
      {job.failure ? (
        <p className="field-reasons" role="alert">
          {job.failure.map((r) => reason(r)).join('; ')}
        </p>
      ) : null}
    </div>
  );
}
