import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Member, Network } from './types.ts';

/** /admin/reseaux/:id: a network's coordinators and members; add a coordinator by email, remove a member. */
export function NetworkMembersPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useMe();
  const networks = useApi<{ items: Network[] }>('/api/networks');
  const network = networks.data?.items.find((n) => n.id === id);
  useDocumentTitle(`${network?.name ?? t('admin.tabs.networks')} · ${t('admin.title')}`);
  const members = useApi<{ items: Member[] }>(`/api/networks/${encodeURIComponent(id)}/members`);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const formErrors = useFormErrors('coordinator');
  const fields = formErrors.errors;
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>();

  async function add(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setStatus('');
    setFailure(undefined);
    try {
      await api(`/api/networks/${encodeURIComponent(id)}/coordinators`, {
        body: name.trim() ? { email, name } : { email },
      });
      setStatus(t('admin.members.added', { email }));
      setEmail('');
      setName('');
      members.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) formErrors.show({ email: err.message });
      else if (formErrors.fromError(err)) return;
      else setFailure(err);
    }
  }

  async function remove(member: Member) {
    if (!window.confirm(t('admin.members.confirmRemove', { name: member.name || member.email }))) return;
    setStatus('');
    setFailure(undefined);
    try {
      await api(`/api/networks/${encodeURIComponent(id)}/members/${encodeURIComponent(member.accountId)}`, {
        method: 'DELETE',
      });
      setStatus(t('admin.members.removed', { email: member.email }));
      members.reload();
      if (member.accountId === me.account?.id) void me.refreshMe();
    } catch (err) {
      setFailure(err);
    }
  }

  const items = members.data?.items ?? [];
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/admin/reseaux">{t('admin.members.back')}</Link>
      </p>
      <h2>{t('admin.members.title', { name: network?.name ?? '…' })}</h2>
      <p>
        <Link to={`/admin/reseaux/${encodeURIComponent(id)}/fiche`}>{t('admin.networks.details')}</Link>
      </p>
      <ErrorMessage error={members.error} onRetry={members.reload} />
      <ErrorMessage error={failure} />
      {status ? (
        <div className="alert alert--success" role="status">
          <p>{status}</p>
        </div>
      ) : null}
      {members.data && items.length === 0 ? <EmptyState title={t('admin.members.none')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.members.name')}</th>
                <th scope="col">{t('admin.members.email')}</th>
                <th scope="col">{t('admin.members.role')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.members.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.accountId}>
                  <th scope="row">{m.name}</th>
                  <td>{m.email}</td>
                  <td>{t(`admin.members.roles.${m.role}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--danger button--small"
                      onClick={() => remove(m)}
                      aria-label={t('admin.members.removeOf', { name: m.name || m.email })}
                    >
                      {t('admin.members.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section aria-labelledby="add-coordinator">
        <h3 id="add-coordinator">{t('admin.members.add')}</h3>
        <p className="muted">{t('admin.members.addHelp')}</p>
        <FormErrorSummary
          form={formErrors}
          labelFor={labelsFrom(t, 'admin.members.', { name: 'nameOptional' })}
        />
        <form className="form-narrow" onSubmit={add} noValidate>
          <Field
            label={t('admin.members.email')}
            type="email"
            required
            value={email}
            id={formErrors.idFor('email')}
            error={fields.email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Field
            label={t('admin.members.nameOptional')}
            value={name}
            id={formErrors.idFor('name')}
            error={fields.name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t('admin.members.addSubmit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
