import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { NetworkLegalForm } from '../legal/NetworkLegalForm.tsx';
import { NetworkDetailsForm } from './NetworkDetailsForm.tsx';
import { NetworkOrganizations } from './NetworkOrganizations.tsx';
import type { Network } from './types.ts';

/** /admin/reseaux/:id/fiche: a network's details and its organisations (its coordinators, platform admin). */
export function NetworkSettingsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const network = useApi<Network>(`/api/networks/${encodeURIComponent(id)}`);
  const name = network.data?.name;
  useDocumentTitle(`${name ?? t('admin.tabs.networks')} · ${t('admin.title')}`);
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/admin/reseaux">{t('admin.members.back')}</Link>
      </p>
      <h2>{t('admin.details.heading', { name: name ?? '…' })}</h2>
      <p>
        <Link to={`/admin/reseaux/${encodeURIComponent(id)}`}>{t('admin.networks.coordinators')}</Link>
      </p>
      <ErrorMessage error={network.error} onRetry={network.reload} />
      {network.loading && !network.data ? <p role="status">{t('common.loading')}</p> : null}
      {network.data ? (
        <>
          <NetworkDetailsForm network={network.data} onSaved={() => network.reload()} />
          <NetworkLegalForm networkId={network.data.id} />
          <NetworkOrganizations networkId={network.data.id} networkName={network.data.name} />
        </>
      ) : null}
    </div>
  );
}
