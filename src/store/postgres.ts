/** PostgreSQL, for organizations that outgrow one file or run several server instances. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { notThisRecord, prepareTables } from './schema.js';
import { displayLocation, StoreMissing, StoreOpenError } from './types.js';
import type { Tables } from './schema.js';
import type { RecordStore } from './types.js';

const INT8 = 20;

export async function openPostgresStore(
  url: string,
  options: { create: boolean; readOnly?: boolean },
): Promise<RecordStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // Indexes and sizes are bigint in the schema but always safe integers here.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  // Work that only reads runs in read-only transactions: the server refuses any write.
  if (options.readOnly)
    pool.on('connect', (client) => {
      // Should it fail, the connection is broken and so is the query that wanted it.
      client.query('SET default_transaction_read_only = on').catch(() => undefined);
    });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
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
    if (found.state === 'absent') throw new StoreMissing(displayLocation(url));
    throw notThisRecord(displayLocation(url), 'a PostgreSQL database', found);
  }
  return new KyselyStore('postgres', db, (e) => (e as { code?: string }).code === '23505');
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

/** Names why the server at `url` cannot be used, or returns the error as it is. */
export function openingError(error: unknown, url: string): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
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
  if ((typeof code === 'string' && AUTH_FAILED.has(code)) || noPassword)
    return new StoreOpenError(
      'db-auth-failed',
      `PostgreSQL at ${server} refused the login of user '${user}' (${noPassword ? 'it asks for a password and the URL gives none' : String(message)}): check the user and password in the URL`,
    );
  if (code === NO_DATABASE)
    return new StoreOpenError(
      'db-not-found',
      `PostgreSQL at ${server} has no database '${database}' (create it, e.g. createdb ${database}, then collegium init)`,
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
