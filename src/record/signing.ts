/**
 * What a signer signs for an act, shared by the server and the browser (no Node modules here):
 * the context, then the canonical JSON of the act without its place in the log.
 */
import type { Act } from '../core/acts.js';
import { canonicalJson } from '../core/canonical.js';

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

/** What the signer signs: the envelope without its place in the log. */
export type SignedAct = Omit<Envelope, 'index' | 'prev'>;

const encoder = new TextEncoder();

/** The bytes a signer signs for an act: the context, then the canonical signed act. */
export function signingMessage(act: SignedAct | Envelope): Uint8Array {
  const { v, org, time, type, actor, signer, key, payload } = act;
  // Members in canonical order: JSON.stringify writes it when the payload's are too (canonical.ts).
  return encoder.encode(
    ENTRY_SIGNATURE_CONTEXT + canonicalJson({ actor, key, org, payload, signer, time, type, v }),
  );
}
