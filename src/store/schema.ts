/** Tables, in the one form both SQLite and PostgreSQL accept through Kysely. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export interface Tables {
  entries: { idx: number; bytes: Uint8Array };
  nodes: { level: number; idx: number; hash: Uint8Array };
  secrets: { name: string; value: Uint8Array };
  checkpoints: { size: number; note: string };
  meta: { key: string; value: string };
}

export const SCHEMA_VERSION = '1';

/**
 * Creates the tables of a new record (its `meta` row is written with its first entry), or checks
 * that an existing database holds one. Opening never creates anything: a read must not turn a
 * stranger's file into an empty record.
 */
export async function prepareTables(
  db: Kysely<Tables>,
  binary: 'blob' | 'bytea',
  create: boolean,
): Promise<boolean> {
  if (create) {
    await createTables(db, binary);
    return true;
  }
  try {
    const row = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'schema')
      .executeTakeFirst();
    return row?.value === SCHEMA_VERSION;
  } catch {
    return false;
  }
}

async function createTables(db: Kysely<Tables>, binary: 'blob' | 'bytea'): Promise<void> {
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
