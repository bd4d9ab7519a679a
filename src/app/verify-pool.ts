/**
 * Signature checks spread over worker threads, one per core: the audit's throughput is bound by
 * Ed25519 verification, which node:crypto does on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { entryProblem } from './entry-check.js';
import type { VerifyRequest, VerifyResponse } from './verify-worker.js';

export interface Verifier {
  /** For each entry, what is wrong with it on its own, or null. */
  check(entries: readonly Uint8Array[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

/** Verifies on the calling thread: for small records, where starting workers costs more. */
export function inlineVerifier(): Verifier {
  return { check: async (entries) => entries.map(entryProblem), close: async () => undefined };
}

export function workerVerifier(threads: number): Verifier {
  // Under the TypeScript sources (tests, tsx) the worker is a .ts file: tsx is registered in the
  // worker before it is loaded. The built package loads plain JavaScript.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './verify-worker.ts' : './verify-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () =>
    fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(url),
  );
  type Waiting = {
    resolve: (problems: readonly (string | null)[]) => void;
    reject: (error: Error) => void;
  };
  const pending = new Map<number, Waiting>();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on('message', (response: VerifyResponse) => {
      pending.get(response.id)?.resolve(response.problems);
      pending.delete(response.id);
    });
    worker.on('error', (error) => {
      failure = error;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  }
  let nextId = 0;
  let nextWorker = 0;
  const send = (entries: readonly Uint8Array[]): Promise<readonly (string | null)[]> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const request = pack(id, entries);
      // The packed buffer moves to the worker: one transfer, no copy per entry.
      workers[nextWorker++ % workers.length]!.postMessage(request, [
        request.bytes.buffer as ArrayBuffer,
        request.offsets.buffer as ArrayBuffer,
      ]);
    });
  return {
    async check(entries) {
      const share = Math.ceil(entries.length / workers.length);
      const parts = [];
      for (let i = 0; i < entries.length; i += share) parts.push(send(entries.slice(i, i + share)));
      return (await Promise.all(parts)).flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The entries end to end in one new buffer, with where each begins and ends. */
function pack(id: number, entries: readonly Uint8Array[]): VerifyRequest {
  const offsets = new Uint32Array(entries.length + 1);
  for (let i = 0; i < entries.length; i++) offsets[i + 1] = offsets[i]! + entries[i]!.length;
  const bytes = new Uint8Array(offsets[entries.length]!);
  for (let i = 0; i < entries.length; i++) bytes.set(entries[i]!, offsets[i]);
  return { id, bytes, offsets };
}
