/**
 * An entry of the record: one act, as canonical JSON (RFC 8785), signed by its signer's Ed25519
 * key over a domain-separated message, and linked to the entry before it by that entry's leaf hash.
 * The entry's stored bytes are the Merkle leaf: what is linked and proven is one thing.
 *
 * The signature covers the act (who, what, when, with which key), not its place in the log: a
 * member signs a ballot on their own device before anyone knows where the log will put it, among
 * thousands of others. The place (index, prev) is committed by the log's signed checkpoints.
 */
import type { KeyObject } from 'node:crypto';
import type { Act, RecordedAct } from '../core/acts.js';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { canonicalBytes } from '../core/canonical.js';
import { isCanonicalText, jsonOfBytes } from '../core/canonical-text.js';
import { ENTRY_SIGNATURE_CONTEXT, signingMessage } from './signing.js';
import type { Envelope } from './signing.js';

import { isEntryShape } from './entry-shape.js';
import type { SignedEntry } from './entry-shape.js';
import { publicKeyObject, signBytes, verifyBytes } from './ed25519.js';

export { ENTRY_SIGNATURE_CONTEXT, signingMessage } from './signing.js';
export type { Envelope, SignedAct } from './signing.js';

export { ENTRY_VERSION, isEntryShape } from './entry-shape.js';
export type { SignedEntry } from './entry-shape.js';

const encoder = new TextEncoder();

/** The entry's stored bytes, for an act signed elsewhere (a member's device). */
export function entryBytes(envelope: Envelope, sig: string): Uint8Array {
  const { actor, index, key, org, payload, prev, signer, time, type, v } = envelope;
  // Members in canonical order: JSON.stringify writes it when the payload's are too (canonical.ts).
  return canonicalBytes({ actor, index, key, org, payload, prev, sig, signer, time, type, v });
}

/** The entry's stored bytes. */
export function signEntry(envelope: Envelope, privateKey: Uint8Array | KeyObject): Uint8Array {
  return entryBytes(envelope, toBase64(signBytes(privateKey, signingMessage(envelope))));
}

/**
 * A member's own act as their device signs it (actor and signer both the member, with the key of
 * base64 `key`): the time it is signed, and the signature, base64.
 */
export function signOwnAct(
  own: { readonly org: string; readonly member: string; readonly key: string },
  privateKey: Uint8Array | KeyObject,
  act: Act,
  time = new Date().toISOString(),
): { time: string; sig: string } {
  const { org, member, key } = own;
  const message = signingMessage({
    v: 1,
    org,
    time,
    type: act.type,
    actor: member,
    signer: member,
    key,
    payload: act.payload,
  });
  return { time, sig: toBase64(signBytes(privateKey, message)) };
}

export class EntryFormatError extends Error {
  override name = 'EntryFormatError';
}

/** An entry read back from the record, a failure naming its index there. */
export function decodeEntryAt(index: number, bytes: Uint8Array): SignedEntry {
  try {
    return decodeEntry(bytes);
  } catch (error) {
    if (!(error instanceof EntryFormatError)) throw error;
    throw new EntryFormatError(
      `entry ${index} cannot be read: ${error.message} (collegium audit checks the whole record)`,
    );
  }
}

/**
 * Reads stored bytes back into an entry, refusing anything that is not exactly the canonical
 * form of a well-shaped entry (so no two byte strings can carry the same entry).
 */
export function decodeEntry(bytes: Uint8Array): SignedEntry {
  let read: { text: string; value: unknown };
  try {
    read = jsonOfBytes(bytes);
  } catch {
    throw new EntryFormatError('not UTF-8 JSON');
  }
  const { text, value } = read;
  if (!isEntryShape(value))
    throw new EntryFormatError('not an entry: a field is missing or of the wrong type');
  if (!isCanonicalText(text)) throw new EntryFormatError('not in canonical form (RFC 8785)');
  return value;
}

/** An entry read back, with the parts of its stored bytes that make the message its signer signed. */
export interface ReadEntry {
  readonly entry: SignedEntry;
  /** The signed message, in parts: the context, then three slices of the stored bytes. */
  readonly message: readonly Uint8Array[];
  /** The signature's 64 bytes; undefined when it is not the canonical base64 of 64 bytes. */
  readonly signature: Uint8Array | undefined;
}

/**
 * decodeEntry, and what checking its signature elsewhere needs, cut from the stored bytes
 * (signingMessage would serialize the act again): for an audit, which checks signatures on other
 * threads than the one that reads the entries.
 */
export function readEntry(bytes: Uint8Array): ReadEntry {
  const entry = decodeEntry(bytes);
  return { entry, message: signedParts(bytes), signature: signatureBytes(entry.sig) };
}

/** Whether the entry's signature verifies with the key it names. */
export function verifyEntrySignature(entry: SignedEntry): boolean {
  const key = verifyingKey(entry.key);
  const signature = canonicalBase64(entry.sig);
  if (key === null || signature === undefined) return false;
  return verifyBytes(key, signingMessage(entry), signature);
}

/**
 * What decodeEntry and verifyEntrySignature find for the entry that `envelope` and `sig` make
 * (a form error thrown as decodeEntry throws it), without serializing the entry and reading it
 * back: the signed act is canonicalized once, and canonical JSON read back canonicalizes to the
 * same text. For a ledger placing an act signed elsewhere.
 */
export function verifySignedEnvelope(envelope: Envelope, sig: string): boolean {
  const entry = { ...envelope, sig };
  if (!isEntryShape(entry))
    throw new EntryFormatError('not an entry: a field is missing or of the wrong type');
  return verifyEntrySignature(entry);
}

const CONTEXT = encoder.encode(ENTRY_SIGNATURE_CONTEXT);
const INDEX = Buffer.from(',"index":');
const KEY = Buffer.from(',"key":');
const PREV = Buffer.from(',"prev":');
const SIGNER = Buffer.from(',"signer":');

/**
 * The signed message of an entry, cut from its canonical bytes (decodeEntry has checked them):
 * they are `{"actor":…` `,"index":…` `,"key":…,"org":…,"payload":…` `,"prev":…,"sig":…`
 * `,"signer":…,"time":…,"type":…,"v":1}` (members in sorted order), and the signed act is the
 * same without the index, prev and sig members. In canonical JSON a quote within a string is
 * always escaped, so `,"name":` is found only where a member of that name begins: the first
 * index and key are the entry's (only a string or null comes before them), and so are the last
 * prev and signer (the payload before them may have members of those names, but nothing after).
 */
function signedParts(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const actorEnd = text.indexOf(INDEX);
  const keyStart = text.indexOf(KEY, actorEnd);
  const payloadEnd = text.lastIndexOf(PREV);
  const signerStart = text.lastIndexOf(SIGNER);
  if (actorEnd < 0 || keyStart < 0 || payloadEnd < keyStart || signerStart < payloadEnd)
    throw new EntryFormatError('not in canonical form (RFC 8785)'); // decodeEntry has refused it
  return [
    CONTEXT,
    bytes.subarray(0, actorEnd),
    bytes.subarray(keyStart, payloadEnd),
    bytes.subarray(signerStart),
  ];
}

/** fromBase64 through Buffer: the same bytes for the same (canonical only) spellings, faster. */
function canonicalBase64(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : undefined;
}

/** A signature's bytes, if it is the canonical base64 of 64 bytes: anything else never verifies. */
function signatureBytes(text: string): Uint8Array | undefined {
  const bytes = canonicalBase64(text);
  return bytes?.length === 64 ? bytes : undefined;
}

/**
 * Public keys made ready for verification, by their base64: making one costs about a tenth of
 * the verification itself, and a record has few signers and many entries. Null for a key that
 * is not canonical base64 of a usable Ed25519 key.
 */
const verifyingKeys = new Map<string, KeyObject | null>();
const VERIFYING_KEYS_HELD = 10_000;

export function verifyingKey(base64: string): KeyObject | null {
  let key = verifyingKeys.get(base64);
  if (key === undefined) {
    try {
      key = publicKeyObject(fromBase64(base64));
    } catch {
      key = null;
    }
    if (verifyingKeys.size >= VERIFYING_KEYS_HELD) verifyingKeys.clear();
    verifyingKeys.set(base64, key);
  }
  return key;
}

export function toRecordedAct(entry: SignedEntry): RecordedAct {
  return {
    type: entry.type,
    payload: entry.payload,
    index: entry.index,
    time: entry.time,
    actor: entry.actor,
    signer: entry.signer,
    key: entry.key,
  } as RecordedAct;
}
