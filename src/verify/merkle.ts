/**
 * RFC 9162 §2.1 for the verifiers of the browser and of Node alike: leaf and node hashes, and
 * the inclusion proof check of §2.1.3.2.
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
