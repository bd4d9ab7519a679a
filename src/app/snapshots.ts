/**
 * Snapshots of the state: the state folded from the first n entries, kept in the store with n,
 * the tree's root and right edge at n, the version of the code that made it and a digest, so
 * that opening the record folds only the entries after n. A snapshot is never trusted: it is used
 * only if it is of this very version (snapshot-version.ts), its digest (keyed by the record's log
 * key) and every part's hash match its bytes, its edge gives its root, and that root is the one
 * the log signed in its checkpoint of size n (the signature checked with the log key entry 0
 * names). Any other is ignored, with the reason, and the state folded from entry 0, then written
 * anew where the store may be written. The audit compares each snapshot of this version with the
 * state it folds at its size: a snapshot forged with the digest key, which the store holds too, is
 * found there.
 *
 * An opening that folded SNAPSHOT_EVERY entries or more past the latest snapshot writes one; so
 * does a long-running ledger each time it has recorded that many since (see SnapshotKeeper). The
 * store keeps the SNAPSHOTS_KEPT latest.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Acts, RecordedAct } from '../core/acts.js';
import { equalBytes } from '../core/bytes.js';
import { applyAct, emptyState } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { verifyCheckpoint } from '../record/checkpoint.js';
import { decodeEntry, decodeEntryAt, EntryFormatError, toRecordedAct } from '../record/entry.js';
import { leafHash, nodesToStoreOnAppend, rootAt } from '../record/merkle.js';
import { noteVerifier } from '../record/note.js';
import { snapshotPartHashes, StoreConflict } from '../store/types.js';
import type { RecordStore, SnapshotPart, StoredSnapshot } from '../store/types.js';
import { Frontier } from './frontier.js';
import { decodeState, encodeState, sha256 } from './snapshot-state.js';
import { snapshotVersion } from './snapshot-version.js';

/** Entries folded past the latest snapshot that make it time to write one. */
export const SNAPSHOT_EVERY = 10_000;
/** Snapshots a record keeps: the latest, and the one before it. */
export const SNAPSHOTS_KEPT = 2;

/** The state folded from the first `state.size` entries, and the tree at that size. */
export interface Folded {
  readonly state: State;
  readonly frontier: Frontier;
  readonly lastLeaf: Uint8Array | undefined;
}

/** Folds an act into the state, throwing RecordUnreadable where the rules refuse it. */
export type FoldAct = (state: State, act: RecordedAct, index: number) => void;

/** How opening brought the state up to date with the log. */
export interface OpeningReport {
  readonly size: number;
  /** The size of the snapshot the state was read from; undefined: folded from entry 0. */
  readonly snapshot?: number;
  /** The entries folded, after the snapshot or from entry 0. */
  readonly folded: number;
  /** The latest snapshot, when it was not used, and why. */
  readonly rejected?: { readonly size: number; readonly reason: string };
  /** The size of the snapshot written on opening, if one was. */
  readonly written?: number;
  /** Why writing one failed, if it did: opening goes on without it. */
  readonly writeFailed?: string;
  readonly ms: number;
}

/** What the ledger hears of its snapshots (the server logs it). */
export type SnapshotEvent =
  | { readonly kind: 'opened'; readonly report: OpeningReport }
  | { readonly kind: 'written'; readonly size: number; readonly parts: number; readonly ms: number }
  | { readonly kind: 'failed'; readonly size: number; readonly reason: string };

export interface OpenOptions {
  /** The record's log key (its seed): checkpoints are checked with it, digests keyed by it. */
  readonly logSecret: Uint8Array;
  readonly fold: FoldAct;
  /** Also a second, separate copy of the state (the ledger's committed state). */
  readonly twice: boolean;
  /** SNAPSHOT_EVERY unless given; 0: never write one. */
  readonly every?: number;
}

export interface Opened extends Folded {
  /** The second copy, when asked for. */
  readonly copy: State | undefined;
  readonly report: OpeningReport;
}

/** A snapshot that does not match the log: never used. */
class SnapshotMismatch extends Error {}

/**
 * The state of the record as it stands: from the latest snapshot that matches the log and the
 * entries after it, else folded from entry 0; a snapshot written where that folded many entries.
 */
export async function openFolded(store: RecordStore, options: OpenOptions): Promise<Opened> {
  const started = performance.now();
  const snapshot = await store.snapshot();
  // Read after the snapshot: another writer may append, and write a later one, meanwhile.
  const size = await store.size();
  let rejected: OpeningReport['rejected'];
  let opened: Omit<Opened, 'report'> | undefined;
  if (snapshot) {
    try {
      opened = await foldOn(store, await restore(store, snapshot, size, options), size, options);
    } catch (error) {
      if (!(error instanceof SnapshotMismatch)) throw error;
      rejected = { size: snapshot.size, reason: error.message };
      if (!store.readOnly) await store.dropSnapshot(snapshot.size);
    }
  }
  opened ??= await foldOn(store, fromStart(options.twice), size, options);
  const folded = size - (snapshot && !rejected ? snapshot.size : 0);
  const written = await writeOnOpening(store, opened, folded, options);
  const report: OpeningReport = {
    size,
    ...(snapshot && !rejected ? { snapshot: snapshot.size } : {}),
    folded,
    ...(rejected ? { rejected } : {}),
    ...written,
    ms: performance.now() - started,
  };
  return { ...opened, report };
}

/** The start of a fold: a state or two and the tree, at some size. */
interface Start {
  readonly states: readonly State[];
  readonly frontier: Frontier;
}

function fromStart(twice: boolean): Start {
  return {
    states: twice ? [emptyState(), emptyState()] : [emptyState()],
    frontier: new Frontier(),
  };
}

/** Folds the entries from the start's size to `size` into its states and its tree. */
async function foldOn(
  store: RecordStore,
  start: Start,
  size: number,
  options: OpenOptions,
): Promise<Omit<Opened, 'report'>> {
  const [state, copy] = start.states as [State, State | undefined];
  const { frontier } = start;
  const from = frontier.leaves;
  let lastLeaf: Uint8Array | undefined;
  for await (const stored of store.entries(from, size)) {
    const act = toRecordedAct(decodeEntryAt(stored.index, stored.bytes));
    options.fold(state, act, stored.index);
    if (copy) applyAct(copy, act, 'replay');
    lastLeaf = leafHash(stored.bytes);
    frontier.append(stored.index, lastLeaf, nodesToStoreOnAppend);
  }
  // Nothing after the snapshot: the last leaf is its last entry's.
  if (!lastLeaf && from > 0)
    for await (const stored of store.entries(from - 1, from)) lastLeaf = leafHash(stored.bytes);
  return { state, copy, frontier, lastLeaf };
}

/** The snapshot's state (once, or twice) and tree, if it matches the log; else SnapshotMismatch. */
async function restore(
  store: RecordStore,
  snapshot: StoredSnapshot,
  size: number,
  options: OpenOptions,
): Promise<Start> {
  const n = snapshot.size;
  if (n > size) mismatch(`it is of ${n} entries, and the log holds ${size}`);
  const version = snapshotVersion();
  if (snapshot.version !== version)
    mismatch(`it was made by another version (${snapshot.version}; this is ${version})`);
  const digest = snapshotDigest(options.logSecret, snapshot);
  if (snapshot.digest.length !== digest.length || !timingSafeEqual(snapshot.digest, digest))
    mismatch('its bytes do not match its digest');
  const frontier = Frontier.fromBytes(n, snapshot.frontier);
  if (!frontier) mismatch(`its tree edge is not one of a tree of ${n} leaves`);
  if (!equalBytes(rootAt(n, frontier), snapshot.root))
    mismatch('its tree edge does not give its root');
  const logKey = await checkSignedRoot(store, n, snapshot.root);
  const hashes = snapshotPartHashes(snapshot.parts);
  const held = await heldParts(store, hashes);
  const states = Array.from({ length: options.twice ? 2 : 1 }, () => {
    let state: State;
    try {
      state = decodeState(snapshot.state, hashes, (hash) => held.get(hex(hash)));
    } catch (error) {
      return mismatch(`its state cannot be read: ${messageOf(error)}`);
    }
    if (state.size !== n) mismatch(`its state is of ${state.size} entries, not ${n}`);
    if (n > 0 && state.logKey !== logKey) mismatch('its state names another log key');
    return state;
  });
  return { states, frontier };
}

/**
 * The state a stored snapshot holds, if opening a log of `size` entries would use it (all the
 * checks above); else why it would not. For the audit, which compares it with its own fold.
 */
export async function storedState(
  store: RecordStore,
  snapshot: StoredSnapshot,
  size: number,
  logSecret: Uint8Array,
): Promise<State | string> {
  try {
    const start = await restore(store, snapshot, size, { logSecret, fold: () => {}, twice: false });
    return start.states[0]!;
  } catch (error) {
    if (error instanceof SnapshotMismatch || error instanceof EntryFormatError)
      return error.message;
    throw error;
  }
}

/**
 * The root the log signed at size n, with the key entry 0 names, must be `root`. Answers that
 * key (none for the empty log).
 */
async function checkSignedRoot(
  store: RecordStore,
  n: number,
  root: Uint8Array,
): Promise<string | undefined> {
  if (n === 0) return undefined;
  const checkpoint = await store.checkpoint(n);
  if (!checkpoint) mismatch(`the log has no checkpoint of size ${n}`);
  const logKey = await logKeyOf(store);
  let signed;
  try {
    signed = verifyCheckpoint(checkpoint.note, noteVerifier(logKey));
  } catch (error) {
    return mismatch(`the log's checkpoint of size ${n} does not verify: ${messageOf(error)}`);
  }
  if (signed.size !== n || !equalBytes(signed.rootHash, root))
    mismatch(`its root is not the one the log signed at size ${n}`);
  return logKey;
}

/** The log's verifier key, as entry 0 (the charter's adoption) names it. */
async function logKeyOf(store: RecordStore): Promise<string> {
  for await (const first of store.entries(0, 1)) {
    const entry = decodeEntry(first.bytes);
    if (entry.type === 'charter.adopt') return (entry.payload as Acts['charter.adopt']).log;
  }
  return mismatch('entry 0 does not adopt a charter');
}

/** The parts the snapshot names, each checked against its hash. */
async function heldParts(
  store: RecordStore,
  hashes: readonly Uint8Array[],
): Promise<Map<string, Uint8Array>> {
  const held = await store.snapshotParts(hashes);
  for (const hash of hashes) {
    const bytes = held.get(hex(hash));
    if (!bytes) mismatch(`its part ${hex(hash)} is missing`);
    if (!equalBytes(sha256(bytes), hash)) mismatch(`its part ${hex(hash)} does not match its hash`);
  }
  return held;
}

/**
 * The digest of a snapshot: HMAC-SHA-256 over every field, keyed by a key derived from the log's
 * own: a snapshot cannot be forged without the key that signs the log's checkpoints.
 */
export function snapshotDigest(
  logSecret: Uint8Array,
  snapshot: Omit<StoredSnapshot, 'digest'>,
): Uint8Array {
  const key = createHmac('sha256', logSecret).update('collegium snapshot digest').digest();
  const mac = createHmac('sha256', key);
  const fields = [
    Buffer.from(snapshot.version),
    Buffer.from(String(snapshot.size)),
    snapshot.root,
    snapshot.frontier,
    snapshot.state,
    snapshot.parts,
  ];
  for (const field of fields) {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(field.length));
    mac.update(length).update(field);
  }
  return mac.digest();
}

/** A snapshot made from a folded state, with the parts the store may lack. */
export interface Captured {
  readonly snapshot: StoredSnapshot;
  readonly parts: readonly SnapshotPart[];
}

/**
 * The snapshot of a folded state, made at once (the state must not change meanwhile); `all`
 * gives every part with it, not only those made anew.
 */
export function capture(folded: Folded, logSecret: Uint8Array, all = false): Captured {
  const size = folded.state.size;
  const encoded = encodeState(folded.state, all);
  const unsigned = {
    size,
    version: snapshotVersion(),
    root: rootAt(size, folded.frontier),
    frontier: folded.frontier.toBytes(),
    state: encoded.state,
    parts: encoded.parts,
  };
  return {
    snapshot: { ...unsigned, digest: snapshotDigest(logSecret, unsigned) },
    parts: encoded.made,
  };
}

/**
 * Writes the snapshot `take` makes, if the log has the checkpoint it is to be checked against;
 * where the store has lost a part it counts on, once more with every part.
 */
export async function writeSnapshot(
  store: RecordStore,
  take: (all: boolean) => Captured | Promise<Captured>,
): Promise<Captured> {
  const put = async (all: boolean): Promise<Captured> => {
    const captured = await take(all);
    const { size } = captured.snapshot;
    if (!(await store.checkpoint(size)))
      throw new Error(`the log has no checkpoint of size ${size} to check a snapshot against`);
    await store.putSnapshot(captured.snapshot, captured.parts, SNAPSHOTS_KEPT);
    return captured;
  };
  try {
    return await put(false);
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
    return put(true);
  }
}

/** Writes a snapshot where opening folded many entries and the store may be written. */
async function writeOnOpening(
  store: RecordStore,
  folded: Folded,
  count: number,
  options: OpenOptions,
): Promise<Pick<OpeningReport, 'written' | 'writeFailed'>> {
  const every = options.every ?? SNAPSHOT_EVERY;
  const size = folded.state.size;
  if (store.readOnly || every <= 0 || count < every || size === 0) return {};
  try {
    await writeSnapshot(store, (all) => capture(folded, options.logSecret, all));
    return { written: size };
  } catch (error) {
    return { writeFailed: messageOf(error) };
  }
}

/**
 * Writes a snapshot in the background each time the ledger has folded `every` entries past the
 * latest. The state is captured through the ledger's queue of work (`take`: between two appends,
 * when it is what the store holds), and written after it, while appends go on.
 */
export class SnapshotKeeper {
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly every: number,
    /** The size of the latest snapshot (or where the state was folded from on opening). */
    private latest: number,
    private readonly take: (all: boolean) => Promise<Captured>,
    private readonly tell: (event: SnapshotEvent) => void,
  ) {}

  /** After the state was folded from the store: the next snapshot is due `every` entries on. */
  opened(report: OpeningReport): void {
    this.latest = report.written ?? report.snapshot ?? 0;
    this.tell({ kind: 'opened', report });
  }

  /** After each work of the ledger, with its size: starts a write if one is due. */
  grown(size: number): void {
    if (this.writing || this.store.readOnly || this.every <= 0) return;
    if (size - this.latest < this.every) return;
    this.writing = this.write(size).finally(() => {
      this.writing = undefined;
    });
  }

  /** Resolves once the snapshot being written, if any, is written (or has failed). */
  settled(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }

  private async write(size: number): Promise<void> {
    const started = performance.now();
    // Whatever comes of it, the next is due `every` entries on.
    this.latest = size;
    try {
      // Another writer of the record (an instance, a command) may have written one since.
      const stored = (await this.store.snapshotSizes()).at(-1) ?? 0;
      if (size - stored < this.every) return;
      const { snapshot } = await writeSnapshot(this.store, this.take);
      this.latest = snapshot.size;
      const parts = snapshotPartHashes(snapshot.parts).length;
      this.tell({ kind: 'written', size: snapshot.size, parts, ms: performance.now() - started });
    } catch (error) {
      this.tell({ kind: 'failed', size, reason: messageOf(error) });
    }
  }
}

function mismatch(reason: string): never {
  throw new SnapshotMismatch(reason);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
