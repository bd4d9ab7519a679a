/**
 * A worker thread that checks signatures, the costly part of an audit and of recording members'
 * acts: node:crypto verifies Ed25519 on the calling thread, so the work is spread over threads.
 * It is sent messages and signatures only (packed-signatures.ts): reading entries, their form and
 * where their signed act lies, is done once, by the thread that follows the record.
 */
import { parentPort } from 'node:worker_threads';
import { verifyPacked } from './packed-signatures.js';
import type { Request, SignatureResponse } from './packed-signatures.js';

/** The request's buffers, returned with its answer. */
interface HandedBack {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/**
 * Each answer hands the request's own buffers back, transferred, so that they are freed by the
 * thread that made them. Left to a worker, such buffers pile up between its collections (the
 * worker's own heap stays small, so it collects rarely), and an audit's peak memory grew with
 * the length of the record: 490 MiB instead of about 320 for a million entries. (An audit's
 * entries come in shared buffers, used again: nothing to hand back.)
 */
parentPort?.on('message', (request: Request) => {
  const { id, bytes, offsets } = request;
  const valid = verifyPacked(request);
  const response: SignatureResponse & HandedBack = { id, valid, bytes, offsets };
  const transfer = [valid.buffer, bytes.buffer, offsets.buffer].filter(
    (buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer,
  );
  parentPort?.postMessage(response, transfer);
});
