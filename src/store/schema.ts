/**
 * Tables, in the one form both SQLite and PostgreSQL accept through Kysely, made and changed by
 * numbered migrations kept here in the code, run in one transaction with the schema's update.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { acceptedByTime } from './accepted-by-time.js';
import { StoreOpenError } from './types.js';

export interface Tables {
  entries: { idx: number; bytes: Uint8Array };
  nodes: { level: number; idx: number; hash: Uint8Array };
  secrets: { name: string; value: Uint8Array };
  checkpoints: { size: number; note: string };
  meta: { key: string; value: string };
  accepted: { at: number; sig: Uint8Array; until: number | null };
  attachments: { hash: string; bytes: Uint8Array };
  cosignatures: { size: number; witness: string; line: string };
  web_sessions: { id: string; person: string; key: string | null; last_seen: number };
  login_challenges: { challenge: string; person: string; expires: number };
  rate_limits: { key: string; count: number; reset_at: number };
  snapshots: {
    size: number;
    version: string;
    root: Uint8Array;
    frontier: Uint8Array;
    state: Uint8Array;
    parts: Uint8Array;
    digest: Uint8Array;
  };
  snapshot_parts: { hash: Uint8Array; bytes: Uint8Array };
}

/** Every table of a record, which a copy begun again empties. */
export const RECORD_TABLES: readonly (keyof Tables)[] = [
  'entries',
  'nodes',
  'secrets',
  'checkpoints',
  'meta',
  'accepted',
  'attachments',
  'cosignatures',
  'web_sessions',
  'login_challenges',
  'rate_limits',
  'snapshots',
  'snapshot_parts',
];

/** The `meta` row that marks an unfinished copy (see RecordStore.create). */
export const COPYING = 'copying';

export async function copyingMark(db: Kysely<Tables>): Promise<string | undefined> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', COPYING)
    .executeTakeFirst();
  return row?.value;
}

/**
 * The record's migrations, by name in the order they run. A record made before there were
 * migrations has the tables of the first one already (`ifNotExists` lets it run over them).
 */
function migrations(binary: 'blob' | 'bytea'): Record<string, Migration> {
  const bin = sql.raw(binary);
  return {
    '0001-record': { up: (db) => createRecordTables(db, binary) },
    // The signatures of acts signed elsewhere, each accepted once (see AcceptedAct).
    '0002-accepted': {
      async up(db) {
        await db.schema
          .createTable('accepted')
          .ifNotExists()
          .addColumn('sig', bin, (c) => c.primaryKey())
          .addColumn('until', 'bigint')
          .execute();
        await db.schema
          .createIndex('accepted_until')
          .ifNotExists()
          .on('accepted')
          .column('until')
          .execute();
      },
    },
    // Files an entry names by their content's hash (a dispatch's attachments), kept beside it.
    '0003-attachments': {
      async up(db) {
        await db.schema
          .createTable('attachments')
          .ifNotExists()
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('bytes', bin, (c) => c.notNull())
          .execute();
      },
    },
    // Witnesses' cosignatures of checkpoints (c2sp.org/tlog-cosignature), one per witness key.
    '0004-cosignatures': {
      async up(db) {
        await db.schema
          .createTable('cosignatures')
          .ifNotExists()
          .addColumn('size', 'bigint', (c) => c.notNull())
          .addColumn('witness', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('cosignatures_pk', ['size', 'witness'])
          .execute();
      },
    },
    // The state folded at a size, so that opening need not fold from entry 0 (app/snapshots.ts);
    // its larger parts apart, by their SHA-256, shared by the snapshots that hold them alike.
    '0005-snapshots': {
      async up(db) {
        await db.schema
          .createTable('snapshots')
          .ifNotExists()
          .addColumn('size', 'bigint', (c) => c.primaryKey())
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('root', bin, (c) => c.notNull())
          .addColumn('frontier', bin, (c) => c.notNull())
          .addColumn('state', bin, (c) => c.notNull())
          .addColumn('parts', bin, (c) => c.notNull())
          .addColumn('digest', bin, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('snapshot_parts')
          .ifNotExists()
          .addColumn('hash', bin, (c) => c.primaryKey())
          .addColumn('bytes', bin, (c) => c.notNull())
          .execute();
      },
    },
    // What the server instances of a record share beside it: signed-in sessions, login
    // challenges and rate limits (src/store/web-sessions.ts). Not part of the record.
    '0006-web-sessions': { up: (db) => createWebSessionTables(db) },
    // The accepted acts by their time, then their signature: a table that grows at one end.
    '0007-accepted-by-time': acceptedByTime(binary),
  };
}

/** The schema a record is at: the number of migrations it has run, kept in `meta`. */
export const SCHEMA_VERSION = String(Object.keys(migrations('blob')).length);

/**
 * What an existing database holds: a record this version reads (`ready`), no record tables at all
 * (`absent`), the tables of a record never begun (`unbegun`: its creation or copy was cut short
 * before its first entry, so `init` or `migrate` may make one there), a record of an earlier schema that a read-only opening cannot bring up to date
 * (`outdated`), a `meta` table that does not say it is a record this version reads (`foreign`),
 * a record that has run migrations this version does not know (`newer`), an unfinished copy
 * (`unfinished-copy`, see RecordStore.create), or other tables where a record is to be made or copied (`occupied`).
 */
export type TablesFound =
  | { readonly state: 'ready' | 'absent' | 'unbegun' | 'occupied' }
  | { readonly state: 'unfinished-copy'; readonly mark: string }
  | { readonly state: 'foreign' | 'outdated'; readonly version: string | undefined }
  | { readonly state: 'newer'; readonly migrations: readonly string[] };

/**
 * Makes the tables of a new record (its `meta` row is written with its first entry), or checks
 * what an existing database holds and brings a record of an earlier schema up to date. Opening
 * never creates anything else: a read must not turn a stranger's file into an empty record. A
 * record that is up to date is only read, so that a reader needs no right to write. Errors other
 * than a missing table (a refused connection, a locked or unreadable file) are thrown, for the
 * adapter to name.
 */
export async function prepareTables(
  db: Kysely<Tables>,
  binary: 'blob' | 'bytea',
  options: { create: boolean; readOnly?: boolean | undefined; copy?: boolean | undefined },
): Promise<TablesFound> {
  let found = await schemaVersion(db);
  // A record, new or copied, goes where there is nothing yet, on either engine: its tables are
  // made if missing, so beside another's tables it could mix into one of the same name.
  const making = options.copy || options.create;
  if (found === 'absent' && making && (await tableNames(db, binary)).size > 0)
    return { state: 'occupied' };
  // The tables of a record whose first entry was never written (its creation was cut short), or
  // is being written: another process creating the record may commit between these reads, each
  // of which sees what is committed when it runs, so what it wrote is read again.
  if (found === '') {
    const unused = await isUnused(db);
    if (unused && !options.create) return { state: 'unbegun' };
    found = unused ? 'absent' : await schemaVersion(db);
  }
  if (found === 'absent' && !options.create) return { state: 'absent' };
  if (found !== SCHEMA_VERSION) {
    const refused = refusal(found, options.readOnly === true);
    if (refused) return refused;
    const upgraded = await upgrade(db, binary, found);
    if (upgraded) return upgraded;
  }
  const unknown = await unknownMigrations(db, binary);
  if (unknown.length > 0) return { state: 'newer', migrations: unknown };
  const mark = options.copy ? undefined : await copyingMark(db);
  return mark === undefined ? { state: 'ready' } : { state: 'unfinished-copy', mark };
}

/** Why a record at schema `found` is not brought up to date here, if it is not. */
function refusal(found: string, readOnly: boolean): TablesFound | undefined {
  if (found === 'absent') return undefined;
  // A table of something else, or a record of a later schema than this code knows.
  if (!/^[1-9]\d*$/.test(found)) return { state: 'foreign', version: undefined };
  if (Number(found) > Number(SCHEMA_VERSION)) return { state: 'foreign', version: found };
  return readOnly ? { state: 'outdated', version: found } : undefined;
}

/**
 * Runs the migrations not run yet and sets the schema in `meta`, all in one transaction: an
 * upgrade cut short leaves the record as it was. It holds the log's lock (the row appenders lock
 * first, see kysely-store.ts) and, on PostgreSQL, a lock of its own, so that neither appenders
 * nor another process upgrading meanwhile come between; what it found is read again under them.
 */
async function upgrade(
  db: Kysely<Tables>,
  binary: 'blob' | 'bytea',
  found: string,
): Promise<TablesFound | undefined> {
  return db.transaction().execute(async (trx) => {
    if (binary === 'bytea')
      await sql`select pg_advisory_xact_lock(hashtext('collegium schema ' || current_schema()))`.execute(
        trx,
      );
    if (found !== 'absent')
      await trx
        .updateTable('meta')
        .set({ value: sql.ref('value') })
        .where('key', '=', 'schema')
        .execute();
    const tables = await tableNames(trx, binary);
    const now = tables.has('meta') ? await schemaVersion(trx) : 'absent';
    if (now === SCHEMA_VERSION) return undefined;
    const refused = now === '' ? undefined : refusal(now, false);
    if (refused) return refused;
    await trx.schema
      .createTable(MIGRATIONS_TABLE)
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    const all = migrations(binary);
    const run = new Set(await migrationsRun(trx));
    const unknown = [...run].filter((name) => !Object.hasOwn(all, name));
    if (unknown.length > 0) return { state: 'newer', migrations: unknown };
    for (const [name, migration] of Object.entries(all)) {
      if (run.has(name)) continue;
      await migration.up(trx);
      await sql`insert into ${sql.table(MIGRATIONS_TABLE)} ("name", "timestamp") values (${name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    }
    await trx
      .updateTable('meta')
      .set({ value: SCHEMA_VERSION })
      .where('key', '=', 'schema')
      .execute();
    return undefined;
  });
}

/**
 * Where the migrations run are named, one row each: the table Kysely's Migrator keeps (the
 * versions before ran the migrations with it), kept in the same form.
 */
const MIGRATIONS_TABLE = 'kysely_migration';

async function migrationsRun(db: Kysely<Tables>): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select "name" from ${sql.table(MIGRATIONS_TABLE)}`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * The migrations the record has run that this version does not know: a later version's. Its
 * tables are then not the ones this version reads and writes, whatever `meta` says.
 */
async function unknownMigrations(db: Kysely<Tables>, binary: 'blob' | 'bytea'): Promise<string[]> {
  let run: string[];
  try {
    run = await migrationsRun(db);
  } catch (error) {
    if (missingPart(error) === 'table') return [];
    throw error;
  }
  const known = migrations(binary);
  return run.filter((name) => !Object.hasOwn(known, name));
}

/** The tables of the record's file, or of its schema on PostgreSQL. */
async function tableNames(db: Kysely<Tables>, binary: 'blob' | 'bytea'): Promise<Set<string>> {
  const { rows } = await (
    binary === 'blob'
      ? sql<{ name: string }>`select "name" from sqlite_master where "type" = 'table'`
      : sql<{
          name: string;
        }>`select table_name as "name" from information_schema.tables where table_schema = current_schema()`
  ).execute(db);
  return new Set(rows.map((row) => row.name));
}

/** A `meta` table without a row and an `entries` table without one: a record never begun. */
async function isUnused(db: Kysely<Tables>): Promise<boolean> {
  try {
    const meta = await db.selectFrom('meta').select('key').limit(1).execute();
    const entries = await db.selectFrom('entries').select('idx').limit(1).execute();
    return meta.length === 0 && entries.length === 0;
  } catch (error) {
    if (missingPart(error) !== undefined) return false;
    throw error;
  }
}

/** The schema a record is at ('1' before migrations), '' for a `meta` table without one. */
export async function schemaVersion(db: Kysely<Tables>): Promise<string | 'absent'> {
  try {
    const row = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'schema')
      .executeTakeFirst();
    return row?.value ?? '';
  } catch (error) {
    const missing = missingPart(error);
    if (missing === 'table') return 'absent';
    if (missing === 'column') return '';
    throw error;
  }
}

/** What the error of the query on `meta` says is not there, in either engine. */
function missingPart(error: unknown): 'table' | 'column' | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  // PostgreSQL: undefined_table, undefined_column; SQLite: a plain SQLITE_ERROR that says so.
  if (code === '42P01' || text.startsWith('no such table')) return 'table';
  if (code === '42703' || text.startsWith('no such column')) return 'column';
  return undefined;
}

/** Where a record may be made, on each engine (a PostgreSQL schema may keep it apart). */
const EMPTY_PLACE = {
  sqlite: 'a new file or an empty database',
  postgres: "an empty database, or a schema of its own (the URL's search_path)",
};

/** The refusal to open a database that holds something else than a record this version reads. */
export function notThisRecord(
  location: string,
  engine: 'sqlite' | 'postgres',
  found: TablesFound,
): StoreOpenError {
  const what = engine === 'sqlite' ? 'an SQLite database' : 'a PostgreSQL database';
  if (found.state === 'unfinished-copy')
    return new StoreOpenError(
      'unfinished-copy',
      `${location} holds an unfinished copy of a record (begun ${found.mark}): collegium migrate stopped before it had copied, compared and audited it all, and it is not used until it has. Run collegium migrate again with the same --from and --to ${location} to finish it`,
    );
  if (found.state === 'occupied')
    return new StoreOpenError(
      'not-a-record',
      `${location} is ${what} that holds other tables, not a Collegium record: a record is made, or copied, only into ${EMPTY_PLACE[engine]}`,
    );
  if (found.state === 'newer')
    return new StoreOpenError(
      'not-a-record',
      `${location} is a Collegium record upgraded by a later version of collegium (it has run the migration${found.migrations.length === 1 ? '' : 's'} ${found.migrations.join(', ')}, which this version does not know); this version of collegium reads version ${SCHEMA_VERSION}`,
    );
  const version = 'version' in found ? found.version : undefined;
  if (found.state === 'outdated')
    return new StoreOpenError(
      'outdated-record',
      `${location} is a Collegium record of schema version ${version}, which this version brings up to date (${SCHEMA_VERSION}) when it opens it to write, not when it only reads: run a command that writes to it (such as collegium serve) once`,
    );
  return new StoreOpenError(
    'not-a-record',
    version === undefined
      ? `${location} is ${what}, not a Collegium record`
      : `${location} is a Collegium record of schema version ${version}; this version of collegium reads version ${SCHEMA_VERSION}`,
  );
}

async function createRecordTables(db: Kysely<unknown>, binary: 'blob' | 'bytea'): Promise<void> {
  const bin = sql.raw(binary);
  await db.schema
    .createTable('entries')
    .ifNotExists()
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('bytes', bin, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('nodes')
    .ifNotExists()
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', bin, (c) => c.notNull())
    .addPrimaryKeyConstraint('nodes_pk', ['level', 'idx'])
    .execute();
  await db.schema
    .createTable('secrets')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', bin, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('checkpoints')
    .ifNotExists()
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meta')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

async function createWebSessionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_sessions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('web_sessions_last_seen')
    .ifNotExists()
    .on('web_sessions')
    .column('last_seen')
    .execute();
  await db.schema
    .createTable('login_challenges')
    .ifNotExists()
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('expires', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_challenges_expires')
    .ifNotExists()
    .on('login_challenges')
    .column('expires')
    .execute();
  await db.schema
    .createTable('rate_limits')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limits_reset_at')
    .ifNotExists()
    .on('rate_limits')
    .column('reset_at')
    .execute();
}
