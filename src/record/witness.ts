/**
 * Witnessing a log (c2sp.org/tlog-witness, c2sp.org/tlog-cosignature): the add-checkpoint request,
 * the witness's decision on it given the last checkpoint it verified of that log, and its Ed25519
 * cosignature (src/verify/cosignature.ts checks cosignatures, for the server and the verifiers).
 *
 * A witness cosigns a checkpoint only if it extends, by a consistency proof, every checkpoint it
 * cosigned before: whoever holds the log key and rewrites the history cannot get it cosigned.
 */
import { equalBytes } from '../core/bytes.js';
import { CheckpointError, cosignatureVerifier } from './checkpoint.js';
import { parseCheckpoint } from './checkpoint.js';
import type { Checkpoint } from './checkpoint.js';
import { privateKeyObject, signBytes } from './ed25519.js';
import { emptyRoot } from './merkle.js';
import { ProofError, verifyConsistency } from './merkle-proofs.js';
import {
  decodeBase64,
  encodeBase64,
  formatVerifierKey,
  NoteError,
  noteSigner,
  openNote,
  parseSignerSeed,
  SIGNATURE_TYPE,
  signatureLine,
  utf8,
} from './note.js';
import type { NoteVerifier } from './note.js';

/** The body of POST <prefix>/add-checkpoint. */
export interface AddCheckpoint {
  /** The size of the checkpoint the client believes the witness has (0: none). */
  readonly oldSize: number;
  /** A consistency proof from `oldSize` to the checkpoint's size. */
  readonly proof: readonly Uint8Array[];
  /** The checkpoint, a signed note. */
  readonly checkpoint: string;
}

/** The spec's limit on proof lines: a proof of a tree of 2^63 leaves has fewer. */
const MAX_PROOF_LINES = 63;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

export class WitnessRequestError extends Error {
  override readonly name = 'WitnessRequestError';
}

export function formatAddCheckpoint({ oldSize, proof, checkpoint }: AddCheckpoint): string {
  return [`old ${oldSize}`, ...proof.map(encodeBase64), '', checkpoint].join('\n');
}

/** Parses an add-checkpoint body, checking its form only; throws a WitnessRequestError. */
export function parseAddCheckpoint(body: string): AddCheckpoint {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new WitnessRequestError('no empty line before the checkpoint');
  const [old = '', ...proofLines] = body.slice(0, blank).split('\n');
  const size = old.startsWith('old ') ? old.slice(4) : '';
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size)))
    throw new WitnessRequestError('the first line is not "old" and a tree size');
  if (proofLines.length > MAX_PROOF_LINES)
    throw new WitnessRequestError(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line) => {
    const hash = decodeBase64(line);
    if (hash?.length !== 32)
      throw new WitnessRequestError('a consistency proof line is not a base64 hash');
    return hash;
  });
  return { oldSize: Number(size), proof, checkpoint: body.slice(blank + 2) };
}

/** The origin line of a checkpoint note, to find the log before anything is verified. */
export function checkpointOrigin(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

// ---------------------------------------------------------------------------------------------
// Cosigning

export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  /** Its verifier key: name+keyid+base64(0x04 || public key). */
  readonly verifierKey: string;
  /** The signature line of its cosignature on the checkpoint `body` at `timestamp` (seconds). */
  cosign(body: string, timestamp: number): string;
}

/** A cosigner from its signer key, PRIVATE+KEY+name+keyid+base64(0x04 || seed). */
export function parseCosignerKey(skey: string): Cosigner {
  const { name, seed } = parseSignerSeed(skey, SIGNATURE_TYPE.cosignatureEd25519);
  return cosigner(name, seed);
}

export function cosigner(name: string, seed: Uint8Array): Cosigner {
  const { publicKey } = noteSigner(name, seed);
  const verifierKey = formatVerifierKey(name, publicKey, SIGNATURE_TYPE.cosignatureEd25519);
  const { keyId } = cosignatureVerifier(verifierKey);
  const key = privateKeyObject(seed);
  return {
    name,
    keyId,
    verifierKey,
    cosign(body, timestamp) {
      if (!Number.isSafeInteger(timestamp) || timestamp <= 0)
        throw new RangeError(`a cosignature's timestamp is positive, not ${timestamp}`);
      const signed = new Uint8Array(8 + 64);
      new DataView(signed.buffer).setBigUint64(0, BigInt(timestamp));
      signed.set(signBytes(key, utf8(`cosignature/v1\ntime ${timestamp}\n${body}`)), 8);
      return signatureLine(name, keyId, signed);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The witness's decision

/** What a witness keeps of a log: the last checkpoint it verified and cosigned. */
export interface WitnessedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The checkpoint note with the log's signature and the witness's cosignature. */
  readonly note: string;
}

/** A log the witness is configured for: its origin and the key its checkpoints are signed by. */
export interface WitnessedLog {
  readonly origin: string;
  readonly verifier: NoteVerifier;
}

export type WitnessDecision =
  | { readonly status: 200; readonly cosignature: string; readonly latest: WitnessedCheckpoint }
  /** The witness has another size than `old`: the client retries from `size`. */
  | { readonly status: 409; readonly size: number; readonly reason: string }
  | { readonly status: 400 | 403 | 422; readonly reason: string };

/**
 * Decides on an add-checkpoint request for `log`, whose last cosigned checkpoint is `last`
 * (undefined: none yet): cosigns at `now` (seconds) a checkpoint that the log key signed and
 * that extends `last`, and says why not otherwise, with the status the spec gives.
 */
export function decideAddCheckpoint(
  request: AddCheckpoint,
  log: WitnessedLog,
  last: WitnessedCheckpoint | undefined,
  witness: Cosigner,
  now: number,
): WitnessDecision {
  const opened = openCheckpoint(request.checkpoint, log);
  if ('status' in opened) return opened;
  const { checkpoint, body } = opened;
  const { oldSize, proof } = request;
  const known = last?.size ?? 0;
  const sizes = `log ${log.origin}: checkpoint of size ${checkpoint.size}`;
  if (oldSize > checkpoint.size)
    return { status: 400, reason: `${sizes} is smaller than the old size ${oldSize}` };
  if (oldSize !== known)
    return {
      status: 409,
      size: known,
      reason: `${sizes} offered from size ${oldSize}, but the last checkpoint this witness cosigned is of size ${known}`,
    };
  const refused = inconsistency(checkpoint, proof, last);
  if (refused !== undefined)
    return {
      status: 422,
      reason: `${sizes} does not extend the last checkpoint this witness cosigned (size ${known}): ${refused}`,
    };
  const cosignature = witness.cosign(body, now);
  const note = `${request.checkpoint}${cosignature}`;
  return {
    status: 200,
    cosignature,
    latest: { size: checkpoint.size, rootHash: checkpoint.rootHash, note },
  };
}

function openCheckpoint(
  note: string,
  log: WitnessedLog,
): { checkpoint: Checkpoint; body: string } | { status: 400 | 403; reason: string } {
  try {
    const body = openNote(note, [log.verifier]).text;
    const checkpoint = parseCheckpoint(body);
    if (checkpoint.origin !== log.origin)
      return { status: 403, reason: `a checkpoint of ${checkpoint.origin}, not of ${log.origin}` };
    return { checkpoint, body };
  } catch (error) {
    if (error instanceof NoteError && error.code !== 'malformed-note')
      return {
        status: 403,
        reason: `log ${log.origin}: the checkpoint is not signed by its key (${error.message})`,
      };
    if (error instanceof NoteError || error instanceof CheckpointError)
      return { status: 400, reason: `not a checkpoint: ${error.message}` };
    throw error;
  }
}

/** Why `checkpoint` does not extend `last` by `proof`, or undefined if it does. */
function inconsistency(
  checkpoint: Checkpoint,
  proof: readonly Uint8Array[],
  last: WitnessedCheckpoint | undefined,
): string | undefined {
  if (checkpoint.size === 0 && !equalBytes(checkpoint.rootHash, emptyRoot()))
    return 'a checkpoint of size 0 has the root of the empty tree';
  if (last === undefined || last.size === 0)
    return proof.length === 0 ? undefined : 'a proof from the empty tree is empty';
  try {
    verifyConsistency(last.size, checkpoint.size, proof, last.rootHash, checkpoint.rootHash);
    return undefined;
  } catch (error) {
    if (error instanceof ProofError) return `the consistency proof fails (${error.message})`;
    throw error;
  }
}
