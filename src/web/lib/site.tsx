import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api } from './api.ts';

/** GET /api/site. */
export interface Site {
  demo: boolean;
  name: string;
  version?: string;
  /** Map tiles (MAP_TILES_URL on the server). */
  mapTiles?: { url: string; attribution: string };
}

const SiteContext = createContext<Site | null>(null);

export function SiteProvider({ children }: { children: ReactNode }) {
  const [site, setSite] = useState<Site | null>(null);
  useEffect(() => {
    api<Site>('/api/site')
      .then(setSite)
      .catch(() => setSite({ demo: false, name: 'Maillage' }));
  }, []);
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>;
}

/** The site description, null until loaded. */
export function useSite(): Site | null {
  return useContext(SiteContext);
}
