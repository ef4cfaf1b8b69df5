// Inspections: visits by monitoring bodies, their recommendations with response deadlines, and the
// centre's responses; overdue ones stand out. Whom inspectors interviewed and what they were told is
// never recorded (OPCAT art. 21): there is no field for it.

import { useState } from 'react';
import type { RecommendationView, VisitView } from '../../domain/api/outputs-inspections.ts';
import { useApi, useMutation, useServerClock } from '../api/hooks.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { fromLocalInput, toLocalInput } from '../i18n/format.ts';
import { FormDialog } from '../ui/FormDialog.tsx';
import { Select, TextArea, TextInput } from '../ui/fields.tsx';
import { Badge, Button, Empty, Loading, LoadError, Notice, Panel } from '../ui/kit.tsx';
import { reason, type Reason } from '../../domain/reasons.ts';

const BODIES = ['npm', 'ombudsman', 'unhcr', 'iom', 'icrc', 'prosecutor', 'other'] as const;

export function Inspections() {
  const { t, fmt, label } = useI18n();
  usePageTitle(t('nav.inspections'));
  const { can } = useSession();
  const list = useApi('inspections.list', {}, { refreshMs: 300_000 });
  const [dialog, setDialog] = useState<null | { kind: 'visit' } | { kind: 'recommend'; visit: VisitView } | { kind: 'respond'; rec: RecommendationView }>(null);
  const visits = [...(list.data?.visits ?? [])].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.inspections')}</h1>
        {list.data ? (
          <Badge tone={list.data.overdue ? 'critical' : 'ok'}>{t('inspections.overdueCount', { count: list.data.overdue })}</Badge>
        ) : null}
        <div className="actions">
          {can('inspections.recordVisit') ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'visit' })}>
              {t('inspections.recordVisit')}
            </Button>
          ) : null}
        </div>
      </div>
      <Notice>{t('inspections.opcat')}</Notice>
      {list.error ? <LoadError error={list.error} /> : null}
      {!list.data ? (
        <Loading />
      ) : visits.length === 0 ? (
        <Empty>{t('inspections.none')}</Empty>
      ) : (
        visits.map((v) => (
          <Panel
            key={v.visitId}
            headingLevel={2}
            title={`${label('body', v.body)} · ${fmt.date(v.startedAt)}${v.endedAt ? ` – ${fmt.date(v.endedAt)}` : ''}`}
            actions={
              can('inspections.recommend') ? (
                <Button size="small" onClick={() => setDialog({ kind: 'recommend', visit: v })}>
                  {t('inspections.addRecommendation')}
                </Button>
              ) : undefined
            }
          >
            <p>
              <strong>{t('inspections.inspectors')}:</strong> {v.inspectors.join(', ')}
              {v.note ? (
                <>
                  {' '}
                  · {v.note}
                </>
              ) : null}
            </p>
            {v.recommendations.length === 0 ? (
              <p className="muted">{t('inspections.noRecommendations')}</p>
            ) : (
              <table className="grid compact">
                <caption className="vh">{t('inspections.recommendations')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('inspections.recommendation')}</th>
                    <th scope="col">{t('inspections.due')}</th>
                    <th scope="col">{t('inspections.state')}</th>
                    <th scope="col">{t('inspections.responses')}</th>
                    {can('inspections.respond') ? (
                      <th scope="col">
                        <span className="vh">{t('common.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {v.recommendations.map((r) => (
                    <tr key={r.recommendationId} className={r.overdue ? 'row-overdue' : undefined}>
                      <td>{r.text}</td>
                      <td className="nowrap">{fmt.dateTime(r.responseDue)}</td>
                      <td>
                        {r.overdue ? (
                          <Badge tone="critical">{t('inspections.overdue')}</Badge>
                        ) : r.responses.length ? (
                          <Badge tone="ok">{t('inspections.answered')}</Badge>
                        ) : (
                          <Badge tone="warn">{t('inspections.open')}</Badge>
                        )}
                      </td>
                      <td>
                        {r.responses.map((x) => (
                          <div key={x.seq}>
                            <span className="muted">{fmt.dateTime(x.at)}:</span> {x.text}
                          </div>
                        ))}
                      </td>
                      {can('inspections.respond') ? (
                        <td>
                          <Button size="small" onClick={() => setDialog({ kind: 'respond', rec: r })}>
                            {t('inspections.respond')}
                          </Button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
        ))
      )}
      {dialog?.kind === 'visit' ? <VisitDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'recommend' ? <RecommendDialog visit={dialog.visit} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'respond' ? <RespondDialog rec={dialog.rec} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function VisitDialog({ onClose }: { onClose(): void }) {
  const { t, label } = useI18n();
  const { centre } = useSession();
  const tz = centre.timeZone ?? 'UTC';
  const now = useServerClock();
  const visit = useMutation('inspections.recordVisit');
  const [body, setBody] = useState<string>('npm');
  const [inspectors, setInspectors] = useState('');
  const [started, setStarted] = useState(() => toLocalInput(now(), tz));
  const [ended, setEnded] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);
  const submit = async () => {
    const startedAt = fromLocalInput(started, tz);
    const endedAt = ended ? fromLocalInput(ended, tz) : undefined;
    const reasons: Reason[] = [];
    if (!startedAt) reasons.push(reason('input.invalid', 'startedAt', { detail: 'required' }));
    if (endedAt === null) reasons.push(reason('input.invalid', 'endedAt', { detail: 'expected an ISO-8601 date and time' }));
    setLocal(reasons);
    if (reasons.length || !startedAt) return;
    const names = inspectors.split('\n').map((s) => s.trim()).filter(Boolean);
    const r = await visit.run({ body: body as (typeof BODIES)[number], inspectors: names, startedAt, ...(endedAt ? { endedAt } : {}), note });
    if (r) onClose();
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('inspections.recordVisit')}
      onSubmit={submit}
      reasons={[...local, ...(visit.failure?.reasons ?? [])]}
      busy={visit.pending}
    >
      <Notice tone="warn">{t('inspections.opcat')}</Notice>
      <Select label={t('inspections.body')} name="body" value={body} onChange={setBody} options={BODIES.map((b) => ({ value: b, label: label('body', b) }))} required />
      <TextArea label={t('inspections.inspectors')} name="inspectors" value={inspectors} onChange={setInspectors} hint={t('inspections.inspectorsHint')} required rows={3} />
      <div className="row">
        <TextInput label={t('inspections.startedAt')} name="startedAt" type="datetime-local" value={started} onChange={setStarted} required />
        <TextInput label={t('inspections.endedAt')} name="endedAt" type="datetime-local" value={ended} onChange={setEnded} />
      </div>
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} hint={t('inspections.noteHint')} />
    </FormDialog>
  );
}

function RecommendDialog({ visit, onClose }: { visit: VisitView; onClose(): void }) {
  const { t } = useI18n();
  const { centre } = useSession();
  const tz = centre.timeZone ?? 'UTC';
  const now = useServerClock();
  const recommend = useMutation('inspections.recommend');
  const [text, setText] = useState('');
  const [due, setDue] = useState(() => toLocalInput(now() + 30 * 24 * 3_600_000, tz));
  const [local, setLocal] = useState<Reason[]>([]);
  const submit = async () => {
    const responseDue = fromLocalInput(due, tz);
    if (!responseDue) {
      setLocal([reason('input.invalid', 'responseDue', { detail: 'required' })]);
      return;
    }
    setLocal([]);
    const r = await recommend.run({ visitId: visit.visitId, text, responseDue });
    if (r) onClose();
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('inspections.addRecommendation')}
      onSubmit={submit}
      reasons={[...local, ...(recommend.failure?.reasons ?? [])]}
      aliases={{ visitId: 'text' }}
      busy={recommend.pending}
    >
      <TextArea label={t('inspections.recommendation')} name="text" value={text} onChange={setText} required rows={4} />
      <TextInput label={t('inspections.due')} name="responseDue" type="datetime-local" value={due} onChange={setDue} required />
    </FormDialog>
  );
}

function RespondDialog({ rec, onClose }: { rec: RecommendationView; onClose(): void }) {
  const { t } = useI18n();
  const respond = useMutation('inspections.respond');
  const [text, setText] = useState('');
  const submit = async () => {
    const r = await respond.run({ recommendationId: rec.recommendationId, text });
    if (r) onClose();
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('inspections.respond')}
      onSubmit={submit}
      reasons={respond.failure?.reasons ?? []}
      aliases={{ recommendationId: 'text' }}
      busy={respond.pending}
    >
      <blockquote className="muted">{rec.text}</blockquote>
      <TextArea label={t('inspections.response')} name="text" value={text} onChange={setText} required rows={5} />
    </FormDialog>
  );
}
