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
];

type Listener = <K extends LiveEventKind>(kind: K, data: LiveEvents[K]) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(live: boolean) => void>();
let source: EventSource | undefined;
let live = false;

function setLive(value: boolean): void {
  live = value;
  statusListeners.forEach((listener) => listener(value));
}

function connect(): void {
  if (source) return;
  // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
  source = new EventSource('/api/events');
  source.onopen = () => setLive(true);
  source.onerror = () => setLive(false);
  for (const kind of KINDS) {
    source.addEventListener(kind, (event) => {
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

/** Calls `onEvent` for every live event about `session` (every event when it is undefined). */
export function useLiveEvents(
  session: string | undefined,
  onEvent: <K extends LiveEventKind>(kind: K, data: LiveEvents[K]) => void,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    connect();
    const listener: Listener = (kind, data) => {
      if (session === undefined || data.session === session) handler.current(kind, data);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
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
