/**
 * Notifications from PostgreSQL: a connection of its own that LISTENs on a channel, for the log
 * (every append notifies, kysely-store.ts) and for ended web sessions (web-sessions.ts). A
 * notification is a wake-up; what it is about is read from the database. A connection that
 * drops is made again after a pause; the listener is told when it listens (again) and when it
 * stops, since what is notified meanwhile is lost.
 */
import pg from 'pg';

/** What a watcher tells: it listens (again), it stopped listening, or a notification came. */
export type ChannelNote =
  | { readonly kind: 'listening' }
  | { readonly kind: 'lost' }
  | { readonly kind: 'notified'; readonly payload: string };

/** Tells `told` of each notification on a channel, and when it listens or stops; answers how to stop. */
export type ChannelWatcher = (told: (note: ChannelNote) => void) => Promise<() => Promise<void>>;

/** How long to wait before listening again after the connection dropped. */
const RECONNECT_MS = 1_000;

export function postgresWatcher(url: string, channel: string): ChannelWatcher {
  return async (told) => {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const listen = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url, keepAlive: true });
      const again = (): void => {
        if (stopped || client !== next) return;
        client = undefined;
        told({ kind: 'lost' });
        next.end().catch(() => undefined);
        retry = setTimeout(() => void listen(), RECONNECT_MS);
        retry.unref();
      };
      client = next;
      next.on('error', again);
      next.on('end', again);
      next.on('notification', (message) =>
        told({ kind: 'notified', payload: message.payload ?? '' }),
      );
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        // Whatever was notified while no one listened: the listener looks once.
        told({ kind: 'listening' });
      } catch {
        again();
      }
    };
    await listen();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  };
}
