// The actions on one placement or person, each in a dialog: release or other end, a new order,
// a room move, an exit or return, a change of status, an identity correction. Every refusal is shown
// next to its field, in the user's language.

import { useState } from 'react';
import { END_REASONS } from '../../domain/api/inputs.ts';
import type { PersonView } from '../../domain/api/outputs.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { STATUSES } from '../../domain/profile/types.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { useApi, useMutation, useServerClock, useServerClockReady } from '../api/hooks.tsx';
import { useSession } from '../app/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { fromLocalInput } from '../i18n/format.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { Checkbox, Select, TextArea, TextInput } from '../ui/fields.tsx';
import { DialogForm, FormDialog } from '../ui/FormDialog.tsx';
import { Button, Notice } from '../ui/kit.tsx';
import { emptyOrder, orderFromDraft, OrderFields, type OrderDraft } from './forms/order.tsx';
import { identityFromPerson, identityInput, IdentityFields, type IdentityDraft } from './forms/identity.tsx';

/** "When did it happen?" — empty means now. A time given later than the event is kept as entered late. */
export function AtField({ value, onChange, name = 'at' }: { value: string; onChange(v: string): void; name?: string }) {
  const { t } = useI18n();
  return <TextInput label={t('form.when')} name={name} type="datetime-local" value={value} onChange={onChange} hint={t('form.whenHint')} />;
}

export function atInput(value: string, timeZone: string): { at?: string } | null {
  if (!value.trim()) return {};
  const at = fromLocalInput(value, timeZone);
  return at ? { at } : null;
}

export function useAt() {
  const { centre } = useSession();
  const [at, setAt] = useState('');
  const tz = centre.timeZone ?? 'UTC';
  const parsed = atInput(at, tz);
  const atReasons: Reason[] = parsed === null ? [reason('input.invalid', 'at', { detail: 'expected an ISO-8601 date and time' })] : [];
  return { at, setAt, parsed: parsed ?? {}, atReasons };
}

export function EndPlacementDialog({
  open,
  onClose,
  placementId,
  personName,
  defaultReason = 'release',
}: {
  open: boolean;
  onClose(): void;
  placementId: string;
  personName: string;
  defaultReason?: (typeof END_REASONS)[number];
}) {
  const { t, label } = useI18n();
  const end = useMutation('placements.end');
  const [why, setWhy] = useState<string>(defaultReason);
  const [destination, setDestination] = useState('');
  const [note, setNote] = useState('');
  const when = useAt();
  const submit = async () => {
    if (when.atReasons.length) return;
    const r = await end.run({ placementId, reason: why as (typeof END_REASONS)[number], destination, note, ...when.parsed });
    if (r) onClose();
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('end.title', { name: personName })}
      onSubmit={submit}
      reasons={[...when.atReasons, ...(end.failure?.reasons ?? [])]}
      aliases={{ placementId: 'reason' }}
      submitLabel={t('end.submit', { reason: label('endReason', why) })}
      submitVariant={why === 'release' ? 'primary' : 'danger'}
      busy={end.pending}
    >
      <Select label={t('end.reason')} name="reason" value={why} onChange={setWhy} options={END_REASONS.map((r) => ({ value: r, label: label('endReason', r) }))} required />
      <TextInput label={t('end.destination')} name="destination" value={destination} onChange={setDestination} hint={t('end.destinationHint')} />
      <TextArea label={t('common.note')} name="note" value={note} onChange={setNote} />
      <AtField value={when.at} onChange={when.setAt} />
    </FormDialog>
  );
}

export function AddOrderDialog(props: { open: boolean; onClose(): void; placementId: string; personName: string }) {
  const clock = useServerClockReady();
  return clock.ready ? <AddOrderForm {...props} /> : null;
}

function AddOrderForm({ open, onClose, placementId, personName }: { open: boolean; onClose(): void; placementId: string; personName: string }) {
  const { t, fmt } = useI18n();
  const { centre } = useSession();
  const now = useServerClock();
  const tz = centre.timeZone ?? 'UTC';
  const profile = profileById(centre.profileId ?? '');
  const add = useMutation('placements.addOrder');
  const [draft, setDraft] = useState<OrderDraft>(() => emptyOrder(now(), tz, 'court_order'));
  const [local, setLocal] = useState<Reason[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    const { order, reasons } = orderFromDraft(draft, tz);
    setLocal(reasons);
    if (!order || reasons.length) return;
    const r = await add.run({ placementId, order });
    if (r) setDone(r.deadline);
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('addOrder.title', { name: personName })} wide>
      {done !== null ? (
        <>
          <Notice tone="ok" live>
            {t('addOrder.done', { deadline: fmt.dateTime(done) })}
          </Notice>
          <div className="form-actions">
            <Button variant="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </>
      ) : (
        <DialogForm
          onSubmit={submit}
          onCancel={onClose}
          reasons={[...local, ...(add.failure?.reasons ?? [])]}
          aliases={{ 'order.startsAt': 'order.issuedAt', placementId: 'order.basis' }}
          submitLabel={t('addOrder.submit')}
          busy={add.pending}
        >
          <p className="hint">{t('addOrder.hint')}</p>
          <OrderFields draft={draft} onChange={setDraft} profile={profile} />
        </DialogForm>
      )}
    </Dialog>
  );
}

/** Move a placed person to another room. Every room is offered; the API says why one is refused. */
export function MoveDialog({
  open,
  onClose,
  placementId,
  personName,
  currentRoomId,
}: {
  open: boolean;
  onClose(): void;
  placementId: string;
  personName: string;
  currentRoomId: string | null;
}) {
  const { t, label } = useI18n();
  const board = useApi('register.roomBoard', open ? {} : null);
  const assign = useMutation('rooms.assign');
  const [roomId, setRoomId] = useState('');
  const [over, setOver] = useState(false);
  const when = useAt();
  const full = assign.failure?.reasons.some((r) => r.code === 'room.full');
  const submit = async () => {
    if (when.atReasons.length) return;
    if (!roomId) {
      assign.setFailure(null);
    }
    const r = await assign.run({ placementId, roomId, acceptOverCapacity: over, ...when.parsed });
    if (r) onClose();
  };
  const rooms = (board.data?.rooms ?? []).filter((r) => !r.retired && r.roomId !== currentRoomId);
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('move.title', { name: personName })}
      onSubmit={submit}
      reasons={[...when.atReasons, ...(assign.failure?.reasons ?? [])]}
      aliases={{ placementId: 'roomId' }}
      submitLabel={t('move.submit')}
      busy={assign.pending}
    >
      <Select
        label={t('move.room')}
        name="roomId"
        value={roomId}
        onChange={(v) => {
          setRoomId(v);
          assign.reset();
        }}
        placeholder={t('common.choose')}
        required
        options={rooms.map((r) => ({
          value: r.roomId,
          label: `${r.name} — ${r.family ? t('room.family') : `${label('sex', r.sex)}, ${label('ageGroup', r.ageGroup)}`}, ${label('regime', r.regime)} (${r.occupants.length}/${r.capacity})`,
        }))}
      />
      {full ? <Checkbox label={t('move.overCapacity')} name="acceptOverCapacity" checked={over} onChange={setOver} /> : null}
      <AtField value={when.at} onChange={when.setAt} />
    </FormDialog>
  );
}

export function MovementDialog({ open, onClose, placementId, personName, direction }: { open: boolean; onClose(): void; placementId: string; personName: string; direction: 'exit' | 'return' }) {
  const { t } = useI18n();
  const record = useMutation('movements.record');
  const [purpose, setPurpose] = useState('');
  const when = useAt();
  const submit = async () => {
    if (when.atReasons.length) return;
    const r = await record.run({ placementId, direction, purpose, ...when.parsed });
    if (r) onClose();
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t(direction === 'exit' ? 'movement.exitTitle' : 'movement.returnTitle', { name: personName })}
      onSubmit={submit}
      reasons={[...when.atReasons, ...(record.failure?.reasons ?? [])]}
      aliases={{ placementId: 'purpose' }}
      busy={record.pending}
    >
      <p className="hint">{t('movement.hint')}</p>
      <TextInput label={t('movement.purpose')} name="purpose" value={purpose} onChange={setPurpose} />
      <AtField value={when.at} onChange={when.setAt} />
    </FormDialog>
  );
}

export function StatusDialog({ open, onClose, person }: { open: boolean; onClose(): void; person: PersonView }) {
  const { t, label } = useI18n();
  const set = useMutation('persons.setStatus');
  const [status, setStatus] = useState<string>(person.status);
  const [why, setWhy] = useState('');
  const submit = async () => {
    const r = await set.run({ personId: person.personId, status: status as (typeof STATUSES)[number], reason: why });
    if (r) onClose();
  };
  return (
    <FormDialog open={open} onClose={onClose} title={t('status.title')} onSubmit={submit} reasons={set.failure?.reasons ?? []} busy={set.pending}>
      <Select label={t('person.status')} name="status" value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: label('status', s) }))} required />
      <TextArea label={t('common.reason')} name="reason" value={why} onChange={setWhy} required />
    </FormDialog>
  );
}

/** A correction: the identity form, prefilled; only what changed is sent, with the reason. Never an edit. */
export function CorrectDialog({ open, onClose, person }: { open: boolean; onClose(): void; person: PersonView }) {
  const { t } = useI18n();
  const correct = useMutation('persons.correct');
  const original = identityFromPerson(person);
  const [draft, setDraft] = useState<IdentityDraft>(original);
  const [why, setWhy] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);
  const submit = async () => {
    const before = identityInput(original) as Record<string, unknown>;
    const after = identityInput(draft) as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    for (const k of Object.keys({ ...before, ...after })) {
      if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) changes[k] = after[k] ?? (k === 'nameOriginal' ? '' : null);
    }
    if (!Object.keys(changes).length) {
      setLocal([reason('account.no_change', 'changes')]);
      return;
    }
    setLocal([]);
    const r = await correct.run({ personId: person.personId, changes: changes as never, reason: why });
    if (r) onClose();
  };
  const aliases: Record<string, string> = { changes: 'reason' };
  for (const k of Object.keys(original)) aliases[`changes.${k}`] = k;
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('correct.title')}
      wide
      onSubmit={submit}
      reasons={[...local, ...(correct.failure?.reasons ?? [])]}
      aliases={aliases}
      submitLabel={t('correct.submit')}
      busy={correct.pending}
    >
      <Notice>{t('correct.hint')}</Notice>
      <IdentityFields draft={draft} onChange={setDraft} />
      <TextArea label={t('correct.reason')} name="reason" value={why} onChange={setWhy} required />
    </FormDialog>
  );
}
