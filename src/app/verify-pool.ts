/**
 * Signature checks spread over worker threads, one per core: the audit's throughput, and the
 * server's when many members vote at once, is bound by Ed25519 verification, which node:crypto
 * does on the calling thread.
 */
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { KeyedPacker, pack, releaseShared, verifyPacked } from './packed-signatures.js';
import type {
  KeyedRequest,
  Request,
  SignatureRequest,
  SignatureResponse,
} from './packed-signatures.js';

/** Signatures to check, added one at a time (an audit's entries: see readEntry). */
export interface SignatureBatch {
  /** Adds a message, in parts, and its signature by the key of that base64: packed at once. */
  add(key: string, signature: Uint8Array, message: readonly Uint8Array[]): void;
  /** For each item added, in order: 1 if its signature is 64 bytes and verifies, else 0. */
  done(): Promise<Uint8Array>;
}

export interface Verifier {
  batch(): SignatureBatch;
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
  const check = async (request: Omit<KeyedRequest, 'id'>): Promise<Uint8Array> => {
    const valid = verifyPacked({ id: 0, ...request });
    releaseShared(request.bytes);
    return valid;
  };
  return { batch: () => batchOf(check), close: async () => undefined };
}

export function workerVerifier(threads: number): Verifier {
  const pool = new WorkerPool(threads);
  // The request's bytes are shared, not copied, and kept until answered: a thread that fails is
  // sent them again.
  const check = async (request: Omit<KeyedRequest, 'id'>): Promise<Uint8Array> => {
    const { valid } = await pool.submit((id) => [{ id, ...request }, []]);
    releaseShared(request.bytes);
    return valid;
  };
  return { batch: () => batchOf(check), close: () => pool.close() };
}

/** Items a request: small enough that the threads share the work evenly, whatever their speed. */
const CHUNK = 500;

/** A batch whose items are sent to `check` a request at a time, as soon as a request is full. */
function batchOf(
  check: (request: Omit<KeyedRequest, 'id'>) => Promise<Uint8Array>,
): SignatureBatch {
  const packer = new KeyedPacker(CHUNK);
  const answers: Promise<Uint8Array>[] = [];
  const send = (): void => {
    const answer = check(packer.take());
    answer.catch(() => undefined); // awaited in done()
    answers.push(answer);
  };
  return {
    add(key, signature, message) {
      packer.add(key, signature, message);
      if (packer.size === CHUNK) send();
    },
    async done() {
      if (packer.size > 0) send();
      const parts = await Promise.all(answers);
      const valid = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        valid.set(part, at);
        at += part.length;
      }
      return valid;
    },
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
  const pool = new WorkerPool(threads, startWorker);
  return {
    async verify(items) {
      if (items.length === 0) return [];
      const share = Math.ceil(items.length / pool.threads);
      const parts: Promise<SignatureResponse>[] = [];
      for (let i = 0; i < items.length; i += share) {
        const part = items.slice(i, i + share);
        parts.push(pool.submit((id) => signatureRequest(id, part)));
      }
      const answers = await Promise.all(parts);
      // A signature of another length would shift the packed items: it never verifies anyway.
      return answers
        .flatMap((r) => [...r.valid])
        .map((v, i) => v === 1 && items[i]!.signature.length === 64);
    },
    close: () => pool.close(),
  };
}

function signatureRequest(
  id: number,
  items: readonly SignedMessage[],
): [SignatureRequest, ArrayBuffer[]] {
  const { bytes, offsets } = pack(
    items.map((i) => ({ signature: i.signature, message: [i.message] })),
  );
  const request: SignatureRequest = {
    id,
    kind: 'signatures',
    bytes,
    offsets,
    keys: items.map((i) => i.key),
  };
  return [request, [bytes.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer]];
}

function verifiesInline(item: SignedMessage): boolean {
  try {
    return item.signature.length === 64 && verify(null, item.message, item.key, item.signature);
  } catch {
    return false;
  }
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

interface Pool {
  readonly threads: number;
  /** Sends the request `make` makes to the first thread with room for it; its answer. */
  submit(make: (id: number) => [Request, ArrayBuffer[]]): Promise<SignatureResponse>;
  close(): Promise<void>;
}

/** How many threads may fail on one request before it is refused (a request that kills them). */
const ATTEMPTS = 3;
/**
 * Requests a thread holds at once. More than one, so that it goes on with the next while its
 * answer travels back and the main thread, busy following the record, sends it another.
 */
const HELD = 4;

/** A request on its way: made again from its items if its thread fails (its buffers moved). */
interface Job {
  readonly make: (id: number) => [Request, ArrayBuffer[]];
  readonly resolve: (response: SignatureResponse) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
  worker?: Worker;
}

/**
 * Threads that check what they are sent, each taking requests as it has room for them, so that
 * a thread slowed by other work on the machine takes fewer. A thread that fails (an error, an
 * exit) is replaced at once, and what it was checking is sent again to another: one failure must
 * not break every later check, nor leave a request unanswered.
 */
class WorkerPool implements Pool {
  private readonly workers: Worker[] = [];
  /** How many requests each thread holds. */
  private readonly held = new Map<Worker, number>();
  private readonly sent = new Map<number, Job>();
  private readonly waiting: Job[] = [];
  private closed = false;
  private nextId = 0;

  constructor(
    threads: number,
    private readonly startWorker: () => Worker = verifyWorker,
  ) {
    for (let slot = 0; slot < Math.max(1, threads); slot++) this.start(slot);
  }

  get threads(): number {
    return this.workers.length;
  }

  submit(make: Job['make']): Promise<SignatureResponse> {
    return new Promise<SignatureResponse>((resolve, reject) => {
      if (this.closed) return reject(new Error('the verifying threads are closed'));
      this.waiting.push({ make, resolve, reject, attempts: 0 });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    const error = new Error('the verifying threads are closed');
    for (const job of [...this.sent.values(), ...this.waiting]) job.reject(error);
    this.sent.clear();
    this.waiting.length = 0;
  }

  /** The thread holding the fewest requests, if one has room for another. */
  private freest(): Worker | undefined {
    let found: Worker | undefined;
    let least = HELD;
    for (const w of this.workers) {
      const n = this.held.get(w) ?? 0;
      if (n < least) [found, least] = [w, n];
    }
    return found;
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.freest();
      if (!worker) return;
      const job = this.waiting.shift()!;
      const id = this.nextId++;
      job.worker = worker;
      job.attempts++;
      this.sent.set(id, job);
      this.held.set(worker, (this.held.get(worker) ?? 0) + 1);
      const [request, transfer] = job.make(id);
      // The packed buffers move to the worker: one transfer, no copy per item.
      worker.postMessage(request, transfer);
    }
  }

  private start(slot: number): void {
    const worker = this.startWorker();
    this.workers[slot] = worker;
    this.held.set(worker, 0);
    worker.on('message', (response: SignatureResponse) => {
      const job = this.sent.get(response.id);
      this.sent.delete(response.id);
      this.held.set(worker, (this.held.get(worker) ?? 1) - 1);
      job?.resolve(response);
      this.dispatch();
    });
    const failed = (error: Error) => this.replace(slot, worker, error);
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`a verifying thread stopped (exit ${code})`)));
  }

  /** A thread failed: another in its slot, and what it held sent again (or refused, at last). */
  private replace(slot: number, worker: Worker, error: Error): void {
    if (this.workers[slot] !== worker || this.closed) return; // replaced already, or closing
    void worker.terminate();
    this.held.delete(worker);
    this.start(slot);
    const retried: Job[] = [];
    for (const [id, job] of this.sent) {
      if (job.worker !== worker) continue;
      this.sent.delete(id);
      if (job.attempts >= ATTEMPTS) job.reject(error);
      else retried.push(job);
    }
    this.waiting.unshift(...retried);
    this.dispatch();
  }
}
