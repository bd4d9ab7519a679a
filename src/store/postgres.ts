/** PostgreSQL, for organizations that outgrow one file or run several server instances. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { prepareTables } from './schema.js';
import { displayLocation, StoreMissing } from './types.js';
import type { Tables } from './schema.js';
import type { RecordStore } from './types.js';

const INT8 = 20;

export async function openPostgresStore(
  url: string,
  options: { create: boolean },
): Promise<RecordStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // Indexes and sizes are bigint in the schema but always safe integers here.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let ready: boolean;
  try {
    ready = await prepareTables(db, 'bytea', options.create);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (!ready) {
    await db.destroy();
    throw new StoreMissing(displayLocation(url));
  }
  return new KyselyStore('postgres', db, (e) => (e as { code?: string }).code === '23505');
}
