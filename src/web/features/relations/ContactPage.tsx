import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Combobox } from '../../components/Combobox.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { parisToday } from '../../lib/dates.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ContactEdit } from './ContactEdit.tsx';
import { territoryHref } from './TerritoryPage.tsx';
import { Timeline } from './Timeline.tsx';
import type { Contact, ContactItem, RelationsContext, TimelineItem } from './types.ts';
import './relations.css';

const interactionKinds = ['meeting', 'call', 'letter', 'event'] as const;

/** The form logging an interaction with this contact (and maybe another), with an optional follow-up task. */
function LogInteraction({ contact, onSaved }: { contact: Contact; onSaved: () => void }) {
  const { t } = useLocale();
  const me = useMe();
  const context = useApi<RelationsContext>(`/api/networks/${contact.networkId}/relations/context`);
  const errs = useFormErrors('interaction');
  const [kind, setKind] = useState('meeting');
  const [on, setOn] = useState(parisToday());
  const [summary, setSummary] = useState('');
  const [topics, setTopics] = useState('');
  const [other, setOther] = useState<string | null>(null);
  const [territory, setTerritory] = useState<string | null>(contact.territoryCode);
  const [followUp, setFollowUp] = useState(false);
  const [task, setTask] = useState({ title: '', dueOn: '', ownerId: me.account?.id ?? '' });
  // The session may still be loading on the first render: the task's owner is then the signed-in account once known.
  const myId = me.account?.id;
  useEffect(() => {
    if (myId) setTask((t) => (t.ownerId ? t : { ...t, ownerId: myId }));
  }, [myId]);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    setSaved('');
    try {
      await api(`/api/networks/${contact.networkId}/relation-interactions`, {
        body: {
          kind,
          on,
          summary,
          topics: topics
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          contactIds: [contact.id, ...(other && other !== contact.id ? [other] : [])],
          territoryCode: territory,
          followUp: followUp ? { title: task.title, dueOn: task.dueOn || null, ownerId: task.ownerId } : null,
        },
      });
      setSummary('');
      setTopics('');
      setOther(null);
      setFollowUp(false);
      setTask({ ...task, title: '', dueOn: '' });
      setSaved(t('relations.form.saved'));
      onSaved();
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  return (
    <section aria-labelledby="relations-log">
      <h2 id="relations-log">{t('relations.form.title')}</h2>
      <p aria-live="polite">{saved}</p>
      <form onSubmit={submit} noValidate className="relations-form">
        <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'relations.form.')} />
        <ErrorMessage error={error} />
        <Field
          as="select"
          id={errs.idFor('kind')}
          label={t('relations.form.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        >
          {interactionKinds.map((k) => (
            <option key={k} value={k}>
              {t(`relations.interactionKind.${k}`)}
            </option>
          ))}
        </Field>
        <Field
          id={errs.idFor('on')}
          label={t('relations.form.on')}
          type="date"
          value={on}
          onChange={(e) => setOn(e.target.value)}
          error={errs.errors.on}
          required
        />
        <Field
          as="textarea"
          id={errs.idFor('summary')}
          label={t('relations.form.summary')}
          value={summary}
          rows={4}
          onChange={(e) => setSummary(e.target.value)}
          error={errs.errors.summary}
          required
        />
        <Field
          id={errs.idFor('topics')}
          label={t('relations.form.topics')}
          hint={t('relations.form.topicsHint')}
          value={topics}
          onChange={(e) => setTopics(e.target.value)}
          error={errs.errors.topics}
        />
        <Combobox
          id={errs.idFor('contactIds')}
          label={t('relations.form.other')}
          value={other}
          error={errs.errors.contactIds}
          noResult={t('relations.form.otherNone')}
          clearLabel={t('relations.form.clear')}
          search={async (q, signal) => {
            const res = await api<{ items: ContactItem[] }>(
              `/api/networks/${contact.networkId}/relation-contacts`,
              {
                query: { q, pageSize: 10 },
                signal,
              },
            );
            return res.items
              .filter((c) => c.id !== contact.id)
              .map((c) => ({
                value: c.id,
                text: c.name,
                render: [c.name, c.role, c.organizationName].filter(Boolean).join(' · '),
              }));
          }}
          onChange={(v) => setOther(v)}
        />
        <TerritoryPicker
          id={errs.idFor('territoryCode')}
          label={t('relations.form.territory')}
          value={territory}
          onChange={setTerritory}
          error={errs.errors.territoryCode}
        />
        <label className="checkbox">
          <input type="checkbox" checked={followUp} onChange={(e) => setFollowUp(e.target.checked)} />{' '}
          {t('relations.form.followUp')}
        </label>
        {followUp ? (
          <fieldset className="relations-form">
            <legend>{t('relations.form.followUp')}</legend>
            <Field
              id={errs.idFor('followUp.title')}
              label={t('relations.form.taskTitle')}
              value={task.title}
              onChange={(e) => setTask({ ...task, title: e.target.value })}
              error={errs.errors['followUp.title']}
              required
            />
            <Field
              id={errs.idFor('followUp.dueOn')}
              label={t('relations.form.dueOn')}
              type="date"
              value={task.dueOn}
              onChange={(e) => setTask({ ...task, dueOn: e.target.value })}
              error={errs.errors['followUp.dueOn']}
            />
            <Field
              as="select"
              id={errs.idFor('followUp.ownerId')}
              label={t('relations.form.ownerId')}
              value={task.ownerId}
              onChange={(e) => setTask({ ...task, ownerId: e.target.value })}
              error={errs.errors['followUp.ownerId'] ?? errs.errors.ownerId}
              required
            >
              {(context.data?.coordinators ?? []).map((c) => (
                <option key={c.accountId} value={c.accountId}>
                  {c.name}
                </option>
              ))}
            </Field>
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {t('relations.form.submit')}
        </button>
      </form>
    </section>
  );
}

/** /relations/contacts/:id — a contact, their mandates, their timeline, and the form to log an interaction. */
export function ContactPage() {
  const { t, formatDate } = useLocale();
  const { id = '' } = useParams();
  const contact = useApi<Contact>(`/api/relation-contacts/${encodeURIComponent(id)}`);
  const timeline = useApi<{
    items: TimelineItem[];
    openTasks: { id: string; title: string; dueOn: string | null; ownerName: string }[];
  }>(`/api/relation-contacts/${encodeURIComponent(id)}/timeline`);
  const day = (s: string) => formatDate(s, { dateStyle: 'long' });
  const [edited, setEdited] = useState('');
  const c = contact.data;
  if (contact.error instanceof ApiError && [401, 403, 404].includes(contact.error.status))
    return (
      <div className="page">
        <PageTitle>{t('relations.home.title')}</PageTitle>
        <p>{t('relations.forbidden')}</p>
      </div>
    );
  return (
    <div className="page">
      <ErrorMessage error={contact.error ?? timeline.error} />
      {c ? (
        <>
          <PageTitle>{c.name}</PageTitle>
          <p>
            {[t(`relations.kind.${c.kind}`), c.role, c.organizationName, c.territoryName]
              .filter(Boolean)
              .join(' · ')}
            {c.isDemo ? ` (${t('relations.demo')})` : ''}
          </p>
          {c.email || c.phone ? (
            <p>
              {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
              {c.email && c.phone ? ' · ' : ''}
              {c.phone ? <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a> : null}
            </p>
          ) : null}
          {c.directoryName && c.organizationId ? (
            <p>
              <Link to={`/annuaire/${c.organizationId}`}>
                {t('relations.contact.directory', { name: c.directoryName })}
              </Link>
            </p>
          ) : null}
          {c.notes ? <p className="muted">{c.notes}</p> : null}
          {c.territoryCode && c.territoryName ? (
            <p>
              <Link to={territoryHref(c.networkId, c.territoryCode)}>
                {t('relations.contact.territoryLink', { name: c.territoryName })}
              </Link>
            </p>
          ) : null}
          {c.mandates.length ? (
            <section aria-labelledby="relations-mandates">
              <h2 id="relations-mandates">{t('relations.contact.mandates')}</h2>
              <ul>
                {c.mandates.map((m) => (
                  <li key={`${m.label}-${m.territoryName}-${m.startedOn}`}>
                    {m.label}, {m.territoryName}
                    {m.startedOn ? ` — ${t('relations.contact.since', { date: day(m.startedOn) })}` : ''}
                    {m.endedOn
                      ? ` — ${t('relations.contact.endedOn', { date: day(m.endedOn) })}`
                      : ` (${t('relations.contact.current')})`}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {timeline.data?.openTasks.length ? (
            <section aria-labelledby="relations-open">
              <h2 id="relations-open">{t('relations.contact.openTasks')}</h2>
              <ul>
                {timeline.data.openTasks.map((x) => (
                  <li key={x.id}>
                    {t('relations.contact.task', { title: x.title, owner: x.ownerName })}
                    {x.dueOn ? ` — ${t('relations.tasks.due', { date: day(x.dueOn) })}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="relations-timeline">
            <h2 id="relations-timeline">{t('relations.contact.timeline')}</h2>
            {timeline.data && timeline.data.items.length === 0 ? <p>{t('relations.contact.empty')}</p> : null}
            <Timeline items={timeline.data?.items ?? []} />
          </section>
          <section aria-labelledby="relations-edit">
            <h2 id="relations-edit">{t('relations.edit.title')}</h2>
            <p aria-live="polite">{edited}</p>
            <ContactEdit
              key={JSON.stringify(c)}
              contact={c}
              onSaved={() => {
                setEdited(t('relations.edit.saved'));
                contact.reload();
                timeline.reload();
              }}
            />
          </section>
          <LogInteraction contact={c} onSaved={timeline.reload} />
          <p>
            <Link to={`/relations/reseau/${c.networkId}`}>{t('relations.contact.back')}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
