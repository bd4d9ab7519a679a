/** Who the visitor is (GET /api/me), for every page: person, roles, demo mode, CSRF token. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { getJson, onSessionChanged, postJson, sessionChanged } from './api.js';
import { reconnectLiveEvents } from './events.js';
import type { Me } from './types.js';

interface MeState {
  readonly me?: Me;
  readonly error?: unknown;
  /**
   * Why the page now shows someone else: another window signed in or out. Kept in the frame of
   * every page, since the form that was refused may be gone with the person it was for.
   */
  readonly sessionNotice?: string;
  /** Asks the server again, e.g. after a login. */
  readonly refresh: () => Promise<void>;
}

const MeContext = createContext<MeState>({ refresh: async () => {} });

export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ me?: Me; error?: unknown; sessionNotice?: string }>({});
  const load = useCallback(async (sessionNotice?: string) => {
    try {
      const me = await getJson<Me>('/api/me');
      setState({ me, sessionNotice });
    } catch (error) {
      setState({ error, sessionNotice });
    }
  }, []);
  // Asked for by the page (a sign-in here): any notice of another window's is done with.
  const refresh = useCallback(() => load(), [load]);
  useEffect(() => {
    void load();
    // Another window signed in or out: the page shows whoever is signed in now, as just read (the
    // header with the notice, not after another request), and says why.
    return onSessionChanged((sessionNotice, me) => setState({ me, sessionNotice }));
  }, [load]);
  // Someone else signed in, or out: the event stream is theirs from now on.
  const person = state.me?.person;
  useReturnToWindow(person, (me) => setState({ me, sessionNotice: sessionChanged(me) }));
  const previous = useRef(person);
  useEffect(() => {
    if (previous.current !== undefined && person !== previous.current) reconnectLiveEvents();
    previous.current = person;
  }, [person]);
  return <MeContext.Provider value={{ ...state, refresh }}>{children}</MeContext.Provider>;
}

/**
 * When the visitor comes back to this window, asks who is signed in: another window may have
 * signed in as someone else, or out, meanwhile. Tells `changed` so, before anything is acted on.
 */
function useReturnToWindow(person: string | null | undefined, changed: (me: Me) => void): void {
  const shown = useRef({ person, changed });
  shown.current = { person, changed };
  useEffect(() => {
    const look = () => {
      if (document.visibilityState !== 'visible' || shown.current.person === undefined) return;
      getJson<Me>('/api/me').then(
        (me) => {
          if (me.person !== shown.current.person) shown.current.changed(me);
        },
        () => {}, // out of reach: the page says so by its stream, and its next act will too
      );
    };
    document.addEventListener('visibilitychange', look);
    return () => document.removeEventListener('visibilitychange', look);
  }, []);
}

export function useMe(): MeState {
  return useContext(MeContext);
}

export async function demoLogin(person: string): Promise<void> {
  await postJson('/api/demo/login', { person });
}

export async function logout(): Promise<void> {
  await postJson('/api/logout');
}
