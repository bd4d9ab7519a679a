/**
 * A worker thread of the audit: checks that entries are canonical and that their signatures
 * verify, the costly part of an audit, while the main thread follows the record in order.
 */
import { parentPort } from 'node:worker_threads';
import { entryProblem } from './entry-check.js';

/** Entries packed end to end in one transferred buffer: entry i is bytes[offsets[i], offsets[i+1]). */
export interface VerifyRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

export interface VerifyResponse {
  readonly id: number;
  /** For each entry, what is wrong with it, or null. */
  readonly problems: readonly (string | null)[];
}

parentPort?.on('message', ({ id, bytes, offsets }: VerifyRequest) => {
  const problems: (string | null)[] = [];
  for (let i = 0; i + 1 < offsets.length; i++)
    problems.push(entryProblem(bytes.subarray(offsets[i], offsets[i + 1])));
  const response: VerifyResponse = { id, problems };
  parentPort?.postMessage(response);
});
