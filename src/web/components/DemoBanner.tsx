import { useT } from '../lib/i18n.tsx';
import { useSite } from '../lib/site.tsx';

/** A visible notice on every page when the database holds demo data (GET /api/site → demo: true). */
export function DemoBanner() {
  const t = useT();
  const site = useSite();
  if (!site?.demo) return null;
  return (
    <div className="demo-banner" role="note">
      <strong>{t('app.demoBadge')}</strong> {t('app.demo')}
    </div>
  );
}
