import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Application, Fair } from './types.ts';

type Status = '' | Application['status'];

function ApplicationRow({
  a,
  fair,
  onDone,
}: {
  a: Application;
  fair: Fair;
  onDone: (message: string) => void;
}) {
  const { t, formatDateTime } = useLocale();
  const [message, setMessage] = useState('');
  const [zone, setZone] = useState(a.standZone ?? fair.zones[0] ?? '');
  const [number, setNumber] = useState(a.standNumber ? String(a.standNumber) : '');
  const [error, setError] = useState('');
  const base = `/api/fairs/${fair.id}/applications/${a.id}`;

  async function run(action: () => Promise<string>) {
    setError('');
    try {
      onDone(await action());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  const decide = (decision: 'accepted' | 'rejected') =>
    run(async () => {
      await api(`${base}/decision`, { body: { decision, message: message || null } });
      return t('fairs.review.decided', { email: a.contactEmail });
    });
  const assign = (clear = false) =>
    run(async () => {
      await api(`${base}/stand`, { method: 'PUT', body: clear ? null : { zone, number: Number(number) } });
      return clear ? '' : t('fairs.review.assigned', { zone, number, name: a.organizationName ?? '' });
    });

  return (
    <tr>
      <td>
        <Link to={`/annuaire/${a.organizationId}`}>{a.organizationName}</Link>
        <div className="muted">
          {a.contactName} · {a.contactEmail}
        </div>
      </td>
      <td>{a.pitch}</td>
      <td>
        {[
          a.needsTable ? t('fairs.review.table') : '',
          a.needsPower ? t('fairs.review.power') : '',
          a.needsOther ?? '',
        ]
          .filter(Boolean)
          .join(', ')}
      </td>
      <td>
        {t(`fairs.status.${a.status}`)}
        {a.status === 'withdrawn' && a.withdrawnAt ? (
          <div className="muted">
            {t('fairs.review.withdrawnOn', { date: formatDateTime(a.withdrawnAt) })}
          </div>
        ) : null}
      </td>
      <td>
        {a.status === 'pending' ? (
          <div>
            <label>
              <span className="visually-hidden">{t('fairs.review.message')}</span>
              <input
                type="text"
                placeholder={t('fairs.review.message')}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            </label>
            <button type="button" className="button button--small" onClick={() => decide('accepted')}>
              {t('fairs.review.accept')}
            </button>{' '}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => decide('rejected')}
            >
              {t('fairs.review.reject')}
            </button>
          </div>
        ) : a.status === 'accepted' ? (
          <div className="stand-form">
            {fair.zones.length > 0 ? (
              <label>
                {t('fairs.review.zone')}{' '}
                <select value={zone} onChange={(e) => setZone(e.target.value)}>
                  {fair.zones.map((z) => (
                    <option key={z}>{z}</option>
                  ))}
                </select>
              </label>
            ) : (
              <label>
                {t('fairs.review.zone')}{' '}
                <input type="text" size={6} value={zone} onChange={(e) => setZone(e.target.value)} />
              </label>
            )}{' '}
            <label>
              {t('fairs.review.number')}{' '}
              <input
                type="number"
                min={1}
                style={{ width: '5em' }}
                value={number}
                onChange={(e) => setNumber(e.target.value)}
              />
            </label>{' '}
            <button type="button" className="button button--small" onClick={() => assign()}>
              {t('fairs.review.assign')}
            </button>
            {a.standZone ? (
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => assign(true)}
              >
                {t('fairs.review.clear')}
              </button>
            ) : null}
          </div>
        ) : a.status === 'withdrawn' ? (
          <>
            <p>{t('fairs.review.standFree')}</p>
            {a.withdrawalMessage ? (
              <p>
                {t('fairs.review.withdrawalMessage')} {a.withdrawalMessage}
              </p>
            ) : null}
          </>
        ) : (
          a.decisionMessage
        )}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** /salons/:id/gestion — coordinators review applications, decide (mailed), assign stands, export. */
export function FairReviewPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [status, setStatus] = useState<Status>('');
  const [notice, setNotice] = useState('');
  const fair = useApi<Fair>(`/api/fairs/${encodeURIComponent(id)}`);
  const apps = useApi<{ canReview: boolean; items: Application[] }>(
    `/api/fairs/${encodeURIComponent(id)}/applications`,
  );
  const all = apps.data?.items ?? [];
  // Pending applications first (they wait for a decision), then the others, each group in the order received.
  const shown = (status ? all.filter((a) => a.status === status) : all)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(y.a.status === 'pending') - Number(x.a.status === 'pending') || x.i - y.i)
    .map(({ a }) => a);
  const count = (s: Application['status']) => all.filter((a) => a.status === s).length;
  if (apps.data && !apps.data.canReview) {
    return (
      <div className="page">
        <PageTitle>{t('fairs.review.title', { name: fair.data?.name ?? '' })}</PageTitle>
        <p>{t('fairs.review.forbidden')}</p>
      </div>
    );
  }
  return (
    <div className="page page--wide">
      <PageTitle>{t('fairs.review.title', { name: fair.data?.name ?? '' })}</PageTitle>
      <ErrorMessage error={fair.error ?? apps.error} />
      <p>
        {t('fairs.review.counts', {
          pending: count('pending'),
          accepted: count('accepted'),
          rejected: count('rejected'),
          withdrawn: count('withdrawn'),
        })}
      </p>
      <div className="actions">
        <a
          className="button button--secondary"
          href={`/api/fairs/${encodeURIComponent(id)}/exhibitors.csv`}
          download
        >
          {t('fairs.review.export')}
        </a>
        <label>
          {t('fairs.review.filter')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="">{t('fairs.review.all')}</option>
            {(['pending', 'accepted', 'rejected', 'withdrawn'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`fairs.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <div className="alert alert--success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {fair.data ? (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" tabIndex={0} aria-label={fair.data.name}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fairs.apply.organization')}</th>
                  <th scope="col">{t('fairs.apply.pitch')}</th>
                  <th scope="col">{t('fairs.review.needs')}</th>
                  <th scope="col">{t('fairs.review.filter')}</th>
                  <th scope="col">{t('fairs.review.stand')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <ApplicationRow
                    key={`${a.id}-${a.status}-${a.standZone}-${a.standNumber}`}
                    a={a}
                    fair={fair.data as Fair}
                    onDone={(m) => {
                      setNotice(m);
                      apps.reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}
