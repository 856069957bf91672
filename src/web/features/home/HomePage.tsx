import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../../lib/dates.ts';
import { intlLocale, useLocale, useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

/** The few fields of GET /api/campaigns and /api/events the home page shows (kept here: no events code loads). */
type CampaignLine = { id: string; slug: string; name: string; startsOn: string; endsOn: string };
type EventLine = { id: string; title: string; startsAt: string; communeName: string | null };

const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(new Date());

/** The campaigns running today and the next events, so that the home page says what is on. */
function WhatIsOn() {
  const { t, locale } = useLocale();
  const intl = intlLocale[locale];
  const day = today();
  const campaigns = useApi<{ items: CampaignLine[] }>('/api/campaigns');
  const events = useApi<{ items: EventLine[] }>('/api/events', { from: day, pageSize: 4 });
  const running = (campaigns.data?.items ?? []).filter((c) => c.startsOn <= day && day <= c.endsOn);
  const onDay = (d: string) =>
    formatDate(`${d}T12:00:00Z`, intl, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  if (!running.length && !events.data?.items.length) return null;
  return (
    <section aria-labelledby="home-on" className="home__on">
      <h2 id="home-on">{t('home.onTitle')}</h2>
      {running.map((c) => (
        <p key={c.id} className="home__campaign">
          <Link to={`/agenda/campagnes/${c.slug}`}>{c.name}</Link>{' '}
          {t('home.campaignDates', { from: onDay(c.startsOn), to: onDay(c.endsOn) })}
        </p>
      ))}
      {events.data?.items.length ? (
        <>
          <h3>{t('home.nextEvents')}</h3>
          <ul className="home__events">
            {events.data.items.map((e) => (
              <li key={`${e.id}/${e.startsAt}`}>
                <span className="muted">
                  {formatDate(e.startsAt, intl, {
                    timeZone: 'Europe/Paris',
                    weekday: 'long',
                    day: 'numeric',
                    month: 'long',
                  })}
                </span>{' '}
                <Link to={`/agenda/evenements/${e.id}`}>{e.title}</Link>
                {e.communeName ? ` · ${e.communeName}` : ''}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/agenda">{t('home.allEvents')}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

const parts = [
  { to: '/annuaire', key: 'directory' },
  { to: '/agenda', key: 'agenda' },
  { to: '/observatoire', key: 'observatory' },
  { to: '/adherents', key: 'members' },
  { to: '/gtec', key: 'gtec' },
] as const;

export function HomePage() {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    navigate(q.trim() ? `/annuaire?q=${encodeURIComponent(q.trim())}` : '/annuaire');
  }
  return (
    <div className="page home">
      <section className="home__hero">
        <PageTitle title={t('app.name')}>{t('home.title')}</PageTitle>
        <p className="home__lead">{t('home.lead')}</p>
        <search className="search-box">
          <form onSubmit={onSubmit}>
            <label htmlFor="home-q">{t('home.searchLabel')}</label>
            <div className="search-box__row">
              <input
                id="home-q"
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('home.searchPlaceholder')}
              />
              <button type="submit" className="button">
                {t('common.search')}
              </button>
            </div>
          </form>
        </search>
      </section>
      <WhatIsOn />
      <section aria-labelledby="home-parts">
        <h2 id="home-parts">{t('home.partsTitle')}</h2>
        <ul className="cards">
          {parts.map((p) => (
            <li key={p.to} className="card">
              <h3>
                <Link to={p.to}>{t(`app.nav.${p.key}`)}</Link>
              </h3>
              <p>{t(`home.parts.${p.key}`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="home-who">
        <h2 id="home-who">{t('home.whoTitle')}</h2>
        <p>{t('home.who')}</p>
      </section>
    </div>
  );
}
