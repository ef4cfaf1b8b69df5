// @vitest-environment happy-dom
// The frame of every write dialog: submitting calls the handler (the page is not submitted), a
// refusal is shown at the top and beside its field (through an alias where the API names another
// path), cancel closes, and the dialog's own language is used for the buttons.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reason, type Reason } from '../../domain/reasons.ts';
import { I18nProvider } from '../i18n/context.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import { TextInput } from './fields.tsx';
import { FormDialog } from './FormDialog.tsx';

afterEach(cleanup);

function Harness({ onSubmit, onClose, refuse, lang = 'en' }: { onSubmit(name: string): void; onClose(): void; refuse?: Reason[]; lang?: UiLanguage }) {
  const [name, setName] = useState('');
  const [reasons, setReasons] = useState<Reason[]>([]);
  return (
    <I18nProvider lang={lang} timeZone="Asia/Baku">
      <FormDialog
        title="A dialog"
        onClose={onClose}
        onSubmit={() => {
          onSubmit(name);
          if (refuse) setReasons(refuse);
        }}
        reasons={reasons}
        aliases={{ personId: 'name' }}
        busy={false}
      >
        <TextInput label="Name" name="name" value={name} onChange={setName} />
      </FormDialog>
    </I18nProvider>
  );
}

describe('FormDialog', () => {
  it('hands the typed values to its handler on submit, without submitting the page', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Aliyev' } });
    const form = screen.getByRole('button', { name: 'Record' }).closest('form')!;
    const event = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(onSubmit).toHaveBeenCalledWith('Aliyev');
  });

  it('shows a refusal at the top and beside the field its alias names', async () => {
    render(<Harness onSubmit={() => {}} onClose={() => {}} refuse={[reason('person.not_found', 'personId')]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('there is no person');
    const field = screen.getByLabelText('Name');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
  });

  it('closes on cancel, and labels its buttons in the chosen language', () => {
    const onClose = vi.fn();
    render(<Harness onSubmit={() => {}} onClose={onClose} lang="ru" />);
    expect(screen.queryByRole('button', { name: 'Record' })).toBeNull();
    const buttons = screen.getAllByRole('button').map((b) => b.textContent);
    expect(buttons.some((t) => t && /[А-Яа-я]/.test(t))).toBe(true);
    fireEvent.click(screen.getAllByRole('button').find((b) => b.getAttribute('type') !== 'submit' && b.closest('.form-actions'))!);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
