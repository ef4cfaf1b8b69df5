// The preload runs only inside Electron; here `electron` is replaced by stand-ins (the real package
// would try to download its binary) to check what the page is given and where each call goes.
import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, any>();
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: { jobId: 'j1', state: 'running' } }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

await import('./preload.ts');

describe('the preload', () => {
  it('exposes window.centre only: the transport, call and the job functions', () => {
    expect([...exposed.keys()]).toEqual(['centre']);
    const centre = exposed.get('centre');
    expect(Object.keys(centre).sort()).toEqual(['call', 'jobs', 'transport']);
    expect(Object.keys(centre.jobs).sort()).toEqual(['cancel', 'start', 'status']);
    expect(centre.transport).toBe('electron');
  });

  it('forwards a call to centre:call as (method, input, session)', async () => {
    invoke.mockResolvedValueOnce({ ok: true, result: { configured: false } });
    expect(await exposed.get('centre').call('centre.get', {}, null)).toEqual({ ok: true, result: { configured: false } });
    expect(invoke).toHaveBeenLastCalledWith('centre:call', 'centre.get', {}, null);
  });

  it('forwards jobs to centre:job as (action, body) and answers with the API response as it is', async () => {
    const { jobs } = exposed.get('centre');
    expect(await jobs.start('seed', { persons: 5 }, null)).toEqual({ ok: true, result: { jobId: 'j1', state: 'running' } });
    expect(invoke).toHaveBeenLastCalledWith('centre:job', 'start', { kind: 'seed', input: { persons: 5 }, session: null });
    await jobs.status('j1', 's');
    expect(invoke).toHaveBeenLastCalledWith('centre:job', 'status', { jobId: 'j1', session: 's' });
    // A refusal is not thrown: an Error crossing the context bridge keeps only its message, and the
    // page needs every reason with its field and params.
    const refusal = {
      ok: false,
      error: {
        kind: 'invalid_input',
        message: 'invalid input',
        reasons: [
          { code: 'input.invalid', field: 'persons', params: { detail: 'Too big: expected number to be <=200000' } },
          { code: 'job.busy', params: { kind: 'seed' } },
        ],
      },
    };
    invoke.mockResolvedValueOnce(refusal);
    expect(await jobs.cancel('j1', 's')).toEqual(refusal);
    expect(invoke).toHaveBeenLastCalledWith('centre:job', 'cancel', { jobId: 'j1', session: 's' });
  });
});
