/** The embedded default: one SQLite file, written durably (WAL, synchronous=FULL). */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { createTables } from './schema.js';
import type { Tables } from './schema.js';
import type { RecordStore } from './types.js';

export async function openSqliteStore(
  path: string,
  options: { create: boolean },
): Promise<RecordStore> {
  const database = new Database(path, { fileMustExist: !options.create });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  await createTables(db, 'blob');
  return new KyselyStore(
    'sqlite',
    db,
    (e) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY',
  );
}
