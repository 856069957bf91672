import { useState } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';

/**
 * On an organisation's page, for a coordinator: one "Rattacher à mon réseau" button per network they coordinate
 * that the organisation is not in yet. The server decides (an organisation claimed elsewhere needs a platform
 * admin) and its refusal is shown beside the button.
 */
export function AttachToNetwork({
  organizationId,
  networkIds,
  onAttached,
}: {
  organizationId: string;
  networkIds: string[];
  onAttached: () => void;
}) {
  const t = useT();
  const me = useMe();
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState('');
  const [attached, setAttached] = useState('');
  const candidates = me.networks.filter((n) => n.role === 'coordinator' && !networkIds.includes(n.id));
  const status = (
    <div aria-live="polite">
      {attached ? (
        <p className="alert alert--success">{t('directory.org.attached', { name: attached })}</p>
      ) : null}
    </div>
  );
  if (!me.account || candidates.length === 0) return status;

  async function attach(networkId: string, name: string) {
    setBusy(networkId);
    setAttached('');
    setRefusals((r) => ({ ...r, [networkId]: '' }));
    try {
      await api(`/api/networks/${encodeURIComponent(networkId)}/organizations`, { body: { organizationId } });
      setAttached(name);
      onAttached();
    } catch (err) {
      const message = err instanceof ApiError ? err.message : t('directory.org.attachFailed');
      setRefusals((r) => ({ ...r, [networkId]: message }));
    } finally {
      setBusy('');
    }
  }

  return (
    <>
      {status}
      <ul className="plain-list">
        {candidates.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy === n.id}
              onClick={() => attach(n.id, n.name)}
              aria-describedby={refusals[n.id] ? `attach-${n.id}` : undefined}
            >
              {t('directory.org.attach', { name: n.name })}
            </button>
            <div aria-live="polite">
              {refusals[n.id] ? (
                <p className="field__error" id={`attach-${n.id}`}>
                  {refusals[n.id]}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
