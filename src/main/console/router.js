// Client-side routes under /console (the gateway answers index.html for each, so a reload or a shared link works).
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export function navigate(path) {
  if (location.pathname + location.search === path) return;
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path and query, updated on navigation. */
export function useLocation() {
  const [where, setWhere] = useState({ path: location.pathname, search: location.search });
  useEffect(() => {
    const update = () => setWhere({ path: location.pathname, search: location.search });
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return where;
}

/** A click on an in-console link navigates without a reload (a modified click opens a tab as usual). */
export function onLinkClick(event) {
  const link = event.target.closest && event.target.closest('a[href^="/console"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
}
