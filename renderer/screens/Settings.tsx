// Settings: language (everyone), one's own password (everyone), the centre's details and the journal
// check (everyone reads them), accounts and roles, rooms (the head of centre changes these).

import { useState, type FormEvent } from 'react';
import type { AccountView, RoomBoardRow } from '../../domain/api/outputs.ts';
import { profileById } from '../../domain/profile/az-default.ts';
import { ROLES } from '../../domain/roles.ts';
import { reason, type Reason } from '../../domain/reasons.ts';
import { useApi, useClient, useMutation } from '../api/hooks.tsx';
import { navigate, useRoute } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { usePageTitle } from '../app/title.ts';
import { useI18n } from '../i18n/context.tsx';
import { FormDialog } from '../ui/FormDialog.tsx';
import { Checkbox, ErrorSummary, FormReasons, NumberInput, Select, TextInput } from '../ui/fields.tsx';
import { Badge, Button, KeyValues, Loading, LoadError, Notice, Panel } from '../ui/kit.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import type { UiLanguage } from '../i18n/core.ts';
import type { VerifyResult } from '../../domain/api/outputs.ts';
import { ApiFailure } from '../api/client.ts';

export function Settings({ lang, setLang }: { lang: UiLanguage; setLang(l: UiLanguage): void }) {
  const { t } = useI18n();
  usePageTitle(t('nav.settings'));
  const { can } = useSession();
  const route = useRoute();
  const tab = route.query.get('tab') ?? 'language';
  const tabs = [
    { id: 'language', label: t('settings.language'), content: () => <LanguageTab lang={lang} setLang={setLang} /> },
    { id: 'password', label: t('settings.password'), content: () => <PasswordTab /> },
    { id: 'centre', label: t('settings.centre'), content: () => <CentreTab /> },
    ...(can('accounts.list') ? [{ id: 'accounts', label: t('settings.accounts'), content: () => <AccountsTab /> }] : []),
    { id: 'rooms', label: t('settings.rooms'), content: () => <RoomsTab /> },
  ];
  return (
    <>
      <div className="page-head">
        <h1>{t('nav.settings')}</h1>
      </div>
      <Tabs label={t('nav.settings')} tabs={tabs} active={tab} onChange={(id) => navigate(`/settings?tab=${id}`, { replace: true })} />
    </>
  );
}

function LanguageTab({ lang, setLang }: { lang: UiLanguage; setLang(l: UiLanguage): void }) {
  const { t, fmt } = useI18n();
  const { centre } = useSession();
  return (
    <Panel title={t('settings.language')} headingLevel={2}>
      <LanguageSwitcher lang={lang} setLang={setLang} />
      <p className="hint">{t('settings.languageHint')}</p>
      <KeyValues
        columns={1}
        items={[
          [t('settings.timeZone'), centre.timeZone],
          [t('settings.sampleDate'), fmt.dateTime(new Date().toISOString())],
          [t('settings.sampleNumber'), fmt.number(1234567.89)],
        ]}
      />
    </Panel>
  );
}

function PasswordTab() {
  const { t } = useI18n();
  const { account } = useSession();
  const set = useMutation('accounts.setPassword');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Reason[]>([]);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (password !== confirm) {
      setLocal([reason('ui.password_mismatch', 'confirm')]);
      return;
    }
    setLocal([]);
    const r = await set.run({ accountId: account.accountId, password });
    if (r) {
      setDone(true);
      setPassword('');
      setConfirm('');
    }
  };
  return (
    <Panel title={t('settings.password')} headingLevel={2}>
      {done ? <Notice tone="ok" live>{t('settings.passwordChanged')}</Notice> : null}
      <form onSubmit={submit} noValidate style={{ maxWidth: '26rem' }}>
        <FormReasons reasons={[...local, ...(set.failure?.reasons ?? [])]}>
          <ErrorSummary />
          <TextInput label={t('account.newPassword')} name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" hint={t('account.passwordHint')} required />
          <TextInput label={t('account.passwordConfirm')} name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" required />
          <Button type="submit" variant="primary" busy={set.pending}>
            {t('settings.changePassword')}
          </Button>
        </FormReasons>
      </form>
    </Panel>
  );
}

function CentreTab() {
  const { t, fmt } = useI18n();
  const { centre } = useSession();
  const client = useClient();
  const head = useApi('journal.head', {});
  const profile = profileById(centre.profileId ?? '');
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<ApiFailure | null>(null);
  const run = () => {
    setVerifying(true);
    setVerifyError(null);
    client.call('journal.verify', {}).then(
      (v) => {
        setVerify(v);
        setVerifying(false);
      },
      (e: ApiFailure) => {
        setVerifyError(e);
        setVerifying(false);
      },
    );
  };
  return (
    <div className="grid-2">
      <Panel title={t('settings.centre')} headingLevel={2}>
        <KeyValues
          columns={1}
          items={[
            [t('firstRun.centreName'), centre.name],
            [t('settings.timeZone'), centre.timeZone],
            [t('firstRun.profile'), profile?.name ?? centre.profileId],
            [t('settings.sources'), profile ? <ul key="s">{profile.sources.map((s) => <li key={s}>{s}</li>)}</ul> : '—'],
            [t('settings.fingerprint'), <code key="f" style={{ wordBreak: 'break-all' }}>{centre.keyFingerprint}</code>],
          ]}
        />
        <p className="hint">{t('settings.centreReadOnly')}</p>
      </Panel>
      <Panel title={t('settings.journal')} headingLevel={2}>
        {head.error ? <LoadError error={head.error} /> : null}
        {head.data ? (
          <KeyValues
            columns={1}
            items={[
              [t('settings.journalSeq'), fmt.number(head.data.seq)],
              [t('settings.journalHash'), <code key="h" style={{ wordBreak: 'break-all' }}>{head.data.hash}</code>],
            ]}
          />
        ) : (
          <Loading />
        )}
        <p>
          <Button onClick={run} busy={verifying}>
            {t('settings.verify')}
          </Button>
        </p>
        {verifyError ? <LoadError error={verifyError} /> : null}
        {verify ? (
          verify.ok ? (
            <Notice tone="ok" live>{t('settings.verifyOk', { count: verify.entries })}</Notice>
          ) : (
            <Notice tone="danger" live>{t('settings.verifyBad', { seq: verify.firstBad?.seq ?? 0, problem: verify.firstBad?.problem ?? '' })}</Notice>
          )
        ) : null}
      </Panel>
    </div>
  );
}

function AccountsTab() {
  const { t, label } = useI18n();
  const { account: me } = useSession();
  const accounts = useApi('accounts.list', {});
  const [dialog, setDialog] = useState<null | { kind: 'create' } | { kind: 'change'; account: AccountView } | { kind: 'password'; account: AccountView }>(null);
  return (
    <Panel
      title={t('settings.accounts')}
      headingLevel={2}
      actions={
        <Button variant="primary" size="small" onClick={() => setDialog({ kind: 'create' })}>
          {t('account.create')}
        </Button>
      }
    >
      {accounts.error ? <LoadError error={accounts.error} /> : null}
      {!accounts.data ? (
        <Loading />
      ) : (
        <table className="grid compact">
          <caption className="vh">{t('settings.accounts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.username')}</th>
              <th scope="col">{t('account.displayName')}</th>
              <th scope="col">{t('account.role')}</th>
              <th scope="col">{t('account.state')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={a.accountId}>
                <th scope="row">
                  <code>{a.username}</code> {a.accountId === me.accountId ? <Badge tone="info">{t('account.you')}</Badge> : null}
                </th>
                <td>{a.displayName}</td>
                <td>{label('role', a.role)}</td>
                <td>{a.active ? <Badge tone="ok">{t('account.active')}</Badge> : <Badge>{t('account.disabled')}</Badge>}</td>
                <td className="btn-row">
                  <Button size="small" onClick={() => setDialog({ kind: 'change', account: a })} aria-label={t('account.changeWho', { name: a.username })}>
                    {t('account.change')}
                  </Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'password', account: a })} aria-label={t('account.passwordWho', { name: a.username })}>
                    {t('account.setPassword')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'create' ? <AccountDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'change' ? <AccountDialog account={dialog.account} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'password' ? <SetPasswordDialog account={dialog.account} onClose={() => setDialog(null)} /> : null}
    </Panel>
  );
}

function AccountDialog({ account, onClose }: { account?: AccountView; onClose(): void }) {
  const { t, label } = useI18n();
  const create = useMutation('accounts.create');
  const change = useMutation('accounts.change');
  const [username, setUsername] = useState(account?.username ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<string>(account?.role ?? 'registrar');
  const [active, setActive] = useState(account?.active ?? true);
  const [password, setPassword] = useState('');
  const submit = async () => {
    const r = account
      ? await change.run({
          accountId: account.accountId,
          ...(displayName !== account.displayName ? { displayName } : {}),
          ...(role !== account.role ? { role: role as AccountView['role'] } : {}),
          ...(active !== account.active ? { active } : {}),
        })
      : await create.run({ username, displayName, role: role as AccountView['role'], password });
    if (r) onClose();
  };
  const failure = (account ? change : create).failure;
  return (
    <FormDialog
      onClose={onClose}
      title={account ? t('account.changeWho', { name: account.username }) : t('account.create')}
      onSubmit={submit}
      reasons={failure?.reasons ?? []}
      aliases={{ accountId: 'role' }}
      submitLabel={t('common.save')}
      busy={(account ? change : create).pending}
    >
      {account ? null : <TextInput label={t('account.username')} name="username" value={username} onChange={setUsername} hint={t('account.usernameHint')} required autoComplete="off" />}
      <TextInput label={t('account.displayName')} name="displayName" value={displayName} onChange={setDisplayName} required autoComplete="off" />
      <Select label={t('account.role')} name="role" value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: label('role', r) }))} required hint={t('account.roleHint')} />
      {account ? (
        <Checkbox label={t('account.active')} name="active" checked={active} onChange={setActive} />
      ) : (
        <TextInput label={t('account.password')} name="password" type="password" value={password} onChange={setPassword} hint={t('account.passwordHint')} required autoComplete="new-password" />
      )}
    </FormDialog>
  );
}

function SetPasswordDialog({ account, onClose }: { account: AccountView; onClose(): void }) {
  const { t } = useI18n();
  const set = useMutation('accounts.setPassword');
  const [password, setPassword] = useState('');
  const submit = async () => {
    const r = await set.run({ accountId: account.accountId, password });
    if (r) onClose();
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('account.passwordWho', { name: account.username })}
      onSubmit={submit}
      reasons={set.failure?.reasons ?? []}
      submitLabel={t('common.save')}
      busy={set.pending}
    >
      <TextInput label={t('account.newPassword')} name="password" type="password" value={password} onChange={setPassword} hint={t('account.passwordHint')} required autoComplete="new-password" />
    </FormDialog>
  );
}

function RoomsTab() {
  const { t, label, fmt } = useI18n();
  const { can } = useSession();
  const board = useApi('register.roomBoard', {});
  const [dialog, setDialog] = useState<null | { room?: RoomBoardRow }>(null);
  return (
    <Panel
      title={t('settings.rooms')}
      headingLevel={2}
      actions={
        can('rooms.define') ? (
          <Button variant="primary" size="small" onClick={() => setDialog({})}>
            {t('room.define')}
          </Button>
        ) : undefined
      }
    >
      {board.error ? <LoadError error={board.error} /> : null}
      {!board.data ? (
        <Loading />
      ) : (
        <table className="grid compact">
          <caption className="vh">{t('settings.rooms')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('room.name')}</th>
              <th scope="col">{t('person.sex')}</th>
              <th scope="col">{t('person.ageGroup')}</th>
              <th scope="col">{t('placement.regime')}</th>
              <th scope="col">{t('room.family')}</th>
              <th scope="col" className="num">{t('room.capacity')}</th>
              <th scope="col" className="num">{t('room.area')}</th>
              <th scope="col" className="num">{t('room.bedsUsed')}</th>
              {can('rooms.update') ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {board.data.rooms.map((r) => (
              <tr key={r.roomId}>
                <th scope="row">
                  {r.name} {r.retired ? <Badge>{t('room.retired')}</Badge> : null}
                </th>
                <td>{label('sex', r.sex)}</td>
                <td>{label('ageGroup', r.ageGroup)}</td>
                <td>{label('regime', r.regime)}</td>
                <td>{r.family ? t('common.yes') : t('common.no')}</td>
                <td className="num">{r.capacity}</td>
                <td className="num">{fmt.number(r.floorAreaM2)}</td>
                <td className="num">{r.occupants.length}</td>
                {can('rooms.update') ? (
                  <td>
                    <Button size="small" onClick={() => setDialog({ room: r })} aria-label={t('room.changeWhich', { name: r.name })}>
                      {t('room.change')}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog ? <RoomDialog room={dialog.room} onClose={() => setDialog(null)} /> : null}
    </Panel>
  );
}

function RoomDialog({ room, onClose }: { room?: RoomBoardRow; onClose(): void }) {
  const { t, label } = useI18n();
  const define = useMutation('rooms.define');
  const update = useMutation('rooms.update');
  const [name, setName] = useState(room?.name ?? '');
  const [capacity, setCapacity] = useState<number | null>(room?.capacity ?? 2);
  const [area, setArea] = useState<number | null>(room?.floorAreaM2 ?? 12);
  const [family, setFamily] = useState(room?.family ?? false);
  const [sex, setSex] = useState<string>(room?.sex ?? 'male');
  const [ageGroup, setAgeGroup] = useState<string>(room?.ageGroup ?? 'adult');
  const [regime, setRegime] = useState<string>(room?.regime ?? 'forced');
  const [retired, setRetired] = useState(room?.retired ?? false);
  const submit = async () => {
    const fields = {
      name,
      capacity: capacity ?? 0,
      floorAreaM2: area ?? 0,
      family,
      sex: sex ? (sex as 'male' | 'female') : null,
      ageGroup: ageGroup ? (ageGroup as 'minor' | 'adult') : null,
      regime: regime as 'forced' | 'voluntary' | 'asylum',
    };
    if (room) {
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) if (JSON.stringify(v) !== JSON.stringify((room as unknown as Record<string, unknown>)[k])) changes[k] = v;
      if (retired !== room.retired) changes.retired = retired;
      const r = await update.run({ roomId: room.roomId, ...changes });
      if (r) onClose();
    } else {
      const r = await define.run(fields);
      if (r) onClose();
    }
  };
  const m = room ? update : define;
  return (
    <FormDialog
      onClose={onClose}
      title={room ? t('room.changeWhich', { name: room.name }) : t('room.define')}
      onSubmit={submit}
      reasons={m.failure?.reasons ?? []}
      aliases={{ roomId: 'name' }}
      submitLabel={t('common.save')}
      busy={m.pending}
    >
      <TextInput label={t('room.name')} name="name" value={name} onChange={setName} required autoComplete="off" />
      <div className="row">
        <NumberInput label={t('room.capacity')} name="capacity" value={capacity} onChange={setCapacity} min={1} step={1} required />
        <NumberInput label={t('room.area')} name="floorAreaM2" value={area} onChange={setArea} min={1} step={0.1} required />
      </div>
      <Checkbox label={t('room.familyRoom')} name="family" checked={family} onChange={setFamily} hint={t('room.familyHint')} />
      <div className="row">
        <Select label={t('person.sex')} name="sex" value={sex} onChange={setSex} placeholder={t('room.anySex')} options={[{ value: 'male', label: label('sex', 'male') }, { value: 'female', label: label('sex', 'female') }]} />
        <Select label={t('person.ageGroup')} name="ageGroup" value={ageGroup} onChange={setAgeGroup} placeholder={t('room.anyAge')} options={[{ value: 'adult', label: label('ageGroup', 'adult') }, { value: 'minor', label: label('ageGroup', 'minor') }]} />
        <Select label={t('placement.regime')} name="regime" value={regime} onChange={setRegime} options={(['forced', 'voluntary', 'asylum'] as const).map((r) => ({ value: r, label: label('regime', r) }))} required />
      </div>
      {room ? <Checkbox label={t('room.retire')} name="retired" checked={retired} onChange={setRetired} hint={t('room.retireHint')} /> : null}
    </FormDialog>
  );
}
