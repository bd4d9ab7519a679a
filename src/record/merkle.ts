/**
 * RFC 9162 Merkle tree hashing and proofs, over SHA-256 (their check: merkle-proofs.ts).
 *
 * The store keeps the hash of every perfect subtree, addressed (level, index): level 0 index i is
 * leaf hash i, and node (L, i) covers leaves [i·2^L, (i+1)·2^L). Every hash RFC 9162 asks for is
 * then one stored node or a combination of O(log n) of them, so roots and proofs never rebuild
 * the tree.
 *
 * Sizes and indexes are JS numbers, exact up to 2^53. Bitwise operators work on 32 bits only, so
 * the bit manipulation here is done with arithmetic (odd, half).
 */
import { hash } from 'node:crypto';
import {
  at,
  half,
  isOdd,
  perfectLevel,
  ProofError,
  requireCount,
  requireHashLength,
  splitPoint,
} from './merkle-proofs.js';

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// One-shot hashing: a Hash object per leaf and node costs more in garbage collection (its native
// handle) than the hashing itself, in proofs and audits that hash millions of times. The input is
// written into a buffer kept for the purpose, and the digest taken as a 'binary' (latin1) string,
// a byte a character, into a slice of Buffer's shared pool: as a Buffer of its own, every digest
// would cost a memory block of its own, allocated and freed, for 32 bytes.
function sha256(input: Uint8Array): Uint8Array {
  const digest = Buffer.from(hash('sha256', input, 'binary'), 'binary');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** Inputs up to this size are written into `scratch`; larger ones get a buffer of their own. */
const SCRATCH_SIZE = 16 * 1024;
const scratch = Buffer.allocUnsafeSlow(SCRATCH_SIZE);

/** `prefix`, `first` and `second` end to end, in `scratch` when they fit (hashed at once, before
 * anything else can write there). */
function prefixed(prefix: number, first: Uint8Array, second?: Uint8Array): Uint8Array {
  const length = 1 + first.length + (second?.length ?? 0);
  const input = length <= SCRATCH_SIZE ? scratch.subarray(0, length) : Buffer.allocUnsafe(length);
  input[0] = prefix;
  input.set(first, 1);
  if (second) input.set(second, 1 + first.length);
  return input;
}

export function leafHash(bytes: Uint8Array): Uint8Array {
  return sha256(prefixed(LEAF_PREFIX, bytes));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(prefixed(NODE_PREFIX, left, right));
}

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** MTH over leaf hashes held in memory (RFC 9162 §2.1.1). */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  return leafHashes.length === 0 ? emptyRoot() : treeHash(leafHashes, 0, leafHashes.length);
}

function treeHash(leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return at(leafHashes, start);
  const mid = start + splitPoint(end - start);
  return nodeHash(treeHash(leafHashes, start, mid), treeHash(leafHashes, mid, end));
}

// ---------------------------------------------------------------------------------------------
// The stored tree

/** Read access to stored perfect-subtree hashes. Synchronous, so a store can serve it from a
 * prepared statement or a cache. */
export interface NodeSource {
  node(level: number, index: number): Uint8Array;
  /**
   * Combines two children's hashes in roots and proofs; nodeHash unless given. A source that
   * only notes which nodes are read (to read them all at once) need not hash anything.
   */
  readonly combine?: (left: Uint8Array, right: Uint8Array) => Uint8Array;
}

export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/**
 * The nodes to store when leaf `index` is appended: the leaf itself and every perfect subtree it
 * completes. While the new node is a right child, its left sibling is already stored.
 */
export function nodesToStoreOnAppend(
  index: number,
  leafHash: Uint8Array,
  source: NodeSource,
): StoredNode[] {
  requireCount('leaf index', index);
  requireHashLength('leaf hash', leafHash);
  const nodes: StoredNode[] = [{ level: 0, index, hash: leafHash }];
  let level = 0;
  let position = index;
  let hash = leafHash;
  while (isOdd(position)) {
    hash = nodeHash(source.node(level, position - 1), hash);
    level += 1;
    position = half(position);
    nodes.push({ level, index: position, hash });
  }
  return nodes;
}

/** The root of the tree of the first `size` stored leaves. */
export function rootAt(size: number, source: NodeSource): Uint8Array {
  requireCount('tree size', size);
  return size === 0 ? emptyRoot() : subtreeHash(0, size, source);
}

/**
 * MTH of leaves [start, end), split as RFC 9162 splits: a perfect left part and the rest. Every
 * range this recursion reaches (from [0, n), as in PATH and SUBPROOF) starts at a multiple of the
 * smallest power of two not below its width, so a perfect range is exactly one stored node.
 */
function subtreeHash(start: number, end: number, source: NodeSource): Uint8Array {
  const width = end - start;
  const level = perfectLevel(width);
  if (level !== undefined) return source.node(level, start / width);
  const mid = start + splitPoint(width);
  const combine = source.combine ?? nodeHash;
  return combine(subtreeHash(start, mid, source), subtreeHash(mid, end, source));
}

/** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, bottom-up. */
export function inclusionProof(index: number, size: number, source: NodeSource): Uint8Array[] {
  requireCount('leaf index', index);
  requireCount('tree size', size);
  if (index >= size)
    throw new ProofError('index-out-of-range', `leaf ${index} is not in a tree of ${size}`);
  const topDown: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      topDown.push(subtreeHash(mid, end, source));
      end = mid;
    } else {
      topDown.push(subtreeHash(start, mid, source));
      start = mid;
    }
  }
  return topDown.reverse();
}

/** PROOF(oldSize, D[0:newSize]) of RFC 9162 §2.1.4.1 (SUBPROOF with b = true), bottom-up. */
export function consistencyProof(
  oldSize: number,
  newSize: number,
  source: NodeSource,
): Uint8Array[] {
  requireCount('old size', oldSize);
  requireCount('new size', newSize);
  if (oldSize > newSize)
    throw new ProofError('sizes-out-of-order', `old size ${oldSize} > new size ${newSize}`);
  if (oldSize === 0) throw new ProofError('empty-tree', 'no consistency proof from the empty tree');
  const topDown: Uint8Array[] = [];
  let start = 0;
  let end = newSize;
  let old = oldSize; // the old tree's width within [start, end)
  let oldTreeIsWholeSubtree = true; // SUBPROOF's b
  while (old < end - start) {
    const width = splitPoint(end - start);
    if (old <= width) {
      topDown.push(subtreeHash(start + width, end, source));
      end = start + width;
    } else {
      topDown.push(subtreeHash(start, start + width, source));
      start += width;
      old -= width;
      oldTreeIsWholeSubtree = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot know this subtree's hash.
  if (!oldTreeIsWholeSubtree) topDown.push(subtreeHash(start, end, source));
  return topDown.reverse();
}

// ---------------------------------------------------------------------------------------------
// In memory

/** Every perfect-subtree hash in memory: for tests and for verifying an export offline. */
export class MemoryNodes implements NodeSource {
  readonly #levels: Uint8Array[][] = [];

  get size(): number {
    return this.#levels[0]?.length ?? 0;
  }

  node(level: number, index: number): Uint8Array {
    const hash = this.#levels[level]?.[index];
    if (hash === undefined)
      throw new RangeError(`no node (${level}, ${index}) in a tree of ${this.size}`);
    return hash;
  }

  /** Appends a leaf hash and returns its index. */
  append(leafHash: Uint8Array): number {
    const index = this.size;
    for (const { level, index: position, hash } of nodesToStoreOnAppend(index, leafHash, this)) {
      (this.#levels[level] ??= [])[position] = hash;
    }
    return index;
  }
}
