import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { FormErrorSummary, useFormErrors } from '../../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { api } from '../../../lib/api.ts';
import { useLocale } from '../../../lib/i18n.tsx';
import { useApi } from '../../../lib/use-api.ts';
import type { Figures, Issue, Segment } from './types.ts';
import './issues.css';

const EVENTS_BLOCK = '{{evenements}}';
const NEWS_BLOCK = '{{actualites}}';

type Form = { subject: string; preheader: string; senderName: string; replyTo: string; bodyMarkdown: string };
type Audiences = { lists: { id: string; name: string }[]; plans: { id: string; name: string }[] };

const formOf = (i: Issue): Form => ({
  subject: i.subject,
  preheader: i.preheader ?? '',
  senderName: i.senderName ?? '',
  replyTo: i.replyTo ?? '',
  bodyMarkdown: i.bodyMarkdown,
});

/** The sending figures and the pause / resume / cancel buttons of an issue past its draft. */
function Progress({ issue, onChange }: { issue: Issue; onChange: () => void }) {
  const { t } = useLocale();
  const [error, setError] = useState<unknown>();
  const f: Figures | undefined = issue.figures;
  async function act(action: 'pause' | 'resume' | 'cancel') {
    if (action === 'cancel' && !window.confirm(t('nlIssues.progress.confirmCancel'))) return;
    try {
      await api(`/api/newsletter-issues/${issue.id}/${action}`, { method: 'POST' });
      onChange();
    } catch (err) {
      setError(err);
    }
  }
  const figure = (key: keyof Figures, label: string) => (
    <div>
      <dt>{t(`nlIssues.progress.${label}`)}</dt>
      <dd>{f?.[key] ?? 0}</dd>
    </div>
  );
  return (
    <section aria-labelledby="nl-progress">
      <h2 id="nl-progress">
        {t('nlIssues.progress.title')} · {t(`nlIssues.status.${issue.status}`)}
      </h2>
      <ErrorMessage error={error} />
      {f ? (
        <progress max={f.total || 1} value={f.total - f.queued - f.sending} aria-labelledby="nl-progress" />
      ) : null}
      <dl className="nl-figures" aria-live="polite">
        {figure('sent', 'sent')}
        {figure('queued', 'queued')}
        {figure('failed', 'failed')}
        {figure('suppressed', 'suppressed')}
        {figure('bounced', 'bounced')}
        {figure('unsubscribed', 'unsubscribed')}
        {figure('cancelled', 'cancelledCount')}
      </dl>
      <div className="nl-actions">
        {issue.status === 'sending' ? (
          <button type="button" className="button button--secondary" onClick={() => act('pause')}>
            {t('nlIssues.progress.pause')}
          </button>
        ) : null}
        {issue.status === 'paused' ? (
          <button type="button" className="button" onClick={() => act('resume')}>
            {t('nlIssues.progress.resume')}
          </button>
        ) : null}
        {issue.status === 'sending' || issue.status === 'paused' ? (
          <button type="button" className="button button--secondary" onClick={() => act('cancel')}>
            {t('nlIssues.progress.cancel')}
          </button>
        ) : null}
        {issue.status === 'sent' ? (
          <a href={`/api/newsletter-issues/${issue.id}/web`}>{t('nlIssues.progress.webView')}</a>
        ) : null}
      </div>
    </section>
  );
}

/** /lettres/envois/numeros/:id — compose a draft (Markdown, agenda, recipients), preview at 390 px, test, send. */
export function ComposerPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const issue = useApi<Issue>(`/api/newsletter-issues/${id}`);
  const networkId = issue.data?.networkId;
  const audiences = useApi<Audiences>(networkId ? `/api/networks/${networkId}/newsletter-audiences` : null);
  const events = useApi<{ items: { id: string; title: string }[] }>(
    networkId ? `/api/networks/${networkId}/newsletter-upcoming-events` : null,
  );
  const news = useApi<{ items: { id: string; title: string }[] }>(
    networkId ? `/api/networks/${networkId}/newsletter-latest-news` : null,
  );
  const errs = useFormErrors('issue');
  const [form, setForm] = useState<Form | null>(null);
  const [segment, setSegment] = useState<Segment>({});
  const [departments, setDepartments] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const [previewKey, setPreviewKey] = useState(0);
  const { reload } = issue;
  const status = issue.data?.status;

  useEffect(() => {
    if (!issue.data || form) return;
    setForm(formOf(issue.data));
    setSegment(issue.data.segment ?? {});
    setDepartments((issue.data.segment?.territory?.departments ?? []).join(', '));
  }, [issue.data, form]);
  // While sending, the figures are refreshed every few seconds.
  useEffect(() => {
    if (status !== 'sending') return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [status, reload]);

  if (!issue.data || !form)
    return (
      <div className="page">
        <ErrorMessage error={issue.error} />
      </div>
    );
  const data = issue.data;
  const draft = data.status === 'draft';
  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const fullSegment = (): Segment => {
    const codes = departments
      .split(/[,;\s]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    return { ...segment, territory: codes.length ? { departments: codes } : undefined };
  };
  const toggleList = (listId: string, on: boolean) => {
    const ids = new Set(segment.listIds ?? []);
    if (on) ids.add(listId);
    else ids.delete(listId);
    setSegment({ ...segment, listIds: [...ids] });
  };
  const togglePlan = (planId: string, on: boolean) => {
    const ids = new Set(segment.members?.planIds ?? []);
    if (on) ids.add(planId);
    else ids.delete(planId);
    setSegment({ ...segment, members: { ...segment.members, planIds: [...ids] } });
  };

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (!form) return false;
    errs.clear();
    setError(undefined);
    setMessage('');
    const seg = fullSegment();
    try {
      await api(`/api/newsletter-issues/${id}`, {
        method: 'PATCH',
        body: {
          subject: form.subject,
          preheader: form.preheader.trim() || null,
          senderName: form.senderName.trim() || null,
          replyTo: form.replyTo.trim() || null,
          bodyMarkdown: form.bodyMarkdown,
          segment: seg,
          listId: seg.listIds?.[0] ?? null,
        },
      });
      setPreviewKey((k) => k + 1);
      setMessage(t('nlIssues.composer.saved'));
      return true;
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
      return false;
    }
  }
  async function countNow() {
    setError(undefined);
    try {
      const r = await api<{ count: number }>(`/api/networks/${data.networkId}/newsletter-recipient-count`, {
        body: { segment: fullSegment() },
      });
      setCount(r.count);
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  async function testSend() {
    if (!(await save())) return;
    try {
      const r = await api<{ to: string }>(`/api/newsletter-issues/${id}/test-send`, { method: 'POST' });
      setMessage(t('nlIssues.composer.testSent', { to: r.to }));
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  async function send() {
    if (!(await save())) return;
    if (!window.confirm(t('nlIssues.composer.confirmSend'))) return;
    try {
      const r = await api<{ recipients: number }>(`/api/newsletter-issues/${id}/send`, { method: 'POST' });
      setMessage(t('nlIssues.composer.started', { count: r.recipients }));
      reload();
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  const labelFor = (key: string) =>
    key.startsWith('segment') ? t('nlIssues.composer.segment') : t(`nlIssues.composer.${key}`);

  return (
    <div className="page">
      <p>
        <Link to={`/lettres/envois/reseau/${data.networkId}`}>{t('nlIssues.composer.back')}</Link>
      </p>
      <PageTitle>{data.subject || t('nlIssues.composer.title')}</PageTitle>
      <p aria-live="polite">{message}</p>
      <ErrorMessage error={error} />
      {!draft ? <Progress issue={data} onChange={reload} /> : null}
      <div className="nl-composer">
        {draft ? (
          <form onSubmit={save} noValidate>
            <FormErrorSummary form={errs} labelFor={labelFor} />
            <Field
              id={errs.idFor('subject')}
              label={t('nlIssues.composer.subject')}
              value={form.subject}
              onChange={set('subject')}
              error={errs.errors.subject}
              required
            />
            <Field
              id={errs.idFor('preheader')}
              label={t('nlIssues.composer.preheader')}
              value={form.preheader}
              onChange={set('preheader')}
              error={errs.errors.preheader}
            />
            <Field
              id={errs.idFor('senderName')}
              label={t('nlIssues.composer.senderName')}
              value={form.senderName}
              onChange={set('senderName')}
              error={errs.errors.senderName}
            />
            <Field
              id={errs.idFor('replyTo')}
              type="email"
              label={t('nlIssues.composer.replyTo')}
              value={form.replyTo}
              onChange={set('replyTo')}
              error={errs.errors.replyTo}
            />
            <Field
              as="textarea"
              id={errs.idFor('bodyMarkdown')}
              rows={14}
              label={t('nlIssues.composer.body')}
              hint={t('nlIssues.composer.bodyHint', { block: EVENTS_BLOCK, news: NEWS_BLOCK })}
              value={form.bodyMarkdown}
              onChange={set('bodyMarkdown')}
              error={errs.errors.bodyMarkdown}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setForm({ ...form, bodyMarkdown: `${form.bodyMarkdown.trimEnd()}\n\n${EVENTS_BLOCK}\n` })
              }
            >
              {t('nlIssues.composer.insertEvents')}
            </button>
            <h2>{t('nlIssues.composer.eventsTitle')}</h2>
            {events.data?.items.length === 0 ? <p>{t('nlIssues.composer.noEvents')}</p> : null}
            <ul>
              {events.data?.items.map((e) => (
                <li key={e.id}>{e.title}</li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setForm({ ...form, bodyMarkdown: `${form.bodyMarkdown.trimEnd()}\n\n${NEWS_BLOCK}\n` })
              }
            >
              {t('nlIssues.composer.insertNews')}
            </button>
            <h2>{t('nlIssues.composer.newsTitle')}</h2>
            {news.data?.items.length === 0 ? <p>{t('nlIssues.composer.noNews')}</p> : null}
            <ul>
              {news.data?.items.map((n) => (
                <li key={n.id}>{n.title}</li>
              ))}
            </ul>
            <fieldset id={errs.idFor('segment')}>
              <legend>{t('nlIssues.composer.segment')}</legend>
              {errs.errors.segment || errs.errors['segment.listIds'] ? (
                <p className="field__error">{errs.errors.segment ?? errs.errors['segment.listIds']}</p>
              ) : null}
              <p>{t('nlIssues.composer.lists')}</p>
              {audiences.data?.lists.map((l) => (
                <label key={l.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={segment.listIds?.includes(l.id) ?? false}
                    onChange={(e) => toggleList(l.id, e.target.checked)}
                  />{' '}
                  {l.name}
                </label>
              ))}
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={Boolean(segment.members)}
                  onChange={(e) =>
                    setSegment({
                      ...segment,
                      members: e.target.checked ? { statuses: ['active', 'grace'] } : undefined,
                    })
                  }
                />{' '}
                {t('nlIssues.composer.members')}
              </label>
              {segment.members && audiences.data?.plans.length ? (
                <fieldset>
                  <legend>{t('nlIssues.composer.plans')}</legend>
                  {audiences.data.plans.map((p) => (
                    <label key={p.id} className="checkbox">
                      <input
                        type="checkbox"
                        checked={segment.members?.planIds?.includes(p.id) ?? false}
                        onChange={(e) => togglePlan(p.id, e.target.checked)}
                      />{' '}
                      {p.name}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              {segment.members ? (
                <Field
                  id={errs.idFor('segment.territory.departments')}
                  label={t('nlIssues.composer.departments')}
                  value={departments}
                  onChange={(e) => setDepartments(e.target.value)}
                  error={errs.errors['segment.territory.departments.0']}
                />
              ) : null}
              <button type="button" className="button button--secondary" onClick={countNow}>
                {t('nlIssues.composer.countButton')}
              </button>
              <p aria-live="polite">{count !== null ? t('nlIssues.composer.count', { count }) : ''}</p>
            </fieldset>
            <div className="nl-actions">
              <button type="submit" className="button button--secondary">
                {t('nlIssues.composer.save')}
              </button>
              <button type="button" className="button button--secondary" onClick={testSend}>
                {t('nlIssues.composer.testSend')}
              </button>
              <button type="button" className="button" onClick={send}>
                {t('nlIssues.composer.send')}
              </button>
            </div>
          </form>
        ) : null}
        <section aria-labelledby="nl-preview">
          <h2 id="nl-preview">{t('nlIssues.composer.preview')}</h2>
          <iframe
            key={previewKey}
            className="nl-preview"
            title={t('nlIssues.composer.previewFrame')}
            src={`/api/newsletter-issues/${id}/preview`}
            sandbox=""
          />
        </section>
      </div>
    </div>
  );
}
