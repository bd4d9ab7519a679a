/**
 * A worker thread that checks signatures, the costly part of an audit and of recording members'
 * acts: node:crypto verifies Ed25519 on the calling thread, so the work is spread over threads.
 * Entries (the audit) are checked whole: canonical form and signature. Signed acts (the server)
 * are checked by their message and signature alone, with keys made ready by the caller.
 */
import type { KeyObject } from 'node:crypto';
import { verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { entryProblem } from './entry-check.js';

/** Entries packed end to end in one transferred buffer: entry i is bytes[offsets[i], offsets[i+1]). */
export interface VerifyRequest {
  readonly id: number;
  readonly kind?: 'entries';
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/**
 * Signed messages packed the same way, each item its 64-byte signature followed by its message;
 * `keys[i]` verifies item i (KeyObjects cross to the worker without being parsed again).
 */
export interface SignatureRequest {
  readonly id: number;
  readonly kind: 'signatures';
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
  readonly keys: readonly KeyObject[];
}

export interface VerifyResponse {
  readonly id: number;
  /** For each entry, what is wrong with it, or null. */
  readonly problems: readonly (string | null)[];
}

/** The request's buffers, returned with its answer. */
interface HandedBack {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

export interface SignatureResponse {
  readonly id: number;
  /** For each item, 1 if its signature verifies, else 0. */
  readonly valid: Uint8Array;
}

/**
 * Each answer hands the request's packed buffer back, transferred, so that it is freed by the
 * thread that made it. Left to a worker, such buffers pile up between its collections (the
 * worker's own heap stays small, so it collects rarely), and an audit's peak memory grew with
 * the length of the record: 490 MiB instead of about 320 for a million entries.
 */
parentPort?.on('message', (request: VerifyRequest | SignatureRequest) => {
  const { id, bytes, offsets } = request;
  const handedBack = [bytes.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer];
  if (request.kind === 'signatures') {
    const valid = new Uint8Array(offsets.length - 1);
    for (let i = 0; i < valid.length; i++) {
      const item = bytes.subarray(offsets[i], offsets[i + 1]);
      try {
        valid[i] = verify(null, item.subarray(64), request.keys[i]!, item.subarray(0, 64)) ? 1 : 0;
      } catch {
        valid[i] = 0;
      }
    }
    const response: SignatureResponse & HandedBack = { id, valid, bytes, offsets };
    parentPort?.postMessage(response, [valid.buffer, ...handedBack]);
    return;
  }
  const problems: (string | null)[] = [];
  for (let i = 0; i + 1 < offsets.length; i++)
    problems.push(entryProblem(bytes.subarray(offsets[i], offsets[i + 1])));
  const response: VerifyResponse & HandedBack = { id, problems, bytes, offsets };
  parentPort?.postMessage(response, handedBack);
});
