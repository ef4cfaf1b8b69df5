// Import: slices chosen on this computer (each open-me.html, or a bundle.json with its data.bin) or
// named by their folder on HQ's machine, with the passphrase agreed at installation (never kept).
// Each slice's outcome is said: imported, already held, or refused and why; the receipt to send back.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { HqImportOutcome } from '../../domain/api/hq-outputs.ts';
import { receiptFileName, receiptText } from '../../domain/hq/receipt.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { ApiFailure } from '../api/client.ts';
import { JobProgress, useJob } from '../api/job.tsx';
import { usePageTitle } from '../app/title.ts';
import type { UiKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/context.tsx';
import { downloadText } from '../ui/download.ts';
import { ErrorSummary, FieldReasons, FormReasons, TextArea, TextInput, useFieldReasons } from '../ui/fields.tsx';
import { Badge, Button, Notice, Panel, type Tone } from '../ui/kit.tsx';
import { useHqContext } from './api.tsx';

const RESULT_TONE: Record<HqImportOutcome['result'], Tone> = { imported: 'ok', already_held: 'info', refused: 'danger' };

export function Import() {
  const { t, fmt } = useI18n();
  usePageTitle(t('hq.nav.import'));
  const { transport, bump } = useHqContext();
  const job = useJob();
  const [passphrase, setPassphrase] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [paths, setPaths] = useState('');
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const state = job.status?.state;

  useEffect(() => {
    if (state === 'done') bump();
  }, [state, bump]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const folderList = paths
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const problems: Reason[] = [];
    if (!passphrase) problems.push(reason('hq.import.passphrase_required', 'passphrase'));
    if (files.length === 0 && folderList.length === 0) problems.push(reason('hq.import.nothing_chosen', 'files'));
    setReasons(problems);
    if (problems.length) return;
    const uploads: string[] = [];
    try {
      setUploading({ done: 0, total: files.length });
      for (const [i, f] of files.entries()) {
        uploads.push((await transport.upload(f)).uploadId);
        setUploading({ done: i + 1, total: files.length });
      }
    } catch (err) {
      setReasons(err instanceof ApiFailure ? err.reasons.map((r) => ({ ...r, field: 'files' })) : [reason('api.internal', 'files')]);
      return;
    } finally {
      setUploading(null);
    }
    await job.start('hq.import', { passphrase, uploads, paths: folderList });
    // The passphrase goes with the job and is not kept here.
    setPassphrase('');
    setFiles([]);
    if (fileInput.current) fileInput.current.value = '';
  };

  const outcomes = state === 'done' ? ((job.status!.result as { outcomes: HqImportOutcome[] }).outcomes ?? []) : null;
  return (
    <>
      <div className="page-head">
        <h1>{t('hq.nav.import')}</h1>
      </div>
      <Panel id="hq-import" title={t('hq.import.title')}>
        <p>{t('hq.import.intro')}</p>
        <form onSubmit={submit} noValidate aria-labelledby="hq-import-h">
          <FormReasons reasons={reasons}>
            <ErrorSummary />
            <FileField inputRef={fileInput} onChange={setFiles} />
            {files.length ? <p className="hint">{t('hq.import.chosen', { files: files.map((f) => f.name).join(', '), count: files.length })}</p> : null}
            <TextArea label={t('hq.import.paths')} name="paths" value={paths} onChange={setPaths} hint={t('hq.import.pathsHint')} rows={2} spellCheck={false} />
            <TextInput
              label={t('hq.import.passphrase')}
              name="passphrase"
              type="password"
              value={passphrase}
              onChange={setPassphrase}
              required
              autoComplete="off"
              hint={t('hq.import.passphraseHint')}
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" disabled={!job.available || job.running || uploading !== null} busy={job.running || uploading !== null}>
                {t('hq.import.submit')}
              </Button>
            </div>
          </FormReasons>
        </form>
        {uploading ? (
          <p role="status" aria-live="polite">
            {t('hq.import.uploading', { done: fmt.number(uploading.done), total: fmt.number(uploading.total) })}
          </p>
        ) : null}
        <JobProgress job={job} label={t('hq.import.progress')} />
      </Panel>
      {outcomes ? <Outcomes outcomes={outcomes} /> : null}
    </>
  );
}

function FileField({ inputRef, onChange }: { inputRef: React.RefObject<HTMLInputElement | null>; onChange(files: File[]): void }) {
  const { t } = useI18n();
  const { id, reasons } = useFieldReasons('files');
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  return (
    <div className={`field${reasons.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('hq.import.files')}</label>
      <input
        ref={inputRef}
        id={id}
        name="files"
        type="file"
        multiple
        accept=".html,.htm,.json,.bin,text/html,application/json,application/octet-stream"
        aria-invalid={reasons.length > 0 || undefined}
        aria-describedby={reasons.length ? `${hintId} ${errId}` : hintId}
        onChange={(e) => onChange([...(e.target.files ?? [])])}
      />
      <p className="hint" id={hintId}>
        {t('hq.import.filesHint')}
      </p>
      <FieldReasons id={errId} reasons={reasons} />
    </div>
  );
}

function Outcomes({ outcomes }: { outcomes: HqImportOutcome[] }) {
  const { t, fmt, reason: say } = useI18n();
  const text = (o: HqImportOutcome) => {
    if (!o.reason) return o.message;
    const params = { ...o.reason.params };
    if (typeof params.step === 'string') params.step = t(`hq.step.${params.step}` as UiKey);
    return say({ code: o.reason.code, params });
  };
  const refused = outcomes.filter((o) => o.result === 'refused').length;
  return (
    <Panel id="hq-outcomes" title={t('hq.import.outcomes')}>
      <Notice tone={refused ? 'danger' : 'ok'} live>
        {t('hq.import.summary', { count: outcomes.length, refused })}
      </Notice>
      <table className="grid compact">
        <caption className="vh">{t('hq.import.outcomes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hq.import.source')}</th>
            <th scope="col">{t('hq.import.result')}</th>
            <th scope="col">{t('hq.col.centre')}</th>
            <th scope="col" className="num">
              {t('hq.import.added')}
            </th>
            <th scope="col">{t('hq.import.why')}</th>
            <th scope="col">
              <span className="vh">{t('hq.centres.receipt')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o, i) => (
            <tr key={i} className={o.result === 'refused' ? 'row-overdue' : undefined}>
              <th scope="row">
                <code>{o.source}</code>
              </th>
              <td>
                <Badge tone={RESULT_TONE[o.result]}>{t(`hq.result.${o.result}` as UiKey)}</Badge>
              </td>
              <td>{o.centreName ?? '—'}</td>
              <td className="num">{fmt.number(o.entriesAdded)}</td>
              <td>{text(o)}</td>
              <td>
                {o.receipt ? (
                  <Button size="small" onClick={() => downloadText(receiptFileName(o.receipt!), receiptText(o.receipt!), 'application/json')} aria-label={t('hq.centres.receiptFor', { centre: o.receipt.centreName })}>
                    {t('hq.centres.receipt')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
