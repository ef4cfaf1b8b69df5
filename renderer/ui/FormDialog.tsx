// The form every write dialog is: the API's reasons beside the fields and listed at the top, then the
// fields, then the submit and cancel buttons. One place for that frame, so that every dialog refuses,
// focuses and cancels the same way.

import type { FormEvent, ReactNode } from 'react';
import type { Reason } from '../../domain/reasons.ts';
import { useI18n } from '../i18n/context.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorSummary, FormReasons } from './fields.tsx';
import { Button } from './kit.tsx';

export interface DialogFormProps {
  /** Called when the form is submitted (the browser's own submission is already prevented). */
  onSubmit(): void | Promise<void>;
  onCancel(): void;
  reasons: readonly Reason[];
  aliases?: Record<string, string>;
  /** The submit button's text; "Record" when not given. */
  submitLabel?: string;
  submitVariant?: 'primary' | 'danger';
  busy: boolean;
  children: ReactNode;
}

/** The form inside a dialog, for a dialog that shows something else at times (e.g. a result). */
export function DialogForm({ onSubmit, onCancel, reasons, aliases, submitLabel, submitVariant = 'primary', busy, children }: DialogFormProps) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormReasons reasons={reasons} {...(aliases ? { aliases } : {})}>
        <ErrorSummary />
        {children}
        <div className="form-actions">
          <Button type="submit" variant={submitVariant} busy={busy}>
            {submitLabel ?? t('common.record')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </FormReasons>
    </form>
  );
}

/** A dialog that is one form: closing it and cancelling it are the same. */
export function FormDialog({
  open = true,
  title,
  onClose,
  wide,
  ...form
}: Omit<DialogFormProps, 'onCancel'> & { open?: boolean; title: ReactNode; onClose(): void; wide?: boolean }) {
  return (
    <Dialog open={open} onClose={onClose} title={title} {...(wide ? { wide } : {})}>
      <DialogForm {...form} onCancel={onClose} />
    </Dialog>
  );
}
