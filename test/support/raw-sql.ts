/**
 * Changing a stored record behind the application's back, as someone holding the database would:
 * plain SQL run on the store's own database, SQLite file or PostgreSQL schema alike.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreHandle } from './stores.js';

/** Runs each statement (no parameters) on the database of `handle`, outside any store. */
export async function runSql(handle: StoreHandle, statements: readonly string[]): Promise<void> {
  if (!handle.location.startsWith('postgres')) {
    const db = new Database(handle.location, { fileMustExist: true });
    try {
      for (const statement of statements) db.prepare(statement).run();
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: handle.location });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The rows of one query (PostgreSQL gives bigint columns as strings). */
export async function querySql<T>(handle: StoreHandle, query: string): Promise<T[]> {
  if (!handle.location.startsWith('postgres')) {
    const db = new Database(handle.location, { fileMustExist: true, readonly: true });
    try {
      return db.prepare(query).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: handle.location });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}
