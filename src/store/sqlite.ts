/** The embedded default: one SQLite file, written durably (WAL, synchronous=FULL). */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { prepareTables } from './schema.js';
import { StoreMissing } from './types.js';
import type { Tables } from './schema.js';
import type { RecordStore } from './types.js';

const CONFLICTS = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);

export async function openSqliteStore(
  path: string,
  options: { create: boolean },
): Promise<RecordStore> {
  const database = new Database(path, { fileMustExist: !options.create });
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new StoreMissing(path);
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  if (!(await prepareTables(db, 'blob', options.create))) {
    await db.destroy();
    throw new StoreMissing(path);
  }
  // A second writer on the same file: either it collides on an index or finds the file locked.
  return new KyselyStore('sqlite', db, (e) => CONFLICTS.has((e as { code?: string }).code ?? ''));
}
