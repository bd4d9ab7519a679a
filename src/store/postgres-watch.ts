/**
 * Wake-ups from PostgreSQL: a connection of its own that LISTENs on the channel every append
 * notifies (kysely-store.ts). A notification says only that the log moved; the reader reads the
 * log. A connection that drops is made again after a pause; meanwhile the reader's poll finds
 * what was appended.
 */
import pg from 'pg';
import { LOG_CHANNEL } from './kysely-store.js';
import type { LogWatcher } from './kysely-store.js';

/** How long to wait before listening again after the connection dropped. */
const RECONNECT_MS = 1_000;

export function postgresWatcher(url: string): LogWatcher {
  return async (wake) => {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const listen = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url, keepAlive: true });
      const again = (): void => {
        if (stopped || client !== next) return;
        client = undefined;
        next.end().catch(() => undefined);
        retry = setTimeout(() => void listen(), RECONNECT_MS);
        retry.unref();
      };
      client = next;
      next.on('error', again);
      next.on('end', again);
      next.on('notification', () => wake());
      try {
        await next.connect();
        await next.query(`LISTEN ${LOG_CHANNEL}`);
        // Whatever was appended while no one listened: the reader looks once.
        wake();
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
