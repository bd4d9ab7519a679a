/**
 * RFC 9162 §2.1 for the verifiers of the browser and of Node alike: leaf and node hashes, and
 * the inclusion and consistency proof checks of §2.1.3.2 and §2.1.4.2.
 */
import { equalBytes } from '../core/bytes.js';
import { sha256 } from './web-crypto.js';

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export function leafHash(entryBytes: Uint8Array): Uint8Array {
  return sha256(LEAF, entryBytes);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE, left, right);
}

/** Throws, saying why, unless `proof` (leaf upwards) proves leaf `index` of the tree of `size`
 * leaves whose root is `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<void> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new Error(`leaf ${index} is not in a tree of ${size}`);
  if ([leaf, root, ...proof].some((hash) => hash.length !== 32))
    throw new Error('a hash that is not 32 bytes');
  // Division instead of shifts: sizes may pass 2^31.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('the proof is longer than the path to the root');
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('the proof is shorter than the path to the root');
  if (!equalBytes(r, root)) throw new Error('the proof does not lead to the root');
}

/**
 * Throws, saying why, unless `proof` shows that the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` with root `root2` (RFC 9162 §2.1.4.2). As the Node verifier does,
 * it refuses size1 = 0 (the empty tree is a prefix of every tree: there is nothing to prove) and
 * takes equal sizes to need an empty proof and equal roots.
 */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<void> {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 > size2)
    throw new Error(`no consistency proof goes from size ${size1} to size ${size2}`);
  if (proof.some((hash) => hash.length !== 32))
    throw new Error('a proof hash that is not 32 bytes');
  if (size1 === size2) {
    if (proof.length > 0) throw new Error('a proof between equal sizes is empty');
    if (!equalBytes(root1, root2)) throw new Error('equal sizes, different roots');
    return;
  }
  // When size1 is a power of two, the old root is the first node of the path: the proof omits it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [first, ...rest] = path;
  if (first === undefined) throw new Error('the proof is empty');
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) throw new Error('the proof is longer than the path to the root');
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('the proof is shorter than the path to the root');
  if (!equalBytes(fr, root1)) throw new Error('the proof does not lead to the old root');
  if (!equalBytes(sr, root2)) throw new Error('the proof does not lead to the new root');
}

function isPowerOfTwo(n: number): boolean {
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
