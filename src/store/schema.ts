/**
 * Tables, in the one form both SQLite and PostgreSQL accept through Kysely, made and changed by
 * numbered migrations (Kysely's Migrator, the migrations kept here in the code).
 */
import { Migrator, sql } from 'kysely';
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
 * (`absent`), a record of an earlier schema that a read-only opening cannot bring up to date
 * (`outdated`), or a `meta` table that does not say it is a record this version reads (`foreign`).
 */
export type TablesFound =
  | { readonly state: 'ready' | 'absent' }
  | { readonly state: 'foreign' | 'outdated'; readonly version: string | undefined };

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
  options: { create: boolean; readOnly?: boolean | undefined },
): Promise<TablesFound> {
  const found = await schemaVersion(db);
  if (found === 'absent' && !options.create) return { state: 'absent' };
  if (found === SCHEMA_VERSION) return { state: 'ready' };
  if (found !== 'absent') {
    // A table of something else, or a record of a later schema than this code knows.
    if (!/^[1-9]\d*$/.test(found)) return { state: 'foreign', version: undefined };
    if (Number(found) > Number(SCHEMA_VERSION)) return { state: 'foreign', version: found };
    if (options.readOnly) return { state: 'outdated', version: found };
  }
  await migrate(db, binary);
  await db.updateTable('meta').set({ value: SCHEMA_VERSION }).where('key', '=', 'schema').execute();
  return { state: 'ready' };
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

/** The refusal to open a database that holds something else than a record this version reads. */
export function notThisRecord(location: string, what: string, found: TablesFound): StoreOpenError {
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

async function migrate(db: Kysely<Tables>, binary: 'blob' | 'bytea'): Promise<void> {
  // PostgreSQL: the record's own schema (its search_path), not whichever schema of the database
  // happens to hold a migration table already.
  const schema =
    binary === 'bytea'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(binary) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
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
