import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { TerritoryChooser } from './TerritoryPage.tsx';
import type { ContactItem, OpenTask } from './types.ts';
import './relations.css';

const kinds = ['elected', 'public_body', 'partner', 'school'] as const;

/** My open follow-up tasks, each with a button to mark it done. */
export function MyTasks({ networkId }: { networkId?: string }) {
  const { t, formatDate } = useLocale();
  const tasks = useApi<{ items: OpenTask[] }>('/api/me/relation-tasks');
  const [done, setDone] = useState('');
  const items = (tasks.data?.items ?? []).filter((x) => !networkId || x.networkId === networkId);
  async function complete(task: OpenTask) {
    await api(`/api/relation-tasks/${task.id}/complete`, { method: 'POST' });
    setDone(t('relations.tasks.completed', { title: task.title }));
    tasks.reload();
  }
  return (
    <section aria-labelledby="relations-tasks">
      <h2 id="relations-tasks">{t('relations.tasks.title')}</h2>
      <ErrorMessage error={tasks.error} />
      <p aria-live="polite">{done}</p>
      {tasks.data && items.length === 0 ? <p>{t('relations.tasks.none')}</p> : null}
      <ul className="relations-tasks">
        {items.map((task) => (
          <li key={task.id}>
            <span>
              <strong>{task.title}</strong>{' '}
              <span className={task.overdue ? 'relations-overdue' : 'muted'}>
                {task.dueOn
                  ? t('relations.tasks.due', { date: formatDate(task.dueOn, { dateStyle: 'long' }) })
                  : t('relations.tasks.noDue')}
                {task.overdue ? ` (${t('relations.tasks.overdue')})` : ''}
              </span>
              {task.contactId && task.contactName ? (
                <>
                  {' · '}
                  <Link to={`/relations/contacts/${task.contactId}`}>
                    {t('relations.tasks.with', { name: task.contactName })}
                  </Link>
                </>
              ) : null}
            </span>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => complete(task)}
            >
              {t('relations.tasks.complete', { title: task.title })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /relations — the networks I coordinate and my open tasks. */
export function RelationsHome() {
  const { t } = useLocale();
  const me = useMe();
  const all = useApi<{ items: { id: string; name: string }[] }>(
    me.account?.isPlatformAdmin ? '/api/networks' : null,
  );
  const coordinated = me.account?.isPlatformAdmin
    ? (all.data?.items ?? [])
    : me.networks.filter((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('relations.home.title')}</PageTitle>
      <p>{t('relations.home.intro')}</p>
      <section aria-labelledby="relations-networks">
        <h2 id="relations-networks">{t('relations.home.networks')}</h2>
        {coordinated.length === 0 ? <p>{t('relations.home.none')}</p> : null}
        <ul>
          {coordinated.map((n) => (
            <li key={n.id}>
              <Link to={`/relations/reseau/${n.id}`}>{n.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      {coordinated.length ? (
        <section aria-labelledby="relations-territory">
          <h2 id="relations-territory">{t('relations.territory.choose')}</h2>
          <p>{t('relations.territory.intro')}</p>
          <TerritoryChooser networks={coordinated.map((n) => ({ id: n.id, name: n.name }))} />
        </section>
      ) : null}
      {me.account ? <MyTasks /> : null}
    </div>
  );
}

/** The form adding a contact to the log. */
function NewContact({ networkId, onAdded }: { networkId: string; onAdded: (name: string) => void }) {
  const { t } = useLocale();
  const errs = useFormErrors('contact');
  const [form, setForm] = useState({
    kind: 'elected',
    name: '',
    role: '',
    organizationName: '',
    email: '',
    phone: '',
  });
  const [territory, setTerritory] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim() || null]));
    try {
      await api(`/api/networks/${networkId}/relation-contacts`, {
        body: { ...body, territoryCode: territory },
      });
      onAdded(form.name);
      setForm({ kind: form.kind, name: '', role: '', organizationName: '', email: '', phone: '' });
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  const f = (k: keyof typeof form, type = 'text') => (
    <Field
      id={errs.idFor(k)}
      label={t(`relations.contactForm.${k}`)}
      type={type}
      value={form[k]}
      onChange={set(k)}
      error={errs.errors[k]}
      required={k === 'name'}
    />
  );
  return (
    <form onSubmit={submit} noValidate className="relations-form">
      <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'relations.contactForm.')} />
      <ErrorMessage error={error} />
      <Field
        as="select"
        id={errs.idFor('kind')}
        label={t('relations.contactForm.kind')}
        value={form.kind}
        onChange={set('kind')}
      >
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`relations.kind.${k}`)}
          </option>
        ))}
      </Field>
      {f('name')}
      {f('role')}
      {f('organizationName')}
      {f('email', 'email')}
      {f('phone', 'tel')}
      <TerritoryPicker
        id={errs.idFor('territoryCode')}
        label={t('relations.contactForm.territoryCode')}
        value={territory}
        onChange={setTerritory}
        error={errs.errors.territoryCode}
      />
      <button type="submit" className="button">
        {t('relations.contactForm.submit')}
      </button>
    </form>
  );
}

/** /relations/reseau/:id — the network's contacts with a search, my open tasks there, a form to add a contact. */
export function RelationsListPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const kind = params.get('type') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const context = useApi<{ networkName: string }>(
    `/api/networks/${encodeURIComponent(id)}/relations/context`,
  );
  const list = useApi<{ total: number; page: number; pageSize: number; items: ContactItem[] }>(
    `/api/networks/${encodeURIComponent(id)}/relation-contacts`,
    { q: q || undefined, kind: kind || undefined, page },
  );
  const [typed, setTyped] = useState(q);
  const [typedKind, setTypedKind] = useState(kind);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState('');
  const forbidden = context.error instanceof ApiError && [401, 403, 404].includes(context.error.status);
  const href = (p: number, query = q, type = kind) => {
    const s = new URLSearchParams();
    if (query) s.set('q', query);
    if (type) s.set('type', type);
    if (p > 1) s.set('page', String(p));
    const qs = s.toString();
    return `/relations/reseau/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`;
  };
  if (forbidden)
    return (
      <div className="page">
        <PageTitle>{t('relations.home.title')}</PageTitle>
        <p>{t('relations.forbidden')}</p>
      </div>
    );
  return (
    <div className="page">
      <PageTitle>{t('relations.list.title', { name: context.data?.networkName ?? '' })}</PageTitle>
      <ErrorMessage error={context.error ?? list.error} />
      <form
        aria-label={t('relations.list.search')}
        className="relations-search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href(1, typed.trim(), typedKind));
        }}
      >
        <Field
          label={t('relations.list.search')}
          hint={t('relations.list.searchHint')}
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <Field
          as="select"
          label={t('relations.list.kind')}
          value={typedKind}
          onChange={(e) => setTypedKind(e.target.value)}
        >
          <option value="">{t('relations.list.all')}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`relations.kind.${k}`)}
            </option>
          ))}
        </Field>
        <button type="submit" className="button">
          {t('relations.list.searchButton')}
        </button>
      </form>
      {list.data ? (
        <>
          <p aria-live="polite">{t('relations.list.count', { count: list.data.total })}</p>
          {list.data.total === 0 ? <p>{t('relations.list.none')}</p> : null}
          <ul className="relations-contacts">
            {list.data.items.map((c) => (
              <li key={c.id}>
                <Link to={`/relations/contacts/${c.id}`}>{c.name}</Link>
                <span className="muted">
                  {[t(`relations.kind.${c.kind}`), c.role, c.organizationName, c.territoryName]
                    .filter(Boolean)
                    .join(' · ')}
                  {c.mandateEnded ? ` · ${t('relations.list.ended')}` : ''}
                </span>
              </li>
            ))}
          </ul>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            hrefFor={(p) => href(p)}
          />
        </>
      ) : null}
      <section aria-labelledby="relations-add">
        <h2 id="relations-add">{t('relations.list.add')}</h2>
        <p aria-live="polite">{added}</p>
        {adding ? (
          <NewContact
            networkId={id}
            onAdded={(name) => {
              setAdded(t('relations.list.added', { name }));
              list.reload();
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('relations.list.add')}
          </button>
        )}
      </section>
      <MyTasks networkId={id} />
    </div>
  );
}
