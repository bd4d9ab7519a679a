/**
 * The storage backends the app and store tests run on: one test body looped over both.
 *
 * SQLite lives in a temporary file; PostgreSQL in a fresh schema of the `test` database (its
 * own search_path in the URL), dropped afterwards. PostgreSQL must be reachable: when it is not,
 * the tests that use it fail, they are not skipped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';

export const POSTGRES_URL =
  process.env['COLLEGIUM_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every row of every table, sorted, with binary values as hex: equal dumps, equal databases. */
export type TableDump = Record<string, string[]>;

export interface StoreHandle {
  /** A file path or a postgres:// URL, as `openStore` and the CLI's --db take it. */
  readonly location: string;
  /** Opens a new connection to the store; it is closed by `dispose` if the test does not. */
  open(options?: { create: boolean; readOnly?: boolean }): Promise<RecordStore>;
  /** The database as it is, read past the store: every table, every row, every byte. */
  dump(): Promise<TableDump>;
  /** Closes what is still open and removes the database. */
  dispose(): Promise<void>;
}

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty place for a record. Nothing exists there until a store is opened. */
  fresh(): Promise<StoreHandle>;
}

function cellText(value: unknown): string {
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString('hex')}'`;
  if (value === null) return 'null';
  return `${typeof value}:${String(value)}`;
}

function rowText(row: Record<string, unknown>): string {
  return Object.keys(row)
    .sort()
    .map((k) => `${k}=${cellText(row[k])}`)
    .join(' ');
}

/** Keeps track of stores opened for a test so that none is left open; close() may run twice. */
function tracked(): {
  add: (store: RecordStore) => RecordStore;
  closeAll: () => Promise<void>;
} {
  const open = new Set<RecordStore>();
  return {
    add(store) {
      const close = store.close.bind(store);
      let closed = false;
      store.close = async () => {
        if (closed) return;
        closed = true;
        open.delete(store);
        await close();
      };
      open.add(store);
      return store;
    },
    async closeAll() {
      for (const store of [...open]) await store.close();
    },
  };
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-test-'));
    const location = join(dir, 'record.db');
    const stores = tracked();
    return {
      location,
      open: async (options = { create: true }) => stores.add(await openStore(location, options)),
      dump: async () => dumpSqlite(location),
      dispose: async () => {
        await stores.closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export function dumpSqlite(file: string): TableDump {
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    const dump: TableDump = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      dump[name] = rows.map(rowText).sort();
    }
    return dump;
  } finally {
    db.close();
  }
}

/** A client of the test database; fails (with the reason) when PostgreSQL is not reachable. */
export async function postgresClient(schema?: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${String(error)}); the PostgreSQL tests need it`,
    );
  }
  return client;
}

export const postgresBackend: Backend = {
  name: 'postgres',
  async fresh() {
    const schema = `t_${randomBytes(8).toString('hex')}`;
    const admin = await postgresClient();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
    const separator = POSTGRES_URL.includes('?') ? '&' : '?';
    const location = `${POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const stores = tracked();
    return {
      location,
      open: async (options = { create: true }) => stores.add(await openStore(location, options)),
      dump: async () => {
        const client = await postgresClient(schema);
        try {
          const tables = await client.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [schema],
          );
          const dump: TableDump = {};
          for (const { table_name: name } of tables.rows) {
            const rows = await client.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
            dump[name] = rows.rows.map(rowText).sort();
          }
          return dump;
        } finally {
          await client.end();
        }
      },
      dispose: async () => {
        await stores.closeAll();
        const client = await postgresClient();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

/** A postgres:// URL of the test server's user with a password in it (the server asks for none). */
export function withPassword(url: string, password: string): string {
  return url.replace(/^postgres:\/\/([^@:/]+)@/, `postgres://$1:${password}@`);
}

/** Both backends, for `describe.each` / `for (const backend of BACKENDS)`. */
export const BACKENDS: readonly Backend[] = [sqliteBackend, postgresBackend];

/** The record as the store gives it: its size and every entry's index and bytes (as hex). */
export async function readRecord(
  store: RecordStore,
): Promise<{ size: number; entries: { index: number; hex: string }[] }> {
  const size = await store.size();
  const entries: { index: number; hex: string }[] = [];
  for await (const e of store.entries(0, size)) {
    entries.push({ index: e.index, hex: Buffer.from(e.bytes).toString('hex') });
  }
  return { size, entries };
}
