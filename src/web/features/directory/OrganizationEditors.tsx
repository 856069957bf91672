import { type FormEvent, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

interface Editor {
  accountId: string;
  email: string;
  name: string;
}

/** The accounts allowed to edit an organisation's page: list, invite by email, remove. */
export function OrganizationEditors({ organizationId }: { organizationId: string }) {
  const t = useT();
  const path = `/api/organizations/${encodeURIComponent(organizationId)}/editors`;
  const { data, error, reload } = useApi<{ items: Editor[] }>(path);
  const [email, setEmail] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>();

  async function add(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setStatus('');
    setFailure(undefined);
    try {
      await api(path, { body: { email } });
      setStatus(t('directory.editors.added', { email }));
      setEmail('');
      reload();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 409))
        setFields(Object.keys(err.fields).length ? err.fields : { email: err.message });
      else setFailure(err);
    }
  }

  async function remove(editor: Editor) {
    if (!window.confirm(t('directory.editors.confirmRemove', { name: editor.name || editor.email }))) return;
    setStatus('');
    setFailure(undefined);
    try {
      await api(`${path}/${encodeURIComponent(editor.accountId)}`, { method: 'DELETE' });
      setStatus(t('directory.editors.removed', { email: editor.email }));
      reload();
    } catch (err) {
      setFailure(err);
    }
  }

  const items = data?.items ?? [];
  return (
    <section aria-labelledby="org-editors" className="org-editors">
      <h2 id="org-editors">{t('directory.editors.title')}</h2>
      <p className="muted">{t('directory.editors.intro')}</p>
      <ErrorMessage error={error} onRetry={reload} />
      <ErrorMessage error={failure} />
      {status ? (
        <div className="alert alert--success" role="status">
          <p>{status}</p>
        </div>
      ) : null}
      {data && items.length === 0 ? <EmptyState title={t('directory.editors.none')} /> : null}
      {items.length ? (
        <ul className="editor-list">
          {items.map((editor) => (
            <li key={editor.accountId}>
              <span>
                {editor.name} <span className="muted">({editor.email})</span>
              </span>
              <button
                type="button"
                className="button button--danger button--small"
                aria-label={t('directory.editors.removeOf', { name: editor.name || editor.email })}
                onClick={() => remove(editor)}
              >
                {t('directory.editors.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form-narrow" onSubmit={add} noValidate>
        <Field
          label={t('directory.editors.email')}
          hint={t('directory.editors.emailHint')}
          type="email"
          name="editor-email"
          required
          value={email}
          error={fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t('directory.editors.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
