import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../lib/i18n.tsx';

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
