/**
 * Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519, type 0x04) checked with WebCrypto, in
 * the browser and in Node alike: which of a set of witnesses cosigned a checkpoint note, and when.
 */
import { utf8, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';
import { parseTypedVerifierKey, signatureBy, splitNote } from './note.js';

const COSIGNATURE = 0x04;

export interface Cosigned {
  /** The witness's key name. */
  readonly name: string;
  /** Its verifier key, as given. */
  readonly verifierKey: string;
  /** When it cosigned, in seconds since the epoch. */
  readonly timestamp: number;
}

export interface CosignatureCheck {
  /** The witnesses among those given whose cosignature on the note verifies, in their order. */
  readonly valid: Cosigned[];
  /** The names of those given that signed the note with a cosignature that fails. */
  readonly invalid: string[];
}

/**
 * Which of the witnesses, given by their type 0x04 verifier keys, cosigned the checkpoint `note`.
 * Signature lines by other keys (the log's own) are ignored; the first line of a key counts.
 * Throws for a note that is not a signed note or a key that is not a cosigner's verifier key.
 */
export async function verifyCosignatures(
  note: string,
  witnessKeys: readonly string[],
  verify: Ed25519Verify = verifyEd25519,
): Promise<CosignatureCheck> {
  const { text, lines } = splitNote(note);
  const valid: Cosigned[] = [];
  const invalid: string[] = [];
  for (const verifierKey of witnessKeys) {
    const key = await parseTypedVerifierKey(verifierKey, COSIGNATURE);
    const signature = signatureBy(lines, key);
    if (signature === undefined) continue;
    const timestamp = await cosignatureTime(key.publicKey, text, signature, verify);
    if (timestamp === undefined) invalid.push(key.name);
    else valid.push({ name: key.name, verifierKey, timestamp });
  }
  return { valid, invalid };
}

/** The timestamp of a valid cosignature (u64 timestamp || Ed25519 signature) on `body`. */
async function cosignatureTime(
  publicKey: Uint8Array,
  body: string,
  signature: Uint8Array,
  verify: Ed25519Verify,
): Promise<number | undefined> {
  if (signature.length !== 8 + 64) return undefined;
  const time = new DataView(signature.buffer, signature.byteOffset).getBigUint64(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const message = utf8(`cosignature/v1\ntime ${time}\n${body}`);
  return (await verify(publicKey, message, signature.subarray(8))) ? Number(time) : undefined;
}
