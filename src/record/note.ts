/**
 * C2SP signed notes (c2sp.org/signed-note): text signed by one or more named keys, with verifier
 * keys `name+keyid+base64(type || public key)` and, as Go's golang.org/x/mod/sumdb/note writes
 * them, signer keys `PRIVATE+KEY+name+keyid+base64(type || seed)`.
 */
import { createHash } from 'node:crypto';
import {
  keyPairFromSeed,
  privateKeyObject,
  publicKeyObject,
  signBytes,
  verifyBytes,
} from './ed25519.js';
import { CodedError } from '../core/coded-error.js';
import {
  decodeBase64,
  hasControlCharacter,
  hex32,
  isValidKeyName,
  isWellFormed,
  keyFields,
  noteParts,
  readSignatureLine,
  SIGNATURE_PREFIX,
} from './note-text.js';
import type { NoteSignature } from './note-text.js';

export { decodeBase64, isValidKeyName };
export type { NoteSignature };

/** Signature type bytes assigned by the signed-note spec that this module knows. */
export const SIGNATURE_TYPE = {
  ed25519: 0x01,
  /** Timestamped Ed25519 witness cosignature, c2sp.org/tlog-cosignature. */
  cosignatureEd25519: 0x04,
} as const;

const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
/** Go's limit; the spec asks verifiers for a limit of at least 16. */
const MAX_SIGNATURES = 100;

export type NoteErrorCode =
  | 'malformed-note' // not a signed note as the spec defines it
  | 'malformed-key' // a verifier or signer key that does not parse or whose key ID is wrong
  | 'unsupported-key-type' // a signature type this code does not handle here
  | 'ambiguous-key' // two verifiers with the same name and key ID
  | 'invalid-signature' // a known key's signature does not verify
  | 'no-verified-signature'; // no known key signed the note

export class NoteError extends CodedError<NoteErrorCode> {
  override readonly name = 'NoteError';
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

/** Checks signatures by one key: `message` is the signed bytes, `signature` what follows the
 * key ID in the signature line. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures by the given verifiers, all checked. */
  readonly verified: NoteSignature[];
  /** Signatures by keys not among the verifiers, ignored as the spec requires. */
  readonly unverified: NoteSignature[];
}

// ---------------------------------------------------------------------------------------------
// Keys

/** SHA-256(name || "\n" || type || public key)[:4], big-endian. */
export function keyIdOf(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(`${name}\n`, 'utf8')
    .update(Uint8Array.of(type))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function formatVerifierKey(
  name: string,
  publicKey: Uint8Array,
  type: number = SIGNATURE_TYPE.ed25519,
): string {
  requireEd25519KeyType(type);
  requireKeyName(name);
  if (publicKey.length !== 32)
    throw new NoteError('malformed-key', 'an Ed25519 public key is 32 bytes');
  return `${name}+${hex32(keyIdOf(name, type, publicKey))}+${encodeBase64(Uint8Array.of(type, ...publicKey))}`;
}

export function parseVerifierKey(vkey: string): VerifierKey {
  const { name, keyId, type, key } = parseKeyFields(vkey, 'verifier key');
  requireEd25519KeyType(type);
  if (key.length !== 32) throw new NoteError('malformed-key', 'an Ed25519 public key is 32 bytes');
  if (keyIdOf(name, type, key) !== keyId)
    throw new NoteError('malformed-key', `wrong key ID in ${vkey}`);
  return { name, keyId, type, publicKey: key };
}

/** A verifier for Ed25519 note signatures (type 0x01) from its verifier key. */
export function noteVerifier(vkey: string): NoteVerifier {
  const { name, keyId, type, publicKey } = parseVerifierKey(vkey);
  if (type !== SIGNATURE_TYPE.ed25519) {
    throw new NoteError('unsupported-key-type', `${name} is not an Ed25519 note signing key`);
  }
  const key = publicKeyObject(publicKey);
  return { name, keyId, verify: (message, signature) => verifyBytes(key, message, signature) };
}

/** An Ed25519 note signer from a name and a 32-byte seed. */
export function noteSigner(name: string, seed: Uint8Array): NoteSigner {
  requireKeyName(name);
  if (seed.length !== 32)
    throw new NoteError('malformed-key', 'an Ed25519 private key is 32 bytes');
  const { publicKey } = keyPairFromSeed(seed);
  const key = privateKeyObject(seed);
  return {
    name,
    keyId: keyIdOf(name, SIGNATURE_TYPE.ed25519, publicKey),
    publicKey,
    sign: (message) => signBytes(key, message),
  };
}

/**
 * Go's private key form: PRIVATE+KEY+name+keyid+base64(type || seed), the key ID that of the
 * public key with that type (0x01 for a note signer, 0x04 for a witness's cosigner). Keep it secret.
 */
export function formatSignerKey(
  name: string,
  seed: Uint8Array,
  type: number = SIGNATURE_TYPE.ed25519,
): string {
  requireEd25519KeyType(type);
  const { publicKey } = noteSigner(name, seed);
  const key = encodeBase64(Uint8Array.of(type, ...seed));
  return `${SIGNER_KEY_PREFIX}${name}+${hex32(keyIdOf(name, type, publicKey))}+${key}`;
}

export function parseSignerKey(skey: string): NoteSigner {
  const { name, seed } = parseSignerSeed(skey, SIGNATURE_TYPE.ed25519);
  return noteSigner(name, seed);
}

/** The name and seed of a signer key of that type, its key ID checked. */
export function parseSignerSeed(skey: string, type: number): { name: string; seed: Uint8Array } {
  if (!skey.startsWith(SIGNER_KEY_PREFIX)) {
    throw new NoteError('malformed-key', `a signer key starts with ${SIGNER_KEY_PREFIX}`);
  }
  const fields = parseKeyFields(skey.slice(SIGNER_KEY_PREFIX.length), 'signer key');
  const { name, keyId, key } = fields;
  if (fields.type !== type) {
    const what = type === SIGNATURE_TYPE.ed25519 ? 'note signing' : 'cosigner';
    throw new NoteError('unsupported-key-type', `${name} is not an Ed25519 ${what} key`);
  }
  // The key ID is that of the public key, which only the seed gives.
  const { publicKey } = noteSigner(name, key);
  if (keyIdOf(name, type, publicKey) !== keyId)
    throw new NoteError('malformed-key', `wrong key ID in signer key ${name}`);
  return { name, seed: key };
}

/** name+keyid+base64(type || key), with the checks common to verifier and signer keys. */
function parseKeyFields(text: string, what: string) {
  const fields = keyFields(text);
  if (!fields) throw new NoteError('malformed-key', `malformed ${what}`);
  return fields;
}

function requireEd25519KeyType(type: number): void {
  if (type !== SIGNATURE_TYPE.ed25519 && type !== SIGNATURE_TYPE.cosignatureEd25519) {
    throw new NoteError('unsupported-key-type', `unknown signature type 0x${type.toString(16)}`);
  }
}

function requireKeyName(name: string): void {
  if (!isValidKeyName(name))
    throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
}

// ---------------------------------------------------------------------------------------------
// Notes

export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text);
  if (signers.length === 0) throw malformed('a signed note has at least one signature');
  const message = utf8(text);
  const lines = signers.map(({ name, keyId, sign }) => {
    requireKeyName(name);
    return signatureLine(name, keyId, sign(message));
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into its text and signatures, checking only its form. */
export function parseNote(note: string | Uint8Array): {
  text: string;
  signatures: NoteSignature[];
} {
  const decoded = typeof note === 'string' ? note : decodeUtf8(note);
  if (decoded === undefined || !isWellFormed(decoded) || hasControlCharacter(decoded)) {
    throw malformed('a note is UTF-8 text without control characters other than newline');
  }
  // The text ends at the last blank line; it keeps its final newline.
  const parts = noteParts(decoded);
  if (!parts)
    throw malformed(
      decoded.includes('\n\n')
        ? 'signature lines end with a newline'
        : 'a note has a blank line before its signatures',
    );
  const { text, lines } = parts;
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Parses a signed note and checks its signatures by the known verifiers. Signatures by other keys
 * are ignored; a known key's bad signature rejects the note, and so does the absence of any
 * verified signature.
 */
export function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const id = keyLabel(verifier.name, verifier.keyId);
    if (known.has(id)) throw new NoteError('ambiguous-key', `two verifiers for ${id}`);
    known.set(id, verifier);
  }
  const { text, signatures } = parseNote(note);
  const message = utf8(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const id = keyLabel(signature.name, signature.keyId);
    const verifier = known.get(id);
    if (verifier === undefined) {
      if (!unverified.some((other) => sameSignature(other, signature))) unverified.push(signature);
      continue;
    }
    // As Go's sumdb/note does, the first signature by a key counts and repeats are dropped.
    if (seen.has(id)) continue;
    seen.add(id);
    if (!verifier.verify(message, signature.signature)) {
      throw new NoteError('invalid-signature', `invalid signature for key ${id}`);
    }
    verified.push(signature);
  }
  if (verified.length === 0)
    throw new NoteError('no-verified-signature', 'note has no verifiable signatures');
  return { text, verified, unverified };
}

function parseSignatureLine(line: string): NoteSignature {
  const signature = readSignatureLine(line);
  if (signature) return signature;
  throw malformed(
    'a signature line is: em dash, space, key name, space, base64(key ID || signature)',
  );
}

/** `— name base64(key ID || signature)` and its newline. */
export function signatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const bytes = new Uint8Array(4 + signature.length);
  new DataView(bytes.buffer).setUint32(0, keyId);
  bytes.set(signature, 4);
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(bytes)}\n`;
}

function requireNoteText(text: string): void {
  if (!text.endsWith('\n') || !isWellFormed(text) || hasControlCharacter(text)) {
    throw malformed('note text is UTF-8 ending in a newline, without other control characters');
  }
}

function sameSignature(a: NoteSignature, b: NoteSignature): boolean {
  return a.name === b.name && a.keyId === b.keyId && Buffer.compare(a.signature, b.signature) === 0;
}

function malformed(message: string): NoteError {
  return new NoteError('malformed-note', message);
}

function keyLabel(name: string, keyId: number): string {
  return `${name}+${hex32(keyId)}`;
}

// ---------------------------------------------------------------------------------------------
// Encodings shared by notes and checkpoints

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM keeps a leading U+FEFF in the text, as the signer saw it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
