// Centres HQ knows: each one's pinned key (registered ahead, or pinned at its first import), what HQ
// holds of its journal, and HQ's receipt to send it; registering a key ahead; the import log.

import { useState, type FormEvent } from 'react';
import type { HqCentreView } from '../../domain/api/hq-outputs.ts';
import { receiptFileName, receiptText } from '../../domain/hq/receipt.ts';
import type { Reason } from '../../domain/reasons.ts';
import { ApiFailure } from '../api/client.ts';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { downloadText } from '../ui/download.ts';
import { ErrorSummary, FormReasons, RadioGroup, TextInput } from '../ui/fields.tsx';
import { Badge, Button, Empty, Loading, LoadError, Notice, Panel, ReasonsNotice } from '../ui/kit.tsx';
import { useHq, useHqContext } from './api.tsx';

export function Centres() {
  const { t } = useI18n();
  usePageTitle(t('hq.nav.centres'));
  const centres = useHq('hq.centres', {});
  const imports = useHq('hq.imports', { limit: 50 });
  return (
    <>
      <div className="page-head">
        <h1>{t('hq.nav.centres')}</h1>
      </div>
      <Panel id="hq-keys" title={t('hq.centres.title')}>
        <p className="hint">{t('hq.centres.intro')}</p>
        {centres.error ? <LoadError error={centres.error} /> : null}
        {!centres.data ? <Loading /> : centres.data.length === 0 ? <Empty>{t('hq.centres.none')}</Empty> : <CentreTable centres={centres.data} />}
      </Panel>
      <RegisterKey />
      <Panel id="hq-log" title={t('hq.log.title')}>
        {imports.error ? <LoadError error={imports.error} /> : null}
        {!imports.data ? (
          <Loading />
        ) : imports.data.length === 0 ? (
          <Empty>{t('hq.log.none')}</Empty>
        ) : (
          <ImportLog rows={imports.data} />
        )}
      </Panel>
    </>
  );
}

function CentreTable({ centres }: { centres: HqCentreView[] }) {
  const { t, fmt } = useI18n();
  const { client } = useHqContext();
  const [failure, setFailure] = useState<Reason[] | null>(null);
  const receipt = async (c: HqCentreView) => {
    try {
      const r = await client.call('hq.receipt', { centreId: c.centreId });
      downloadText(receiptFileName(r), receiptText(r), 'application/json');
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e.reasons : [{ code: 'api.internal' }]);
    }
  };
  return (
    <>
      <ReasonsNotice reasons={failure} />
      <div className="table-scroll" role="region" aria-label={t('hq.centres.title')} tabIndex={0}>
        <table className="grid compact">
          <caption className="vh">{t('hq.centres.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hq.col.centre')}</th>
              <th scope="col">{t('hq.centres.key')}</th>
              <th scope="col">{t('hq.centres.pinned')}</th>
              <th scope="col" className="num">
                {t('hq.centres.held')}
              </th>
              <th scope="col">{t('hq.centres.exported')}</th>
              <th scope="col">{t('hq.centres.imported')}</th>
              <th scope="col">
                <span className="vh">{t('hq.centres.receipt')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.centreId}>
                <th scope="row">
                  {c.name ?? <span className="muted">{t('hq.centres.notImported')}</span>}
                  <br />
                  <code className="muted">{c.centreId}</code>
                </th>
                <td>
                  <code title={c.keyFingerprint}>{`${c.keyFingerprint.slice(0, 16)}…`}</code>
                </td>
                <td>
                  <Badge tone={c.pinnedHow === 'registered' ? 'ok' : 'info'}>{t(c.pinnedHow === 'registered' ? 'hq.centres.registered' : 'hq.centres.firstImport')}</Badge>
                  <br />
                  {t('hq.centres.pinnedBy', { by: c.pinnedBy, at: fmt.dateTime(c.pinnedAt) })}
                  {c.note ? (
                    <>
                      <br />
                      <span className="muted">{c.note}</span>
                    </>
                  ) : null}
                </td>
                <td className="num">{fmt.number(c.head.seq)}</td>
                <td>{fmt.dateTime(c.exportedAt)}</td>
                <td>{fmt.dateTime(c.importedAt)}</td>
                <td>
                  {c.head.seq > 0 ? (
                    <Button size="small" onClick={() => void receipt(c)} aria-label={t('hq.centres.receiptFor', { centre: c.name ?? c.centreId })}>
                      {t('hq.centres.receipt')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RegisterKey() {
  const { t } = useI18n();
  const { client } = useHqContext();
  const [centreId, setCentreId] = useState('');
  const [how, setHow] = useState<'publicKey' | 'fingerprint'>('publicKey');
  const [key, setKey] = useState('');
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setDone(null);
    try {
      const input = { centreId: centreId.trim(), note, ...(how === 'publicKey' ? { publicKey: key.trim() } : { fingerprint: key.trim().toLowerCase() }) };
      const r = await client.call('hq.registerKey', input);
      setReasons([]);
      setDone(r.keyFingerprint);
      setCentreId('');
      setKey('');
      setNote('');
    } catch (err) {
      // A reason about the key (publicKey or fingerprint) is shown beside the one key field.
      setReasons(err instanceof ApiFailure ? err.reasons.map((r) => (r.field === 'fingerprint' || r.field === 'publicKey' ? { ...r, field: 'key' } : r)) : [{ code: 'api.internal' }]);
    } finally {
      setPending(false);
    }
  };
  return (
    <Panel id="hq-register" title={t('hq.register.title')}>
      <p className="hint">{t('hq.register.intro')}</p>
      <form onSubmit={submit} noValidate aria-labelledby="hq-register-h">
        <FormReasons reasons={reasons}>
          <ErrorSummary />
          <TextInput label={t('hq.register.centreId')} name="centreId" value={centreId} onChange={setCentreId} required autoComplete="off" spellCheck={false} hint={t('hq.register.centreIdHint')} />
          <RadioGroup
            legend={t('hq.register.how')}
            name="how"
            value={how}
            onChange={(v) => setHow(v as 'publicKey' | 'fingerprint')}
            options={[
              { value: 'publicKey', label: t('hq.register.byKey') },
              { value: 'fingerprint', label: t('hq.register.byFingerprint') },
            ]}
          />
          <TextInput label={t(how === 'publicKey' ? 'hq.register.publicKey' : 'hq.register.fingerprint')} name="key" value={key} onChange={setKey} required autoComplete="off" spellCheck={false} />
          <TextInput label={t('hq.register.note')} name="note" value={note} onChange={setNote} autoComplete="off" />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={pending}>
              {t('hq.register.submit')}
            </Button>
          </div>
        </FormReasons>
      </form>
      {done ? (
        <Notice tone="ok" live>
          {t('hq.register.done', { fingerprint: done })}
        </Notice>
      ) : null}
    </Panel>
  );
}

function ImportLog({ rows }: { rows: import('../../domain/api/hq-outputs.ts').HqImportView[] }) {
  const { t, fmt } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-label={t('hq.log.title')} tabIndex={0}>
      <table className="grid compact">
        <caption className="vh">{t('hq.log.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hq.log.when')}</th>
            <th scope="col">{t('hq.col.centre')}</th>
            <th scope="col" className="num">
              {t('hq.log.entries')}
            </th>
            <th scope="col">{t('hq.log.range')}</th>
            <th scope="col">{t('hq.log.exported')}</th>
            <th scope="col">{t('hq.log.by')}</th>
            <th scope="col">{t('hq.log.file')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.importId}>
              <th scope="row">{fmt.dateTime(r.importedAt)}</th>
              <td>{r.centreName ?? r.centreId}</td>
              <td className="num">{fmt.number(r.entriesAdded)}</td>
              <td>{t('hq.log.rangeText', { from: fmt.number(r.headSeq - r.entriesAdded + 1), to: fmt.number(r.headSeq) })}</td>
              <td>{t('hq.log.exportedText', { at: fmt.dateTime(r.exportedAt), by: r.exportedBy })}</td>
              <td>{r.importedBy}</td>
              <td>
                <code>{r.file}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
