/**
 * An entry of the record: one act, as canonical JSON (RFC 8785), signed by its signer's Ed25519
 * key over a domain-separated message, and linked to the entry before it by that entry's leaf hash.
 * The entry's stored bytes are the Merkle leaf: what is signed, linked and proven is one thing.
 */
import type { KeyObject } from 'node:crypto';
import type { Act, RecordedAct } from '../core/acts.js';
import { ACT_TYPES } from '../core/acts.js';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { canonicalBytes, canonicalJson } from './canonical.js';
import { signBytes, verifyBytes } from './ed25519.js';

export const ENTRY_VERSION = 1;
/** Signatures over entries can never be mistaken for signatures over anything else. */
export const ENTRY_SIGNATURE_CONTEXT = 'collegium/entry/v1\n';

export interface Envelope {
  readonly v: 1;
  readonly org: string;
  readonly index: number;
  /** Hex leaf hash of the entry before, null for the first. */
  readonly prev: string | null;
  readonly time: string;
  readonly type: Act['type'];
  readonly actor: string | null;
  readonly signer: string | null;
  /** The signer's Ed25519 public key, base64. */
  readonly key: string;
  readonly payload: Act['payload'];
}

export interface SignedEntry extends Envelope {
  /** Ed25519 signature, base64, over ENTRY_SIGNATURE_CONTEXT + canonical envelope. */
  readonly sig: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function signingMessage(envelope: Envelope): Uint8Array {
  return encoder.encode(ENTRY_SIGNATURE_CONTEXT + canonicalJson(envelope));
}

/** The entry's stored bytes. */
export function signEntry(envelope: Envelope, privateKey: Uint8Array | KeyObject): Uint8Array {
  const sig = toBase64(signBytes(privateKey, signingMessage(envelope)));
  return canonicalBytes({ ...envelope, sig });
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

export function verifyEntrySignature(entry: SignedEntry): boolean {
  const { sig, ...envelope } = entry;
  let key: Uint8Array;
  let signature: Uint8Array;
  try {
    key = fromBase64(entry.key);
    signature = fromBase64(sig);
  } catch {
    return false;
  }
  return verifyBytes(key, signingMessage(envelope), signature);
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
