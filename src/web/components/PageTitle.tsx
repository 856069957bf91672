import { type ReactNode, useEffect } from 'react';
import { useT } from '../lib/i18n.tsx';

/** Sets document.title to "<title> · Maillage" (for a page or a tab whose <h1> is shared). */
export function useDocumentTitle(text: string) {
  const t = useT();
  useEffect(() => {
    const name = t('app.name');
    document.title = text && text !== name ? `${text} · ${name}` : name;
  }, [text, t]);
}

/** The page's <h1>, and document.title set to "<title> · Maillage". */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  useDocumentTitle(title ?? (typeof children === 'string' ? children : ''));
  return <h1>{children}</h1>;
}
