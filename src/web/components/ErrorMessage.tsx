import { ApiError } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

/** An error block (role="alert") for a failed request, in the user's words. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError && error.status === 0) text = t('common.networkError');
  else if (error instanceof ApiError && error.status === 403) text = t('common.forbidden');
  else if (error instanceof ApiError && error.status === 401) text = t('common.signInRequired');
  else text = t('common.error', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="alert alert--error" role="alert">
      <p>{text}</p>
      {onRetry && !(error instanceof ApiError && error.status >= 400 && error.status < 500) ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
