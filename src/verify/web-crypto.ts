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

/** The value of each lowercase hex digit by its character code; -1 for any other character. */
const HEX_DIGITS = Int8Array.from({ length: 128 }, (_, code) =>
  code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1,
);

/** Lowercase hex as bytes (a proof holds hundreds of hashes: decoded without a regex). */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0) throw new Error(`'${text}' is not lowercase hex`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_DIGITS[text.charCodeAt(2 * i)] ?? -1;
    const low = HEX_DIGITS[text.charCodeAt(2 * i + 1)] ?? -1;
    if (high < 0 || low < 0) throw new Error(`'${text}' is not lowercase hex`);
    out[i] = high * 16 + low;
  }
  return out;
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
  return crypto.subtle.verify(
    'Ed25519',
    await importedKey(publicKey),
    buffer(signature),
    buffer(message),
  );
}

/** Imported keys by their bytes: a bundle holds many signatures by few keys. */
type ImportedKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const importedKeys = new Map<string, Promise<ImportedKey>>();
const IMPORTED_KEYS_KEPT = 1024;

function importedKey(publicKey: Uint8Array): Promise<ImportedKey> {
  const id = String.fromCharCode(...publicKey);
  let key = importedKeys.get(id);
  if (key === undefined) {
    if (importedKeys.size >= IMPORTED_KEYS_KEPT) importedKeys.clear();
    key = crypto.subtle.importKey('raw', buffer(publicKey), 'Ed25519', false, ['verify']);
    importedKeys.set(id, key);
  }
  return key;
}
