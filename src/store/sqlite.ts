/** The embedded default: one SQLite file, written durably (WAL, synchronous=FULL). */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
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
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  if (!(await prepareTables(db, 'blob', options.create))) {
    await db.destroy();
    throw new StoreMissing(path);
  }
  // A second writer on the same file: either it collides on an index or finds the file locked.
  return new KyselyStore('sqlite', db, (e) => CONFLICTS.has((e as { code?: string }).code ?? ''));
}

/** Prepared statements kept, by their SQL: the store's queries are few and run again and again. */
const STATEMENTS_KEPT = 200;

/**
 * The database as Kysely sees it, preparing each distinct SQL text once instead of on every query
 * (Kysely's SQLite driver prepares every time, which costs more than running a short query).
 * A statement still being iterated is busy; a query then gets one of its own.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = kept.get(sql);
      if (statement && !statement.busy) {
        kept.delete(sql); // to the back of the line: the least recently used goes first
        kept.set(sql, statement);
        return statement;
      }
      const fresh = database.prepare(sql);
      if (!statement) {
        kept.set(sql, fresh);
        if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
  };
}
