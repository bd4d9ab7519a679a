/**
 * Copies of a pristine SQLite record changed directly in its database, as someone with access to
 * the file could change it, then opened as a store: for the tests of what the audit finds.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';

export type Tamper = (db: Database.Database) => void;

let copies = 0;

/** Runs `use` on a copy of `pristine` (beside it) changed by `tamper`; the copy is removed after. */
export async function onTamperedCopy<T>(
  pristine: string,
  tamper: Tamper,
  use: (store: RecordStore) => Promise<T>,
): Promise<T> {
  const file = join(dirname(pristine), `copy-${process.pid}-${copies++}.db`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  tamper(db);
  db.close();
  const store = await openStore(file, { create: false });
  try {
    return await use(store);
  } finally {
    await store.close();
    rmSync(file, { force: true });
  }
}
