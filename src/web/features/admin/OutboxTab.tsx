import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { OutboxMail } from './types.ts';

/**
 * The outbox (mails queued, sent, failed after their last attempt, or kept when no SMTP server is set): list with
 * attempts and next try, read one, send a failed one again.
 */
export function OutboxTab() {
  const { t, formatDateTime } = useLocale();
  useDocumentTitle(`${t('admin.tabs.outbox')} · ${t('admin.title')}`);
  const [params, setParams] = useSearchParams();
  const to = params.get('a') ?? '';
  const openId = params.get('mail');
  const [draft, setDraft] = useState(to);
  const me = useMe();
  const admin = Boolean(me.account?.isPlatformAdmin);
  const { data, error, loading, reload } = useApi<{ items: OutboxMail[] }>(
    admin ? '/api/admin/outbox' : null,
    { to },
  );
  const items = data?.items ?? [];
  const open = items.find((m) => m.id === openId);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);

  async function requeue(mail: OutboxMail) {
    setNotice('');
    setFailure(undefined);
    setBusy(mail.id);
    try {
      await api(`/api/admin/outbox/${encodeURIComponent(mail.id)}/requeue`, { method: 'POST' });
      setNotice(t('admin.outbox.requeued', { to: mail.to }));
      reload();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(null);
    }
  }
  const requeueButton = (m: OutboxMail) =>
    m.status === 'failed' ? (
      <button
        type="button"
        className="button button--secondary"
        aria-label={t('admin.outbox.requeueLabel', { subject: m.subject, to: m.to })}
        disabled={busy === m.id}
        onClick={() => void requeue(m)}
      >
        {t('admin.outbox.requeue')}
      </button>
    ) : null;
  const next = (m: OutboxMail) =>
    m.status === 'queued' && m.nextAttemptAt ? formatDateTime(m.nextAttemptAt) : '';

  if (!admin) {
    // Said once, instead of an access error above an empty list.
    return (
      <div>
        <h2>{t('admin.tabs.outbox')}</h2>
        <p className="alert alert--info">{t('admin.outbox.notYours')}</p>
      </div>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams(draft.trim() ? { a: draft.trim() } : {});
  }
  const linkTo = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('mail', id);
    else next.delete('mail');
    return `?${next.toString()}`;
  };

  return (
    <div>
      <h2>{t('admin.tabs.outbox')}</h2>
      <p className="muted">{t('admin.outbox.intro')}</p>
      <form className="filters-row" onSubmit={submit}>
        <Field
          label={t('admin.outbox.to')}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('admin.outbox.refresh')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} onRetry={reload} />
      <ErrorMessage error={failure} />
      {notice ? (
        <div className="alert alert--success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {open ? (
        <article className="mail" aria-labelledby="mail-subject">
          <h3 id="mail-subject">{open.subject}</h3>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('admin.outbox.to')}</dt>
              <dd>{open.to}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('admin.outbox.date')}</dt>
              <dd>{formatDateTime(open.createdAt)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('admin.outbox.status')}</dt>
              <dd>{t(`admin.outbox.statuses.${open.status}`)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('admin.outbox.attempts')}</dt>
              <dd>{open.attempts}</dd>
            </div>
            {next(open) ? (
              <div className="facts__row">
                <dt>{t('admin.outbox.nextAttempt')}</dt>
                <dd>{next(open)}</dd>
              </div>
            ) : null}
            {open.sentAt ? (
              <div className="facts__row">
                <dt>{t('admin.outbox.sentAt')}</dt>
                <dd>{formatDateTime(open.sentAt)}</dd>
              </div>
            ) : null}
            {open.error ? (
              <div className="facts__row">
                <dt>{t('admin.outbox.lastError')}</dt>
                <dd>{open.error}</dd>
              </div>
            ) : null}
          </dl>
          {requeueButton(open)}
          <pre className="mail__text">{open.text}</pre>
          <Link to={linkTo(null)}>{t('admin.outbox.closeMail')}</Link>
        </article>
      ) : null}
      {!loading && items.length === 0 ? <EmptyState title={t('admin.outbox.none')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.outbox.date')}</th>
                <th scope="col">{t('admin.outbox.to')}</th>
                <th scope="col">{t('admin.outbox.subject')}</th>
                <th scope="col">{t('admin.outbox.status')}</th>
                <th scope="col">{t('admin.outbox.attempts')}</th>
                <th scope="col">{t('admin.outbox.nextAttempt')}</th>
                <th scope="col">{t('admin.outbox.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} aria-current={m.id === openId ? 'true' : undefined}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={linkTo(m.id)}>{m.subject}</Link>
                  </td>
                  <td>
                    {t(`admin.outbox.statuses.${m.status}`)} {requeueButton(m)}
                  </td>
                  <td>{m.attempts}</td>
                  <td>{next(m)}</td>
                  <td>{m.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
