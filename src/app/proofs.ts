/**
 * Inclusion and consistency proofs from the stored tree. The nodes a proof needs depend only on
 * the index and sizes, never on the hashes, so they are found by a dry run and read in one query:
 * O(log n) nodes, two round trips, whatever the store.
 */
import { equalBytes } from '../core/bytes.js';
import { fail } from '../core/errors.js';
import { parseCheckpoint } from '../record/checkpoint.js';
import { consistencyProof, inclusionProof, leafHash, rootAt } from '../record/merkle.js';
import type { NodeSource } from '../record/merkle.js';
import type { InclusionProof } from '../record/proof-formats.js';
import type { NodeAddress, RecordStore, StoredCheckpoint } from '../store/types.js';

export type { InclusionProof };

const ZERO = new Uint8Array(32);

/**
 * Runs `compute` over the stored nodes it asks for. With `kept`, nodes near the top of the tree
 * come from it once read: every proof passes through them, and nodes never change once stored.
 */
export async function withStoredNodes<T>(
  store: RecordStore,
  compute: (source: NodeSource) => T,
  kept?: KeptNodes,
): Promise<T> {
  const wanted = new Map<string, NodeAddress>();
  // A dry run finds the nodes `compute` reads: they depend on the sizes alone, not the hashes.
  compute({
    node: (level, index) => {
      const key = `${level}/${index}`;
      if (!kept?.has(key)) wanted.set(key, { level, index });
      return ZERO;
    },
    combine: () => ZERO,
  });
  const found = wanted.size > 0 ? await store.nodes([...wanted.values()]) : new Map();
  kept?.keep(found);
  return compute({
    node: (level, index) => {
      const key = `${level}/${index}`;
      return (
        found.get(key) ??
        kept?.get(key) ??
        fail('not-found', `the tree has no node ${level}/${index}: is the record damaged?`)
      );
    },
  });
}

/** Levels kept below the highest a proof reads: about 2^LEVELS_KEPT nodes in all. */
const LEVELS_KEPT = 12;
/** Nodes kept at most: past it (a tree grown a long way since) they are read afresh. */
const MOST_KEPT = 4 << LEVELS_KEPT;

/**
 * The upper levels of one record's tree, as proofs have read them (see withStoredNodes): the
 * levels within LEVELS_KEPT of the highest node read so far, a few thousand nodes.
 */
export class KeptNodes {
  private readonly nodes = new Map<string, Uint8Array>();
  private top = 0;

  has(key: string): boolean {
    return this.nodes.has(key);
  }

  get size(): number {
    return this.nodes.size;
  }

  get(key: string): Uint8Array | undefined {
    return this.nodes.get(key);
  }

  keep(found: ReadonlyMap<string, Uint8Array>): void {
    for (const key of found.keys()) this.top = Math.max(this.top, levelOf(key));
    if (this.nodes.size > MOST_KEPT) this.nodes.clear();
    for (const [key, hash] of found)
      if (levelOf(key) > this.top - LEVELS_KEPT) this.nodes.set(key, hash);
  }
}

function levelOf(key: string): number {
  return Number(key.slice(0, key.indexOf('/')));
}

/** The nodes kept for proofs in each store. */
const keptFor = new WeakMap<RecordStore, KeptNodes>();

function keptNodes(store: RecordStore): KeptNodes {
  let kept = keptFor.get(store);
  if (!kept) keptFor.set(store, (kept = new KeptNodes()));
  return kept;
}

export interface ConsistencyProof {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: string;
  readonly newRoot: string;
  readonly proof: readonly string[];
  readonly oldCheckpoint: string;
  readonly newCheckpoint: string;
}

/** A signed checkpoint with the witnesses' cosignatures the record keeps of it. */
export interface CosignedCheckpoint extends StoredCheckpoint {
  /** The names of the witnesses whose cosignatures the note carries. */
  readonly cosigned: readonly string[];
}

/**
 * The signed checkpoint of that size, or the latest, its note carrying the witnesses'
 * cosignatures after the log's signature: still a signed note that the log key verifies, since
 * verifiers pass over signatures by keys they do not know.
 */
export async function checkpointAt(store: RecordStore, size?: number): Promise<CosignedCheckpoint> {
  const found = await store.checkpoint(size);
  if (found) {
    const cosignatures = await store.cosignatures(found.size);
    return {
      size: found.size,
      note: found.note + cosignatures.map(({ line }) => line).join(''),
      cosigned: cosignatures.map(({ witness }) => witness),
    };
  }
  const latest = await store.checkpoint();
  return fail(
    'not-found',
    size === undefined
      ? 'the record has no checkpoint'
      : `no checkpoint of size ${size} (the latest is of size ${latest?.size ?? 0}); checkpoints are signed after each append`,
  );
}

export async function proveInclusion(
  store: RecordStore,
  index: number,
  size?: number,
): Promise<InclusionProof> {
  const checkpoint = await checkpointAt(store, size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= checkpoint.size)
    fail('not-found', `entry ${index} is not in the tree of size ${checkpoint.size}`);
  const [proof, root] = await withStoredNodes(
    store,
    (source) =>
      [inclusionProof(index, checkpoint.size, source), rootAt(checkpoint.size, source)] as const,
    keptNodes(store),
  );
  const bytes =
    (await entryBytesAt(store, index)) ?? fail('not-found', `entry ${index} is missing`);
  const leaf = leafHash(bytes);
  checkRoot(checkpoint, root);
  return {
    index,
    size: checkpoint.size,
    leafHash: hex(leaf),
    proof: proof.map(hex),
    root: hex(root),
    checkpoint: checkpoint.note,
  };
}

export async function proveConsistency(
  store: RecordStore,
  oldSize: number,
  newSize?: number,
): Promise<ConsistencyProof> {
  const older = await checkpointAt(store, oldSize);
  const newer = await checkpointAt(store, newSize);
  if (older.size > newer.size)
    fail('invalid-input', `the old size ${older.size} is larger than the new size ${newer.size}`);
  const [proof, oldRoot, newRoot] = await withStoredNodes(
    store,
    (source) =>
      [
        older.size === newer.size ? [] : consistencyProof(older.size, newer.size, source),
        rootAt(older.size, source),
        rootAt(newer.size, source),
      ] as const,
    keptNodes(store),
  );
  checkRoot(older, oldRoot);
  checkRoot(newer, newRoot);
  return {
    oldSize: older.size,
    newSize: newer.size,
    oldRoot: hex(oldRoot),
    newRoot: hex(newRoot),
    proof: proof.map(hex),
    oldCheckpoint: older.note,
    newCheckpoint: newer.note,
  };
}

/** A proof from nodes that disagree with the signed checkpoint would prove nothing. */
function checkRoot(checkpoint: StoredCheckpoint, root: Uint8Array): void {
  if (!equalBytes(checkpointRoot(checkpoint), root))
    fail(
      'conflict',
      `the stored tree does not match the checkpoint of size ${checkpoint.size}: run collegium audit`,
    );
}

/** The root hash a stored checkpoint states (its note's body, the signatures left aside). */
export function checkpointRoot(checkpoint: StoredCheckpoint): Uint8Array {
  return parseCheckpoint(checkpoint.note.slice(0, checkpoint.note.indexOf('\n\n') + 1)).rootHash;
}

/** The stored bytes of entry `index`, or undefined where it is missing. */
export async function entryBytesAt(
  store: RecordStore,
  index: number,
): Promise<Uint8Array | undefined> {
  for await (const e of store.entries(index, index + 1)) return e.bytes;
  return undefined;
}

/** Lowercase hex, as core's toHex writes it, without a string per byte: proofs are served often. */
function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
