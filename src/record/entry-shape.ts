/**
 * An entry's exact shape: its fields, each of its type, and no other. Pure, so that the ledger,
 * the audit and the verifiers of Node and the browser read entries alike.
 */
import { ACT_TYPES } from '../core/acts.js';
import type { Envelope } from './signing.js';

export const ENTRY_VERSION = 1;

export interface SignedEntry extends Envelope {
  /** Ed25519 signature, base64, over ENTRY_SIGNATURE_CONTEXT + the canonical signed act. */
  readonly sig: string;
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

/** Whether `v` has exactly the fields of an entry, each of its type, of a known act type. */
export function isEntryShape(v: unknown): v is SignedEntry {
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
