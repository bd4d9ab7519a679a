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
export function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  return parseTypedVerifierKey(vkey, ED25519);
}

/** A verifier key of that signature type (0x01 note signer, 0x04 witness cosigner). */
export async function parseTypedVerifierKey(vkey: string, type: number): Promise<VerifierKey> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!match) throw new Error('not a signed-note verifier key (name+keyid+key)');
  const [, name = '', id = '', key = ''] = match;
  const typed = fromBase64(key);
  if (typed.length !== 33 || typed[0] !== type)
    throw new Error(
      `not an Ed25519 ${type === ED25519 ? 'verifier' : `type 0x0${type.toString(16)}`} key`,
    );
  const publicKey = typed.subarray(1);
  const keyId = (await sha256(utf8(`${name}\n`), typed)).subarray(0, 4);
  if (toHex(keyId) !== id) throw new Error('the verifier key has the wrong key ID');
  return { name, keyId, publicKey };
}

export interface SignatureLine {
  readonly name: string;
  /** base64(key ID || signature), decoded. */
  readonly bytes: Uint8Array;
  /** The line as the note carries it, with its newline. */
  readonly text: string;
}

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

/**
 * A note's text and its well-formed signature lines; the others, unread, are kept apart (no key
 * matches them; a verifier may still say which one names a signer it looked for).
 */
export function splitNote(note: string): {
  text: string;
  lines: SignatureLine[];
  unread: string[];
} {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note');
  const lines: SignatureLine[] = [];
  const unread: string[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    const bytes = match ? decodeBase64(match[2] ?? '') : undefined;
    if (match && bytes) lines.push({ name: match[1] ?? '', bytes, text: `${line}\n` });
    else unread.push(line);
  }
  return { text: note.slice(0, split + 1), lines, unread };
}

/** The first signature line by `key` (its name and key ID), if the note has one. */
export function lineBy(
  lines: readonly SignatureLine[],
  key: VerifierKey,
): SignatureLine | undefined {
  return lines.find(
    ({ name, bytes }) =>
      name === key.name && bytes.length > 4 && equalBytes(bytes.subarray(0, 4), key.keyId),
  );
}

/** The signature of the first line by `key`, if the note has one. */
function signatureBy(lines: readonly SignatureLine[], key: VerifierKey): Uint8Array | undefined {
  return lineBy(lines, key)?.bytes.subarray(4);
}

/** The text of `note` if `key` signed it; throws otherwise. */
export async function verifyNote(
  note: string,
  key: VerifierKey,
  verify: Ed25519Verify = verifyEd25519,
): Promise<string> {
  const { text, lines } = splitNote(note);
  const signature = signatureBy(lines, key);
  if (signature === undefined) throw new Error(`the note carries no signature by ${key.name}`);
  if (await verify(key.publicKey, utf8(text), signature)) return text;
  throw new Error(`the signature by ${key.name} does not verify`);
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
