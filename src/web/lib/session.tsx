import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';

export interface MeAccount {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  locale?: string | null;
}
export interface MeNetwork {
  id: string;
  slug: string;
  name: string;
  kind: string;
  role: string;
}
/** The answer of GET /api/me. */
export interface Me {
  account: MeAccount | null;
  networks: MeNetwork[];
  organizations: { id: string; name: string }[];
}

const anonymous: Me = { account: null, networks: [], organizations: [] };

interface SessionValue {
  me: Me;
  /** False until the first /api/me answer arrived. */
  loaded: boolean;
  refreshMe: () => Promise<Me>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchMe(): Promise<Me> {
  try {
    const me = await api<Me>('/api/me');
    return { ...anonymous, ...me };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return anonymous;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me>(anonymous);
  const [loaded, setLoaded] = useState(false);
  const refreshMe = useCallback(async () => {
    try {
      const next = await fetchMe();
      setMe(next);
      return next;
    } catch {
      return anonymous;
    } finally {
      setLoaded(true);
    }
  }, []);
  useEffect(() => {
    void refreshMe();
  }, [refreshMe]);
  return <SessionContext.Provider value={{ me, loaded, refreshMe }}>{children}</SessionContext.Provider>;
}

function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useMe outside <SessionProvider>');
  return value;
}

/** The /api/me answer (anonymous until loaded), whether it has arrived, and `refreshMe()`. */
export function useMe(): Me & { loaded: boolean; refreshMe: () => Promise<Me> } {
  const { me, loaded, refreshMe } = useSession();
  return { ...me, loaded, refreshMe };
}

/** Re-reads /api/me, e.g. after signing in or out. */
export function useRefreshMe(): () => Promise<Me> {
  return useSession().refreshMe;
}

/** True when the account coordinates at least one network or is platform admin. */
export function canAdminister(me: Me): boolean {
  return Boolean(me.account?.isPlatformAdmin || me.networks.some((n) => n.role === 'coordinator'));
}
