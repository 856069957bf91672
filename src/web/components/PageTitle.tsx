import { type ReactNode, useEffect } from 'react';
import { useT } from '../lib/i18n.tsx';

/** The page's <h1>, and document.title set to "<title> · Maillage". */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const t = useT();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    const name = t('app.name');
    document.title = text && text !== name ? `${text} · ${name}` : name;
  }, [text, t]);
  return <h1>{children}</h1>;
}
