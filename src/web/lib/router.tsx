/** A small router over the History API: paths, links and navigation, nothing more. */
import { useEffect, useState } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

const CHANGE = 'collegium:navigate';

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
  // Keyboard and screen reader users start the new page at its content.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
}

/** The browser tab's title, for the page shown. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Collegium` : 'Collegium';
  }, [title]);
}

/** The current location's path and query (as written, and read), updated on navigation. */
export function useLocation(): { path: string; search: string; query: URLSearchParams } {
  const read = () => ({
    path: window.location.pathname,
    search: window.location.search,
    query: new URLSearchParams(window.location.search),
  });
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

/** An ordinary link that navigates in place (modified clicks still open new tabs). */
export function Link({ to, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

export const paths = {
  home: '/',
  record: (from?: number) => (from === undefined ? '/record' : `/record?from=${from}`),
  entry: (index: number) => `/record/${index}`,
  session: (id: string) => `/sessions/${encodeURIComponent(id)}`,
  ballot: (id: string) => `/sessions/${encodeURIComponent(id)}/ballot`,
  projector: (id: string) => `/sessions/${encodeURIComponent(id)}/projector`,
  /** The minutes page (its former name, kept for the links that use it). */
  minutes: (id: string) => `/sessions/${encodeURIComponent(id)}/minutes`,
  protocol: (id: string) => `/sessions/${encodeURIComponent(id)}/minutes`,
  /** The form that convenes a session with its agenda, of `body` when given. */
  convene: (body?: string) => withQuery('/sessions/new', { body }),
  login: '/login',
  inbox: '/inbox',
  circulations: '/circulations',
  circulation: (id: string) => `/circulations/${encodeURIComponent(id)}`,
  /** The form that puts a question, for a body, on a dispatch or approving the minutes of a
   * session when given. */
  putQuestion: (on: { body?: string; dispatch?: string; approves?: string } = {}) =>
    withQuery('/circulations/new', on),
  dispatches: '/dispatches',
  dispatch: (id: string) => `/dispatches/${encodeURIComponent(id)}`,
  registerDispatch: '/dispatches/new',
  /** What awaits the member's signature. */
  queue: '/queue',
  instruments: '/instruments',
  /** The register of decisions, with its CSV downloads. */
  decisions: '/decisions',
  instrument: (id: string) => `/instruments/${encodeURIComponent(id)}`,
  /** The form that drafts an instrument, answering a dispatch when given. */
  draftInstrument: (on: { body?: string; answers?: string } = {}) =>
    withQuery('/instruments/new', on),
  /** The page that verifies an instrument's bundle in the browser, fetched when `instrument` is
   * given. */
  verify: (instrument?: string) => withQuery('/verify', { instrument }),
};

/** `path` with the query parameters that have a value. */
function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  return query ? `${path}?${query}` : path;
}
