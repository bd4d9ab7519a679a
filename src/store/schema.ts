/** Tables, in the one form both SQLite and PostgreSQL accept through Kysely. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { StoreOpenError } from './types.js';

export interface Tables {
  entries: { idx: number; bytes: Uint8Array };
  nodes: { level: number; idx: number; hash: Uint8Array };
  secrets: { name: string; value: Uint8Array };
  checkpoints: { size: number; note: string };
  meta: { key: string; value: string };
}

export const SCHEMA_VERSION = '1';

/**
 * What an existing database holds: a record this version reads (`ready`), no record tables at all
 * (`absent`), or a `meta` table that does not say it is one of this schema (`foreign`).
 */
export type TablesFound =
  | { readonly state: 'ready' | 'absent' }
  | { readonly state: 'foreign'; readonly version: string | undefined };

/**
 * Creates the tables of a new record (its `meta` row is written with its first entry), or checks
 * what an existing database holds. Opening never creates anything: a read must not turn a
 * stranger's file into an empty record. Errors other than a missing table (a refused connection,
 * a locked or unreadable file) are thrown, for the adapter to name.
 */
export async function prepareTables(
  db: Kysely<Tables>,
  binary: 'blob' | 'bytea',
  create: boolean,
): Promise<TablesFound> {
  if (create) {
    await createTables(db, binary);
    return { state: 'ready' };
  }
  let row: { value: string } | undefined;
  try {
    row = await db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'schema')
      .executeTakeFirst();
  } catch (error) {
    const missing = missingPart(error);
    if (missing === 'table') return { state: 'absent' };
    if (missing === 'column') return { state: 'foreign', version: undefined };
    throw error;
  }
  return row?.value === SCHEMA_VERSION
    ? { state: 'ready' }
    : { state: 'foreign', version: row?.value };
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
  const version = found.state === 'foreign' ? found.version : undefined;
  return new StoreOpenError(
    'not-a-record',
    version === undefined
      ? `${location} is ${what}, not a Collegium record`
      : `${location} is a Collegium record of schema version ${version}; this version of collegium reads version ${SCHEMA_VERSION}`,
  );
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
