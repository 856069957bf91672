import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { type MeAccount, useMe } from '../../lib/session.tsx';
import { safeReturn } from './redirect.ts';

/** /connexion/lien?token=…: verifies the emailed one-time link, then goes on. */
export function MagicLinkPage() {
  const { t, adoptAccountLocale } = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refreshMe } = useMe();
  const [failed, setFailed] = useState('');
  const started = useRef(false);
  const token = params.get('token') ?? '';

  useEffect(() => {
    // Once only: the token is single use (React's strict mode would run the effect twice).
    if (started.current) return;
    started.current = true;
    if (!token) {
      setFailed(t('accounts.link.missing'));
      return;
    }
    api<{ account: MeAccount }>('/api/auth/magic-link/verify', { body: { token } })
      .then(async (res) => {
        adoptAccountLocale(res.account.locale);
        await refreshMe();
        navigate(safeReturn(params), { replace: true });
      })
      .catch((err) =>
        setFailed(err instanceof ApiError && err.status < 500 ? err.message : t('accounts.link.failed')),
      );
  }, [token, navigate, params, refreshMe, t, adoptAccountLocale]);

  return (
    <div className="page auth">
      <PageTitle>{t('accounts.link.title')}</PageTitle>
      {failed ? (
        <>
          <div className="alert alert--error" role="alert">
            <p>{failed}</p>
          </div>
          <p>
            <Link to="/connexion?mode=lien">{t('accounts.link.again')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('accounts.link.checking')}</p>
      )}
    </div>
  );
}
