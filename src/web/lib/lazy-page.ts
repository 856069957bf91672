import { type ComponentType, lazy } from 'react';

/**
 * A page loaded with its feature's code only when first shown (its own file in the build), from a module that
 * exports it by name: `const AgendaPage = lazyPage(() => import('./AgendaPage.tsx'), 'AgendaPage')`. The layout shows
 * a loading line meanwhile (Suspense around the page outlet).
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
