/**
 * The signed-in member's signing queue (GET /api/queue), loaded once for every page: the
 * navigation shows its count and the "To sign" page its instruments. Read again whenever an
 * instrument changes.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { SigningQueue } from '../../api/instruments.js';
import { getJson } from './api.js';
import { useReloadOn } from './events.js';
import type { QueuedInstrument } from './instruments.js';
import { useMe } from './me.js';
import { useResource } from './resource.js';

interface QueueState {
  readonly instruments?: readonly QueuedInstrument[];
  readonly error?: unknown;
  readonly reload: () => void;
}

const QueueContext = createContext<QueueState>({ reload: () => {} });

export function QueueProvider({ children }: { children: ReactNode }) {
  const person = useMe().me?.person ?? '';
  const { data, error, reload } = useResource(
    async () => (person ? (await getJson<SigningQueue>('/api/queue')).instruments : []),
    `queue:${person}`,
  );
  useReloadOn('instrument', reload);
  return (
    <QueueContext.Provider value={{ instruments: data, error, reload }}>
      {children}
    </QueueContext.Provider>
  );
}

export function useQueue(): QueueState {
  return useContext(QueueContext);
}
