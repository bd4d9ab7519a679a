/** The embedded default: one SQLite file, written durably (WAL, synchronous=FULL). */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  SqliteDatabase,
  SqliteStatement,
} from 'kysely';
import { isFolder, makeFolders, whyNotMade } from './folders.js';
import { KyselyStore } from './kysely-store.js';
import { notThisRecord, prepareTables } from './schema.js';
import { StoreMissing, StoreOpenError, StoreUnavailable } from './types.js';
import { WRITE_FAILURE_REMEMBERED_MS, WriteFailures } from './write-failures.js';
import type { Tables, TablesFound } from './schema.js';
import { codeOf, codeOrText, systemReason } from '../core/errors.js';

const CONFLICTS = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

interface Opened {
  readonly database: Database.Database;
  /** What to remove once the database is closed. */
  readonly cleanup?: () => void;
}

/**
 * Opens the record in the file at `path`. A read-only store (for commands that only read) never
 * writes to the file, so a record on read-only media or in another user's folder can be read.
 */
export async function openSqliteStore(
  path: string,
  options: { create: boolean; readOnly?: boolean; copy?: boolean },
): Promise<KyselyStore> {
  refuseSpecialFile(path);
  if (options.create) {
    refuseJournalPlace(path);
    makeFolderFor(path);
  } else checkRecordFile(path);
  const opened = options.readOnly ? openReadOnly(path) : openWritable(path, options.create);
  const database = withStatementCache(opened);
  const failures = new WriteFailures();
  const db = new Kysely<Tables>({
    dialect: new RecordDialect(opened.database, database, failures),
  });
  const exclusive = exclusiveFor(path);
  let found;
  try {
    found = await preparedTables(db, exclusive, options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (found.state !== 'ready') {
    await db.destroy();
    // A record's tables without an entry (its creation was cut short) are where `init` makes one.
    if (found.state === 'unbegun') throw new StoreMissing(path);
    throw notThisRecord(path, 'sqlite', found);
  }
  // A second writer on the same file: either it collides on an index or finds the file locked.
  return new KyselyStore('sqlite', db, (e) => CONFLICTS.has(codeOf(e) ?? ''), {
    exclusive,
    readOnly: options.readOnly === true,
    // Outside a transaction, a read sees what is committed, whoever runs it: here at once. Inside
    // one, it waits its turn, as Kysely runs it, so that no read sees a write not yet committed.
    readAtOnce: (text, parameters) =>
      opened.database.inTransaction ? undefined : database.prepare(text).all(parameters),
    dataVersion: dataVersionOf(opened.database),
    writeFailure: () => failures.current(),
  });
}

/**
 * The dialect of a record's file. A disk that fails (full: SQLITE_FULL; an I/O error) is the
 * database being unavailable, as PostgreSQL's are: nothing of the request is recorded, and the
 * same request may be sent again once there is room. SQLite ends the transaction itself then,
 * undoing what it wrote; Kysely's rollback after it would fail ("cannot rollback - no transaction
 * is active"), and its error take the place of the one that says why: a transaction SQLite ended
 * is not rolled back again.
 */
class RecordDialect extends SqliteDialect {
  constructor(
    private readonly raw: Database.Database,
    database: SqliteDatabase,
    private readonly failures: WriteFailures,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.acquireConnection = async () =>
      diskFailuresTold(await acquire(), this.raw, this.failures);
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (this.raw.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/** SQLite's codes of a disk that fails, not of a query or a record that is wrong. */
const DISK_FAILURE = /^SQLITE_(FULL|IOERR)/;

/** How long a write's disk failure is remembered when no write comes after it to clear it. */
export const DISK_FAILURE_REMEMBERED_MS = WRITE_FAILURE_REMEMBERED_MS;

/** The statements that change rows (a COMMIT or other raw text is none of them). */
const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

function diskFailuresTold(
  connection: DatabaseConnection,
  raw: Database.Database,
  failures: WriteFailures,
): DatabaseConnection {
  // A row changed since the transaction began: once it is committed, the disk took a write.
  let changed = false;
  return {
    executeQuery: async <R>(query: CompiledQuery) => {
      try {
        const result = await connection.executeQuery<R>(query);
        if (WRITES.has(query.query.kind) && (result.numAffectedRows ?? 0n) > 0n) changed = true;
        if (!raw.inTransaction) {
          if (changed) failures.clear();
          changed = false;
        }
        return result;
      } catch (error) {
        if (!raw.inTransaction) changed = false;
        if (!DISK_FAILURE.test(codeOf(error) ?? '')) throw error;
        const unavailable = new StoreUnavailable(error);
        failures.remember(unavailable);
        throw unavailable;
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

/**
 * The tables prepared (see prepareTables), after this process's other work on the file. Another
 * process making or upgrading the same file at the same time (two servers started together on a
 * new record) makes SQLite refuse the transaction that read before it wrote (SQLITE_BUSY): it is
 * begun again, and then finds what the other made.
 */
async function preparedTables(
  db: Kysely<Tables>,
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
  options: { create: boolean; readOnly?: boolean; copy?: boolean },
): Promise<TablesFound> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await exclusive(() => prepareTables(db, 'blob', options));
    } catch (error) {
      if (!codeOf(error)?.startsWith('SQLITE_BUSY') || attempt === PREPARE_ATTEMPTS) throw error;
      await delay(20 * attempt);
    }
  }
}

const PREPARE_ATTEMPTS = 10;

/**
 * SQLite's data_version: it changes whenever another connection commits to the file. Prepared
 * when first asked (by a server's sessions), not by every command that opens the record.
 */
function dataVersionOf(database: Database.Database): () => number {
  let statement: Database.Statement | undefined;
  return () => (statement ??= database.prepare('PRAGMA data_version').pluck()).get() as number;
}

function openWritable(path: string, create: boolean): Opened {
  let database: Database.Database;
  try {
    database = new Database(path, { fileMustExist: !create });
  } catch (error) {
    // SQLite says only 'unable to open database file' of a file it could not make: say why.
    if (!create || codeOf(error) !== 'SQLITE_CANTOPEN' || existsSync(path)) throw error;
    throw new StoreOpenError('cannot-create', `cannot create ${path} (${whyNoNewFile(path)})`);
  }
  try {
    // The file of another program is refused once its tables are read: its journal stays as it is.
    if (!holdsOtherTables(database)) database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    if (!create) mayWrite(database);
  } catch (error) {
    database.close();
    const code = codeOf(error) ?? '';
    if (code === 'SQLITE_NOTADB')
      throw new StoreOpenError('not-a-record', `${path} is not an SQLite database`);
    // On a read-only disk SQLite opens the file, then cannot open the WAL files beside it.
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')
      throw readOnlyRecord(path);
    throw error;
  }
  return { database };
}

/** Whether the file holds tables, none of them a record's `meta`: another program's database. */
function holdsOtherTables(database: Database.Database): boolean {
  const names = database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .pluck()
    .all() as string[];
  return names.length > 0 && !names.includes('meta');
}

/**
 * Fails now, not at the first act, where the file cannot be written: SQLite opens a file it may
 * not write read-only without a word, and takes even the write lock; only a write says so. The
 * write is undone at once. A file another connection is writing is writable.
 */
function mayWrite(database: Database.Database): void {
  try {
    database.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (codeOf(error) === 'SQLITE_BUSY') return;
    throw error;
  }
  try {
    const version = database.pragma('user_version', { simple: true }) as number;
    database.pragma(`user_version = ${version}`);
  } finally {
    database.exec('ROLLBACK');
  }
}

function readOnlyRecord(path: string): StoreOpenError {
  return new StoreOpenError(
    'read-only-record',
    `${path} cannot be written (the file, its folder or its disk is read-only to this user): commands that only read open it as it is; to record or serve, give this user the right to write both the file and its folder`,
  );
}

/**
 * Opens the file read-only. To read a WAL-mode file SQLite needs its -shm index beside it, and
 * creates it if it is missing; where it cannot (a read-only folder or medium) and no writer is
 * at work (no -wal file either), the file holds the whole record and is read from a private copy.
 */
function openReadOnly(path: string): Opened {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    database.pragma('busy_timeout = 5000');
    database.prepare('SELECT count(*) FROM sqlite_master').get();
    return { database };
  } catch (error) {
    database.close();
    const unwritableFolder = /^SQLITE_(READONLY|CANTOPEN)/.test(codeOf(error) ?? '');
    if (!unwritableFolder || existsSync(`${path}-wal`)) throw error;
    return readCopy(path);
  }
}

function readCopy(path: string): Opened {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-read-'));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const copy = join(folder, 'record.db');
    copyFileSync(path, copy);
    return {
      database: new Database(copy, { readonly: true, fileMustExist: true }),
      cleanup: remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The tail of each file's queue of appends in this process, by its real path. */
const appending = new Map<string, Promise<unknown>>();

/** Runs work on the file at `path` after the work this process queued on it before. */
function exclusiveFor(path: string): <T>(work: () => Promise<T>) => Promise<T> {
  let key: string;
  try {
    key = realpathSync(path);
  } catch {
    key = path;
  }
  return (work) => {
    const run = (appending.get(key) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    appending.set(key, tail);
    void tail.then(() => {
      if (appending.get(key) === tail) appending.delete(key);
    });
    return run;
  };
}

/** The files SQLite keeps beside a database `D`: `D-wal`, `D-shm`, `D-journal`. */
const JOURNAL_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/**
 * Refuses a new record in a file SQLite keeps beside an existing database: opening that database
 * takes the file for its journal, and resets it, the record made there with it.
 */
function refuseJournalPlace(path: string): void {
  const suffix = JOURNAL_SUFFIXES.find((s) => path.endsWith(s));
  const database = suffix === undefined ? undefined : path.slice(0, -suffix.length);
  if (database !== undefined && database !== '' && existsSync(database))
    throw new StoreOpenError(
      'not-a-record',
      `${path} is where SQLite keeps a journal of ${database}: a record there would be taken for it, and lost; give another file`,
    );
}

/**
 * Refuses a pipe, a device or a socket before anything opens it: opening a named pipe would wait
 * for a writer for ever, and SQLite says of the others only "disk I/O error".
 */
function refuseSpecialFile(path: string): void {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    return; // nothing there yet, or nothing this user may look at: the opening says which
  }
  if (stat.isFile() || stat.isDirectory()) return;
  const kind = stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device';
  throw new StoreOpenError('not-a-record', `${path} is ${kind}, not a Collegium record`);
}

/**
 * A new record may go into a folder that does not exist yet: it is made. A folder given as the
 * record's own path is named as one: SQLite would only say it is "unable to open database file".
 */
function makeFolderFor(path: string): void {
  if (isFolder(path))
    throw new StoreOpenError(
      'not-a-record',
      `${path} is a folder: a record is an SQLite file, give its path (e.g. ${join(path, 'collegium.db')})`,
    );
  const folder = dirname(path);
  try {
    makeFolders(folder);
  } catch (error) {
    throw new StoreOpenError(
      'cannot-create',
      `cannot create the folder ${folder} for ${path} (${whyNotMade(folder, error)})`,
    );
  }
}

/** Why no file can be made at `path`, whose folder is there: found by making one beside it. */
function whyNoNewFile(path: string): string {
  const probe = join(dirname(path), `.${basename(path)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
    return 'SQLITE_CANTOPEN';
  } catch (error) {
    return whyNotMade(probe, error);
  }
}

/** Refuses, naming what is there, unless `path` is an SQLite file (maybe a record). */
function checkRecordFile(path: string): void {
  let head: Buffer;
  try {
    if (statSync(path).isDirectory())
      throw new StoreOpenError('not-a-record', `${path} is a folder, not a Collegium record`);
    head = readHead(path, 512);
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    const code = codeOrText(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StoreMissing(path);
    throw new StoreOpenError('not-a-record', `${path} cannot be read (${systemReason(error)})`);
  }
  if (head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) return;
  throw new StoreOpenError('not-a-record', `${path} is ${fileKind(head)}, not a Collegium record`);
}

function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not an SQLite database seems to be, from its first bytes. */
function fileKind(head: Buffer): string {
  if (head.length === 0) return 'an empty file';
  if (head.includes(0)) return 'a file of another format';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^[{[]/.test(text) ? 'a JSON file' : 'a text file';
}

/** Prepared statements kept, by their SQL: the store's queries are few and run again and again. */
const STATEMENTS_KEPT = 200;

/**
 * The database as Kysely sees it, preparing each distinct SQL text once instead of on every query
 * (Kysely's SQLite driver prepares every time, which costs more than running a short query).
 * A statement still being iterated is busy; a query then gets one of its own.
 */
function withStatementCache({ database, cleanup }: Opened): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => {
      database.close();
      cleanup?.();
    },
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
