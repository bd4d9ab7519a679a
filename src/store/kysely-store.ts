/** The store over Kysely: the same queries for SQLite and PostgreSQL. */
import { sql } from 'kysely';
import { codeOf } from '../core/errors.js';
import type { Kysely, QueryResult } from 'kysely';
import { COPYING, copyingMark, RECORD_TABLES, SCHEMA_VERSION, schemaVersion } from './schema.js';
import type { Tables } from './schema.js';
import { RecordDamaged, snapshotPartHashes, StoreConflict, StoreUpgraded } from './types.js';
import type { ChannelWatcher } from './postgres-watch.js';
import { insertAtOnce, insertRows, runSql } from './raw-sql.js';
import type { Engine } from './raw-sql.js';
import { KyselyWebSessions } from './web-sessions.js';
import type { WebSessionStore } from './web-sessions.js';
import type {
  AcceptedAct,
  AcceptedKey,
  AppendBatch,
  CopyTarget,
  LockedLog,
  NodeAddress,
  SnapshotPart,
  StoredCheckpoint,
  StoredCosignature,
  StoredAttachment,
  StoredEntry,
  StoredNode,
  StoredSnapshot,
} from './types.js';

const PAGE = 2000;
/** The PostgreSQL channel an append notifies, so that other instances read the log at once. */
export const LOG_CHANNEL = 'collegium_log';

/** What one engine adds to the shared queries. */
export interface EngineHooks {
  /** How this database tells of appends; without it, nothing does (the poll finds them). */
  readonly watcher?: ChannelWatcher;
  /** How this database tells of web sessions ended (web-sessions.ts); without it, nothing does. */
  readonly sessionWatcher?: ChannelWatcher;
  /**
   * A number the database changes whenever another connection commits to it (SQLite's
   * data_version): how a store tells, at once, that web sessions may have been ended elsewhere.
   */
  readonly dataVersion?: () => number;
  /**
   * Runs appends one at a time among the stores of this process on the same database: SQLite
   * waits for its lock by blocking the thread, which would hold up the very writer it waits for.
   */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The store was opened only to read. */
  readonly readOnly?: boolean;
  /**
   * Runs a read (SQL text with `?` parameters) at once, where the engine can, answering its rows;
   * undefined where it cannot just now, and the read goes through Kysely. SQLite, in this
   * process, can whenever no transaction is open on its connection: a proof then costs its few
   * indexed lookups, not Kysely's way to the connection, once for each of its four queries.
   */
  readonly readAtOnce?: (text: string, parameters: readonly unknown[]) => unknown[] | undefined;
  /** The disk failure a recent write met, until a write succeeds (SQLite's full disk). */
  readonly writeFailure?: () => Error | undefined;
}
/** Files are larger than rows of the log: fewer of them a page. */
const ATTACHMENTS_A_PAGE = 50;

export class KyselyStore implements CopyTarget {
  constructor(
    readonly kind: Engine,
    private readonly db: Kysely<Tables>,
    /** Tells a unique-key violation (a concurrent writer) from other failures. */
    private readonly isUniqueViolation: (error: unknown) => boolean,
    private readonly engine: EngineHooks = {},
  ) {}

  get readOnly(): boolean {
    return this.engine.readOnly === true;
  }

  /**
   * Throws StoreUpgraded where the record is no longer at the schema this code writes (a newer
   * version upgraded it): every append is refused so (lockLog), and readiness says it first.
   */
  async checkSchema(): Promise<void> {
    const found = await schemaVersion(this.db);
    if (found !== SCHEMA_VERSION) throw new StoreUpgraded(found || 'unknown', SCHEMA_VERSION);
  }

  writeFailure(): Error | undefined {
    return this.engine.writeFailure?.();
  }

  async clock(): Promise<number | undefined> {
    if (this.kind === 'sqlite') return undefined;
    const { rows } = await this.read<{ now: number | string }>(
      'select extract(epoch from clock_timestamp()) * 1000 as "now"',
      [],
    );
    return Number(rows[0]!.now);
  }

  async size(): Promise<number> {
    const { rows } = await this.read<{ last: number | string | null }>(
      'select max("idx") as "last" from "entries"',
      [],
    );
    const last = rows[0]?.last;
    if (last === null || last === undefined) return 0;
    // SQLite keeps what is written, in any column: an index that is no whole number would make
    // the log's size NaN, and the log read as empty.
    const size = Number(last) + 1;
    if (!Number.isSafeInteger(size) || size < 1)
      throw new RecordDamaged(
        `the record is damaged: its last entry is stored at index ${typeof last === 'object' ? 'a blob' : JSON.stringify(last)}, which is not a whole number`,
      );
    return size;
  }

  async *entries(from: number, to: number): AsyncIterable<StoredEntry> {
    for await (const page of this.entryPages(from, to)) yield* page;
  }

  async *entryPages(from: number, to: number): AsyncIterable<StoredEntry[]> {
    for (let start = from; start < to; start += PAGE) {
      const end = Math.min(to, start + PAGE);
      const entries = await this.entryRows(start, end);
      if (entries.length > 0) yield entries;
      if (entries.length < end - start) return;
    }
  }

  /**
   * Entries [from, to) as stored. SQLite hands each blob to JavaScript as a Buffer of its own,
   * which costs several times what reading it does (an audit reads a million): there the bytes
   * are read as text and written back into Node's shared pool of small buffers, unless the text
   * is not exactly the bytes (they are not UTF-8, which the text marks with U+FFFD), when the
   * blob itself is read.
   */
  private async entryRows(from: number, to: number): Promise<StoredEntry[]> {
    if (this.kind !== 'sqlite') {
      const { rows } = await this.read<Tables['entries']>(
        'select "idx", "bytes" from "entries" where "idx" >= ? and "idx" < ? order by "idx"',
        [from, to],
      );
      return rows.map((row) => ({ index: Number(row.idx), bytes: toBytes(row.bytes) }));
    }
    const { rows } = await this.read<{ idx: number; text: string }>(
      'select "idx", cast("bytes" as text) as "text" from "entries" where "idx" >= ? and "idx" < ? order by "idx"',
      [from, to],
    );
    const entries: StoredEntry[] = [];
    for (const { idx, text } of rows) {
      const index = Number(idx);
      const bytes = text.includes('\uFFFD') ? await this.entryBlob(index) : Buffer.from(text);
      entries.push({ index, bytes: toBytes(bytes) });
    }
    return entries;
  }

  private async entryBlob(index: number): Promise<Uint8Array> {
    const { rows } = await this.read<Tables['entries']>(
      'select "bytes" from "entries" where "idx" = ?',
      [index],
    );
    const row = rows[0];
    // The row was read a moment ago, and entries are never removed: its absence is a fault.
    if (!row) throw new Error(`entry ${index} went missing while it was being read`);
    return row.bytes;
  }

  async append(expectedSize: number, batch: AppendBatch): Promise<void> {
    await this.appendAfter(expectedSize, async (log) => {
      if (log.size !== expectedSize)
        throw new StoreConflict('the record grew while this was being written');
      return batch;
    });
  }

  async appendAfter(
    known: number,
    build: (log: LockedLog) => Promise<AppendBatch | undefined>,
  ): Promise<void> {
    const exclusive = this.engine.exclusive ?? ((work) => work());
    await exclusive(() => this.appendLocked(known, build));
  }

  private async appendLocked(
    known: number,
    build: (log: LockedLog) => Promise<AppendBatch | undefined>,
  ): Promise<void> {
    await this.write(async (trx) => {
      // The lock: the first statement writes, so the transaction waits for any other appender
      // (a row lock in PostgreSQL, the database's write lock in SQLite) and reads after it.
      await lockLog(trx);
      const locked = new KyselyStore(this.kind, trx, this.isUniqueViolation);
      const moved = await locked.movedSince(known);
      const size = known + moved.length;
      const batch = await build({ size, moved, accepted: (acts) => locked.acceptedAmong(acts) });
      if (!batch || batch.entries.length === 0) return;
      if (batch.entries[0]!.index !== size)
        throw new StoreConflict(
          `the batch starts at ${batch.entries[0]!.index}, the log at ${size}`,
        );
      await insertBatch(trx, this.kind, batch);
    });
  }

  /**
   * The entries from `known` to the end of the log, read in one query under the log's lock (the
   * log has no gaps, so its size is `known` and their number). The entry before `known` is read
   * too, to tell a log shorter than the `known` entries read.
   */
  private async movedSince(known: number): Promise<StoredEntry[]> {
    const { rows } = await this.read<Tables['entries']>(
      'select "idx", "bytes" from "entries" where "idx" >= ? order by "idx"',
      [Math.max(0, known - 1)],
    );
    if (known > 0 && (rows.length === 0 || Number(rows[0]!.idx) !== known - 1))
      throw new RecordDamaged(
        `the record is damaged: it has fewer entries than the ${known} read (collegium audit names what fails)`,
      );
    return rows
      .slice(known > 0 ? 1 : 0)
      .map((row) => ({ index: Number(row.idx), bytes: toBytes(row.bytes) }));
  }

  watch(wake: () => void): Promise<() => Promise<void>> {
    const watcher = this.engine.watcher;
    return watcher ? watcher(() => wake()) : Promise.resolve(async () => undefined);
  }

  async acceptedAmong(acts: readonly AcceptedKey[]): Promise<AcceptedAct[]> {
    const found: AcceptedAct[] = [];
    for (let i = 0; i < acts.length; i += ROWS_A_STATEMENT) {
      const some = acts.slice(i, i + ROWS_A_STATEMENT).map((a) => [a.at, a.sig] as const);
      const { text, parameters } = byKeys('accepted', ['at', 'sig', 'until'], some);
      const { rows } = await this.read<Tables['accepted']>(text, parameters);
      for (const row of rows) found.push(acceptedOf(row));
    }
    return found;
  }

  async node(level: number, index: number): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('nodes')
      .select('hash')
      .where('level', '=', level)
      .where('idx', '=', index)
      .executeTakeFirst();
    return row ? toBytes(row.hash) : undefined;
  }

  async nodes(addresses: readonly NodeAddress[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < addresses.length; i += NODES_A_QUERY) {
      const chunk = addresses.slice(i, i + NODES_A_QUERY).map((a) => [a.level, a.index] as const);
      const { text, parameters } = byKeys('nodes', ['level', 'idx', 'hash'], chunk);
      const { rows } = await this.read<Tables['nodes']>(text, parameters);
      for (const row of rows) found.set(`${row.level}/${Number(row.idx)}`, toBytes(row.hash));
    }
    return found;
  }

  async *level(level: number, from: number, to: number): AsyncIterable<StoredNode> {
    for await (const page of this.levelPages(level, from, to)) yield* page;
  }

  /** As entryRows reads entries, SQLite reads the hashes as hex: a string costs less than a Buffer. */
  async *levelPages(level: number, from: number, to: number): AsyncIterable<StoredNode[]> {
    const hash = this.kind === 'sqlite' ? 'hex("hash")' : '"hash"';
    for (let start = from; start < to; start += PAGE) {
      const { rows } = await this.read<{ idx: number; hash: Uint8Array | string }>(
        `select "idx", ${hash} as "hash" from "nodes" where "level" = ? and "idx" >= ? and "idx" < ? order by "idx"`,
        [level, start, Math.min(to, start + PAGE)],
      );
      if (rows.length > 0)
        yield rows.map((row) => ({
          level,
          index: Number(row.idx),
          hash: toBytes(typeof row.hash === 'string' ? Buffer.from(row.hash, 'hex') : row.hash),
        }));
      if (rows.length < Math.min(PAGE, to - start)) return;
    }
  }

  async checkpoint(size?: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await (size === undefined
      ? this.read<Tables['checkpoints']>(
          'select "size", "note" from "checkpoints" order by "size" desc limit 1',
          [],
        )
      : this.read<Tables['checkpoints']>(
          'select "size", "note" from "checkpoints" where "size" = ?',
          [size],
        ));
    const row = rows[0];
    return row ? { size: Number(row.size), note: row.note } : undefined;
  }

  async *checkpoints(from = 0, to = Number.MAX_SAFE_INTEGER): AsyncIterable<StoredCheckpoint> {
    let after = from - 1;
    for (;;) {
      const rows = await this.db
        .selectFrom('checkpoints')
        .select(['size', 'note'])
        .where('size', '>', after)
        .where('size', '<=', to)
        .orderBy('size')
        .limit(PAGE)
        .execute();
      for (const row of rows) yield { size: Number(row.size), note: row.note };
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = Number(last.size);
    }
  }

  async addCosignature({ size, witness, line }: StoredCosignature): Promise<void> {
    await this.db
      .insertInto('cosignatures')
      .values({ size, witness, line })
      .onConflict((c) => c.columns(['size', 'witness']).doUpdateSet({ line }))
      .execute();
  }

  async cosignatures(size: number): Promise<StoredCosignature[]> {
    const { rows } = await this.read<Tables['cosignatures']>(
      'select "witness", "line" from "cosignatures" where "size" = ? order by "witness"',
      [size],
    );
    return rows.map(({ witness, line }) => ({ size, witness, line }));
  }

  async cosignedSizes(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('cosignatures')
      .select((eb) => ['witness', eb.fn.max('size').as('size')])
      .groupBy('witness')
      .execute();
    return new Map(rows.map((row) => [row.witness, Number(row.size)]));
  }

  async secret(name: string): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toBytes(row.value) : undefined;
  }

  async secrets(): Promise<Record<string, Uint8Array>> {
    const rows = await this.db.selectFrom('secrets').select(['name', 'value']).execute();
    return Object.fromEntries(rows.map((row) => [row.name, toBytes(row.value)]));
  }

  async *attachments(): AsyncIterable<StoredAttachment> {
    let after: string | undefined;
    for (;;) {
      let query = this.db
        .selectFrom('attachments')
        .select(['hash', 'bytes'])
        .orderBy('hash')
        .limit(ATTACHMENTS_A_PAGE);
      if (after !== undefined) query = query.where('hash', '>', after);
      const rows = await query.execute();
      for (const row of rows) yield { hash: row.hash, bytes: toBytes(row.bytes) };
      const last = rows[rows.length - 1];
      if (!last || rows.length < ATTACHMENTS_A_PAGE) return;
      after = last.hash;
    }
  }

  async attachment(hash: string): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select('bytes')
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row ? toBytes(row.bytes) : undefined;
  }

  async *accepted(): AsyncIterable<AcceptedAct> {
    // After the last row read, by the key's order: as a row value, which both engines read from
    // the primary key where it stopped (an `or` of its columns would be read from the start).
    const columns = 'select "at", "sig", "until" from "accepted"';
    const order = `order by "at", "sig" limit ${PAGE}`;
    let after: AcceptedKey | undefined;
    for (;;) {
      const { rows } = await (after
        ? this.read<Tables['accepted']>(`${columns} where ("at", "sig") > (?, ?) ${order}`, [
            after.at,
            after.sig,
          ])
        : this.read<Tables['accepted']>(`${columns} ${order}`, []));
      const acts = rows.map(acceptedOf);
      yield* acts;
      after = acts[acts.length - 1];
      if (!after || acts.length < PAGE) return;
    }
  }

  async forgetAccepted(time: number): Promise<void> {
    await this.db.deleteFrom('accepted').where('until', '<', time).execute();
  }

  async snapshot(size?: number): Promise<StoredSnapshot | undefined> {
    let query = this.db.selectFrom('snapshots').selectAll();
    query =
      size === undefined ? query.orderBy('size', 'desc').limit(1) : query.where('size', '=', size);
    const row = await query.executeTakeFirst();
    return row && snapshotOf(row);
  }

  async snapshotSizes(): Promise<number[]> {
    const rows = await this.db.selectFrom('snapshots').select('size').orderBy('size').execute();
    return rows.map((row) => Number(row.size));
  }

  async snapshotParts(hashes: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < hashes.length; i += PARTS_A_STATEMENT) {
      const rows = await this.db
        .selectFrom('snapshot_parts')
        .select(['hash', 'bytes'])
        .where('hash', 'in', hashes.slice(i, i + PARTS_A_STATEMENT))
        .execute();
      for (const row of rows) found.set(hex(row.hash), toBytes(row.bytes));
    }
    return found;
  }

  async putSnapshot(
    snapshot: StoredSnapshot,
    parts: readonly SnapshotPart[],
    keep: number,
  ): Promise<void> {
    // The parts first: no other writer sees them before this one commits, and they are many
    // bytes to hold the appenders' lock over in PostgreSQL.
    await this.snapshotWrite(
      async (trx) => {
        for (let i = 0; i < parts.length; i += PARTS_A_STATEMENT)
          await trx
            .insertInto('snapshot_parts')
            .values(
              parts.slice(i, i + PARTS_A_STATEMENT).map(({ hash, bytes }) => ({ hash, bytes })),
            )
            .onConflict((c) => c.column('hash').doNothing())
            .execute();
      },
      async (trx) => {
        const named = snapshotPartHashes(snapshot.parts);
        const held = await heldParts(trx, named);
        const missing = named.filter((hash) => !held.has(hex(hash))).length;
        if (missing > 0)
          throw new StoreConflict(
            `the snapshot of size ${snapshot.size} names ${missing} parts the store does not hold`,
          );
        await trx.deleteFrom('snapshots').where('size', '=', snapshot.size).execute();
        await trx.insertInto('snapshots').values(snapshot).execute();
        const sizes = await trx
          .selectFrom('snapshots')
          .select('size')
          .orderBy('size', 'desc')
          .execute();
        const dropped = sizes.slice(Math.max(keep, 1)).map((row) => row.size);
        if (dropped.length > 0)
          await trx.deleteFrom('snapshots').where('size', 'in', dropped).execute();
      },
    );
  }

  async dropSnapshot(size: number): Promise<void> {
    await this.snapshotWrite(
      async () => undefined,
      (trx) => trx.deleteFrom('snapshots').where('size', '=', size).execute(),
    );
  }

  /**
   * A change to the snapshots in one transaction: `before` the appenders' lock, `change` under
   * it, one writer at a time, and then the parts no snapshot names are dropped.
   */
  private async snapshotWrite(
    before: (trx: Kysely<Tables>) => Promise<unknown>,
    change: (trx: Kysely<Tables>) => Promise<unknown>,
  ): Promise<void> {
    const exclusive = this.engine.exclusive ?? ((work) => work());
    await exclusive(() =>
      this.write(async (trx) => {
        await before(trx);
        await lockLog(trx);
        await change(trx);
        await dropUnnamedParts(trx);
      }),
    );
  }

  async create(
    secrets: Readonly<Record<string, Uint8Array>>,
    batch: AppendBatch,
    options: { readonly copying?: string } = {},
  ): Promise<void> {
    const exclusive = this.engine.exclusive ?? ((work) => work());
    await exclusive(() => this.createLocked(secrets, batch, options));
  }

  private async createLocked(
    secrets: Readonly<Record<string, Uint8Array>>,
    batch: AppendBatch,
    options: { readonly copying?: string },
  ): Promise<void> {
    // Another process creating the record between the check and the inserts collides on them.
    const collided = 'the record exists already: another process made it meanwhile';
    try {
      await this.db.transaction().execute(async (trx) => {
        if ((await new KyselyStore(this.kind, trx, this.isUniqueViolation).size()) !== 0) {
          throw new StoreConflict('the record exists already');
        }
        await trx.insertInto('meta').values({ key: 'schema', value: SCHEMA_VERSION }).execute();
        if (options.copying !== undefined)
          await trx.insertInto('meta').values({ key: COPYING, value: options.copying }).execute();
        const rows = Object.entries(secrets).map(([name, value]) => ({ name, value }));
        if (rows.length > 0) await trx.insertInto('secrets').values(rows).execute();
        await insertBatch(trx, this.kind, batch);
      });
    } catch (error) {
      if (!this.isUniqueViolation(error)) throw error;
      // A creation that collided commits its entries with the rest: still none, the rows it
      // collided with are what is left of a record whose entries were removed, not a race. A
      // lock held past the wait (SQLite) collided with no row: another creation is under way.
      if (!isLockHeld(error) && (await this.size()) === 0)
        throw new RecordDamaged(
          'the database holds what is left of a record (its schema, keys or checkpoints) but none of its entries: they were removed',
        );
      throw new StoreConflict(collided);
    }
  }

  copying(): Promise<string | undefined> {
    return copyingMark(this.db);
  }

  async finishCopy(): Promise<void> {
    await this.db.deleteFrom('meta').where('key', '=', COPYING).execute();
  }

  async discardCopy(): Promise<void> {
    await this.write(async (trx) => {
      if ((await copyingMark(trx)) === undefined)
        throw new StoreConflict('the record is no unfinished copy: it is kept');
      for (const table of RECORD_TABLES) await trx.deleteFrom(table).execute();
    });
  }

  webSessions(): WebSessionStore {
    return new KyselyWebSessions(
      this.db,
      this.kind,
      this.engine.sessionWatcher,
      this.engine.dataVersion,
    );
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * A query of the reads served most (entries, checkpoints, proofs), run as text: building it
   * through Kysely's query builder costs more than running it. `?` stands for each parameter.
   */
  private read<R>(text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const rows = this.engine.readAtOnce?.(text, parameters) as R[] | undefined;
    return rows ? Promise.resolve({ rows }) : runSql<R>(this.db, this.kind, text, parameters);
  }

  private async write(body: (trx: Kysely<Tables>) => Promise<void>): Promise<void> {
    try {
      await this.db.transaction().execute(body);
    } catch (error) {
      if (this.isUniqueViolation(error))
        throw new StoreConflict('another writer appended at the same place');
      throw error;
    }
  }
}

function acceptedOf(row: Tables['accepted']): AcceptedAct {
  return {
    at: Number(row.at),
    sig: toBytes(row.sig),
    until: row.until === null ? null : Number(row.until),
  };
}

/** Nodes one query asks for (a proof asks for about 30). */
const NODES_A_QUERY = 200;
const keyedQueries = new Map<string, string>();

/**
 * The query for the rows of `table` with `keys` (one or more), pairs of values of the first two
 * of `columns` (a proof's nodes by level and index, accepted acts by time and signature), as text
 * (see raw-sql.ts) and its parameters: the same SQL Kysely's builder would make, at none of its
 * cost. The number of keys asked for is made a power of two (the last repeated), so that a few
 * texts serve every count, each prepared once.
 */
function byKeys(
  table: string,
  columns: readonly [string, string, string],
  keys: readonly (readonly [unknown, unknown])[],
): { text: string; parameters: unknown[] } {
  const count = 2 ** Math.ceil(Math.log2(keys.length));
  const name = `${table}(${columns.join()}) ${count}`;
  let text = keyedQueries.get(name);
  if (text === undefined) {
    const [a, b, c] = columns;
    const where = Array(count).fill(`("${a}" = ? and "${b}" = ?)`).join(' or ');
    text = `select "${a}", "${b}", "${c}" from "${table}" where (${where})`;
    keyedQueries.set(name, text);
  }
  const parameters: unknown[] = [];
  for (let i = 0; i < count; i++) parameters.push(...keys[Math.min(i, keys.length - 1)]!);
  return { text, parameters };
}

/** Rows inserted by one statement: under both engines' limits on bound parameters. */
const ROWS_A_STATEMENT = 500;
/** Snapshot parts a statement carries: each may be tens of kilobytes. */
const PARTS_A_STATEMENT = 100;

/**
 * The lock every appender takes first: the first statement writes, so the transaction waits for
 * any other (a row lock in PostgreSQL, the database's write lock in SQLite) and reads after it.
 * It is the row of the record's schema, and only of the schema this code writes: an instance
 * left running while a newer version upgraded the record finds none, and writes nothing more.
 */
async function lockLog(trx: Kysely<Tables>): Promise<void> {
  const [locked] = await trx
    .updateTable('meta')
    .set({ value: sql.ref('value') })
    .where('key', '=', 'schema')
    .where('value', '=', SCHEMA_VERSION)
    .execute();
  if (locked?.numUpdatedRows !== 1n)
    throw new StoreUpgraded((await schemaVersion(trx)) || 'unknown', SCHEMA_VERSION);
}

/** Which of `hashes` the store holds a part of, in hex. */
async function heldParts(trx: Kysely<Tables>, hashes: readonly Uint8Array[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < hashes.length; i += ROWS_A_STATEMENT) {
    const rows = await trx
      .selectFrom('snapshot_parts')
      .select('hash')
      .where('hash', 'in', hashes.slice(i, i + ROWS_A_STATEMENT))
      .execute();
    for (const row of rows) held.add(hex(row.hash));
  }
  return held;
}

/** Removes the parts that no snapshot names any longer. */
async function dropUnnamedParts(trx: Kysely<Tables>): Promise<void> {
  const named = new Set<string>();
  for (const row of await trx.selectFrom('snapshots').select('parts').execute())
    for (const hash of snapshotPartHashes(toBytes(row.parts))) named.add(hex(hash));
  const unnamed = (await trx.selectFrom('snapshot_parts').select('hash').execute())
    .map((row) => toBytes(row.hash))
    .filter((hash) => !named.has(hex(hash)));
  for (let i = 0; i < unnamed.length; i += ROWS_A_STATEMENT)
    await trx
      .deleteFrom('snapshot_parts')
      .where('hash', 'in', unnamed.slice(i, i + ROWS_A_STATEMENT))
      .execute();
}

function snapshotOf(row: Tables['snapshots']): StoredSnapshot {
  return {
    size: Number(row.size),
    version: row.version,
    root: toBytes(row.root),
    frontier: toBytes(row.frontier),
    state: toBytes(row.state),
    parts: toBytes(row.parts),
    digest: toBytes(row.digest),
  };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

async function insertBatch(trx: Kysely<Tables>, kind: Engine, batch: AppendBatch): Promise<void> {
  for (const file of batch.attachments ?? [])
    await trx
      .insertInto('attachments')
      .values({ hash: file.hash, bytes: file.bytes })
      .onConflict((c) => c.column('hash').doNothing())
      .execute();
  // The rows of every act, as SQL text (see raw-sql.ts).
  const inserts = [
    {
      table: 'entries',
      columns: ['idx', 'bytes'],
      rows: batch.entries.map((e) => [e.index, e.bytes]),
    },
    {
      table: 'nodes',
      columns: ['level', 'idx', 'hash'],
      rows: batch.nodes.map((n) => [n.level, n.index, n.hash]),
    },
    {
      table: 'accepted',
      columns: ['at', 'sig', 'until'],
      rows: (batch.accepted ?? []).map((a) => [a.at, a.sig, a.until]),
    },
  ];
  const last = lastStatement(kind, batch);
  // On PostgreSQL, the whole batch in one statement: each round trip is a wait under the lock.
  if (kind === 'postgres' && last && (await insertAtOnce(trx, inserts, last))) return;
  for (const { table, columns, rows } of inserts) await insertRows(trx, kind, table, columns, rows);
  if (last) await runSql(trx, kind, last.text, last.parameters);
}

/**
 * The statement that ends a batch: its checkpoint's insert. On PostgreSQL the other instances
 * are notified in it: delivered when the transaction commits, never before, a wake-up for what
 * is there.
 */
function lastStatement(
  kind: Engine,
  batch: AppendBatch,
): { text: string; parameters: unknown[] } | undefined {
  const end = batch.entries.at(-1);
  const notify = kind === 'postgres' && end ? [LOG_CHANNEL, String(end.index + 1)] : [];
  if (batch.checkpoint)
    return {
      text: `insert into "checkpoints" ("size", "note") values (?, ?)${notify.length > 0 ? ' returning pg_notify(?, ?)' : ''}`,
      parameters: [batch.checkpoint.size, batch.checkpoint.note, ...notify],
    };
  return notify.length > 0 ? { text: 'select pg_notify(?, ?)', parameters: notify } : undefined;
}

function toBytes(value: Uint8Array): Uint8Array {
  // Both drivers return Buffers; hand out plain views so callers compare bytes, not classes.
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** An SQLite write refused because another connection held the lock past the busy wait. */
function isLockHeld(error: unknown): boolean {
  return codeOf(error)?.startsWith('SQLITE_BUSY') === true;
}
