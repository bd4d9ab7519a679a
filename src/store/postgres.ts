/** PostgreSQL, for organizations that outgrow one file or run several server instances. */
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { KyselyStore, LOG_CHANNEL } from './kysely-store.js';
import { postgresWatcher } from './postgres-watch.js';
import { notThisRecord, prepareTables, RECORD_TABLES } from './schema.js';
import { displayLocation, StoreMissing, StoreOpenError, StoreUnavailable } from './types.js';
import type { Tables } from './schema.js';
import { SESSIONS_CHANNEL } from './web-sessions.js';
import { WriteFailures } from './write-failures.js';
import { codeOf } from '../core/errors.js';

const INT8 = 20;

/**
 * How long the store waits for the database, so that one that stalls fails requests in bounded
 * time instead of holding them: a connection (the URL's `connect_timeout`, in seconds, libpq's
 * name), a statement on the server (`statement_timeout`, ms), and an answer on the connection
 * (`query_timeout`, ms: a database that stopped answering at all). The URL's values win.
 *
 * A transaction that stops sending statements (its process paused, or cut off by a network that
 * leaves PostgreSQL's end open) is ended by the server after as long as a statement may take
 * (`idle_in_transaction_session_timeout`, ms; the URL's `statement_timeout` unless it names its
 * own): an append holds the log's lock, and every other instance and command would wait on it.
 */
const POSTGRES_TIMEOUTS = { connectMs: 5_000, statementMs: 10_000, queryMs: 15_000 };

export async function openPostgresStore(
  url: string,
  options: { create: boolean; readOnly?: boolean; copy?: boolean },
): Promise<KyselyStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // A vote comes after minutes of quiet: its first batch should not wait for a connection
    // the pool closed meanwhile (the default closes one idle for 10 s).
    idleTimeoutMillis: 300_000,
    connectionTimeoutMillis: connectTimeoutMs(url),
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    query_timeout: POSTGRES_TIMEOUTS.queryMs,
    idle_in_transaction_session_timeout:
      urlNumber(url, 'statement_timeout') ?? POSTGRES_TIMEOUTS.statementMs,
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
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    // Work that only reads runs in read-only transactions: the server refuses any write. Should
    // this fail, the connection is broken and so is the query that wanted it.
    if (options.readOnly)
      client.query('SET default_transaction_read_only = on').catch(() => undefined);
  });
  const failures = new WriteFailures();
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: guarded(pool, failures) }),
  });
  let found;
  try {
    found = await prepareTables(db, 'bytea', options);
  } catch (error) {
    await db.destroy();
    throw openingError(error, url);
  }
  if (found.state !== 'ready') {
    await db.destroy();
    // A database without the record's tables is where `init` makes one; other tables are not.
    if (found.state === 'absent' || found.state === 'unbegun')
      throw new StoreMissing(displayLocation(url));
    throw notThisRecord(displayLocation(url), 'postgres', found);
  }
  if (!options.readOnly) {
    const unwritable = await unwritableBecause(db).catch(async (error: unknown) => {
      await db.destroy();
      throw openingError(error, url);
    });
    if (unwritable !== undefined) {
      await db.destroy();
      throw new StoreOpenError(
        'read-only-record',
        `${displayLocation(url)} cannot be written: ${unwritable}; commands that only read open it as it is, and to record or serve, connect as a user who may write it, to a server that takes writes`,
      );
    }
  }
  return new KyselyStore('postgres', db, (e) => codeOf(e) === '23505', {
    watcher: postgresWatcher(url, LOG_CHANNEL),
    sessionWatcher: postgresWatcher(url, SESSIONS_CHANNEL),
    readOnly: options.readOnly === true,
    writeFailure: () => failures.current(),
  });
}

/**
 * Why this connection could not write the record, or undefined: the database or the user takes
 * read-only transactions (a standby, default_transaction_read_only), or the user may not insert
 * into one of its tables. Asked at opening, so that a server does not start only to fail its
 * first act.
 */
async function unwritableBecause(db: Kysely<Tables>): Promise<string | undefined> {
  const { rows } = await sql<{ readOnly: string; denied: string[] }>`
    select current_setting('transaction_read_only') as "readOnly",
      array(select t from unnest(${[...RECORD_TABLES]}::text[]) t
        where not has_table_privilege(t, 'INSERT')) as "denied"`.execute(db);
  const { readOnly, denied } = rows[0]!;
  if (readOnly === 'on')
    return 'its transactions are read-only (a standby, or default_transaction_read_only)';
  if (denied.length > 0) return `this user may not insert into ${denied.join(', ')}`;
  return undefined;
}

/** Server error codes (SQLSTATE) met on opening. */
const AUTH_FAILED = new Set(['28P01', '28000']); // invalid_password, invalid_authorization_specification
const NO_DATABASE = '3D000'; // invalid_catalog_name
const UNREACHABLE = new Map([
  ['ECONNREFUSED', 'connection refused (is the server running, and listening there?)'],
  ['ENOTFOUND', 'no such host'],
  ['EAI_AGAIN', 'the host name cannot be resolved now'],
  ['ETIMEDOUT', 'the connection timed out'],
  ['EHOSTUNREACH', 'the host is unreachable'],
  ['ECONNRESET', 'the server closed the connection'],
]);

/** An unknown setting (42704), or a value it does not take (22023). */
const SETTING_REFUSED = new Set(['42704', '22023']);
/** Permission denied (insufficient_privilege). */
const NO_PRIVILEGE = '42501';
/** No schema selected to create in: the search_path names none that exists. */
const NO_SCHEMA = '3F000';

/** What the driver says when the server refuses the SSL the URL asked for. */
const NO_SSL = 'The server does not support SSL connections';

/** Names why the server at `url` cannot be used, or returns the error as it is. */
export function openingError(error: unknown, url: string): unknown {
  // The pool reports a failed connection as the database being away; the driver's error says why.
  const reason = error instanceof StoreUnavailable ? error.cause : error;
  const { code, message } = (reason ?? {}) as { code?: unknown; message?: unknown };
  const { server, user, database } = describeUrl(url);
  const unreachable = typeof code === 'string' ? UNREACHABLE.get(code) : undefined;
  if (unreachable)
    return new StoreOpenError(
      'db-unreachable',
      `cannot connect to PostgreSQL at ${server}: ${unreachable}`,
    );
  // pg asks for a password the URL does not give before the server can say more.
  const noPassword =
    typeof message === 'string' && /client password must be a string/.test(message);
  const refused = (typeof code === 'string' && AUTH_FAILED.has(code)) || noPassword;
  // No user in the URL, nor in PGUSER or USER (a service's bare environment): say where it goes.
  if (refused && user === '?')
    return new StoreOpenError(
      'db-auth-failed',
      `PostgreSQL at ${server} was given no user to log in as (the URL names none, and neither PGUSER nor USER is set): name one in the URL, postgres://USER@${server}/${database === '?' ? 'DATABASE' : database}`,
    );
  if (refused)
    return new StoreOpenError(
      'db-auth-failed',
      `PostgreSQL at ${server} refused the login of user '${user}' (${noPassword ? 'it asks for a password and the URL gives none' : String(message)}): check the user and password in the URL`,
    );
  // The settings the URL gives the server (`options=-c …`): not the server being away.
  if (typeof code === 'string' && SETTING_REFUSED.has(code) && /parameter/.test(String(message)))
    return new StoreOpenError(
      'invalid-location',
      `PostgreSQL at ${server} refused a setting the URL gives (${String(message)}): correct or remove it`,
    );
  // A user who may log in but not read the tables, or make them (PostgreSQL 15 lets only the
  // database's owner create in its public schema).
  if (code === NO_PRIVILEGE)
    return new StoreOpenError(
      'db-forbidden',
      `PostgreSQL at ${server} does not let user '${user}' read or make the record's tables in database '${database}' (${String(message)}): give the user the rights, e.g. make it the database's owner (ALTER DATABASE ${database} OWNER TO ${user})`,
    );
  // No schema on the search path to make the tables in: not the program's fault.
  if (code === NO_SCHEMA)
    return new StoreOpenError(
      'cannot-create',
      `PostgreSQL at ${server} has no schema to make the record's tables in, in database '${database}' (${String(message)}): create the schema the URL's search_path names, or give one that exists`,
    );
  // Not the server being away: the URL asks for SSL (sslmode) and the server takes none.
  if (message === NO_SSL)
    return new StoreOpenError(
      'db-unreachable',
      `cannot connect to PostgreSQL at ${server}: the URL asks for SSL (sslmode) and the server does not take SSL connections: remove sslmode from the URL, or turn SSL on in the server`,
    );
  if (code === NO_DATABASE)
    return new StoreOpenError(
      'db-not-found',
      `PostgreSQL at ${server} has no database '${database}': create it first (e.g. createdb ${database})`,
    );
  return error;
}

/** Host and port, user and database of a postgres:// URL, with libpq's defaults. */
function describeUrl(url: string): { server: string; user: string; database: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { server: displayLocation(url), user: '?', database: '?' };
  }
  const user =
    decodeURIComponent(parsed.username) || (process.env['PGUSER'] ?? process.env['USER'] ?? '?');
  return {
    server: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
    user,
    database: decodeURIComponent(parsed.pathname.slice(1)) || user,
  };
}

function connectTimeoutMs(url: string): number {
  const seconds = urlNumber(url, 'connect_timeout');
  return seconds !== undefined ? seconds * 1000 : POSTGRES_TIMEOUTS.connectMs;
}

/** The positive number the URL's query gives `name`, if it gives one. */
function urlNumber(url: string, name: string): number | undefined {
  let value: number;
  try {
    value = Number(new URL(url).searchParams.get(name) ?? NaN);
  } catch {
    value = NaN;
  }
  return value > 0 ? value : undefined;
}

/**
 * The pool as Kysely uses it, telling a database that is away (StoreUnavailable) from a query it
 * refused, and never reusing a connection that failed: one whose query timed out still has that
 * query in flight, and every query after it would wait behind it. A database that takes only
 * reads (a standby, after a failover) is away for writing: `failures` remembers it for readiness
 * until a write succeeds, and the connection is not reused (the next may reach the primary).
 *
 * A connection ended while it waited in the pool (PostgreSQL restarted or ended it, a network cut
 * it) is known to be gone only once used. Its first statement, when that changes nothing (BEGIN, a
 * plain read), is sent again once on a fresh connection: the request that drew it need not fail.
 */
function guarded(pool: pg.Pool, failures: WriteFailures): PostgresPool {
  return {
    async connect() {
      let client: pg.PoolClient | undefined = await checkout(pool);
      let used = false;
      let failed: Error | undefined;
      const query = async (sql: string, parameters: readonly unknown[]) => {
        const first = !used;
        used = true;
        try {
          return written(await client!.query(sql, [...parameters]), failures);
        } catch (error) {
          if (!(first && isConnectionGone(error) && CHANGES_NOTHING.test(sql))) throw error;
          client!.release(error as Error);
          client = undefined;
          client = await checkout(pool);
          return written(await client.query(sql, [...parameters]), failures);
        }
      };
      const guardedQuery = async (sql: string, parameters: readonly unknown[]) => {
        try {
          return await query(sql, parameters);
        } catch (error) {
          if (!isUnavailable(error)) throw error;
          failed = error as Error;
          if (error instanceof StoreUnavailable) throw error;
          const unavailable = new StoreUnavailable(error);
          if (codeOf(error) === READ_ONLY) failures.remember(unavailable);
          throw unavailable;
        }
      };
      return {
        // Only this form is called: the dialect is given no cursor to stream with.
        query: guardedQuery as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client?.release(failed ?? destroy),
      };
    },
    end: () => pool.end(),
  };
}

/** A connection from the pool, or StoreUnavailable when none can be made. */
async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw new StoreUnavailable(error);
  }
}

/** `result`, having forgotten a write's failure when it shows the database takes writes. */
function written<R extends pg.QueryResult>(result: R, failures: WriteFailures): R {
  if (WRITES.has(result.command) && (result.rowCount ?? 0) > 0) failures.clear();
  return result;
}

/** Statements that change nothing when sent twice: a transaction's start, a plain read. */
const CHANGES_NOTHING = /^\s*(begin|start transaction|select)\b(?![\s\S]*pg_notify)/i;

/** The commands that change rows: one that changed some shows the database takes writes. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE']);
/** read_only_sql_transaction: a standby's answer to a write, or a database made read-only. */
const READ_ONLY = '25006';

/**
 * Whether a query failed because its connection was gone: ended by the server (57P01, 57P02, a
 * connection exception), or closed or reset under the driver. Not a timeout: the query may be
 * running still.
 */
function isConnectionGone(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return /^(08|57P0[12])/.test(error.code ?? '');
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated|not queryable/.test(String(message))
  );
}

/**
 * Whether a query failed because the database is away rather than because it refused the query:
 * any failure of the connection itself (no SQLSTATE), or PostgreSQL's connection exceptions
 * (08), lack of resources (53), shutdown (57P0x), a statement cancelled by its timeout, and a
 * write refused by a database that takes only reads.
 */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  return /^(08|53|57P0)/.test(error.code ?? '') || ['57014', READ_ONLY].includes(error.code ?? '');
}
