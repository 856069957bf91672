import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { WaveDetail, WaveItem } from './types.ts';
import './gtec.css';

interface MyWave {
  waveId: string;
  title: string;
  opensOn: string;
  closesOn: string;
  organizationName: string;
  status: WaveItem['status'];
  answerStatus: 'none' | 'draft' | 'submitted' | 'withdrawn';
}

/** /gtec — the waves of the networks I coordinate, and the surveys my companies were asked to answer. */
export function GtecHome() {
  const { t } = useLocale();
  const me = useMe();
  const all = useApi<{ items: { id: string; name: string }[] }>(
    me.account?.isPlatformAdmin ? '/api/networks' : null,
  );
  const mine = useApi<{ items: MyWave[] }>(me.account ? '/api/gtec/my-waves' : null);
  const coordinated = me.account?.isPlatformAdmin
    ? (all.data?.items ?? [])
    : me.networks.filter((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('gtec.home.title')}</PageTitle>
      <p>{t('gtec.home.intro')}</p>
      {coordinated.length ? (
        <section aria-labelledby="gtec-networks">
          <h2 id="gtec-networks">{t('gtec.home.networks')}</h2>
          <ul>
            {coordinated.map((n) => (
              <li key={n.id}>
                <Link to={`/gtec/reseau/${n.id}`}>{n.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {me.account ? (
        <section aria-labelledby="gtec-mine">
          <h2 id="gtec-mine">{t('gtec.home.mine')}</h2>
          <ErrorMessage error={mine.error} />
          {mine.data && mine.data.items.length === 0 ? <p>{t('gtec.home.none')}</p> : null}
          <ul className="gtec-list">
            {(mine.data?.items ?? []).map((w) => (
              <li key={`${w.waveId}-${w.organizationName}`}>
                <Link to={`/gtec/vagues/${w.waveId}/repondre`}>
                  {w.title} —{' '}
                  {t(w.status === 'open' ? 'gtec.home.answer' : 'gtec.home.see', {
                    name: w.organizationName,
                  })}
                </Link>{' '}
                <span className="muted">
                  ({t(`gtec.status.${w.status}`)}, {t(`gtec.answerStatus.${w.answerStatus}`)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The form opening a wave: questionnaire, title, dates, all members or chosen ones. */
function NewWave({ networkId, onOpened }: { networkId: string; onOpened: (message: string) => void }) {
  const { t } = useLocale();
  const errs = useFormErrors('wave');
  const audience = useApi<{ items: { memberId: string; organizationName: string; hasAddress: boolean }[] }>(
    `/api/networks/${networkId}/gtec/members`,
  );
  const year = new Date().getFullYear();
  const [form, setForm] = useState({
    kind: 'gtec',
    title: `GTEC ${year}`,
    opensOn: new Date().toISOString().slice(0, 10),
    closesOn: `${year}-12-31`,
    rotatingQuestion: '',
  });
  const [chooseSome, setChooseSome] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    try {
      const res = await api<{ recipients: number; mailed: number }>(`/api/networks/${networkId}/gtec/waves`, {
        body: {
          ...form,
          rotatingQuestion: form.kind === 'pulse' ? form.rotatingQuestion.trim() || null : null,
          memberIds: chooseSome ? chosen : undefined,
        },
      });
      onOpened(t('gtec.waves.opened', { count: res.recipients, mailed: res.mailed }));
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  const members = audience.data?.items ?? [];
  return (
    <form onSubmit={submit} noValidate className="gtec-form">
      <FormErrorSummary
        form={errs}
        labelFor={labelsFrom(t, 'gtec.waves.', {
          title: 'waveTitle',
          memberIds: 'audience',
          rotatingQuestion: 'rotating',
        })}
      />
      <ErrorMessage error={error ?? audience.error} />
      <Field
        as="select"
        id={errs.idFor('kind')}
        label={t('gtec.waves.kind')}
        value={form.kind}
        onChange={set('kind')}
        error={errs.errors.kind}
      >
        <option value="gtec">{t('gtec.kind.gtec')}</option>
        <option value="pulse">{t('gtec.kind.pulse')}</option>
      </Field>
      <Field
        id={errs.idFor('title')}
        label={t('gtec.waves.waveTitle')}
        value={form.title}
        onChange={set('title')}
        error={errs.errors.title}
        required
      />
      <div className="gtec-row">
        <Field
          id={errs.idFor('opensOn')}
          type="date"
          label={t('gtec.waves.opensOn')}
          value={form.opensOn}
          onChange={set('opensOn')}
          error={errs.errors.opensOn}
          required
        />
        <Field
          id={errs.idFor('closesOn')}
          type="date"
          label={t('gtec.waves.closesOn')}
          value={form.closesOn}
          onChange={set('closesOn')}
          error={errs.errors.closesOn}
          required
        />
      </div>
      {form.kind === 'pulse' ? (
        <Field
          id={errs.idFor('rotatingQuestion')}
          label={t('gtec.waves.rotating')}
          value={form.rotatingQuestion}
          onChange={set('rotatingQuestion')}
          error={errs.errors.rotatingQuestion}
        />
      ) : null}
      <fieldset id={errs.idFor('memberIds')}>
        <legend>{t('gtec.waves.audience')}</legend>
        <label className="gtec-check">
          <input type="radio" name="audience" checked={!chooseSome} onChange={() => setChooseSome(false)} />{' '}
          {t('gtec.waves.all', { count: members.length })}
        </label>
        <label className="gtec-check">
          <input type="radio" name="audience" checked={chooseSome} onChange={() => setChooseSome(true)} />{' '}
          {t('gtec.waves.chosen')}
        </label>
        {chooseSome ? (
          <ul className="gtec-choices">
            {members.map((m) => (
              <li key={m.memberId}>
                <label className="gtec-check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(m.memberId)}
                    onChange={(e) =>
                      setChosen(
                        e.target.checked ? [...chosen, m.memberId] : chosen.filter((id) => id !== m.memberId),
                      )
                    }
                  />{' '}
                  {m.organizationName}
                  {m.hasAddress ? null : <span className="muted"> ({t('gtec.waves.noAddress')})</span>}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {errs.errors.memberIds ? <p className="field__error">{errs.errors.memberIds}</p> : null}
      </fieldset>
      <button type="submit" className="button">
        {t('gtec.waves.submit')}
      </button>
    </form>
  );
}

/** /gtec/reseau/:id — a network's waves and the form to open one (its coordinators). */
export function WavesPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useLocale();
  const waves = useApi<{ networkName: string; items: WaveItem[] }>(`/api/networks/${id}/gtec/waves`);
  const [message, setMessage] = useState('');
  return (
    <div className="page">
      <PageTitle>{t('gtec.waves.title', { name: waves.data?.networkName ?? '' })}</PageTitle>
      <p>{t('gtec.waves.intro')}</p>
      <ErrorMessage error={waves.error} />
      <p aria-live="polite" className="gtec-notice">
        {message}
      </p>
      <section aria-labelledby="gtec-waves">
        <h2 id="gtec-waves">{t('gtec.waves.list')}</h2>
        {waves.data && waves.data.items.length === 0 ? <p>{t('gtec.waves.none')}</p> : null}
        <ul className="gtec-list">
          {(waves.data?.items ?? []).map((w) => (
            <li key={w.id}>
              <Link to={`/gtec/vagues/${w.id}`}>{w.title}</Link>
              <span className="muted">
                {t(`gtec.kind.${w.kind}`)} · {t(`gtec.status.${w.status}`)} ·{' '}
                {t('gtec.waves.dates', { from: formatDate(w.opensOn), to: formatDate(w.closesOn) })}
                {w.isDemo ? ` · ${t('gtec.waves.demo')}` : ''}
              </span>
              <span>{t('gtec.waves.answered', { answered: w.answered, recipients: w.recipients })}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="gtec-open">
        <h2 id="gtec-open">{t('gtec.waves.open')}</h2>
        <NewWave
          networkId={id}
          onOpened={(m) => {
            setMessage(m);
            waves.reload();
          }}
        />
      </section>
    </div>
  );
}

/** /gtec/vagues/:id — who answered and when, and the reminder button (its network's coordinators). */
export function WavePage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useLocale();
  const wave = useApi<WaveDetail>(`/api/gtec/waves/${id}`);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  async function remind() {
    setError(undefined);
    try {
      const res = await api<{ reminded: number }>(`/api/gtec/waves/${id}/reminders`, { method: 'POST' });
      setMessage(
        res.reminded ? t('gtec.wave.reminded', { count: res.reminded }) : t('gtec.wave.remindedNone'),
      );
      wave.reload();
    } catch (err) {
      setError(err);
    }
  }
  const w = wave.data;
  return (
    <div className="page">
      <PageTitle>{w?.title ?? t('common.loading')}</PageTitle>
      <ErrorMessage error={wave.error ?? error} />
      {w ? (
        <>
          <p>
            <Link to={`/gtec/reseau/${w.networkId}`}>{t('gtec.wave.back')}</Link>
          </p>
          <p>
            {t(`gtec.kind.${w.kind}`)} · {t(`gtec.status.${w.status}`)} ·{' '}
            {t('gtec.waves.dates', { from: formatDate(w.opensOn), to: formatDate(w.closesOn) })}
          </p>
          <p>
            <strong>
              {t('gtec.wave.summary', { answered: w.answered, recipients: w.recipients.length })}
            </strong>
          </p>
          <p className="muted">{t('gtec.wave.privacy')}</p>
          {w.kind === 'gtec' && w.status !== 'scheduled' ? (
            <p>
              <Link className="button" to={`/gtec/vagues/${w.id}/rapport`}>
                {t(w.status === 'closed' ? 'gtecReport.seeReport' : 'gtecReport.seeReportProvisional')}
              </Link>
            </p>
          ) : null}
          {w.status === 'open' ? (
            <p>
              <button type="button" className="button" onClick={remind}>
                {t('gtec.wave.remind')}
              </button>
            </p>
          ) : null}
          <p aria-live="polite" className="gtec-notice">
            {message}
          </p>
          {w.recipients.length === 0 ? <EmptyState title={t('gtec.waves.none')} /> : null}
          <table className="gtec-table">
            <thead>
              <tr>
                <th scope="col">{t('gtec.wave.company')}</th>
                <th scope="col">{t('gtec.wave.answer')}</th>
                <th scope="col">{t('gtec.wave.reminders')}</th>
              </tr>
            </thead>
            <tbody>
              {w.recipients.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.organizationName}
                    {r.invitedEmail ? null : <span className="muted"> ({t('gtec.wave.noAddress')})</span>}
                  </th>
                  <td>
                    {r.submittedAt
                      ? t('gtec.wave.answeredOn', { date: formatDate(r.submittedAt) })
                      : t('gtec.wave.notYet')}
                  </td>
                  <td>
                    {r.remindersSent && r.lastRemindedAt
                      ? t('gtec.wave.remindersCount', {
                          count: r.remindersSent,
                          date: formatDate(r.lastRemindedAt),
                        })
                      : '0'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
