import { useEffect, useState } from 'preact/hooks';

/** A page of the UI and its parameters, from the hash: #/teams/team-alpha?tab=x. */
export interface Route {
  readonly page: string;
  readonly id: string | null;
  readonly query: URLSearchParams;
}

export const DEFAULT_PAGE = 'keys';

/** Hash routes keep every page under /ui/: a reload never asks the server for another path. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [page, id] = path.split('/').filter((part) => part.length > 0);
  return {
    page: page ?? DEFAULT_PAGE,
    id: id === undefined ? null : decodeURIComponent(id),
    query: new URLSearchParams(search),
  };
}

export function href(page: string, id?: string): string {
  return `#/${page}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
}

export function navigate(page: string, id?: string): void {
  window.location.hash = href(page, id);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
