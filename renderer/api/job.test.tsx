// @vitest-environment happy-dom
// A job's refusals reach the screen whole: a refused start, a lost connection, a failed job each give
// useJob an ApiFailure with every reason (field and params kept), and JobProgress shows them in the
// user's language, as a form shows a refused call.

import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResponse, JobBridge, JobStatus } from '../../domain/api/bridge.ts';
import { httpJobs } from '../transport/http.ts';
import { I18nProvider } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { createClient } from './client.ts';
import { ApiProvider, ApiStore } from './hooks.tsx';
import { JobProgress, useJob } from './job.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(cleanup);

const TOO_MANY = { code: 'input.invalid', field: 'persons', params: { detail: 'Too big: expected number to be <=200000' } };
const TOO_LONG = { code: 'input.invalid', field: 'years', params: { detail: 'Too big: expected number to be <=50' } };
const REFUSED: ApiResponse<JobStatus> = { ok: false, error: { kind: 'invalid_input', message: 'invalid input', reasons: [TOO_MANY, TOO_LONG] } };
const RUNNING: JobStatus = { jobId: 'j1', kind: 'seed', state: 'running', done: 0, total: 10, cancelRequested: false };

function fakeJobs(overrides: Partial<JobBridge>): JobBridge {
  return {
    start: async () => ({ ok: true, result: RUNNING }),
    status: async () => ({ ok: true, result: RUNNING }),
    cancel: async () => ({ ok: true, result: { ...RUNNING, cancelRequested: true } }),
    ...overrides,
  };
}

function Providers({ jobs, lang = 'en', children }: { jobs: JobBridge; lang?: UiLanguage; children: ReactNode }) {
  const client = createClient({ transport: 'browser', call: async () => ({ ok: true, result: {} }) }, { session: () => null });
  return (
    <I18nProvider lang={lang} timeZone="Asia/Baku">
      <ApiProvider value={{ client, store: new ApiStore(), jobs, session: () => null }}>{children}</ApiProvider>
    </I18nProvider>
  );
}

function SeedPanel() {
  const job = useJob(5);
  return (
    <>
      <button type="button" onClick={() => void job.start('seed', { persons: 500000 })}>
        Seed
      </button>
      <JobProgress job={job} label="Seeding" />
    </>
  );
}

async function startSeed(jobs: JobBridge, lang: UiLanguage = 'en'): Promise<string> {
  render(
    <Providers jobs={jobs} lang={lang}>
      <SeedPanel />
    </Providers>,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Seed' }));
  });
  return (await screen.findByRole('alert')).textContent ?? '';
}

describe('useJob', () => {
  it('keeps every reason of a refused start, with its field and params', async () => {
    const jobs = fakeJobs({ start: async () => REFUSED });
    const { result } = renderHook(() => useJob(), { wrapper: ({ children }) => <Providers jobs={jobs}>{children}</Providers> });
    await act(() => result.current.start('seed', { persons: 500000, years: 99 }));
    expect(result.current.failure?.kind).toBe('invalid_input');
    expect(result.current.failure?.reasons).toEqual([TOO_MANY, TOO_LONG]);
    expect(result.current.failure?.forField('persons')).toEqual([TOO_MANY]);
    expect(result.current.status).toBeNull();
  });

  it('gives transport.unreachable when the server cannot be reached (browser mode)', async () => {
    const jobs = httpJobs('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    const { result } = renderHook(() => useJob(), { wrapper: ({ children }) => <Providers jobs={jobs}>{children}</Providers> });
    await act(() => result.current.start('seed', { persons: 5 }));
    expect(result.current.failure?.reasons).toEqual([{ code: 'transport.unreachable', params: {} }]);
  });

  it('gives a failed job’s reasons, and a lost connection while following it', async () => {
    const failed: JobStatus = {
      ...RUNNING,
      state: 'failed',
      error: { kind: 'refused', message: 'x', code: 'input.invalid', reasons: [{ code: 'input.invalid', params: { detail: 'the database is not empty' } }] },
    };
    const jobs = fakeJobs({ status: async () => ({ ok: true, result: failed }) });
    const { result } = renderHook(() => useJob(1), { wrapper: ({ children }) => <Providers jobs={jobs}>{children}</Providers> });
    await act(() => result.current.start('seed', { persons: 5 }));
    await waitFor(() => expect(result.current.failure?.reasons).toEqual([{ code: 'input.invalid', params: { detail: 'the database is not empty' } }]));

    const lost = fakeJobs({ status: async () => ({ ok: false, error: { kind: 'transport', message: 'transport.unreachable', reasons: [{ code: 'transport.unreachable' }] } }) });
    const second = renderHook(() => useJob(1), { wrapper: ({ children }) => <Providers jobs={lost}>{children}</Providers> });
    await act(() => second.result.current.start('seed', { persons: 5 }));
    await waitFor(() => expect(second.result.current.failure?.reasons).toEqual([{ code: 'transport.unreachable' }]));
  });

  it('keeps a refused cancel’s reasons', async () => {
    const jobs = fakeJobs({ cancel: async () => ({ ok: false, error: { kind: 'unauthenticated', message: 'x', reasons: [{ code: 'auth.required' }] } }) });
    const { result } = renderHook(() => useJob(60_000), { wrapper: ({ children }) => <Providers jobs={jobs}>{children}</Providers> });
    await act(() => result.current.start('seed', { persons: 5 }));
    await act(() => result.current.cancel());
    expect(result.current.failure?.reasons).toEqual([{ code: 'auth.required' }]);
  });

  it('turns a bridge that throws (not an API answer) into api.internal', async () => {
    const jobs = fakeJobs({ start: vi.fn(async () => Promise.reject(new Error('No handler registered'))) });
    const { result } = renderHook(() => useJob(), { wrapper: ({ children }) => <Providers jobs={jobs}>{children}</Providers> });
    await act(() => result.current.start('seed', {}));
    expect(result.current.failure?.reasons).toEqual([{ code: 'api.internal' }]);
  });
});

describe('JobProgress', () => {
  it('shows every reason of a refused start, in the user’s language', async () => {
    const jobs = fakeJobs({ start: async () => REFUSED });
    expect(await startSeed(jobs, 'en')).toBe('at most 200,000; at most 50');
    cleanup();
    const az = await startSeed(jobs, 'az');
    expect(az).toContain('ən çoxu 200.000');
    expect(az).toContain('ən çoxu 50');
  });

  it('says the register cannot be reached, in each language, not the browser’s own words', async () => {
    const jobs = httpJobs('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await startSeed(jobs, 'en')).toBe('the register cannot be reached: is the application still running?');
    cleanup();
    expect(await startSeed(jobs, 'az')).toBe('reyestrlə əlaqə yoxdur: tətbiq hələ işləyir?');
    cleanup();
    expect(await startSeed(jobs, 'ru')).toBe('реестр недоступен: приложение всё ещё запущено?');
  });
});
