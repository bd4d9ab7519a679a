/** The live event stream (GET /api/events): one EventSource per page, shared by its parts. */
import { useEffect, useRef, useState } from 'react';
import type { LiveEventKind, LiveEvents } from './types.js';

const KINDS: readonly LiveEventKind[] = [
  'attendance',
  'motion',
  'vote-opened',
  'ballot',
  'decision',
  'session',
  'organization',
  'proxies',
  'circulation',
  'dispatch',
  'instrument',
  'notice',
  'minutes',
];

type Listener = <K extends LiveEventKind>(kind: K, data: LiveEvents[K]) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(live: boolean) => void>();
const reopenListeners = new Set<() => void>();
let source: EventSource | undefined;
let live = false;
/** Whether a stream of this page opened before: each later opening may follow a gap. */
let openedBefore = false;
/** The last event's id: a stream opened again starts after it, so that nothing is missed. */
let lastId: number | undefined;

function setLive(value: boolean): void {
  live = value;
  statusListeners.forEach((listener) => listener(value));
}

function connect(): void {
  // A stream refused (a record open to its members, before signing in) is closed for good.
  if (source && source.readyState !== EventSource.CLOSED) return;
  // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
  source = new EventSource(
    lastId === undefined ? '/api/events' : `/api/events?lastEventId=${lastId}`,
  );
  source.onopen = () => {
    setLive(true);
    // A stream opened again without an event to resume from (reopened as another person, or
    // none had come yet) misses what was recorded meanwhile: what the page shows is read anew.
    if (openedBefore) reopenListeners.forEach((listener) => listener());
    openedBefore = true;
  };
  source.onerror = () => setLive(false);
  for (const kind of KINDS) {
    source.addEventListener(kind, (event) => {
      const id = Number((event as MessageEvent<string>).lastEventId);
      if (Number.isSafeInteger(id)) lastId = id;
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      listeners.forEach((listener) => listener(kind, data as LiveEvents[typeof kind]));
    });
  }
}

/**
 * Calls `reload` on every live event of the kinds given, whatever it is about, and once on a
 * reopening.
 */
export function useReloadOn(
  kinds: LiveEventKind | readonly LiveEventKind[],
  reload: () => void,
): void {
  const wanted: readonly LiveEventKind[] = typeof kinds === 'string' ? [kinds] : kinds;
  useLiveEvents(
    undefined,
    (happened) => {
      if (wanted.includes(happened)) reload();
    },
    reload,
  );
}

/**
 * Calls `onEvent` for every live event about `session` (every event when it is undefined), and
 * `reload` when the stream opens again after a gap, in which events may have been missed.
 */
export function useLiveEvents(
  session: string | undefined,
  onEvent: <K extends LiveEventKind>(kind: K, data: LiveEvents[K]) => void,
  reload: () => void,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const reloader = useRef(reload);
  reloader.current = reload;
  useEffect(() => {
    connect();
    const listener: Listener = (kind, data) => {
      if (session === undefined || data.session === session) handler.current(kind, data);
    };
    const reopened = () => reloader.current();
    listeners.add(listener);
    reopenListeners.add(reopened);
    return () => {
      listeners.delete(listener);
      reopenListeners.delete(reopened);
    };
  }, [session]);
}

/** Whether the live stream is connected. */
export function useLiveStatus(): boolean {
  const [value, setValue] = useState(live);
  useEffect(() => {
    connect();
    statusListeners.add(setValue);
    setValue(live);
    return () => {
      statusListeners.delete(setValue);
    };
  }, []);
  return value;
}

/** Connects again as whoever is now signed in: who may read, and what, depends on it. */
export function reconnectLiveEvents(): void {
  if (!source) return;
  source.close();
  source = undefined;
  setLive(false);
  connect();
}
