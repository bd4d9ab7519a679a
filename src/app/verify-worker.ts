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
 * Each answer hands the request's packed buffer back, transferred, so that it is freed by the
 * thread that made it. Left to a worker, such buffers pile up between its collections (the
 * worker's own heap stays small, so it collects rarely), and an audit's peak memory grew with
 * the length of the record: 490 MiB instead of about 320 for a million entries.
 */
parentPort?.on('message', (request: Request) => {
  const { id, bytes, offsets } = request;
  const valid = verifyPacked(request);
  const response: SignatureResponse & HandedBack = { id, valid, bytes, offsets };
  parentPort?.postMessage(response, [
    valid.buffer as ArrayBuffer,
    bytes.buffer as ArrayBuffer,
    offsets.buffer as ArrayBuffer,
  ]);
});
