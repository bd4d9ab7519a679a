/** Real Ed25519 public keys for tests that need a key but no signature: the record refuses
 * bytes that are not a usable point (see src/core/public-keys.ts). */
import { keyPairFromSeed } from '../../src/record/ed25519.js';

/** The base64 public key of the seed filled with `n`: the same key for the same `n`. */
export function testPublicKey(n: number): string {
  return Buffer.from(keyPairFromSeed(new Uint8Array(32).fill(n)).publicKey).toString('base64');
}
