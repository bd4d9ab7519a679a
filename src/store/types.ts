/**
 * The one storage interface. Two adapters implement it with the same Kysely queries: SQLite (the
 * embedded default) and PostgreSQL. The store keeps bytes; it knows nothing of what they mean.
 */
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

export interface AppendBatch {
  /** Entries in order, the first at index `size()`. */
  readonly entries: readonly StoredEntry[];
  /** Merkle tree nodes completed by these entries. */
  readonly nodes: readonly StoredNode[];
  /** The log's signed checkpoint of the tree with these entries. */
  readonly checkpoint?: StoredCheckpoint;
}

export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

export interface RecordStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The number of entries. */
  size(): Promise<number>;
  /** Entries with from ≤ index < to, in order, read in pages. */
  entries(from: number, to: number): AsyncIterable<StoredEntry>;
  /**
   * Appends a batch atomically if the record still has `expectedSize` entries; otherwise
   * nothing is written and a StoreConflict is thrown (another writer came first).
   */
  append(expectedSize: number, batch: AppendBatch): Promise<void>;
  node(level: number, index: number): Promise<Uint8Array | undefined>;
  /** The stored nodes among `addresses`, keyed `level/index`. */
  nodes(addresses: readonly NodeAddress[]): Promise<Map<string, Uint8Array>>;
  /** The nodes of one level with from ≤ index < to, in order, read in pages. */
  level(level: number, from: number, to: number): AsyncIterable<StoredNode>;
  /** The checkpoint of that size, or the latest without a size. */
  checkpoint(size?: number): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint, oldest first, read in pages. */
  checkpoints(): AsyncIterable<StoredCheckpoint>;
  /** Secrets the record itself holds (its custodial and log keys). Never overwritten. */
  secret(name: string): Promise<Uint8Array | undefined>;
  /** Stores the secrets and the first batch together: the record's creation. */
  create(secrets: Readonly<Record<string, Uint8Array>>, batch: AppendBatch): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflict extends Error {
  override name = 'StoreConflict';
}

/**
 * The database cannot be reached, dropped the connection, or did not answer in time: nothing was
 * written, and the same request may succeed once it is back. `cause` is the driver's error.
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

/** There is no Collegium record at the location. */
export class StoreMissing extends Error {
  override name = 'StoreMissing';
  constructor(readonly location: string) {
    super(
      `no Collegium record at ${location} (create one with: collegium init --charter FILE --db ${location})`,
    );
  }
}

/** The location as it may be shown: a URL's password is never printed. */
export function displayLocation(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
