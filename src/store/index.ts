import { openSqliteStore } from './sqlite.js';
import type { RecordStore } from './types.js';

export * from './types.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * Opens the store at `location`: a postgres:// URL or an SQLite file path. `create` makes a new
 * record's tables (and an SQLite file's folder); `readOnly` is for work that only reads.
 * Throws StoreMissing where there is no record yet, StoreOpenError where there cannot be one.
 */
export async function openStore(
  location: string,
  options: { create: boolean; readOnly?: boolean },
): Promise<RecordStore> {
  if (isPostgresUrl(location)) {
    // Loaded only for a PostgreSQL record: the driver is not small, and SQLite needs none of it.
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location, options);
  }
  return openSqliteStore(location, options);
}
