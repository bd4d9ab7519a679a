/**
 * C2SP checkpoints (c2sp.org/tlog-checkpoint): the signed-note body that commits a log to its
 * size and root hash, and Ed25519 witness cosignatures on them (c2sp.org/tlog-cosignature).
 */
import { publicKeyObject, verifyBytes } from './ed25519.js';
import {
  encodeBase64,
  NoteError,
  openNote,
  parseVerifierKey,
  SIGNATURE_TYPE,
  signNote,
  utf8,
} from './note.js';
import type { NoteSigner, NoteVerifier } from './note.js';
import { CheckpointError, isLine, malformed, parseCheckpoint } from './checkpoint-text.js';
import type { Checkpoint } from './checkpoint-text.js';

export { CheckpointError, parseCheckpoint };
export type { Checkpoint, CheckpointErrorCode } from './checkpoint-text.js';

const HASH_SIZE = 32;

export function formatCheckpoint({
  origin,
  size,
  rootHash,
  extensions = [],
}: {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}): string {
  if (!isLine(origin)) throw malformed('the origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed(`tree size ${size} is not a count`);
  if (rootHash.length !== HASH_SIZE) throw malformed('a root hash is 32 bytes');
  if (!extensions.every(isLine)) throw malformed('extension lines are non-empty single lines');
  return [origin, String(size), encodeBase64(rootHash), ...extensions]
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * The extension line by which the log names the size of the checkpoint it signed before this one
 * (0 before its first): with it, a checkpoint deleted from the record is missed, by its size.
 */
const PREVIOUS = /^previous (0|[1-9][0-9]*)$/;

export function previousLine(size: number): string {
  return `previous ${size}`;
}

/** The size of the checkpoint signed before, as the checkpoint names it; undefined if it does not. */
export function previousSize(checkpoint: Checkpoint): number | undefined {
  const found = checkpoint.extensions.map((line) => PREVIOUS.exec(line)).find((m) => m !== null);
  return found ? Number(found[1]) : undefined;
}

export function signCheckpoint(checkpoint: Checkpoint, logKey: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [logKey]);
}

/**
 * Opens a checkpoint signed by the log key and parses it. The origin must be the expected one:
 * by default the log key's name, which the spec recommends logs to use as their origin.
 */
export function verifyCheckpoint(
  note: string | Uint8Array,
  logKey: NoteVerifier,
  origin: string = logKey.name,
): Checkpoint {
  const checkpoint = parseCheckpoint(openNote(note, [logKey]).text);
  if (checkpoint.origin !== origin) {
    throw new CheckpointError(
      'origin-mismatch',
      `checkpoint of ${checkpoint.origin}, not ${origin}`,
    );
  }
  return checkpoint;
}

// ---------------------------------------------------------------------------------------------
// Cosignatures: signature type 0x04, a u64 timestamp then an Ed25519 signature over
// "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint body.

const TIMESTAMP_SIZE = 8;
const ED25519_SIGNATURE_SIZE = 64;

/** A note verifier for a witness's Ed25519 cosignatures, from its type 0x04 verifier key. */
export function cosignatureVerifier(vkey: string): NoteVerifier {
  const { name, keyId, type, publicKey } = parseVerifierKey(vkey);
  if (type !== SIGNATURE_TYPE.cosignatureEd25519) {
    throw new NoteError('unsupported-key-type', `${name} is not an Ed25519 cosigner key`);
  }
  const key = publicKeyObject(publicKey);
  return {
    name,
    keyId,
    verify(body, signature) {
      const timestamp = readTimestamp(signature);
      if (timestamp === undefined) return false;
      const message = Buffer.concat([utf8(`cosignature/v1\ntime ${timestamp}\n`), body]);
      return verifyBytes(key, message, signature.subarray(TIMESTAMP_SIZE));
    },
  };
}

/** The big-endian u64 timestamp, if the signature has the cosignature's size and the time is
 * one a JS number holds exactly (the spec's bound, 2^63 - 1, is far beyond any real time). */
function readTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return undefined;
  const timestamp = new DataView(signature.buffer, signature.byteOffset).getBigUint64(0);
  return timestamp <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(timestamp) : undefined;
}
