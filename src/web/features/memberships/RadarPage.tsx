import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import './member-records.css';

type RadarItem = {
  memberId: string;
  name: string;
  lastSign: { kind: string; at: string } | null;
  quietDays: number | null;
  nextStep: { on: string; note: string } | null;
};

/** One quiet member: its last sign of life in words, the latest next step, and a form to record the next one. */
function RadarRow({ item, onDone }: { item: RadarItem; onDone: () => void }) {
  const { t, formatDate } = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [open, setOpen] = useState(false);
  const day = (s: string) => formatDate(s, { dateStyle: 'long' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError('');
    try {
      await api(`/api/members/${item.memberId}/followups`, { body: { note } });
      setNote('');
      setOpen(false);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.note ?? err.message) : String(err));
    }
  }
  return (
    <li className="member-card">
      <h2 className="member-card__name">
        <Link to={`/adherents/fiche/${item.memberId}`}>{item.name}</Link>
      </h2>
      <p>
        {item.lastSign
          ? t(`memberships.radar.sign.${item.lastSign.kind}`, { date: day(item.lastSign.at) })
          : t('memberships.radar.noSign')}
        {item.quietDays !== null
          ? ` ${t('memberships.radar.quietFor', { months: String(Math.floor(item.quietDays / 30)) })}`
          : ''}
      </p>
      <p className="muted">
        {item.nextStep
          ? t('memberships.radar.lastStep', { date: day(item.nextStep.on), note: item.nextStep.note })
          : t('memberships.radar.noStep')}
      </p>
      {open ? (
        <form onSubmit={submit} noValidate>
          <Field
            label={t('memberships.radar.stepLabel', { name: item.name })}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={error || undefined}
            hint={t('memberships.radar.stepHint')}
            required
          />
          <button type="submit" className="button button--small">
            {t('memberships.radar.stepSubmit')}
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => setOpen(true)}
        >
          {t('memberships.radar.stepOpen', { name: item.name })}
        </button>
      )}
    </li>
  );
}

/** /adherents/reseau/:id/radar — the isolation radar: current members quiet for N months, the quietest first. */
export function RadarPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const months = params.get('mois') ?? '6';
  const radar = useApi<{ months: number; total: number; items: RadarItem[] }>(
    `/api/networks/${encodeURIComponent(id)}/radar`,
    { months },
  );
  const [typed, setTyped] = useState(months);
  const forbidden = radar.error instanceof ApiError && [401, 403].includes(radar.error.status);
  return (
    <div className="page">
      <PageTitle>{t('memberships.radar.title')}</PageTitle>
      <p>{t('memberships.radar.intro')}</p>
      {forbidden ? <p>{t('memberships.admin.forbidden')}</p> : <ErrorMessage error={radar.error} />}
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/adherents/reseau/${encodeURIComponent(id)}/radar?mois=${encodeURIComponent(typed)}`);
        }}
      >
        <label className="field">
          <span>{t('memberships.radar.months')}</span>
          <input type="number" min={1} max={60} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('memberships.radar.show')}
        </button>
      </form>
      {radar.data ? (
        <>
          <p aria-live="polite">
            {t('memberships.radar.count', { count: radar.data.total, months: String(radar.data.months) })}
          </p>
          <ul className="member-cards">
            {radar.data.items.map((item) => (
              <RadarRow key={item.memberId} item={item} onDone={radar.reload} />
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={`/adherents/reseau/${encodeURIComponent(id)}`}>{t('memberships.radar.back')}</Link>
      </p>
    </div>
  );
}
