/**
 * The signed-in member's inbox (GET /api/inbox), loaded once for every page: the navigation shows
 * its count and the organization page its reminder. Read again whenever a circulation changes.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { getJson } from './api.js';
import { useReloadOn } from './events.js';
import { useMe } from './me.js';
import { useResource } from './resource.js';
import type { InboxQuestion } from './types.js';

interface InboxState {
  readonly questions?: readonly InboxQuestion[];
  readonly error?: unknown;
  readonly reload: () => void;
}

const InboxContext = createContext<InboxState>({ reload: () => {} });

export function InboxProvider({ children }: { children: ReactNode }) {
  const person = useMe().me?.person ?? '';
  const { data, error, reload } = useResource(
    async () =>
      person ? (await getJson<{ questions: InboxQuestion[] }>('/api/inbox')).questions : [],
    `inbox:${person}`,
  );
  useReloadOn('circulation', reload);
  return (
    <InboxContext.Provider value={{ questions: data, error, reload }}>
      {children}
    </InboxContext.Provider>
  );
}

export function useInbox(): InboxState {
  return useContext(InboxContext);
}
