import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { money, type Renewal } from './types.ts';

const day = (d: string) => `${d}T12:00:00Z`;

/**
 * /adherents/renouveler/:token — the personal renewal link of the reminder mails (no account needed): what is due
 * for which period, how to pay (bank details, the reference to give, the network's instructions), the call for
 * dues and any receipt to download; or that nothing is due any more, or that the call was cancelled.
 */
export function RenewalPage() {
  const { t, locale, formatDate } = useLocale();
  const { token = '' } = useParams();
  const base = `/api/membership-renewal/${encodeURIComponent(token)}`;
  const { data: r, error, loading } = useApi<Renewal>(base);
  if (error instanceof ApiError && (error.status === 404 || error.status === 400))
    return (
      <div className="page">
        <PageTitle>{t('memberships.renew.titleUnknown')}</PageTitle>
        <div className="alert alert--error" role="alert">
          <p>{t('memberships.renew.invalid')}</p>
        </div>
      </div>
    );
  if (error) return <ErrorMessage error={error} />;
  if (loading || !r) return <p aria-busy="true">…</p>;
  const long = { dateStyle: 'long', timeZone: 'UTC' } as const;
  const period = t('memberships.renew.period', {
    from: formatDate(day(r.startsOn), long),
    to: formatDate(day(r.endsOn), long),
  });
  const paid = r.amountCents - r.dueCents;
  return (
    <div className="page renewal">
      <PageTitle>
        {t('memberships.renew.title', { name: r.organizationName, network: r.networkName })}
      </PageTitle>
      <p>
        {t('memberships.renew.intro', { plan: r.planName })} {period}.
      </p>
      {r.state === 'cancelled' ? (
        <div className="alert" role="status">
          <p>{t('memberships.renew.cancelled', { network: r.networkName })}</p>
        </div>
      ) : r.dueCents <= 0 ? (
        <div className="alert alert--success" role="status">
          <p>{t('memberships.renew.paid')}</p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('memberships.renew.amount')}</dt>
        <dd>{money(r.amountCents, locale)}</dd>
        {paid > 0 && r.state !== 'cancelled' ? (
          <>
            <dt>{t('memberships.renew.alreadyPaid')}</dt>
            <dd>{money(paid, locale)}</dd>
          </>
        ) : null}
        {r.state !== 'cancelled' ? (
          <>
            <dt>{t('memberships.renew.due')}</dt>
            <dd>
              <strong>{money(Math.max(r.dueCents, 0), locale)}</strong>
            </dd>
          </>
        ) : null}
      </dl>
      {r.dueCents > 0 && r.state !== 'cancelled' ? (
        <section aria-labelledby="renew-how">
          <h2 id="renew-how">{t('memberships.renew.how')}</h2>
          {r.iban ? (
            <dl className="facts">
              <dt>{t('memberships.renew.iban')}</dt>
              <dd className="renewal__iban">{r.iban}</dd>
              {r.bic ? (
                <>
                  <dt>{t('memberships.renew.bic')}</dt>
                  <dd>{r.bic}</dd>
                </>
              ) : null}
              {r.callNumber ? (
                <>
                  <dt>{t('memberships.renew.reference')}</dt>
                  <dd>{t('memberships.renew.referenceValue', { number: r.callNumber })}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {r.paymentInstructions ? <p className="renewal__instructions">{r.paymentInstructions}</p> : null}
          {!r.iban && !r.paymentInstructions ? <p>{t('memberships.renew.askNetwork')}</p> : null}
          <p className="hint">{t('memberships.renew.afterPayment')}</p>
        </section>
      ) : null}
      {r.documents.length ? (
        <section aria-labelledby="renew-docs">
          <h2 id="renew-docs">{t('memberships.renew.documents')}</h2>
          <ul>
            {r.documents.map((d) => (
              <li key={d.number}>
                <a href={`${base}/documents/${encodeURIComponent(d.number)}.pdf`}>
                  {t('memberships.member.download', {
                    kind: t(`memberships.member.docKind.${d.kind}`),
                    number: d.number,
                  })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/adherents">{t('memberships.renew.mine')}</Link>
      </p>
    </div>
  );
}
