/** Who the visitor is (GET /api/me), for every page: person, roles, demo mode, CSRF token. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { getJson, onSessionChanged, postJson } from './api.js';
import { reconnectLiveEvents } from './events.js';
import type { Me } from './types.js';

interface MeState {
  readonly me?: Me;
  readonly error?: unknown;
  /** Asks the server again, e.g. after a login. */
  readonly refresh: () => Promise<void>;
}

const MeContext = createContext<MeState>({ refresh: async () => {} });

export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ me?: Me; error?: unknown }>({});
  const refresh = useCallback(async () => {
    try {
      const me = await getJson<Me>('/api/me');
      setState({ me });
    } catch (error) {
      setState({ error });
    }
  }, []);
  useEffect(() => {
    void refresh();
    // Another window signed in or out: the page shows whoever is signed in now.
    return onSessionChanged(() => void refresh());
  }, [refresh]);
  // Someone else signed in, or out: the event stream is theirs from now on.
  const person = state.me?.person;
  const previous = useRef(person);
  useEffect(() => {
    if (previous.current !== undefined && person !== previous.current) reconnectLiveEvents();
    previous.current = person;
  }, [person]);
  return <MeContext.Provider value={{ ...state, refresh }}>{children}</MeContext.Provider>;
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
