/**
 * C2SP signed notes and tlog checkpoints in the browser: the log's verifier key, the note's
 * Ed25519 signature by it, and the checkpoint body (origin, size, root hash).
 */
import { parseCheckpoint as parseCheckpointText } from '../record/checkpoint-text.js';
import { hex32, keyFields, noteParts, readSignatureLine } from '../record/note-text.js';
import type { NoteSignature } from '../record/note-text.js';
import { sha256, utf8, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

const ED25519 = 0x01;

export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

/** `name+keyid+base64(0x01 || key)`, its key ID checked: SHA-256(name || "\n" || 0x01 || key)[:4]. */
export function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  return parseTypedVerifierKey(vkey, ED25519);
}

/** A verifier key of that signature type (0x01 note signer, 0x04 witness cosigner). */
export async function parseTypedVerifierKey(vkey: string, type: number): Promise<VerifierKey> {
  return readVerifierKey(vkey, type);
}

/** As parseTypedVerifierKey, at once: a trust policy checks its keys as it is read. */
export function readVerifierKey(vkey: string, type: number): VerifierKey {
  const fields = keyFields(vkey);
  if (!fields) throw new Error('not a signed-note verifier key (name+keyid+key)');
  const { name, keyId, key } = fields;
  if (fields.type !== type || key.length !== 32)
    throw new Error(
      `not an Ed25519 ${type === ED25519 ? 'verifier' : `type 0x0${type.toString(16)}`} key`,
    );
  const hash = sha256(utf8(`${name}\n`), Uint8Array.of(type, ...key));
  const expected = new DataView(hash.buffer, hash.byteOffset).getUint32(0);
  if (expected !== keyId) throw new Error('the verifier key has the wrong key ID');
  return { name, keyId, publicKey: key };
}

/** A signature line read, with the line as the note carries it (and its newline). */
export interface SignatureLine extends NoteSignature {
  readonly text: string;
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
  const parts = noteParts(note);
  if (!parts) throw new Error('not a signed note');
  const lines: SignatureLine[] = [];
  const unread: string[] = [];
  for (const line of parts.lines) {
    const read = readSignatureLine(line);
    if (read) lines.push({ ...read, text: `${line}\n` });
    else unread.push(line);
  }
  return { text: parts.text, lines, unread };
}

/** The first signature line by `key` (its name and key ID), if the note has one. */
export function lineBy(
  lines: readonly SignatureLine[],
  key: VerifierKey,
): SignatureLine | undefined {
  return lines.find(({ name, keyId }) => name === key.name && keyId === key.keyId);
}

/** The text of `note` if `key` signed it; throws otherwise. */
export async function verifyNote(
  note: string,
  key: VerifierKey,
  verify: Ed25519Verify = verifyEd25519,
): Promise<string> {
  const { text, lines } = splitNote(note);
  const signature = lineBy(lines, key)?.signature;
  if (signature === undefined) throw new Error(noSignatureBy(lines, key));
  if (await verify(key.publicKey, utf8(text), signature)) return text;
  throw new Error(`the signature by ${key.name} does not verify`);
}

/**
 * Why a note has no signature by `key`, naming the key by its ID where the note is signed by
 * another key of the same name (another log given the same origin): the name alone would read
 * as the signer the note shows.
 */
function noSignatureBy(lines: readonly SignatureLine[], key: VerifierKey): string {
  const other = lines.find(({ name }) => name === key.name);
  if (!other) return `the note carries no signature by ${key.name}`;
  return `the note carries no signature by ${key.name}+${hex32(key.keyId)}, only by another key of that name, ${key.name}+${hex32(other.keyId)}`;
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** The checkpoint a note's text states, read as the record reads it (record/checkpoint-text.ts). */
export function parseCheckpoint(text: string): Checkpoint {
  try {
    const { origin, size, rootHash } = parseCheckpointText(text);
    return { origin, size, rootHash };
  } catch (error) {
    throw new Error(`not a checkpoint: ${(error as Error).message}`);
  }
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
