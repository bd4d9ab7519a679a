/**
 * Tables, in the one form both SQLite and PostgreSQL accept through Kysely, made and changed by
 * numbered migrations (Kysely's Migrator, the migrations kept here in the code).
 */
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

export interface Tables {
  entries: { idx: number; bytes: Uint8Array };
  nodes: { level: number; idx: number; hash: Uint8Array };
  secrets: { name: string; value: Uint8Array };
  checkpoints: { size: number; note: string };
  meta: { key: string; value: string };
  accepted: { sig: Uint8Array; until: number | null };
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
  };
}

/** The schema a record is at: the number of migrations it has run, kept in `meta`. */
export const SCHEMA_VERSION = String(Object.keys(migrations('blob')).length);

/**
 * Makes the tables of a new record (its `meta` row is written with its first entry), or checks
 * that an existing database holds one and brings its tables up to date. Opening never creates
 * anything else: a read must not turn a stranger's file into an empty record. A record that is
 * up to date is only read, so that a reader needs no right to write.
 */
export async function prepareTables(
  db: Kysely<Tables>,
  binary: 'blob' | 'bytea',
  create: boolean,
): Promise<boolean> {
  const version = await schemaVersion(db);
  if (version === SCHEMA_VERSION) return true;
  // No record here to open, or one of a later schema than this code knows.
  if (version === undefined ? !create : Number(version) > Number(SCHEMA_VERSION)) return false;
  await migrate(db, binary);
  await db.updateTable('meta').set({ value: SCHEMA_VERSION }).where('key', '=', 'schema').execute();
  return true;
}

/** The schema a record is at, or undefined where there is no record: '1' before migrations. */
async function schemaVersion(db: Kysely<Tables>): Promise<string | undefined> {
  try {
    const row = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'schema')
      .executeTakeFirst();
    return row && /^[1-9]\d*$/.test(row.value) ? row.value : undefined;
  } catch {
    return undefined;
  }
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
