// Export: the inspection bundle (the whole register, nothing left out, for the Ombudsman's inspectors)
// and, for the head of centre, the HQ slice since HQ's last acknowledgement and HQ's receipt. Bundles
// are made by the `export` job (progress, cancel); the passphrase is typed twice and never kept.

import { useState, type FormEvent } from 'react';
import type { ExportsStatus } from '../../domain/api/outputs-exports.ts';
import { parseReceipt, ReceiptError, type HqReceipt } from '../../domain/hq/receipt.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { useApi, useMutation, type Query } from '../api/hooks.tsx';
import { JobProgress, useJob } from '../api/job.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { ErrorSummary, FieldReasons, FormReasons, TextInput, useFieldReasons } from '../ui/fields.tsx';
import { Button, KeyValues, LoadError, Loading, Notice, Panel } from '../ui/kit.tsx';

/** A hash breaks anywhere rather than run out of its column. */
const HASH = { overflowWrap: 'anywhere' } as const;

/** The shortest passphrase export accepts: 12 characters (code points, after NFC), as bundle/format says. */
const MIN_PASSPHRASE = 12;

interface ExportJobResult {
  outDir: string;
  kind: 'inspection' | 'hq-slice';
  from: { seq: number; hash: string };
  head: { seq: number; hash: string };
  counts: { entries: number; persons: number; placements: number; medicalNotes: number };
  files: { name: string; bytes: number }[];
  viewerSha256: string;
}

export function Export() {
  const { t } = useI18n();
  usePageTitle(t('nav.export'));
  const { can } = useSession();
  const status = useApi('exports.status', {});
  const head = can('exports.acknowledgeHq');
  return (
    <>
      <div className="page-head">
        <h1>{t('nav.export')}</h1>
      </div>
      {status.error ? <LoadError error={status.error} /> : null}
      <ExportPanel kind="inspection" status={status} />
      {head ? <ExportPanel kind="hq-slice" status={status} /> : null}
      {head ? <ReceiptPanel status={status} /> : null}
    </>
  );
}

function passphraseReasons(passphrase: string, confirm: string): Reason[] {
  const out: Reason[] = [];
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE) out.push(reason('export.passphrase_short', 'passphrase', { min: MIN_PASSPHRASE }));
  else if (passphrase !== confirm) out.push(reason('export.passphrase_mismatch', 'confirm'));
  return out;
}

function ExportPanel({ kind, status }: { kind: 'inspection' | 'hq-slice'; status: Query<ExportsStatus> }) {
  const { t, fmt } = useI18n();
  const job = useJob();
  const [outDir, setOutDir] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);
  const hq = kind === 'hq-slice';
  const s = status.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reasons = [...(outDir.trim() ? [] : [reason('export.folder_required', 'outDir')]), ...passphraseReasons(passphrase, confirm)];
    setLocal(reasons);
    if (reasons.length) return;
    void job.start('export', { outDir: outDir.trim(), passphrase, kind }).then(() => {
      // The passphrase is not kept, not even in this form, once the job has it.
      setPassphrase('');
      setConfirm('');
    });
  };
  const result = job.status?.state === 'done' ? (job.status.result as ExportJobResult) : null;
  const id = hq ? 'export-hq' : 'export-inspection';
  return (
    <Panel id={id} title={t(hq ? 'export.hqTitle' : 'export.inspectionTitle')}>
      <p>{t(hq ? 'export.hqIntro' : 'export.inspectionIntro')}</p>
      {hq && s ? (
        <Notice>
          {s.hqAcknowledged
            ? t('export.hqNext', { acked: fmt.number(s.hqAcknowledged.seq), at: fmt.dateTime(s.hqAcknowledged.at), by: s.hqAcknowledged.by, from: fmt.number(s.nextSliceSince + 1), head: fmt.number(s.head.seq), count: s.pendingEntries })
            : t('export.hqFirst', { count: s.head.seq })}
        </Notice>
      ) : null}
      {hq && s ? (
        <details>
          <summary>{t('export.identity')}</summary>
          <p className="hint">{t('export.identityHint')}</p>
          <KeyValues
            columns={1}
            items={[
              [t('export.centreId'), <code key="c">{s.centreId}</code>],
              [t('export.keyFingerprint'), <code key="k" style={HASH}>{s.keyFingerprint}</code>],
            ]}
          />
        </details>
      ) : null}
      {hq && !s && !status.error ? <Loading /> : null}
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
        <FormReasons reasons={local}>
          <ErrorSummary />
          <TextInput label={t('export.folder')} name="outDir" value={outDir} onChange={setOutDir} required hint={t(hq ? 'export.folderHintHq' : 'export.folderHint')} autoComplete="off" spellCheck={false} />
          <div className="row">
            <TextInput
              label={t(hq ? 'export.passphraseHq' : 'export.passphrase')}
              name="passphrase"
              type="password"
              value={passphrase}
              onChange={setPassphrase}
              required
              autoComplete="off"
              hint={t(hq ? 'export.passphraseHqHint' : 'export.passphraseHint', { min: MIN_PASSPHRASE })}
            />
            <TextInput label={t('export.passphraseConfirm')} name="confirm" type="password" value={confirm} onChange={setConfirm} required autoComplete="off" />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={!job.available || job.running} busy={job.running}>
              {t(hq ? 'export.hqSubmit' : 'export.inspectionSubmit')}
            </Button>
          </div>
        </FormReasons>
      </form>
      <JobProgress job={job} label={t(hq ? 'export.hqProgress' : 'export.inspectionProgress')} />
      {result ? <ExportResult result={result} /> : null}
    </Panel>
  );
}

function ExportResult({ result }: { result: ExportJobResult }) {
  const { t, fmt } = useI18n();
  return (
    <section className="stack" aria-live="polite">
      <Notice tone="ok">{t(result.kind === 'hq-slice' ? 'export.hqDone' : 'export.inspectionDone', { folder: result.outDir })}</Notice>
      <KeyValues
        columns={1}
        items={[
          [t('export.folderDone'), <code key="f">{result.outDir}</code>],
          [t('export.entries'), t('export.entriesRange', { from: fmt.number(result.from.seq + 1), to: fmt.number(result.head.seq), count: result.counts.entries })],
          [t('export.headHash'), <code key="h" style={HASH}>{result.head.hash}</code>],
          [t('export.viewerSha'), <code key="v" style={HASH}>{result.viewerSha256}</code>],
        ]}
      />
      <table className="grid compact">
        <caption>{t('export.files')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('export.fileName')}</th>
            <th scope="col" className="num">
              {t('export.fileSize')}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.files.map((f) => (
            <tr key={f.name}>
              <td>
                <code>{f.name}</code>
              </td>
              <td className="num">{t('export.bytes', { count: f.bytes })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t(result.kind === 'hq-slice' ? 'export.hqAfter' : 'export.inspectionAfter')}</p>
    </section>
  );
}

/** HQ's receipt: read from the file HQ sent, shown, then recorded (exports.acknowledgeHq). */
function ReceiptPanel({ status }: { status: Query<ExportsStatus> }) {
  const { t, fmt } = useI18n();
  const record = useMutation('exports.acknowledgeHq');
  const [receipt, setReceipt] = useState<HqReceipt | null>(null);
  const [fileProblem, setFileProblem] = useState<Reason[]>([]);
  const [done, setDone] = useState<number | null>(null);

  const choose = async (file: File | undefined) => {
    setReceipt(null);
    setDone(null);
    record.reset();
    if (!file) return;
    try {
      setReceipt(parseReceipt(await file.text()));
      setFileProblem([]);
    } catch (err) {
      setFileProblem([reason('export.receipt_invalid', 'receipt', { detail: err instanceof ReceiptError ? err.message : String(err) })]);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!receipt) {
      setFileProblem([reason('export.receipt_required', 'receipt')]);
      return;
    }
    const r = await record.run({ centreId: receipt.centreId, seq: receipt.seq, hash: receipt.hash, importedAt: receipt.importedAt });
    if (r) {
      setDone(receipt.seq);
      status.reload();
    }
  };
  // The API's reasons concern the receipt as a whole: shown beside the file it came from.
  const reasons = [...fileProblem, ...(record.failure?.reasons.map((r) => ({ ...r, field: 'receipt' })) ?? [])];
  return (
    <Panel id="hq-receipt" title={t('export.receiptTitle')}>
      <p>{t('export.receiptIntro')}</p>
      <form onSubmit={submit} noValidate aria-labelledby="hq-receipt-h">
        <FormReasons reasons={reasons}>
          <ErrorSummary />
          <ReceiptFileInput onChoose={choose} />
          {receipt ? (
            <KeyValues
              columns={1}
              items={[
                [t('export.receiptCentre'), receipt.centreName],
                [t('export.receiptEntry'), fmt.number(receipt.seq)],
                [t('export.receiptImported'), fmt.dateTime(receipt.importedAt)],
                [t('export.headHash'), <code key="h" style={HASH}>{receipt.hash}</code>],
              ]}
            />
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={record.pending} disabled={!receipt}>
              {t('export.receiptSubmit')}
            </Button>
          </div>
        </FormReasons>
      </form>
      {done !== null ? (
        <Notice tone="ok" live>
          {t('export.receiptDone', { seq: fmt.number(done) })}
        </Notice>
      ) : null}
    </Panel>
  );
}

function ReceiptFileInput({ onChoose }: { onChoose(file: File | undefined): void }) {
  const { t } = useI18n();
  const { id, reasons } = useFieldReasons('receipt');
  const errId = `${id}-err`;
  return (
    <div className="field">
      <label htmlFor={id}>{t('export.receiptFile')}</label>
      <input
        id={id}
        name="receipt"
        type="file"
        accept=".json,application/json"
        aria-invalid={reasons.length > 0 || undefined}
        aria-describedby={reasons.length ? errId : undefined}
        onChange={(e) => onChoose(e.target.files?.[0])}
      />
      <FieldReasons id={errId} reasons={reasons} />
    </div>
  );
}
