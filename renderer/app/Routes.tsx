// Which screen a route shows.

import { Admission } from '../screens/admission/Admission.tsx';
import { Dashboard } from '../screens/Dashboard.tsx';
import { Deadlines } from '../screens/Deadlines.tsx';
import { Export } from '../screens/Export.tsx';
import { Inspections } from '../screens/Inspections.tsx';
import { PersonFile } from '../screens/PersonFile.tsx';
import { AdmissionRecordPrint } from '../screens/print/AdmissionRecordPrint.tsx';
import { RightsSheetPrint } from '../screens/print/RightsSheetPrint.tsx';
import { Register } from '../screens/Register.tsx';
import { RightsEntry } from '../screens/RightsEntry.tsx';
import { Rooms } from '../screens/Rooms.tsx';
import { Settings } from '../screens/Settings.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useLanguageControl } from './language.tsx';
import { useRoute } from './router.tsx';
import { Link } from '../ui/kit.tsx';

export function Routes() {
  const route = useRoute();
  const { lang, setLang } = useLanguageControl();
  const [first = '', second = '', third = ''] = route.segments;
  switch (first) {
    case '':
      return <Dashboard />;
    case 'register':
      return <Register />;
    case 'person':
      return <PersonFile key={second} personId={second} />;
    case 'admit':
      // A new query (another person, or a fresh start) is a new admission: new state.
      return <Admission key={route.query.toString()} />;
    case 'rooms':
      return <Rooms />;
    case 'deadlines':
      return <Deadlines />;
    case 'rights':
      return <RightsEntry />;
    case 'inspections':
      return <Inspections />;
    case 'export':
      return <Export />;
    case 'settings':
      return <Settings lang={lang} setLang={setLang} />;
    case 'print':
      if (second === 'rights') return <RightsSheetPrint personId={third} />;
      if (second === 'admission') return <AdmissionRecordPrint personId={third} placementId={route.segments[3] ?? ''} />;
      return <NotFound />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <p>
        <Link to="/">{t('nav.dashboard')}</Link>
      </p>
    </>
  );
}
