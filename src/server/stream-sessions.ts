/**
 * The event streams opened with each cookie, and when the session behind it expires unless used
 * again. Every login or logout ends a cookie's streams, found here without a walk of all. An
 * expiry is looked at on the keep-alive timer, never at an event: the live vote writes many.
 */
import type { ServerResponse } from 'node:http';
import { StoreUnavailable } from '../store/types.js';

interface Streams {
  readonly open: Set<ServerResponse>;
  /** When the session expires unless used again (ms); Infinity for a visitor not signed in. */
  expires: number;
  /** Whether the session is being read again (see check). */
  asking: boolean;
}

/**
 * Where a session is read from: when it now expires, or undefined where it has ended (see
 * Sessions.expiry). It throws where it cannot be read.
 */
export type SessionExpiry = (cookie: string) => Promise<number | undefined>;

export class SessionStreams {
  private readonly byCookie = new Map<string, Streams>();

  constructor(private readonly expiry: SessionExpiry) {}

  /** Counts `res` among the streams of `cookie`, whose session expires at `expires`. */
  opened(cookie: string, res: ServerResponse, expires: number): void {
    const streams = this.byCookie.get(cookie);
    if (!streams) this.byCookie.set(cookie, { open: new Set([res]), expires, asking: false });
    else {
      streams.open.add(res);
      streams.expires = Math.max(streams.expires, expires);
    }
  }

  /** Counts `res` among the streams of `cookie` no more. */
  closed(cookie: string, res: ServerResponse): void {
    const streams = this.byCookie.get(cookie);
    streams?.open.delete(res);
    if (streams?.open.size === 0) this.byCookie.delete(cookie);
  }

  of(cookie: string): Iterable<ServerResponse> {
    return this.byCookie.get(cookie)?.open ?? [];
  }

  /**
   * Reads again each session whose expiry is past at `now`: it may have been used since (any
   * request of it), and then its streams go on until its new expiry; `ended` is told the cookie
   * of one that has expired or ended (its streams end, and their clients come back, EventSource
   * by itself, to be let in or not as any request is). With the database away, a session is
   * neither: as a request is answered 503 then, not signed out, its streams go on, and it is
   * asked again at the next check. The server reads nothing new meanwhile: they are told nothing.
   */
  check(now: number, ended: (cookie: string) => void): void {
    for (const [cookie, streams] of this.byCookie) {
      if (streams.expires > now || streams.asking) continue;
      streams.asking = true;
      const answered = (expires: number | undefined) => {
        streams.asking = false;
        if (expires === undefined) ended(cookie);
        else streams.expires = expires;
      };
      const unread = (error: unknown) => {
        if (error instanceof StoreUnavailable) streams.asking = false;
        else answered(undefined);
      };
      void this.expiry(cookie).then(answered, unread);
    }
  }
}
