import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * On a change of page (pathname, not query string), scroll to the top and move focus to <main> so that screen
 * reader users hear the new page; query-string changes (filters, pagination) keep focus where it is.
 */
export function ScrollAndFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}
