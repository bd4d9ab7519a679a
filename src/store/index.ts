import { existsSync } from 'node:fs';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import { displayLocation, StoreMissing } from './types.js';
import type { RecordStore } from './types.js';

export * from './types.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens the store at `location`: a postgres:// URL or an SQLite file path. */
export async function openStore(
  location: string,
  options: { create: boolean },
): Promise<RecordStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location, options);
  if (!options.create && !existsSync(location)) throw new StoreMissing(displayLocation(location));
  return openSqliteStore(location, options);
}
