import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { IntroductionView } from './types.ts';

function Contacts({ view }: { view: IntroductionView }) {
  const { t } = useLocale();
  return (
    <>
      <p>{t('networking.answer.accepted', { other: view.otherOrganizationName })}</p>
      <ul className="introduction-contacts">
        {view.contacts.map((c) => (
          <li key={`${c.name}-${c.email}`}>
            <strong>{c.name}</strong>
            {c.email ? (
              <>
                {' · '}
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </>
            ) : null}
            {c.phone ? (
              <>
                {' · '}
                <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** /mises-en-relation/reponse/:token — the mailed personal link: accept or decline, then what came of it. */
export function AnswerPage() {
  const { token = '' } = useParams();
  const { t } = useLocale();
  const loaded = useApi<IntroductionView>(`/api/introduction-links/${token}`);
  const [view, setView] = useState<IntroductionView>();
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState('talks');
  const [amount, setAmount] = useState('');
  const [thanks, setThanks] = useState(false);
  const v = view ?? loaded.data;
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!v) return null;
  const answer = async (decision: 'accepted' | 'declined') => {
    setError(undefined);
    try {
      setView(
        await api<IntroductionView>(`/api/introduction-links/${token}/answer`, {
          method: 'POST',
          body: { decision },
        }),
      );
    } catch (err) {
      setError(err);
    }
  };
  const tell = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const cents = amount ? Math.round(Number(amount.replace(',', '.')) * 100) : null;
      setView(
        await api<IntroductionView>(`/api/introduction-links/${token}/outcome`, {
          method: 'POST',
          body: { outcome, amountCents: outcome === 'business' ? cents : null },
        }),
      );
      setThanks(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="page">
      <PageTitle>{t('networking.answer.title')}</PageTitle>
      <p>
        {t('networking.answer.between', {
          network: v.networkName,
          mine: v.organizationName,
          other: v.otherOrganizationName,
        })}
      </p>
      {v.postTitle ? <p>{t('networking.answer.about', { title: v.postTitle })}</p> : null}
      {v.message ? (
        <blockquote>
          <p className="muted">{t('networking.answer.message')}</p>
          <p>{v.message}</p>
        </blockquote>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div aria-live="polite">
        {v.status === 'pending' && v.myAnswer === 'pending' ? (
          <>
            <p>{t('networking.answer.privacy')}</p>
            <div className="actions">
              <button type="button" className="button" onClick={() => answer('accepted')}>
                {t('networking.answer.accept')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => answer('declined')}>
                {t('networking.answer.decline')}
              </button>
            </div>
          </>
        ) : null}
        {v.status === 'pending' && v.myAnswer === 'accepted' ? (
          <p className="alert alert--info">
            {t('networking.answer.waiting', { other: v.otherOrganizationName })}
          </p>
        ) : null}
        {v.status === 'declined' ? (
          <p className="alert alert--info">{t('networking.answer.declined')}</p>
        ) : null}
        {v.status === 'accepted' ? <Contacts view={v} /> : null}
      </div>
      {v.status === 'accepted' ? (
        <section aria-labelledby="answer-outcome">
          <h2 id="answer-outcome">{t('networking.answer.outcomeTitle')}</h2>
          {thanks ? (
            <p className="alert alert--success" role="status">
              {t('networking.answer.thanks')}
            </p>
          ) : null}
          <form onSubmit={tell}>
            <Field
              as="select"
              label={t('networking.answer.outcome')}
              name="outcome"
              value={outcome}
              onChange={(e) => setOutcome(e.target.value)}
            >
              {(['nothing', 'talks', 'business'] as const).map((o) => (
                <option key={o} value={o}>
                  {t(`networking.answer.outcomes.${o}`)}
                </option>
              ))}
            </Field>
            {outcome === 'business' ? (
              <Field
                label={t('networking.answer.amount')}
                name="amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            ) : null}
            <div className="actions">
              <button type="submit" className="button">
                {t('networking.answer.send')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}

/** /mises-en-relation — the introductions of the members one speaks for. */
export function MyIntroductionsPage() {
  const { t } = useLocale();
  const list = useApi<{ items: IntroductionView[] }>('/api/me/introductions');
  const [changed, setChanged] = useState<Record<string, IntroductionView>>({});
  const [error, setError] = useState<unknown>();
  const answer = async (id: string, decision: 'accepted' | 'declined') => {
    setError(undefined);
    try {
      const v = await api<IntroductionView>(`/api/introductions/${id}/answer`, {
        method: 'POST',
        body: { decision },
      });
      setChanged({ ...changed, [id]: v });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="page">
      <PageTitle>{t('networking.mine.title')}</PageTitle>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('networking.mine.none')}</p> : null}
      <ul className="introduction-list">
        {(list.data?.items ?? []).map((item) => {
          const v = changed[item.id] ?? item;
          return (
            <li key={v.id} className="introduction">
              <h2 className="introduction__title">
                {t('networking.mine.with', { mine: v.organizationName, other: v.otherOrganizationName })}
              </h2>
              <p className="muted">
                {v.networkName} · {t(`networking.mine.status.${v.status}`)}
                {v.postId && v.postTitle ? (
                  <>
                    {' · '}
                    <Link to={`/bourse/annonces/${v.postId}`}>{v.postTitle}</Link>
                  </>
                ) : null}
              </p>
              {v.status === 'pending' && v.myAnswer === 'pending' ? (
                <div className="actions">
                  <button type="button" className="button" onClick={() => answer(v.id, 'accepted')}>
                    {t('networking.answer.accept')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => answer(v.id, 'declined')}
                  >
                    {t('networking.answer.decline')}
                  </button>
                </div>
              ) : null}
              {v.status === 'accepted' ? <Contacts view={v} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
