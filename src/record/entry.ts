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
import type { RecordedAct } from '../core/acts.js';
import { ACT_TYPES } from '../core/acts.js';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { canonicalBytes, canonicalJson } from '../core/canonical.js';
import { ENTRY_SIGNATURE_CONTEXT, signingMessage } from './signing.js';
import type { Envelope } from './signing.js';

import { publicKeyObject, signBytes, verifyBytes } from './ed25519.js';

export { ENTRY_SIGNATURE_CONTEXT, signingMessage } from './signing.js';
export type { Envelope, SignedAct } from './signing.js';

export const ENTRY_VERSION = 1;

export interface SignedEntry extends Envelope {
  /** Ed25519 signature, base64, over ENTRY_SIGNATURE_CONTEXT + the canonical signed act. */
  readonly sig: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The entry's stored bytes, for an act signed elsewhere (a member's device). */
export function entryBytes(envelope: Envelope, sig: string): Uint8Array {
  return canonicalBytes({ ...envelope, sig });
}

/** The entry's stored bytes. */
export function signEntry(envelope: Envelope, privateKey: Uint8Array | KeyObject): Uint8Array {
  return entryBytes(envelope, toBase64(signBytes(privateKey, signingMessage(envelope))));
}

export class EntryFormatError extends Error {
  override name = 'EntryFormatError';
}

/**
 * Reads stored bytes back into an entry, refusing anything that is not exactly the canonical
 * form of a well-shaped entry (so no two byte strings can carry the same entry).
 */
export function decodeEntry(bytes: Uint8Array): SignedEntry {
  let text: string;
  let value: unknown;
  try {
    text = decoder.decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw new EntryFormatError('not UTF-8 JSON');
  }
  if (!isEntryShape(value))
    throw new EntryFormatError('not an entry: a field is missing or of the wrong type');
  if (canonicalJson(value) !== text) throw new EntryFormatError('not in canonical form (RFC 8785)');
  return value;
}

/**
 * Whether the entry's signature verifies with the key it names. `stored`, when given, must be
 * the bytes decodeEntry read the entry from: the signed message is then cut from them (they are
 * the canonical entry, and the signed act is the canonical entry without its index, prev and sig
 * members) rather than serialized again.
 */
export function verifyEntrySignature(entry: SignedEntry, stored?: Uint8Array): boolean {
  const key = verifyingKey(entry.key);
  const signature = canonicalBase64(entry.sig);
  if (key === null || signature === undefined) return false;
  const message = (stored && messageFromStored(entry, stored)) ?? signedMessage(entry);
  return verifyBytes(key, message, signature);
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

function signedMessage(entry: SignedEntry): Uint8Array {
  return signingMessage(entry);
}

const CONTEXT = encoder.encode(ENTRY_SIGNATURE_CONTEXT);

/**
 * The canonical entry is `{"actor":…,` `"index":…,` `"key":…,"org":…,"payload":` + payload +
 * `,"prev":…,"sig":…` `,"signer":…,"time":…,"type":…,"v":1}` (members in sorted order); the
 * signed act is the same without the index, prev and sig members. So the message is cut from the
 * stored bytes around those two parts, after checking that the bytes around the payload are what
 * the entry's fields make. Undefined unless the bytes have exactly that shape.
 */
function messageFromStored(entry: SignedEntry, stored: Uint8Array): Uint8Array | undefined {
  const { actor, index, key, org, prev, sig, signer, time, type, v } = entry;
  // Every field but the payload is a string, a safe integer or null (isEntryShape): their
  // canonical form is JSON.stringify's.
  const json = JSON.stringify;
  const actorPart = `{"actor":${json(actor)},`;
  const headText = `${actorPart}"index":${json(index)},"key":${json(key)},"org":${json(org)},"payload":`;
  const placeText = `,"prev":${json(prev)},"sig":${json(sig)}`;
  const tailText = `,"signer":${json(signer)},"time":${json(time)},"type":${json(type)},"v":${json(v)}}`;
  const head = encoder.encode(headText);
  const tail = encoder.encode(placeText + tailText);
  const payloadEnd = stored.length - tail.length;
  if (payloadEnd <= head.length || !bytesAt(stored, 0, head) || !bytesAt(stored, payloadEnd, tail))
    return undefined;
  const actorEnd = Buffer.byteLength(actorPart);
  const indexEnd = actorEnd + Buffer.byteLength(`"index":${json(index)},`);
  const signerStart = payloadEnd + Buffer.byteLength(placeText);
  const message = new Uint8Array(
    CONTEXT.length + actorEnd + (payloadEnd - indexEnd) + (stored.length - signerStart),
  );
  let at = CONTEXT.length;
  message.set(CONTEXT);
  message.set(stored.subarray(0, actorEnd), at);
  at += actorEnd;
  message.set(stored.subarray(indexEnd, payloadEnd), at);
  at += payloadEnd - indexEnd;
  message.set(stored.subarray(signerStart), at);
  return message;
}

function bytesAt(bytes: Uint8Array, at: number, part: Uint8Array): boolean {
  return (
    at + part.length <= bytes.length &&
    Buffer.from(bytes.buffer, bytes.byteOffset + at, part.length).equals(part)
  );
}

/** fromBase64 through Buffer: the same bytes for the same (canonical only) spellings, faster. */
function canonicalBase64(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : undefined;
}

/**
 * Public keys made ready for verification, by their base64: making one costs about as much as
 * the verification itself, and a record has few signers and many entries. Null for a key that
 * is not canonical base64 of a usable Ed25519 key.
 */
const verifyingKeys = new Map<string, KeyObject | null>();
const VERIFYING_KEYS_HELD = 10_000;

function verifyingKey(base64: string): KeyObject | null {
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

const FIELDS = [
  'v',
  'org',
  'index',
  'prev',
  'time',
  'type',
  'actor',
  'signer',
  'key',
  'payload',
  'sig',
];

function isEntryShape(v: unknown): v is SignedEntry {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  const nullableString = (x: unknown): boolean => x === null || typeof x === 'string';
  return (
    Object.keys(e).length === FIELDS.length &&
    FIELDS.every((f) => f in e) &&
    e['v'] === ENTRY_VERSION &&
    typeof e['org'] === 'string' &&
    Number.isSafeInteger(e['index']) &&
    (e['index'] as number) >= 0 &&
    nullableString(e['prev']) &&
    typeof e['time'] === 'string' &&
    typeof e['type'] === 'string' &&
    (ACT_TYPES as readonly string[]).includes(e['type']) &&
    nullableString(e['actor']) &&
    nullableString(e['signer']) &&
    typeof e['key'] === 'string' &&
    typeof e['payload'] === 'object' &&
    e['payload'] !== null &&
    typeof e['sig'] === 'string'
  );
}
