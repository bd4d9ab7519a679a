/**
 * Migration 0007: the accepted acts keyed by the time they were signed at, then their signature.
 * Keyed by the signature alone, every append wrote its acts at random places of the table's
 * index: at 100,000 to 600,000 acts, 20 to 45 µs an act on SQLite, where a key that grows with
 * time costs about 2.5 (docs/benchmarks.md). An act's time is not in the old table: each is found in its entry,
 * newest first (a server forgets its acts minutes after their time, so they are near the end).
 */
import { sql } from 'kysely';
import type { Migration } from 'kysely';

/** Rows read or written by one statement. */
const PAGE = 500;

export function acceptedByTime(binary: 'blob' | 'bytea'): Migration {
  return {
    // Whatever a run cut short left (by a version that ran it outside a transaction), it goes on
    // from there: the old table and part of the new one, the new one alone, or it renamed.
    async up(db) {
      const old = await columnsOf(db, binary, 'accepted');
      const made = (await columnsOf(db, binary, 'accepted_by_time')).length > 0;
      if (old.length === 0 || !old.includes('at')) {
        if (old.length > 0) {
          if (made) await db.schema.dropTable('accepted_by_time').execute();
          await createByTime(db, binary);
          await copyWithTimes(db);
          await db.schema.dropTable('accepted').execute();
        } else if (!made) await createByTime(db, binary);
        // Without the old table, the new one was complete: it was dropped only after the copy.
        await db.schema.alterTable('accepted_by_time').renameTo('accepted').execute();
      }
      await db.schema
        .createIndex('accepted_until')
        .ifNotExists()
        .on('accepted')
        .column('until')
        .execute();
    },
  };
}

async function createByTime(db: Database, binary: 'blob' | 'bytea'): Promise<void> {
  await db.schema
    .createTable('accepted_by_time')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('sig', sql.raw(binary), (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addPrimaryKeyConstraint('accepted_pk', ['at', 'sig'])
    // SQLite: the rows are the index, not a second copy of it.
    .$call((table) => (binary === 'blob' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
}

/** The names of the table's columns; none where there is no such table. */
async function columnsOf(db: Database, binary: 'blob' | 'bytea', table: string): Promise<string[]> {
  const { rows } = await (
    binary === 'blob'
      ? sql<{ name: string }>`select "name" from pragma_table_info(${table})`
      : sql<{
          name: string;
        }>`select column_name as "name" from information_schema.columns where table_schema = current_schema() and table_name = ${table}`
  ).execute(db);
  return rows.map((row) => row.name);
}

/**
 * Copies every accepted act with the time its entry says it was signed at. A row whose entry is
 * not in the record (which no append writes: an act is accepted with its entry) is left out.
 */
async function copyWithTimes(db: Database): Promise<void> {
  const untils = await untilsBySignature(db);
  let before = Number.MAX_SAFE_INTEGER;
  while (untils.size > 0) {
    const entries: { idx: unknown; bytes: Uint8Array }[] = await db
      .selectFrom('entries')
      .select(['idx', 'bytes'])
      .where('idx', '<', before)
      .orderBy('idx', 'desc')
      .limit(PAGE)
      .execute();
    if (entries.length === 0) return;
    before = Number(entries[entries.length - 1]!.idx);
    const found = entries.flatMap(({ bytes }) => acceptedIn(bytes, untils));
    if (found.length > 0) await db.insertInto('accepted_by_time').values(found).execute();
  }
}

type Database = Parameters<Migration['up']>[0];

/** The old table's rows, by their signature's bytes as a one-byte string (read a page at a time). */
async function untilsBySignature(db: Database): Promise<Map<string, number | null>> {
  const untils = new Map<string, number | null>();
  let after: Uint8Array | undefined;
  for (;;) {
    let query = db
      .selectFrom('accepted')
      .select(['sig', 'until'])
      .orderBy('sig')
      .limit(10 * PAGE);
    if (after) query = query.where('sig', '>', after);
    const rows: { sig: Uint8Array; until: unknown }[] = await query.execute();
    for (const row of rows)
      untils.set(text(row.sig), row.until === null ? null : Number(row.until));
    after = rows[rows.length - 1]?.sig;
    if (rows.length < 10 * PAGE) return untils;
  }
}

/** The entry's act as an accepted row, if `untils` holds its signature (taken from it). */
function acceptedIn(
  bytes: Uint8Array,
  untils: Map<string, number | null>,
): { at: number; sig: Buffer; until: number | null }[] {
  let entry: { sig?: unknown; time?: unknown };
  try {
    entry = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof entry;
  } catch {
    return []; // not an entry: the audit names it
  }
  if (typeof entry.sig !== 'string' || typeof entry.time !== 'string') return [];
  const sig = Buffer.from(entry.sig, 'base64');
  const until = untils.get(text(sig));
  const at = Date.parse(entry.time);
  if (until === undefined || !Number.isFinite(at)) return [];
  untils.delete(text(sig));
  return [{ at, sig, until }];
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
