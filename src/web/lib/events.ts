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

/**
 * Where the stream stands: opening (at first, or again as another person), live, or lost once it
 * was live (the server stopped, the network went), while it is tried again.
 */
export type StreamState = 'connecting' | 'live' | 'lost';

const listeners = new Set<Listener>();
const statusListeners = new Set<(state: StreamState) => void>();
const reopenListeners = new Set<() => void>();
let source: EventSource | undefined;
let state: StreamState = 'connecting';
/** Whether a stream of this page opened before: each later opening may follow a gap. */
let openedBefore = false;
/** Whether the stream opened since this page connected as whoever is signed in now. */
let wasLive = false;
/** The last event's id: a stream opened again starts after it, so that nothing is missed. */
let lastId: number | undefined;
/** A stream refused after it was lost is opened again after this long, longer each time. */
const RETRY_MS = { first: 3_000, most: 30_000 };
let retryMs = RETRY_MS.first;
let retry: ReturnType<typeof setTimeout> | undefined;

function setState(value: StreamState): void {
  state = value;
  statusListeners.forEach((listener) => listener(value));
}

function connect(): void {
  if (source && source.readyState !== EventSource.CLOSED) return;
  // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
  source = new EventSource(
    lastId === undefined ? '/api/events' : `/api/events?lastEventId=${lastId}`,
  );
  source.onopen = () => {
    setState('live');
    wasLive = true;
    retryMs = RETRY_MS.first;
    // A stream opened again without an event to resume from (reopened as another person, or
    // none had come yet) misses what was recorded meanwhile: what the page shows is read anew.
    if (openedBefore) reopenListeners.forEach((listener) => listener());
    openedBefore = true;
  };
  source.onerror = () => {
    const refused = source?.readyState === EventSource.CLOSED;
    // A network error (the browser tries again by itself) is a lost connection even before the
    // stream first opened, as when the server stops while the page connects as another person.
    // A refusal before it ever opened is not: a record open to its members, before signing in.
    if (!wasLive && refused && !openedBefore) return setState('connecting');
    setState(wasLive || !refused ? 'lost' : 'connecting');
    // After a refusal (the server stopping answers 503) the browser does not try again: this
    // page does, later and later.
    if (refused && retry === undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MS.most);
    }
  };
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

/** Where the live stream stands. */
export function useStreamState(): StreamState {
  const [value, setValue] = useState(state);
  useEffect(() => {
    connect();
    statusListeners.add(setValue);
    setValue(state);
    return () => {
      statusListeners.delete(setValue);
    };
  }, []);
  return value;
}

/** Tells `listener` each time the stream opens again after a gap; returns the way to stop. */
export function onReopened(listener: () => void): () => void {
  reopenListeners.add(listener);
  return () => reopenListeners.delete(listener);
}

/** Connects again as whoever is now signed in: who may read, and what, depends on it. */
export function reconnectLiveEvents(): void {
  if (!source) return;
  source.close();
  source = undefined;
  clearTimeout(retry);
  retry = undefined;
  wasLive = false;
  setState('connecting');
  connect();
}
