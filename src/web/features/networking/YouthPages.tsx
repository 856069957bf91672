import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { fromOffer, type Offer, OfferForm, offerBody } from './YouthOfferForm.tsx';

// Schools and young people: the season's offers of a network (public page, or everything for its staff and the
// member's own), the staff's counts and school links, and a school contact's personal link with its answer form.

type OfferList = {
  networkName: string;
  season: string;
  role: 'coordinator' | 'member' | 'none';
  items: Offer[];
};
type Hosted = {
  years: {
    year: number;
    total: number;
    members: { memberId: string; organizationName: string; count: number }[];
  }[];
};
type SchoolView = {
  networkName: string;
  season: string;
  contactName: string;
  schoolName: string | null;
  offers: Offer[];
  answers: { id: string; offerId: string; youngPeople: number }[];
};

function OfferCard({ offer, children }: { offer: Offer; children?: React.ReactNode }) {
  const { t, formatDate } = useLocale();
  const when =
    offer.startsOn && offer.endsOn
      ? t('networking.youth.dates', { from: formatDate(offer.startsOn), to: formatDate(offer.endsOn) })
      : (offer.period ?? '');
  return (
    <li className="exchange-item">
      <p className="exchange-item__meta">
        <span className="tag">{offer.kindLabel}</span> <span className="tag">{offer.levelLabel}</span>
        {offer.status === 'closed' ? <span className="tag">{t('networking.youth.closed')}</span> : null}
      </p>
      <h3 className="exchange-item__title">{offer.occupation}</h3>
      {offer.romeCode ? (
        <p className="muted">
          {t('networking.youth.rome', { code: offer.romeCode, label: offer.romeLabel ?? '' })}
        </p>
      ) : null}
      <p className="muted">
        {offer.organizationName}
        {offer.communeName ? ` · ${offer.communeName}` : ''} ·{' '}
        {t('networking.youth.places', { count: offer.places })}
      </p>
      {when ? <p>{when}</p> : null}
      <p>{offer.description}</p>
      {offer.contact ? (
        <p>
          {t('networking.youth.contact')} <strong>{offer.contact.name}</strong>
          {' · '}
          <a href={`mailto:${offer.contact.email}`}>{offer.contact.email}</a>
          {offer.contact.phone ? (
            <>
              {' · '}
              <a href={`tel:${offer.contact.phone.replace(/\s/g, '')}`}>{offer.contact.phone}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {children}
    </li>
  );
}

/** /jeunes/lien/:token — a school contact's personal link: the season's offers and an answer form for each. */
export function SchoolLinkPage() {
  const { token = '' } = useParams();
  const { t } = useLocale();
  const view = useApi<SchoolView>(`/api/youth-school-links/${token}`);
  if (view.error) return <ErrorMessage error={view.error} />;
  const v = view.data;
  if (!v) return null;
  return (
    <div className="page">
      <PageTitle>{t('networking.youth.schoolTitle', { network: v.networkName })}</PageTitle>
      <p>{t('networking.youth.schoolIntro', { school: v.schoolName ?? v.contactName, season: v.season })}</p>
      {v.offers.length === 0 ? <p>{t('networking.youth.none')}</p> : null}
      <ul className="exchange-list">
        {v.offers.map((o) => (
          <OfferCard key={o.id} offer={o}>
            <AnswerForm
              token={token}
              offer={o}
              answered={v.answers.filter((a) => a.offerId === o.id).reduce((s, a) => s + a.youngPeople, 0)}
              onAnswered={view.reload}
            />
          </OfferCard>
        ))}
      </ul>
    </div>
  );
}

function AnswerForm({
  token,
  offer,
  answered,
  onAnswered,
}: {
  token: string;
  offer: Offer;
  answered: number;
  onAnswered: () => void;
}) {
  const { t } = useLocale();
  const form = useFormErrors(`answer-${offer.id.slice(0, 8)}`);
  const [youngPeople, setYoungPeople] = useState('1');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setError(undefined);
    try {
      await api(`/api/youth-school-links/${token}/answers`, {
        method: 'POST',
        body: { offerId: offer.id, youngPeople: Number(youngPeople), message },
      });
      setSent(true);
      setMessage('');
      onAnswered();
    } catch (err) {
      if (!form.fromError(err)) setError(err);
    }
  };
  return (
    <details className="youth-answer">
      <summary>{t('networking.youth.answer')}</summary>
      {answered > 0 ? <p className="muted">{t('networking.youth.answered', { count: answered })}</p> : null}
      <div aria-live="polite">
        {sent ? (
          <p className="alert alert--success" role="status">
            {t('networking.youth.sent')}
          </p>
        ) : null}
      </div>
      <form onSubmit={submit} noValidate>
        <FormErrorSummary form={form} labelFor={labelsFrom(t, 'networking.youth.')} />
        {error ? <ErrorMessage error={error} /> : null}
        <Field
          id={form.idFor('youngPeople')}
          label={t('networking.youth.youngPeople')}
          name="youngPeople"
          type="number"
          inputMode="numeric"
          min={1}
          max={offer.places}
          value={youngPeople}
          onChange={(e) => setYoungPeople(e.target.value)}
          error={form.errors.youngPeople}
        />
        <Field
          as="textarea"
          id={form.idFor('message')}
          label={t('networking.youth.message')}
          name="message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={form.errors.message}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('networking.youth.send')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** /jeunes/reseau/:id — the season's offers (public), the staff's counts and school links, the publish form. */
export function YouthNetworkPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const list = useApi<OfferList>(`/api/networks/${id}/youth-offers`);
  if (list.error) return <ErrorMessage error={list.error} />;
  const l = list.data;
  if (!l) return null;
  return (
    <div className="page">
      <PageTitle>{t('networking.youth.title', { network: l.networkName })}</PageTitle>
      <p>{t('networking.youth.intro', { season: l.season })}</p>
      {l.items.length === 0 ? <p>{t('networking.youth.none')}</p> : null}
      <ul className="exchange-list">
        {l.items.map((o) => (
          <OfferCard key={o.id} offer={o}>
            {l.role === 'coordinator' || o.mine ? (
              <>
                <ManageOffer networkId={id} offer={o} onChanged={list.reload} />
                <HostedForm offer={o} />
              </>
            ) : null}
          </OfferCard>
        ))}
      </ul>
      {l.role !== 'none' ? (
        <section aria-labelledby="youth-new">
          <h2 id="youth-new">{t('networking.youth.newOffer')}</h2>
          <OfferForm networkId={id} onSaved={list.reload} />
        </section>
      ) : null}
      {l.role === 'coordinator' ? <StaffPanel networkId={id} /> : null}
    </div>
  );
}

/** Edit an offer (its member or a coordinator), close it, or reopen it while it is not over. */
function ManageOffer({
  networkId,
  offer,
  onChanged,
}: {
  networkId: string;
  offer: Offer;
  onChanged: () => void;
}) {
  const { t } = useLocale();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const toggle = async () => {
    setError(undefined);
    setStatus('');
    const next = offer.status === 'closed' ? 'published' : 'closed';
    try {
      await api(`/api/youth-offers/${offer.id}`, {
        method: 'PUT',
        body: {
          ...offerBody(fromOffer(offer), { code: offer.romeCode, pick: offer.romeCode }),
          ...(offer.romeCode ? {} : { occupation: offer.occupation }),
          status: next,
        },
      });
      setStatus(t(next === 'closed' ? 'networking.youth.closedDone' : 'networking.youth.reopened'));
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="youth-manage">
      <p aria-live="polite">{status}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <details>
        <summary>{t('networking.youth.edit', { name: offer.occupation })}</summary>
        <OfferForm networkId={networkId} offer={offer} onSaved={onChanged} />
      </details>
      <button type="button" className="button button--secondary" onClick={toggle}>
        {t(offer.status === 'closed' ? 'networking.youth.reopen' : 'networking.youth.close', {
          name: offer.occupation,
        })}
      </button>
    </div>
  );
}

function HostedForm({ offer }: { offer: Offer }) {
  const { t } = useLocale();
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [count, setCount] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api(`/api/youth-offers/${offer.id}/hosted`, {
        method: 'PUT',
        body: { year: Number(year), count: Number(count) },
      });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details>
      <summary>{t('networking.youth.hostedRecord')}</summary>
      <form onSubmit={submit} noValidate className="youth-hosted">
        {error ? <ErrorMessage error={error} /> : null}
        {done ? (
          <p className="alert alert--success" role="status">
            {t('networking.youth.hostedDone')}
          </p>
        ) : null}
        <Field
          label={t('networking.youth.year')}
          name="year"
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.target.value)}
        />
        <Field
          label={t('networking.youth.hostedCount')}
          name="count"
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('networking.youth.save')}
        </button>
      </form>
    </details>
  );
}

function StaffPanel({ networkId }: { networkId: string }) {
  const { t, formatDate } = useLocale();
  const hosted = useApi<Hosted>(`/api/networks/${networkId}/youth-hosted`);
  const schools = useApi<{
    items: { id: string; name: string; organizationName: string | null }[];
  }>(`/api/networks/${networkId}/relation-contacts`, { kind: 'school', pageSize: '100' });
  const links = useApi<{
    items: {
      id: string;
      contactName: string;
      organizationName: string | null;
      createdAt: string;
      revokedAt: string | null;
    }[];
  }>(`/api/networks/${networkId}/youth-links`);
  const revoke = async (linkId: string) => {
    setError(undefined);
    try {
      await api(`/api/youth-links/${linkId}`, { method: 'DELETE' });
      links.reload();
    } catch (err) {
      setError(err);
    }
  };
  const [contactId, setContactId] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  // A school without an e-mail is refused by the server, naming the field.
  const schoolList = schools.data?.items ?? [];
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSent(false);
    try {
      await api(`/api/networks/${networkId}/youth-links`, {
        method: 'POST',
        body: { contactId: contactId || schoolList[0]?.id },
      });
      setSent(true);
      links.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <section aria-labelledby="youth-links">
        <h2 id="youth-links">{t('networking.youth.linksTitle')}</h2>
        <p>{t('networking.youth.linksIntro')}</p>
        {schoolList.length === 0 ? (
          <p className="muted">{t('networking.youth.noSchool')}</p>
        ) : (
          <form onSubmit={send}>
            {error ? <ErrorMessage error={error} /> : null}
            {sent ? (
              <p className="alert alert--success" role="status">
                {t('networking.youth.linkSent')}
              </p>
            ) : null}
            <Field
              as="select"
              label={t('networking.youth.school')}
              name="contactId"
              value={contactId}
              onChange={(e) => setContactId(e.target.value)}
            >
              {schoolList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.organizationName ? `${s.organizationName} — ${s.name}` : s.name}
                </option>
              ))}
            </Field>
            <button type="submit" className="button">
              {t('networking.youth.sendLink')}
            </button>
          </form>
        )}
        {(links.data?.items ?? []).length > 0 ? (
          <ul className="youth-links">
            {(links.data?.items ?? []).map((l) => (
              <li key={l.id}>
                {l.organizationName ? `${l.organizationName} — ${l.contactName}` : l.contactName} ·{' '}
                {t('networking.youth.linkOn', { date: formatDate(l.createdAt) })}
                {l.revokedAt ? (
                  <> · {t('networking.youth.linkRevoked')}</>
                ) : (
                  <>
                    {' '}
                    <button type="button" className="button button--secondary" onClick={() => revoke(l.id)}>
                      {t('networking.youth.revoke', { name: l.contactName })}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="youth-hosted">
        <h2 id="youth-hosted">{t('networking.youth.hostedTitle')}</h2>
        <p>
          <a href={`/api/networks/${networkId}/youth-hosted.csv`} download>
            {t('networking.youth.csv')}
          </a>
        </p>
        {(hosted.data?.years ?? []).map((y) => (
          <table key={y.year} className="table">
            <caption>{t('networking.youth.yearTotal', { year: String(y.year), count: y.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('networking.youth.member')}</th>
                <th scope="col">{t('networking.youth.hostedCount')}</th>
              </tr>
            </thead>
            <tbody>
              {y.members.map((m) => (
                <tr key={m.memberId}>
                  <td>{m.organizationName}</td>
                  <td>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </>
  );
}
