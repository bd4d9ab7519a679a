/**
 * The text of a C2SP checkpoint (c2sp.org/tlog-checkpoint), without cryptography: its origin, tree
 * size, root hash and extension lines. The record (checkpoint.ts, over node:crypto) and the
 * verifiers (src/verify, in Node and in browsers) read it here, so that what one refuses (a size
 * no number holds exactly, an empty extension line) the other refuses too.
 */
import { CodedError } from '../core/coded-error.js';
import { decodeBase64 } from './note-text.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Opaque extra lines after the root hash; the spec advises against them. */
  readonly extensions: readonly string[];
}

export type CheckpointErrorCode =
  | 'malformed-checkpoint' // a body that is not origin, size, root hash and extension lines
  | 'origin-mismatch'; // a checkpoint of another log than the one expected

export class CheckpointError extends CodedError<CheckpointErrorCode> {
  override readonly name = 'CheckpointError';
}

const HASH_SIZE = 32;
const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('a checkpoint body ends with a newline');
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n');
  if (origin === '') throw malformed('the origin line is non-empty');
  // Sizes beyond 2^53 - 1 would lose precision as JS numbers; no log of ours gets there.
  if (!TREE_SIZE.test(size) || !Number.isSafeInteger(Number(size))) {
    throw malformed('the tree size is a decimal count without leading zeros');
  }
  const rootHash = decodeBase64(root);
  if (rootHash?.length !== HASH_SIZE) throw malformed('the root hash is the base64 of 32 bytes');
  if (extensions.includes('')) throw malformed('extension lines are non-empty');
  return { origin, size: Number(size), rootHash, extensions };
}

export function isLine(text: string): boolean {
  return text !== '' && !text.includes('\n');
}

export function malformed(message: string): CheckpointError {
  return new CheckpointError('malformed-checkpoint', message);
}
