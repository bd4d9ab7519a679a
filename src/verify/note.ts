/**
 * C2SP signed notes and tlog checkpoints in the browser: the log's verifier key, the note's
 * Ed25519 signature by it, and the checkpoint body (origin, size, root hash).
 */
import { equalBytes, fromBase64, toHex } from '../core/bytes.js';
import { sha256, utf8, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

const ED25519 = 0x01;

export interface VerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** `name+keyid+base64(0x01 || key)`, its key ID checked: SHA-256(name || "\n" || 0x01 || key)[:4]. */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!match) throw new Error('not a signed-note verifier key (name+keyid+key)');
  const [, name = '', id = '', key = ''] = match;
  const typed = fromBase64(key);
  if (typed.length !== 33 || typed[0] !== ED25519) throw new Error('not an Ed25519 verifier key');
  const publicKey = typed.subarray(1);
  const keyId = (await sha256(utf8(`${name}\n`), typed)).subarray(0, 4);
  if (toHex(keyId) !== id) throw new Error('the verifier key has the wrong key ID');
  return { name, keyId, publicKey };
}

/** The text of `note` if `key` signed it; throws otherwise. */
export async function verifyNote(
  note: string,
  key: VerifierKey,
  verify: Ed25519Verify = verifyEd25519,
): Promise<string> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match || match[1] !== key.name) continue;
    const signature = fromBase64(match[2] ?? '');
    if (signature.length !== 68 || !equalBytes(signature.subarray(0, 4), key.keyId)) continue;
    if (await verify(key.publicKey, utf8(text), signature.subarray(4))) return text;
    throw new Error(`the signature by ${key.name} does not verify`);
  }
  throw new Error(`the note carries no signature by ${key.name}`);
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export function parseCheckpoint(text: string): Checkpoint {
  const [origin = '', size = '', root = ''] = text.split('\n');
  if (origin === '' || !/^(?:0|[1-9][0-9]*)$/.test(size))
    throw new Error('not a checkpoint: origin, size and root hash lines');
  const rootHash = fromBase64(root);
  if (rootHash.length !== 32) throw new Error('the root hash is not 32 bytes');
  return { origin, size: Number(size), rootHash };
}

/** The checkpoint `note` commits to, once its signature by the log key is verified. */
export async function verifyCheckpoint(
  note: string,
  logKey: VerifierKey,
  verify: Ed25519Verify = verifyEd25519,
): Promise<Checkpoint> {
  const checkpoint = parseCheckpoint(await verifyNote(note, logKey, verify));
  if (checkpoint.origin !== logKey.name)
    throw new Error(`a checkpoint of ${checkpoint.origin}, not of ${logKey.name}`);
  return checkpoint;
}
