import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useT } from '../lib/i18n.tsx';

/** "Bientôt disponible" page for a part of Maillage that is not built yet. */
export function ComingSoon({ titleKey, textKey }: { titleKey: string; textKey: string }) {
  const t = useT();
  return (
    <div className="page">
      <PageTitle>{t(titleKey)}</PageTitle>
      <EmptyState title={t('app.soon.title')} action={<Link to="/">{t('app.soon.back')}</Link>}>
        <p>{t(textKey)}</p>
      </EmptyState>
    </div>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <div className="page">
      <PageTitle>{t('app.notFound.title')}</PageTitle>
      <p>{t('app.notFound.text')}</p>
      <p>
        <Link to="/">{t('app.soon.back')}</Link>
      </p>
    </div>
  );
}
