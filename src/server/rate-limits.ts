/**
 * Rate limits that every server instance of a record shares: the rate-limit plugin's counters
 * kept in the database (WebSessionStore.hit), so that N instances behind a balancer allow what
 * one would, not N times as much. A route's limit counts apart by its method and URL; a limit
 * made with `createRateLimit` has no route, and names what it counts in its keys.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { WebSessionStore } from '../store/web-sessions.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface LimitParams {
  readonly routeInfo?: { readonly method?: unknown; readonly url?: unknown };
}

/** The store class the rate-limit plugin is given (it makes the instances itself). */
export function sharedRateLimitStore(
  shared: WebSessionStore,
  now: () => number,
): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly space: string;

    /** The plugin makes the root with its options; a limit's own store is a child of it. */
    constructor(space: unknown = '') {
      this.space = typeof space === 'string' ? space : '';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const time = now();
      shared.hit(`${this.space}|${key}`, timeWindow, time).then(
        ({ count, resetAt }) =>
          callback(null, { current: count, ttl: Math.max(0, resetAt - time) }),
        (error: Error) => callback(error),
      );
    }

    // Typed as the route's options; given, in fact, the limit's merged parameters.
    child(routeOptions: object): SharedRateLimitStore {
      const params = routeOptions as LimitParams;
      const route = params.routeInfo;
      const space = `${String(route?.method ?? '')} ${String(route?.url ?? '')}`;
      return new SharedRateLimitStore(space);
    }
  };
}
