// Step 4: the room. Only the rooms the separation rules allow are offered (computed with the same
// domain rules the API applies); the others are listed with the reason they are excluded. The chosen
// room is checked once more by the API (placements.check) before the admission is saved.

import { useEffect, useState, type FormEvent } from 'react';
import { ageGroupAt, type AgeAssessment } from '../../../domain/age.ts';
import type { RoomBoardRow } from '../../../domain/api/outputs.ts';
import { profileById } from '../../../domain/profile/az-default.ts';
import { reason as mkReason, type Reason } from '../../../domain/reasons.ts';
import { occupantConflicts, regimeOf, type OccupantCategories } from '../../../domain/separation.ts';
import { toIso } from '../../../domain/time.ts';
import { ApiFailure } from '../../api/client.ts';
import { useApi, useClient, useServerClock } from '../../api/hooks.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { Checkbox, ErrorSummary, FormReasons, RadioGroup } from '../../ui/fields.tsx';
import { Button, Loading, LoadError } from '../../ui/kit.tsx';
import type { StepProps } from './Admission.tsx';
import { ADMISSION_ALIASES, admissionInput } from './state.ts';

interface RoomOption {
  room: RoomBoardRow;
  reasons: Reason[];
  full: boolean;
}

export function StepRoom({ draft, setDraft, back, locate, onAdmitted }: StepProps & { onAdmitted(r: { placementId: string; deadline: string | null }): void }) {
  const { t, label, fmt, reason } = useI18n();
  const { centre } = useSession();
  const client = useClient();
  const now = useServerClock();
  const tz = centre.timeZone ?? 'UTC';
  const profile = profileById(centre.profileId ?? '');
  const board = useApi('register.roomBoard', {});
  const file = useApi('register.personFile', draft.personId ? { personId: draft.personId } : null);
  const [checkReasons, setCheckReasons] = useState<Reason[]>([]);
  const [admitReasons, setAdmitReasons] = useState<Reason[]>([]);
  const [busy, setBusy] = useState(false);

  const built = admissionInput(draft, tz);
  const roomPart = draft.roomId ? { roomId: draft.roomId } : {};
  const key = JSON.stringify(built.input ? { ...built.input, ...roomPart } : null);

  useEffect(() => {
    if (!draft.roomId || !built.input) {
      setCheckReasons([]);
      return;
    }
    let cancelled = false;
    client.call('placements.check', JSON.parse(key)).then(
      (r) => !cancelled && setCheckReasons(r.reasons),
      (e: unknown) => !cancelled && setCheckReasons(e instanceof ApiFailure ? e.reasons : []),
    );
    return () => {
      cancelled = true;
    };
  }, [key, client]); // eslint-disable-line react-hooks/exhaustive-deps

  if (board.error) return <LoadError error={board.error} />;
  if (!board.data || !file.data || !profile) return <Loading />;

  const p = file.data.person;
  const at = built.input?.at ?? toIso(now());
  const me: OccupantCategories = {
    personId: p.personId,
    placementId: '(new)',
    sex: p.sex,
    ageGroup: ageGroupAt(
      { birthDate: p.birthDate, claimedAge: p.claimedAge, claimedAgeOn: p.claimedAgeOn, ageAssessment: p.ageAssessment as AgeAssessment },
      at,
      profile,
      tz,
    ),
    regime: regimeOf(draft.kind, draft.status),
    familyGroup: p.familyGroup,
  };
  const options: RoomOption[] = board.data.rooms
    .filter((r) => !r.retired)
    .map((room) => {
      const others = room.occupants.map((o) => ({ personId: o.personId, placementId: o.placementId, sex: o.sex, ageGroup: o.ageGroup, regime: o.regime, familyGroup: o.familyGroup }));
      const reasons = occupantConflicts(room, me, others).map((r) => ({ ...r, params: { ...r.params, roomName: room.name } }));
      return { room, reasons, full: room.occupants.length >= room.capacity };
    });
  const allowed = options.filter((o) => o.reasons.length === 0);
  const excluded = options.filter((o) => o.reasons.length > 0);
  const chosen = options.find((o) => o.room.roomId === draft.roomId);

  const admit = async (e: FormEvent) => {
    e.preventDefault();
    if (!built.input) return;
    setBusy(true);
    setAdmitReasons([]);
    try {
      const r = await client.call('placements.admit', { ...built.input, ...roomPart, acceptOverCapacity: draft.acceptOverCapacity });
      onAdmitted({ placementId: r.id, deadline: r.deadline });
    } catch (err) {
      setAdmitReasons(err instanceof ApiFailure ? err.reasons : [mkReason('api.internal')]);
    } finally {
      setBusy(false);
    }
  };

  const reasons = [...admitReasons, ...checkReasons.filter((r) => !admitReasons.some((a) => a.code === r.code && a.field === r.field))];
  const fullChosen = chosen?.full || reasons.some((r) => r.code === 'room.full');
  const describeRoom = (r: RoomBoardRow) =>
    `${r.family ? t('room.family') : `${label('sex', r.sex)}, ${label('ageGroup', r.ageGroup)}`} · ${label('regime', r.regime)}`;

  return (
    <form onSubmit={admit} noValidate>
      <FormReasons reasons={reasons} aliases={ADMISSION_ALIASES} onLocate={locate}>
        <ErrorSummary />
        <p className="muted">
          {t('admission.roomFor', {
            sex: label('sex', me.sex),
            ageGroup: label('ageGroup', me.ageGroup),
            regime: label('regime', me.regime),
          })}
        </p>
        <RadioGroup
          legend={t('admission.allowedRooms', { count: allowed.length })}
          name="roomId"
          inline={false}
          value={draft.roomId}
          onChange={(v) => setDraft((d) => ({ ...d, roomId: v, acceptOverCapacity: false }))}
          options={[
            { value: '', label: t('admission.noRoomYet') },
            ...allowed.map((o) => ({
              value: o.room.roomId,
              label: `${o.room.name} — ${describeRoom(o.room)} — ${t('room.bedsOf', { used: o.room.occupants.length, capacity: o.room.capacity })}${o.full ? ` (${t('room.full')})` : ''}`,
              hint: o.room.m2PerPerson !== null ? t('room.m2Line', { m2: fmt.number(o.room.m2PerPerson) }) : undefined,
            })),
          ]}
        />
        {fullChosen ? (
          <Checkbox label={t('move.overCapacity')} name="acceptOverCapacity" checked={draft.acceptOverCapacity} onChange={(v) => setDraft((d) => ({ ...d, acceptOverCapacity: v }))} />
        ) : null}
        <details className="excluded">
          <summary>{t('admission.excludedRooms', { count: excluded.length })}</summary>
          <ul>
            {excluded.map((o) => (
              <li key={o.room.roomId}>
                <strong>{o.room.name}</strong> ({describeRoom(o.room)}): {o.reasons.map((r) => reason(r)).join('; ')}
              </li>
            ))}
          </ul>
        </details>
        <div className="form-actions">
          <Button onClick={back}>{t('common.back')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {draft.kind === 'forced' ? t('admission.admitForced') : t('admission.admitVoluntary')}
          </Button>
        </div>
      </FormReasons>
    </form>
  );
}
