/** PostgreSQL, for organizations that outgrow one file or run several server instances. */
import { Kysely, PostgresDialect } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { prepareTables } from './schema.js';
import { displayLocation, StoreMissing, StoreUnavailable } from './types.js';
import type { Tables } from './schema.js';
import type { RecordStore } from './types.js';

const INT8 = 20;

/**
 * How long the store waits for the database, so that one that stalls fails requests in bounded
 * time instead of holding them: a connection (the URL's `connect_timeout`, in seconds, libpq's
 * name), a statement on the server (`statement_timeout`, ms), and an answer on the connection
 * (`query_timeout`, ms: a database that stopped answering at all). The URL's values win.
 */
export const POSTGRES_TIMEOUTS = { connectMs: 5_000, statementMs: 10_000, queryMs: 15_000 };

export async function openPostgresStore(
  url: string,
  options: { create: boolean },
): Promise<RecordStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: connectTimeoutMs(url),
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    query_timeout: POSTGRES_TIMEOUTS.queryMs,
    keepAlive: true,
    // Indexes and sizes are bigint in the schema but always safe integers here.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  // A connection PostgreSQL ends (a restart, pg_terminate_backend) is dropped by the pool, and a
  // query on it fails; the events that say so must not end the process, as unheard ones do.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: guarded(pool) }) });
  let ready: boolean;
  try {
    ready = await prepareTables(db, 'bytea', options.create);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (!ready) {
    await db.destroy();
    throw new StoreMissing(displayLocation(url));
  }
  return new KyselyStore('postgres', db, (e) => (e as { code?: string }).code === '23505');
}

function connectTimeoutMs(url: string): number {
  let seconds: number;
  try {
    seconds = Number(new URL(url).searchParams.get('connect_timeout') ?? NaN);
  } catch {
    seconds = NaN;
  }
  return seconds > 0 ? seconds * 1000 : POSTGRES_TIMEOUTS.connectMs;
}

/**
 * The pool as Kysely uses it, telling a database that is away (StoreUnavailable) from a query it
 * refused, and never reusing a connection that failed: one whose query timed out still has that
 * query in flight, and every query after it would wait behind it.
 */
function guarded(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new StoreUnavailable(error);
      }
      let failed: Error | undefined;
      const query = async (sql: string, parameters: readonly unknown[]) => {
        try {
          return await client.query(sql, [...parameters]);
        } catch (error) {
          if (!isUnavailable(error)) throw error;
          failed = error as Error;
          throw new StoreUnavailable(error);
        }
      };
      return {
        // Only this form is called: the dialect is given no cursor to stream with.
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(failed ?? destroy),
      };
    },
    end: () => pool.end(),
  };
}

/**
 * Whether a query failed because the database is away rather than because it refused the query:
 * any failure of the connection itself (no SQLSTATE), or PostgreSQL's connection exceptions
 * (08), lack of resources (53), shutdown (57P0x) and a statement cancelled by its timeout.
 */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  return /^(08|53|57P0)/.test(error.code ?? '') || error.code === '57014';
}
