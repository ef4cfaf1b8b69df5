// @vitest-environment happy-dom
// The demonstration centre's form: it says what the seed job accepts before anything is sent, and
// a refused start is shown beside the field it names, as a refused call is in any form.

import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse, JobBridge, JobStatus } from '../../domain/api/bridge.ts';
import { createClient } from '../api/client.ts';
import { ApiProvider, ApiStore } from '../api/hooks.tsx';
import { I18nProvider } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { describedText } from '../test-support/centre.tsx';
import { FirstRun } from './FirstRun.tsx';

afterEach(cleanup);

const REFUSED: ApiResponse<JobStatus> = {
  ok: false,
  error: { kind: 'invalid_input', message: 'invalid input', reasons: [{ code: 'input.invalid', field: 'persons', params: { detail: 'Too big: expected number to be <=200000' } }] },
};

function renderFirstRun(jobs: JobBridge, lang: UiLanguage = 'en') {
  const client = createClient({ transport: 'browser', call: async () => ({ ok: true, result: {} }) }, { session: () => null });
  render(
    <I18nProvider lang={lang} timeZone="Asia/Baku">
      <ApiProvider value={{ client, store: new ApiStore(), jobs, session: () => null }}>
        <FirstRun lang={lang} setLang={() => {}} onDone={() => {}} />
      </ApiProvider>
    </I18nProvider>,
  );
}

const refusing: JobBridge = {
  start: async () => REFUSED,
  status: async () => REFUSED,
  cancel: async () => REFUSED,
};

describe('the demonstration centre form', () => {
  it('gives the number of people the limits the seed job enforces, and says them', () => {
    renderFirstRun(refusing);
    const persons = screen.getByLabelText('People');
    expect(persons.getAttribute('min')).toBe('1');
    expect(persons.getAttribute('max')).toBe('200000');
    expect(persons.getAttribute('step')).toBe('1');
    expect(describedText(persons)).toBe('A whole number from 1 to 200,000.');
  });

  it('shows a refused start beside the field it names and in the job’s notice', async () => {
    renderFirstRun(refusing, 'az');
    const persons = screen.getByLabelText('Şəxslər');
    fireEvent.change(persons, { target: { value: '500000' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Nümayiş mərkəzini yarat' }));
    });
    expect(persons.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(persons)).toContain('ən çoxu 200.000');
    expect(screen.getByRole('alert').textContent).toBe('ən çoxu 200.000');
  });
});
