/**
 * Which Ed25519 public keys a member may hold. A key of small order (the identity point, the
 * all-zero bytes and the six other points of order 2, 4 or 8) verifies signatures that anyone
 * can make without a private key, and a key that is not a canonical encoding of a point on the
 * curve verifies nothing or means two things: neither may enter the record.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64, isCanonicalBase64 } from './bytes.js';

export const WEAK_PUBLIC_KEY =
  'not a usable Ed25519 public key (not a point of the curve, not canonically encoded, or of small order: a key anyone could sign for)';

/** Whether 32 raw bytes are a canonical Ed25519 point outside the small-order subgroup. */
export function isUsableEd25519Key(raw: Uint8Array): boolean {
  if (raw.length !== 32) return false;
  try {
    // Strict decoding (not ZIP 215) refuses y >= p and a negative zero x.
    return !ed25519.Point.fromBytes(raw, false).isSmallOrder();
  } catch {
    return false;
  }
}

/** isUsableEd25519Key of a key in canonical base64; false for any other text. */
export function isUsableBase64Key(text: string): boolean {
  return isCanonicalBase64(text) && isUsableEd25519Key(fromBase64(text));
}
