import { useMemo } from 'react';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { coordinatedNetworkIds } from './AdminLayout.tsx';
import type { Network } from './types.ts';

/** The networks the actor manages: all for a platform admin, those it coordinates otherwise. */
export function useManagedNetworks() {
  const me = useMe();
  const state = useApi<{ items: Network[] }>('/api/networks');
  const networks = useMemo(() => {
    const ids = coordinatedNetworkIds(me);
    return (state.data?.items ?? []).filter((n) => ids === null || ids.has(n.id));
  }, [state.data, me]);
  return { ...state, networks };
}
