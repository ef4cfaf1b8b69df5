// The "information on your rights" sheet, in the person's language (not the user's), ready for the
// browser's print / save as PDF. The toolbar does not print.

import { profileById } from '../../../domain/profile/az-default.ts';
import { useApi, useServerClock } from '../../api/hooks.tsx';
import { href, navigate, useRoute } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { useI18n } from '../../i18n/context.tsx';
import { SHEETS, sheetFacts, sheetLanguageFor } from '../../print/rights-sheet/index.ts';
import { Select } from '../../ui/fields.tsx';
import { Button } from '../../ui/kit.tsx';

export function RightsSheetPrint({ personId }: { personId: string }) {
  const { t, fmt } = useI18n();
  const { centre } = useSession();
  const now = useServerClock();
  const route = useRoute();
  const file = useApi('register.personFile', personId ? { personId } : null);
  const person = file.data?.person;
  const lang = route.query.get('lang') ?? sheetLanguageFor(person?.languages ?? []);
  const sheet = SHEETS[lang] ?? SHEETS.en!;
  usePageTitle(t('print.rightsSheet'));
  const facts = sheetFacts(profileById(centre.profileId ?? ''), centre.name ?? '');
  return (
    <>
      <div className="print-toolbar">
        <h1 className="vh">{t('print.rightsSheet')}</h1>
        <Select
          label={t('print.sheetLanguage')}
          value={sheet.lang}
          onChange={(l) => navigate(`/print/rights/${encodeURIComponent(personId)}?lang=${l}`, { replace: true })}
          options={Object.values(SHEETS).map((s) => ({ value: s.lang, label: s.name }))}
          hint={t('print.sheetLanguageHint')}
        />
        <Button variant="primary" onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        {personId ? <a href={href(`/person/${encodeURIComponent(personId)}`)}>{t('print.backToFile')}</a> : null}
        <span className="muted">{t('print.version', { version: sheet.version })}</span>
      </div>
      <article className="print-page rights-sheet" lang={sheet.lang} dir={sheet.dir}>
        <h2 style={{ border: 'none', fontSize: '1.5rem' }}>{sheet.title}</h2>
        {person ? (
          <p>
            <strong>
              {person.familyName}, {person.givenNames}
            </strong>
            {person.nameOriginal ? ` (${person.nameOriginal})` : ''}
          </p>
        ) : null}
        <p>{sheet.intro(facts)}</p>
        {sheet.sections(facts).map((s) => (
          <section key={s.heading}>
            <h3>{s.heading}</h3>
            <ul>
              {s.items.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          </section>
        ))}
        <p style={{ marginTop: '1.2rem' }}>{sheet.receipt.received}</p>
        <div className="signatures">
          <div>{sheet.receipt.signature}</div>
          <div>{sheet.receipt.date}</div>
          <div>{sheet.receipt.interpreter}</div>
          <div>{sheet.receipt.staff}</div>
        </div>
        <p className="muted" style={{ marginTop: '1rem', fontSize: '0.8rem' }}>
          {sheet.version} · {centre.name} · {fmt.dateTime(new Date(now()).toISOString())}
        </p>
      </article>
    </>
  );
}
