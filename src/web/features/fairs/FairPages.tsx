import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { signInPath } from '../accounts/redirect.ts';
import type { Application, Exhibitor, Fair } from './types.ts';
import { WithdrawApplication } from './WithdrawApplication.tsx';

type EventHit = { id: string; title: string; startsAt: string; communeName: string | null };

/** For coordinators: pick an event (a forum or fair) and open exhibitor applications for it. */
function CreateFair() {
  const { t, formatDate } = useLocale();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [zones, setZones] = useState('');
  const [error, setError] = useState<unknown>();
  const hits = useApi<{ items: EventHit[] }>(q.trim().length >= 2 ? '/api/events' : null, {
    q: q.trim(),
    pageSize: 10,
  });
  async function create(eventId: string) {
    setError(undefined);
    try {
      const zoneList = zones
        .split(',')
        .map((z) => z.trim())
        .filter(Boolean);
      const fair = await api<Fair>('/api/fairs', { body: { eventId, zones: zoneList } });
      navigate(`/salons/${fair.id}/gestion`);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? err.message : err);
    }
  }
  return (
    <details className="create-fair">
      <summary>{t('fairs.create.title')}</summary>
      {typeof error === 'string' ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <Field
        label={t('fairs.create.zones')}
        hint={t('fairs.create.zonesHint')}
        name="zones"
        value={zones}
        onChange={(e) => setZones(e.target.value)}
      />
      <Field
        label={t('fairs.create.search')}
        type="search"
        name="event"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <ul>
        {(hits.data?.items ?? []).map((e) => (
          <li key={e.id}>
            {e.title} · {formatDate(e.startsAt)} {e.communeName ? `· ${e.communeName}` : ''}{' '}
            <button type="button" className="button button--small" onClick={() => create(e.id)}>
              {t('fairs.create.submit')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** /salons — fairs taking exhibitors. */
export function FairsPage() {
  const { t, formatDate } = useLocale();
  const me = useMe();
  const { data, error } = useApi<{ items: Fair[] }>('/api/fairs');
  const coordinator = me.account?.isPlatformAdmin || me.networks.some((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('fairs.list.title')}</PageTitle>
      <ErrorMessage error={error} />
      {coordinator ? <CreateFair /> : null}
      {data?.items.length === 0 ? <p>{t('fairs.list.empty')}</p> : null}
      <ul className="cards">
        {data?.items.map((f) => (
          <li key={f.id} className="card">
            <h2>
              <Link to={`/salons/${f.id}`}>{f.name}</Link>
            </h2>
            <p>
              {formatDate(f.event.startsAt)} ·{' '}
              {[f.event.venueName, f.event.communeName].filter(Boolean).join(', ')}
            </p>
            <p>{t('fairs.list.exhibitors', { count: f.exhibitorCount })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /salons/:id — the public exhibitor list, by zone and stand, each linked to its directory page. */
export function FairPage() {
  const { t, formatDate } = useLocale();
  const { id = '' } = useParams();
  const me = useMe();
  const fair = useApi<Fair>(`/api/fairs/${encodeURIComponent(id)}`);
  const list = useApi<{ items: Exhibitor[] }>(`/api/fairs/${encodeURIComponent(id)}/exhibitors`);
  if (fair.error instanceof ApiError && [400, 404].includes(fair.error.status)) {
    return (
      <div className="page">
        <PageTitle>{t('fairs.fair.notFound')}</PageTitle>
      </div>
    );
  }
  const f = fair.data;
  const coordinator =
    f &&
    (me.account?.isPlatformAdmin ||
      me.networks.some((n) => n.id === f.networkId && n.role === 'coordinator'));
  const zones = new Map<string, Exhibitor[]>();
  for (const e of list.data?.items ?? []) {
    const key = e.standZone ?? '';
    zones.set(key, [...(zones.get(key) ?? []), e]);
  }
  return (
    <div className="page">
      <PageTitle>{f?.name ?? '…'}</PageTitle>
      <ErrorMessage error={fair.error ?? list.error} />
      {f ? (
        <>
          <p>
            {formatDate(f.event.startsAt, { dateStyle: 'full' })} –{' '}
            {formatDate(f.event.endsAt, { dateStyle: 'full' })} ·{' '}
            {[f.event.venueName, f.event.communeName].filter(Boolean).join(', ')}
          </p>
          {f.description ? <p>{f.description}</p> : null}
          <div className="actions">
            {f.applicationsOpen ? (
              <Link className="button" to={`/salons/${f.id}/candidater`}>
                {t('fairs.fair.apply')}
              </Link>
            ) : (
              <p className="muted">{t('fairs.fair.applicationsClosed')}</p>
            )}
            {coordinator ? (
              <Link className="button button--secondary" to={`/salons/${f.id}/gestion`}>
                {t('fairs.fair.manage')}
              </Link>
            ) : null}
          </div>
        </>
      ) : null}
      <h2>
        {t('fairs.fair.exhibitors')} ({list.data?.items.length ?? 0})
      </h2>
      {list.data?.items.length === 0 ? <p>{t('fairs.fair.empty')}</p> : null}
      {[...zones].map(([zone, items]) => (
        <section key={zone} aria-labelledby={`zone-${zone}`}>
          <h3 id={`zone-${zone}`}>{zone ? t('fairs.fair.zone', { zone }) : t('fairs.fair.noZone')}</h3>
          <ul className="exhibitors">
            {items.map((e) => (
              <li key={e.id}>
                {e.standZone ? (
                  <span className="badge">
                    {t('fairs.fair.stand', { zone: e.standZone, number: e.standNumber ?? '' })}
                  </span>
                ) : null}{' '}
                <Link to={e.directoryUrl}>{e.name}</Link>
                {e.communeName ? <span className="muted"> · {e.communeName}</span> : null}
                <p>{e.pitch}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** /salons/:id/candidater — an organisation's application (by one of its editors), and its follow-up. */
export function FairApplyPage() {
  const { t, formatDate } = useLocale();
  const { id = '' } = useParams();
  const me = useMe();
  const { loaded } = me;
  const fair = useApi<Fair>(`/api/fairs/${encodeURIComponent(id)}`);
  const mine = useApi<{ items: Application[] }>(
    me.account ? `/api/fairs/${encodeURIComponent(id)}/applications` : null,
  );
  const [organizationId, setOrganizationId] = useState('');
  const [pitch, setPitch] = useState('');
  const [needs, setNeeds] = useState({ table: true, power: false, other: '' });
  const formErrors = useFormErrors('application');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const [withdrawn, setWithdrawn] = useState('');
  const withdrawnNotice = useRef<HTMLDivElement>(null);
  // The withdraw button disappears with the withdrawal: focus goes to the notice saying it is done (again once
  // the list is reloaded, which re-renders the section).
  useEffect(() => {
    if (withdrawn && mine.data) withdrawnNotice.current?.focus();
  }, [withdrawn, mine.data]);
  const started = fair.data ? new Date(fair.data.event.startsAt) <= new Date() : false;
  const orgId = organizationId || me.organizations[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    try {
      await api(`/api/fairs/${encodeURIComponent(id)}/applications`, {
        body: { organizationId: orgId, pitch, needs: { ...needs, other: needs.other || null } },
      });
      setSent(true);
      setWithdrawn('');
      mine.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setError(err.message);
      else if (formErrors.fromError(err)) return;
      else setError(err);
    }
  }

  return (
    <div className="page">
      <PageTitle>{t('fairs.apply.title', { name: fair.data?.name ?? '' })}</PageTitle>
      {loaded && !me.account ? (
        <p>
          <Link to={signInPath(`/salons/${id}/candidater`)}>{t('fairs.apply.signIn')}</Link>
        </p>
      ) : null}
      {me.account && me.organizations.length === 0 ? <p>{t('fairs.apply.noOrganization')}</p> : null}
      {sent ? (
        <div className="alert alert--success" role="status">
          <p>{t('fairs.apply.sent')}</p>
        </div>
      ) : null}
      {typeof error === 'string' ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <FormErrorSummary
        form={formErrors}
        labelFor={labelsFrom(t, 'fairs.apply.', { organizationId: 'organization', 'needs.other': 'other' })}
      />
      {me.account && me.organizations.length > 0 && !sent ? (
        <form className="form-narrow" onSubmit={submit} noValidate>
          <Field
            as="select"
            label={t('fairs.apply.organization')}
            id={formErrors.idFor('organizationId')}
            name="organizationId"
            value={orgId}
            error={fields.organizationId}
            onChange={(e) => setOrganizationId(e.target.value)}
          >
            {me.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Field>
          <Field
            as="textarea"
            label={t('fairs.apply.pitch')}
            hint={t('fairs.apply.pitchHint')}
            id={formErrors.idFor('pitch')}
            name="pitch"
            rows={4}
            required
            value={pitch}
            error={fields.pitch}
            onChange={(e) => setPitch(e.target.value)}
          />
          <fieldset>
            <legend>{t('fairs.apply.needs')}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={needs.table}
                onChange={(e) => setNeeds({ ...needs, table: e.target.checked })}
              />{' '}
              {t('fairs.apply.table')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={needs.power}
                onChange={(e) => setNeeds({ ...needs, power: e.target.checked })}
              />{' '}
              {t('fairs.apply.power')}
            </label>
            <Field
              label={t('fairs.apply.other')}
              id={formErrors.idFor('needs.other')}
              name="other"
              value={needs.other}
              error={fields['needs.other']}
              onChange={(e) => setNeeds({ ...needs, other: e.target.value })}
            />
          </fieldset>
          <button type="submit" className="button">
            {t('fairs.apply.submit')}
          </button>
        </form>
      ) : null}
      {mine.data && mine.data.items.length > 0 ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t('fairs.apply.mine')}</h2>
          {withdrawn ? (
            <div className="alert alert--success" role="status" tabIndex={-1} ref={withdrawnNotice}>
              <p>{t('fairs.withdraw.done', { name: withdrawn })}</p>
            </div>
          ) : null}
          <ul className="fair-applications">
            {mine.data.items.map((a) => (
              <li key={a.id}>
                <strong>{a.organizationName}</strong> :{' '}
                {a.status === 'withdrawn' && a.withdrawnAt
                  ? t('fairs.withdraw.on', { date: formatDate(a.withdrawnAt) })
                  : t(`fairs.status.${a.status}`)}
                {a.standZone
                  ? ` · ${t('fairs.fair.stand', { zone: a.standZone, number: a.standNumber ?? '' })}`
                  : ''}
                {a.decisionMessage && a.status !== 'withdrawn' ? (
                  <p className="muted">{a.decisionMessage}</p>
                ) : null}
                {a.withdrawalMessage ? <p className="muted">{a.withdrawalMessage}</p> : null}
                {a.status === 'pending' || a.status === 'accepted' ? (
                  started ? (
                    <p className="muted">{t('fairs.withdraw.started')}</p>
                  ) : (
                    <div className="actions">
                      <WithdrawApplication
                        fairId={id}
                        application={a}
                        onWithdrawn={(name) => {
                          setSent(false);
                          setWithdrawn(name);
                          mine.reload();
                        }}
                      />
                    </div>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
