/**
 * Crypto for the verifiers that run in the browser and in Node alike: SHA-256 in JavaScript
 * (@noble/hashes: a proof hashes hundreds of small inputs, and WebCrypto's asynchronous digest
 * costs far more per call than the hashing itself), Ed25519 with WebCrypto (Chromium 137 and
 * later, Firefox, Safari 17, Node 20).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** A copy backed by a plain ArrayBuffer, which WebCrypto takes. */
export function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function fromHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new Error(`'${text}' is not lowercase hex`);
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A check of Ed25519 signatures. The verifiers take one: WebCrypto's by default (the browser's),
 * node:crypto's where they run in Node, whose WebCrypto waits on a thread for every signature.
 */
export type Ed25519Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean | Promise<boolean>;

/** Whether `signature` is `publicKey`'s Ed25519 signature of `message`. */
export async function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const key = await crypto.subtle.importKey('raw', buffer(publicKey), 'Ed25519', false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, buffer(signature), buffer(message));
}
