/**
 * RFC 9162 §2.1.3.2 and §2.1.4.2: the check of inclusion and consistency proofs, and the
 * arithmetic on tree sizes the tree's own proofs share with it. Pure, with no Node modules: the
 * record (a witness deciding on a checkpoint), the CLI and the browser's verifier all run this one
 * check. Its SHA-256 is @noble/hashes': a proof hashes a few dozen small inputs, where the
 * record's bulk hashing (record/merkle.ts) takes node:crypto's.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '../core/bytes.js';
import { CodedError } from '../core/coded-error.js';

export const HASH_SIZE = 32;
const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** The leaf hash of an entry's bytes: SHA-256(0x00 || bytes). */
export function leafHash(bytes: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF).update(bytes).digest();
}

/** The hash of an inner node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE).update(left).update(right).digest();
}

export type ProofErrorCode =
  | 'invalid-size' // a size or index that is not a non-negative safe integer
  | 'index-out-of-range' // leaf index >= tree size
  | 'sizes-out-of-order' // consistency: size1 > size2
  | 'empty-tree' // consistency from size 0, which proves nothing
  | 'wrong-proof-size' // not the number of hashes the sizes call for
  | 'bad-hash-length' // a leaf hash or proof hash that is not 32 bytes
  | 'root-mismatch'; // the proof leads to another root

export class ProofError extends CodedError<ProofErrorCode> {
  override readonly name = 'ProofError';
}

/** RFC 9162 §2.1.3.2. Throws a ProofError unless `proof` proves leaf `index` in the tree. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  requireCount('leaf index', index);
  requireCount('tree size', size);
  if (index >= size)
    throw new ProofError('index-out-of-range', `leaf ${index} is not in a tree of ${size}`);
  const leftSibling = siblingSides(index, size - 1);
  requireProofSize(proof, leftSibling.length);
  requireHashLength('leaf hash', leafHash);
  proof.forEach((hash) => requireHashLength('proof hash', hash));
  let r = leafHash;
  proof.forEach((p, i) => {
    r = at(leftSibling, i) ? nodeHash(p, r) : nodeHash(r, p);
  });
  if (!equalBytes(r, root))
    throw new ProofError('root-mismatch', 'the proof does not lead to the root');
}

/**
 * RFC 9162 §2.1.4.2. Throws a ProofError unless `proof` shows that the tree of `size1` with root
 * `root1` is a prefix of the tree of `size2` with root `root2`. It rejects size1 = 0 (the empty
 * tree is a prefix of every tree: there is nothing to prove) and takes equal sizes to need an
 * empty proof and equal roots.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  requireCount('size1', size1);
  requireCount('size2', size2);
  if (size1 > size2)
    throw new ProofError(
      'sizes-out-of-order',
      `no consistency proof goes from size ${size1} to the smaller size ${size2}`,
    );
  if (size1 === 0)
    throw new ProofError('empty-tree', 'a consistency proof from the empty tree proves nothing');
  if (size1 === size2) {
    requireProofSize(proof, 0);
    if (!equalBytes(root1, root2))
      throw new ProofError('root-mismatch', 'equal sizes, different roots');
    return;
  }
  // Step 4: skip the levels where the old tree's last node is a right child.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const leftSibling = siblingSides(fn, sn);
  // Step 2: when size1 is a power of two the old root is itself the first node of the path,
  // so the proof leaves it out.
  const oldRootIsSeed = perfectLevel(size1) !== undefined;
  requireProofSize(proof, leftSibling.length + (oldRootIsSeed ? 0 : 1));
  proof.forEach((hash) => requireHashLength('proof hash', hash));
  const path = oldRootIsSeed ? [root1, ...proof] : proof;
  let fr = at(path, 0);
  let sr = fr;
  leftSibling.forEach((left, i) => {
    const c = at(path, i + 1);
    if (left) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  if (!equalBytes(fr, root1))
    throw new ProofError('root-mismatch', 'the proof does not lead to the old root');
  if (!equalBytes(sr, root2))
    throw new ProofError('root-mismatch', 'the proof does not lead to the new root');
}

/**
 * Walking up from node fn of a level whose last node is sn, whether each proof hash is a left
 * sibling (RFC 9162 §2.1.3.2 step 4 and §2.1.4.2 step 6, without the hashing). The walk ends at
 * the root (sn = 0), so the length is the number of hashes the proof must have.
 */
function siblingSides(fn: number, sn: number): boolean[] {
  const leftSibling: boolean[] = [];
  while (sn > 0) {
    if (isOdd(fn) || fn === sn) {
      leftSibling.push(true);
      // A last node without a right sibling moves up unchanged until it is a right child.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      leftSibling.push(false);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return leftSibling;
}

function requireProofSize(proof: readonly Uint8Array[], expected: number): void {
  if (proof.length !== expected) {
    throw new ProofError(
      'wrong-proof-size',
      `the proof has ${proof.length} hashes where the sizes call for ${expected}`,
    );
  }
}

export function requireHashLength(what: string, hash: Uint8Array): void {
  if (hash.length !== HASH_SIZE) {
    throw new ProofError('bad-hash-length', `${what} is ${hash.length} bytes, not ${HASH_SIZE}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic on sizes, shared with the tree (record/merkle.ts)

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

export function half(n: number): number {
  return Math.floor(n / 2);
}

/** The largest power of two below n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** L if n = 2^L, else undefined. */
export function perfectLevel(n: number): number | undefined {
  let level = 0;
  while (n > 1 && !isOdd(n)) {
    n /= 2;
    level += 1;
  }
  return n === 1 ? level : undefined;
}

export function requireCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ProofError('invalid-size', `${what} ${n} is not a count`);
}

export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`no item ${i}`);
  return item;
}
