/**
 * The one storage interface. Two adapters implement it with the same Kysely queries: SQLite (the
 * embedded default) and PostgreSQL. The store keeps bytes; it knows nothing of what they mean.
 */
import type { WebSessionStore } from './web-sessions.js';
import { CodedError } from '../core/coded-error.js';

export interface StoredEntry {
  readonly index: number;
  /** The entry's exact bytes: canonical JSON, the Merkle leaf. */
  readonly bytes: Uint8Array;
}

export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

export interface StoredCheckpoint {
  readonly size: number;
  /** The signed note, as text. */
  readonly note: string;
}

/** A witness's cosignature of the checkpoint of `size`: a signed-note signature line. */
export interface StoredCosignature {
  readonly size: number;
  /** The witness's key name. */
  readonly witness: string;
  /** `— name base64(key ID || timestamp || signature)` and its newline. */
  readonly line: string;
}

/**
 * An act signed elsewhere (a member's device) that the record has accepted, by the time it was
 * signed at and its signature: remembered so that the same signed act is never accepted twice.
 * Kept in the order of their times, which is about the order they come in: a table of them grows
 * at one end, where one keyed by signatures alone (random bytes) would be written all over.
 */
export interface AcceptedAct {
  /** The time the act says it was signed at, in milliseconds since the epoch. */
  readonly at: number;
  /** The signature's bytes (decoded, so that no other spelling of it can pass for another). */
  readonly sig: Uint8Array;
  /**
   * When it may be forgotten (milliseconds since the epoch), because the act would be refused by
   * its time from then on anyway; null: never.
   */
  readonly until: number | null;
}

/** What names an accepted act: its time and its signature (the same act has both the same). */
export type AcceptedKey = Pick<AcceptedAct, 'at' | 'sig'>;

export interface AppendBatch {
  /** Entries in order, the first at index `size()`. */
  readonly entries: readonly StoredEntry[];
  /** Merkle tree nodes completed by these entries. */
  readonly nodes: readonly StoredNode[];
  /** The log's signed checkpoint of the tree with these entries. */
  readonly checkpoint?: StoredCheckpoint;
  /** The acts signed elsewhere among these entries: remembered in the same transaction. */
  readonly accepted?: readonly AcceptedAct[];
  /** Files these entries name by hash, stored with them (a file stored already is kept as is). */
  readonly attachments?: readonly StoredAttachment[];
}

/**
 * The state folded from the first `size` entries, kept so that opening the record need not fold
 * it from entry 0 (app/snapshots.ts makes, checks and reads them; the store only keeps bytes).
 */
export interface StoredSnapshot {
  readonly size: number;
  /** What made it: a snapshot of another version, or of another format, is not used. */
  readonly version: string;
  /** The Merkle tree's root at `size`. */
  readonly root: Uint8Array;
  /** The tree's right edge at `size` (app/frontier.ts), so that appending can go on from it. */
  readonly frontier: Uint8Array;
  /** The serialized state, but for its parts kept apart. */
  readonly state: Uint8Array;
  /** The SHA-256 of each part kept apart, 32 bytes each: the parts it is read with. */
  readonly parts: Uint8Array;
  /** Authenticates the rest (app/snapshots.ts says how). */
  readonly digest: Uint8Array;
}

/** The hashes a snapshot's `parts` lists, 32 bytes each. */
export function snapshotPartHashes(parts: Uint8Array): Uint8Array[] {
  const hashes: Uint8Array[] = [];
  for (let at = 0; at + 32 <= parts.length; at += 32) hashes.push(parts.subarray(at, at + 32));
  return hashes;
}

/** A part of a snapshot's state kept apart, by the SHA-256 of its bytes. */
export interface SnapshotPart {
  readonly hash: Uint8Array;
  readonly bytes: Uint8Array;
}

/** A file kept beside the record, named by the hex SHA-256 of its bytes. */
export interface StoredAttachment {
  readonly hash: string;
  readonly bytes: Uint8Array;
}

/**
 * The log as an appender finds it once it holds the append lock: its size, and what other
 * writers appended after the entries the appender had read.
 */
export interface LockedLog {
  /** The number of entries now: the index the batch's first entry must have. */
  readonly size: number;
  /** The entries other writers appended since the appender last read (known ≤ index < size). */
  readonly moved: readonly StoredEntry[];
  /** Which of these acts the record accepted from elsewhere already, read under the lock. */
  accepted(acts: readonly AcceptedKey[]): Promise<AcceptedAct[]>;
}

export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

/**
 * A record's storage. Writes are transactions: an append writes its entries, their tree nodes,
 * its checkpoint and the acts it accepted together, or nothing.
 *
 * @example
 * ```ts
 * const store = await openStore('board.db', { create: false });
 * const size = await store.size();
 * for await (const entry of store.entries(0, size)) console.log(entry.index, entry.bytes.length);
 * // Appends only where the record ends; a StoreConflict if another writer came first.
 * await store.append(size, { entries, nodes, checkpoint, accepted: [{ at, sig, until: null }] });
 * for await (const act of store.accepted()) seen.add(toBase64(act.sig));
 * await store.close();
 * ```
 */
export interface RecordStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Opened only to read: every write is refused. */
  readonly readOnly: boolean;
  /** The number of entries. */
  size(): Promise<number>;
  /**
   * The database's clock (milliseconds since the epoch), where instances on several machines may
   * share the record (PostgreSQL): the one clock they all read. Undefined where they cannot
   * (SQLite: one machine, one clock). Read it through databaseNow (server/deadlines.ts), the one
   * check that takes a reading that is no time (NaN) for the database unavailable.
   */
  clock(): Promise<number | undefined>;
  /** Throws StoreUpgraded where a newer version has upgraded the record: it writes nothing more. */
  checkSchema(): Promise<void>;
  /**
   * Why the record cannot be written just now, where a recent write met a disk that failed (full)
   * and none has succeeded since; undefined otherwise. Reads may still succeed meanwhile.
   */
  writeFailure(): Error | undefined;
  /** Entries with from ≤ index < to, in order, read in pages. */
  entries(from: number, to: number): AsyncIterable<StoredEntry>;
  /** The same, a page at a time: for a reader of the whole log, which takes them by the thousand. */
  entryPages(from: number, to: number): AsyncIterable<readonly StoredEntry[]>;
  /**
   * Appends a batch atomically if the record still has `expectedSize` entries; otherwise
   * nothing is written and a StoreConflict is thrown (another writer came first), or
   * RecordDamaged where it has fewer (entries gone, or a size it never had).
   */
  append(expectedSize: number, batch: AppendBatch): Promise<void>;
  /**
   * The append of several writers (server instances, a CLI beside a server): in one transaction,
   * takes the log's lock, reads its size and the entries appended after `known`, asks `build`
   * for the batch to write there, and writes it, so the head only moves on from what was read.
   * `build` may throw (nothing is written) or return undefined (nothing to write). A store with
   * fewer than `known` entries (replaced under the writer) is RecordDamaged.
   *
   * @example
   * ```ts
   * await store.appendAfter(ledgerSize, async (log) => {
   *   foldAll(log.moved); // catch up with the other writers first
   *   return prepareBatch(log.size); // then the batch, its first entry at index log.size
   * });
   * ```
   */
  appendAfter(
    known: number,
    build: (log: LockedLog) => Promise<AppendBatch | undefined>,
  ): Promise<void>;
  /**
   * Calls `wake` soon after another writer appends, where the database can say so (PostgreSQL's
   * LISTEN/NOTIFY); a hint only: the log is the truth, read after. Answers how to stop.
   */
  watch(wake: () => void): Promise<() => Promise<void>>;
  node(level: number, index: number): Promise<Uint8Array | undefined>;
  /** The stored nodes among `addresses`, keyed `level/index`. */
  nodes(addresses: readonly NodeAddress[]): Promise<Map<string, Uint8Array>>;
  /** The nodes of one level with from ≤ index < to, in order, read in pages. */
  level(level: number, from: number, to: number): AsyncIterable<StoredNode>;
  /** The same, a page at a time. */
  levelPages(level: number, from: number, to: number): AsyncIterable<readonly StoredNode[]>;
  /** The checkpoint of that size, or the latest without a size. */
  checkpoint(size?: number): Promise<StoredCheckpoint | undefined>;
  /** The checkpoints with from ≤ size ≤ to (default: every one), oldest first, read in pages. */
  checkpoints(from?: number, to?: number): AsyncIterable<StoredCheckpoint>;
  /**
   * Keeps a witness's cosignature of a stored checkpoint; a later one from the same witness
   * for the same size replaces it.
   */
  addCosignature(cosignature: StoredCosignature): Promise<void>;
  /** The cosignatures of the checkpoint of that size, by witness name. */
  cosignatures(size: number): Promise<StoredCosignature[]>;
  /** The largest checkpoint size each witness cosigned, by witness name. */
  cosignedSizes(): Promise<Map<string, number>>;
  /** Secrets the record itself holds (its custodial and log keys). Never overwritten. */
  secret(name: string): Promise<Uint8Array | undefined>;
  /** Every secret by name: for copying a record to another store, and nothing else. */
  secrets(): Promise<Record<string, Uint8Array>>;
  /** The file with that hex SHA-256, if the record keeps it. */
  attachment(hash: string): Promise<Uint8Array | undefined>;
  /** Every file the record keeps, by hash order, read in pages. */
  attachments(): AsyncIterable<StoredAttachment>;
  /** Every act signed elsewhere that the record accepted and has not forgotten, in pages. */
  accepted(): AsyncIterable<AcceptedAct>;
  /** Which of these acts the record accepted already. */
  acceptedAmong(acts: readonly AcceptedKey[]): Promise<AcceptedAct[]>;
  /** Forgets the accepted acts whose `until` is before `time`: they are refused by their time. */
  forgetAccepted(time: number): Promise<void>;
  /** What the server instances of this record share beside it (sessions, challenges, limits). */
  webSessions(): WebSessionStore;
  /** The snapshot of that size, or the latest (of the largest size) without a size. */
  snapshot(size?: number): Promise<StoredSnapshot | undefined>;
  /** The sizes of the snapshots the store holds, smallest first (a record keeps one or two). */
  snapshotSizes(): Promise<number[]>;
  /** The parts among `hashes` that the store holds, keyed by their hash in hex. */
  snapshotParts(hashes: readonly Uint8Array[]): Promise<Map<string, Uint8Array>>;
  /**
   * Stores a snapshot (in place of one of the same size) with the parts it names that the store
   * may not hold yet, then keeps only the `keep` of largest size and the parts they name; all in
   * one transaction. A part it names that is neither held nor given is a StoreConflict, and
   * nothing is written.
   */
  putSnapshot(
    snapshot: StoredSnapshot,
    parts: readonly SnapshotPart[],
    keep: number,
  ): Promise<void>;
  /** Removes the snapshot of that size (one found not to match the log) and parts no other names. */
  dropSnapshot(size: number): Promise<void>;
  /**
   * Stores the secrets and the first batch together: the record's creation. `copying` marks it
   * an unfinished copy (collegium migrate), which no opening but a copy's takes until
   * finishCopy: what a copy cut short holds is a record's beginning, and looks whole.
   */
  create(
    secrets: Readonly<Record<string, Uint8Array>>,
    batch: AppendBatch,
    options?: { readonly copying?: string },
  ): Promise<void>;
  /** The mark of an unfinished copy (see create), if the record is one; where the store tells. */
  copying?(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The store a record is copied into (collegium migrate), which may hold an unfinished copy. */
export interface CopyTarget extends RecordStore {
  copying(): Promise<string | undefined>;
  /** Removes the mark of an unfinished copy: the copy is complete, compared and audited. */
  finishCopy(): Promise<void>;
  /** Removes everything an unfinished copy holds, to begin it again; a StoreConflict if unmarked. */
  discardCopy(): Promise<void>;
}

export class StoreConflict extends Error {
  override name = 'StoreConflict';
}

/**
 * The record is not what a record could be, or not what was read of it: entries gone since (or a
 * size given that was never the log's), an index that is no number, a record that fails the
 * opening check. Not a conflict: asking again does not help; the audit names what fails.
 */
export class RecordDamaged extends Error {
  override name = 'RecordDamaged';
}

/**
 * The database cannot be reached, dropped the connection, or did not answer in time: nothing was
 * written, and the same request may succeed once it is back. `cause` is the driver's error. (A
 * connection lost as it committed leaves it unsaid whether the commit was made: the ledger reads
 * the record again to know, see Ledger.holdsBatch.)
 */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
  constructor(cause: unknown) {
    super(
      `the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/**
 * The database went away as a write was committed, and could not be read again to tell whether
 * the commit was made: the entries `first` to `last` (indexes) may be in the record, or not. A
 * StoreUnavailable to whoever does not tell the two (a server answers 503, and a signed act sent
 * again is accepted once); the command line says how to find out.
 */
export class CommitUnknown extends StoreUnavailable {
  constructor(
    cause: unknown,
    readonly first: number,
    readonly last: number,
  ) {
    super(cause);
  }
}

/**
 * The record was upgraded, while this program had it open, by a newer version of collegium: its
 * tables are no longer the ones this version writes, so it writes nothing more (what it was
 * writing is not written). Upgrade this program too.
 */
export class StoreUpgraded extends Error {
  override name = 'StoreUpgraded';
  readonly code = 'record-upgraded';
  constructor(
    /** The schema the record is at now, and the one this program writes. */
    readonly schema: string,
    readonly writes: string,
  ) {
    super(
      `the record was upgraded to schema version ${schema} by a newer collegium; this one writes version ${writes}, so it writes nothing more: upgrade it and start it again`,
    );
  }
}

/** There is no Collegium record at the location: nothing there yet, so `init` may make one. */
export class StoreMissing extends Error {
  override name = 'StoreMissing';
  readonly code = 'no-record';
  constructor(readonly location: string) {
    super(
      `no Collegium record at ${location} (create one with: collegium init --charter FILE --db ${location})`,
    );
  }
}

export type StoreOpenCode =
  /** The database server refuses the connection, or its host is not found. */
  | 'db-unreachable'
  /** The server refuses the login: a wrong password, or a user that may not log in. */
  | 'db-auth-failed'
  /** The server has no database of that name. */
  | 'db-not-found'
  /** The user may log in, but not read or make the record's tables. */
  | 'db-forbidden'
  /** Something is there, but not a Collegium record: another file, a folder, another database. */
  | 'not-a-record'
  /** A record of an earlier schema, opened only to read: it is brought up to date by a write. */
  | 'outdated-record'
  /** The place for a new record cannot be made. */
  | 'cannot-create'
  /** A command that writes found the record read-only (its file, folder or medium, or the user). */
  | 'read-only-record'
  /** An unfinished copy (collegium migrate was stopped before it had checked it): not used. */
  | 'unfinished-copy'
  /** The location cannot name a place at all (a postgres:// URL badly percent-encoded). */
  | 'invalid-location';

/** The store cannot be opened, for a reason other than there being no record yet. */
export class StoreOpenError extends CodedError<StoreOpenCode> {
  override readonly name = 'StoreOpenError';
}

/** The location as it may be shown: a URL's password is never printed. */
export function displayLocation(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/*[^:/@]+):[^@]*@/, '$1:***@');
}
