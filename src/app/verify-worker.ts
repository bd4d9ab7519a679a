/**
 * A worker thread of the audit: checks that entries are canonical and that their signatures
 * verify, the costly part of an audit, while the main thread follows the record in order.
 */
import { parentPort } from 'node:worker_threads';
import { entryProblem } from './entry-check.js';

export interface VerifyRequest {
  readonly id: number;
  readonly entries: readonly Uint8Array[];
}

export interface VerifyResponse {
  readonly id: number;
  /** For each entry, what is wrong with it, or null. */
  readonly problems: readonly (string | null)[];
}

parentPort?.on('message', (request: VerifyRequest) => {
  const response: VerifyResponse = { id: request.id, problems: request.entries.map(entryProblem) };
  parentPort?.postMessage(response);
});
