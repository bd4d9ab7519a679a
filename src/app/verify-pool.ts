/**
 * Signature checks spread over worker threads, one per core: the audit's throughput, and the
 * server's when many members vote at once, is bound by Ed25519 verification, which node:crypto
 * does on the calling thread.
 */
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { entryProblem } from './entry-check.js';
import type {
  SignatureRequest,
  SignatureResponse,
  VerifyRequest,
  VerifyResponse,
} from './verify-worker.js';

export interface Verifier {
  /** For each entry, what is wrong with it on its own, or null. */
  check(entries: readonly Uint8Array[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

/** A signature to check: `message` signed with `key`. */
export interface SignedMessage {
  readonly key: KeyObject;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

export interface SignatureVerifier {
  /** For each item, whether its signature verifies. */
  verify(items: readonly SignedMessage[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** Verifies on the calling thread: for small records, where starting workers costs more. */
export function inlineVerifier(): Verifier {
  return { check: async (entries) => entries.map(entryProblem), close: async () => undefined };
}

export function workerVerifier(threads: number): Verifier {
  const pool = workerPool(threads);
  return {
    async check(entries) {
      const parts = pool.split(entries, (id, part) => {
        const request: VerifyRequest = { id, ...pack(part) };
        return [request, [request.bytes.buffer, request.offsets.buffer] as ArrayBuffer[]];
      });
      return (await Promise.all(parts)).flatMap((r) => (r as VerifyResponse).problems);
    },
    close: pool.close,
  };
}

/** Checks signed messages on the calling thread (tests, a server started with no workers). */
export function inlineSignatureVerifier(): SignatureVerifier {
  return {
    verify: async (items) => items.map(verifiesInline),
    close: async () => undefined,
  };
}

/** Checks signed messages on worker threads: a batch is split evenly between them. */
export function signatureVerifier(
  threads: number,
  startWorker: () => Worker = verifyWorker,
): SignatureVerifier {
  const pool = workerPool(threads, startWorker);
  return {
    async verify(items) {
      if (items.length === 0) return [];
      const parts = pool.split(items, (id, part) => {
        const packed = pack(part.map((i) => [i.signature, i.message]));
        const request: SignatureRequest = {
          id,
          kind: 'signatures',
          ...packed,
          keys: part.map((i) => i.key),
        };
        return [request, [packed.bytes.buffer, packed.offsets.buffer] as ArrayBuffer[]];
      });
      const answers = await Promise.all(parts);
      return answers.flatMap((r) => [...(r as SignatureResponse).valid].map((v) => v === 1));
    },
    close: pool.close,
  };
}

function verifiesInline(item: SignedMessage): boolean {
  try {
    return item.signature.length === 64 && verify(null, item.message, item.key, item.signature);
  } catch {
    return false;
  }
}

type Request = VerifyRequest | SignatureRequest;
type Response = VerifyResponse | SignatureResponse;

interface Pool {
  /** Sends the items in one part per worker; each part's answer, in order. */
  split<T>(
    items: readonly T[],
    request: (id: number, part: readonly T[]) => [Request, ArrayBuffer[]],
  ): Promise<Response>[];
  close(): Promise<void>;
}

/** A new thread running verify-worker. */
export function verifyWorker(): Worker {
  // Under the TypeScript sources (tests, tsx) the worker is a .ts file: tsx is registered in the
  // worker before it is loaded. The built package loads plain JavaScript.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './verify-worker.ts' : './verify-worker.js', import.meta.url);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true },
      )
    : new Worker(url);
}

/** How many threads may fail on one request before it is refused (a request that kills them). */
const ATTEMPTS = 3;

/** A request on its way: made again from its items if its thread fails (its buffers moved). */
interface Job {
  readonly make: () => [Request, ArrayBuffer[]];
  readonly resolve: (response: Response) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
  worker?: Worker;
}

/**
 * Threads that check what they are sent. A thread that fails (an error, an exit) is replaced at
 * once, and what it was checking is sent again to another: one failure must not break every
 * later check, nor leave a request unanswered.
 */
function workerPool(threads: number, startWorker: () => Worker = verifyWorker): Pool {
  const workers: Worker[] = [];
  const jobs = new Map<number, Job>();
  let closed = false;
  let nextId = 0;
  let nextWorker = 0;

  const send = (id: number, job: Job): void => {
    const worker = workers[nextWorker++ % workers.length]!;
    job.worker = worker;
    job.attempts++;
    jobs.set(id, job);
    const [request, transfer] = job.make();
    // The packed buffers move to the worker: one transfer, no copy per item.
    worker.postMessage(request, transfer);
  };

  const start = (slot: number): void => {
    const worker = startWorker();
    workers[slot] = worker;
    worker.on('message', (response: Response) => {
      jobs.get(response.id)?.resolve(response);
      jobs.delete(response.id);
    });
    const failed = (error: Error) => {
      if (workers[slot] !== worker || closed) return; // replaced already, or closing
      void worker.terminate();
      start(slot);
      for (const [id, job] of jobs) {
        if (job.worker !== worker) continue;
        jobs.delete(id);
        if (job.attempts >= ATTEMPTS) job.reject(error);
        else send(id, job);
      }
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`a verifying thread stopped (exit ${code})`)));
  };
  for (let slot = 0; slot < Math.max(1, threads); slot++) start(slot);

  return {
    split(items, request) {
      const share = Math.ceil(items.length / workers.length);
      const parts = [];
      for (let i = 0; i < items.length; i += share) {
        const id = nextId++;
        const part = items.slice(i, i + share);
        parts.push(
          new Promise<Response>((resolve, reject) => {
            if (closed) return reject(new Error('the verifying threads are closed'));
            send(id, { make: () => request(id, part), resolve, reject, attempts: 0 });
          }),
        );
      }
      return parts;
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
      for (const job of jobs.values()) job.reject(new Error('the verifying threads are closed'));
      jobs.clear();
    },
  };
}

/** The byte strings end to end in one new buffer, with where each begins and ends; an item
 * given as several parts is written as their concatenation. */
function pack(items: readonly (Uint8Array | readonly Uint8Array[])[]): {
  bytes: Uint8Array;
  offsets: Uint32Array;
} {
  const parts = items.map((item) => (item instanceof Uint8Array ? [item] : item));
  const offsets = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++)
    offsets[i + 1] = offsets[i]! + parts[i]!.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(offsets[parts.length]!);
  for (let i = 0; i < parts.length; i++) {
    let at = offsets[i]!;
    for (const p of parts[i]!) {
      bytes.set(p, at);
      at += p.length;
    }
  }
  return { bytes, offsets };
}
