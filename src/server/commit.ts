/**
 * Group commit: acts arriving together are recorded together. The queue gathers what arrives
 * within a few milliseconds, checks the signatures of the whole batch on worker threads, then
 * records it with one `appendEach` (one transaction, one checkpoint, one disk sync), and answers
 * each request with its own receipt or its own refusal. While one batch is being written the
 * next one gathers and is verified, so the threads and the disk are kept busy together.
 */
import { DomainError } from '../core/errors.js';
import type { ActType } from '../core/acts.js';
import type { AppendedEntry, Draft, DraftSource, Ledger } from '../app/ledger.js';
import type { SignatureVerifier, SignedMessage } from '../app/verify-pool.js';
import type { RecordedRef } from './event-derivation.js';

export interface Submission {
  readonly draft: DraftSource;
  /**
   * The act's signature, checked on a worker before the act is recorded. Without it the ledger
   * checks the signature itself (an act whose payload is completed when it is recorded).
   */
  readonly check?: SignedMessage;
  /** What the act is about, for the live events. */
  readonly type: ActType;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface Receipt {
  readonly entry: number;
  readonly leafHash: string;
  readonly type: string;
}

interface Waiting {
  readonly submission: Submission;
  readonly resolve: (receipt: Receipt) => void;
  readonly reject: (error: unknown) => void;
}

/** Batches verified or being written at once: one writing, one verified and ready behind it. */
const IN_FLIGHT = 2;

export class CommitQueue {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: Ledger,
    private readonly verifier: SignatureVerifier,
    private readonly options: { windowMs: number; maxBatch: number },
    private readonly onRecorded: (acts: readonly RecordedRef[]) => void,
  ) {}

  /** Records the act with others that arrive with it; answers its receipt or its refusal. */
  submit(submission: Submission): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ submission, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  /** Waits until everything submitted has been answered. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight > 0) {
      this.flush();
      await this.writing;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Behind a full pipeline the batch keeps growing; it is taken when a write finishes.
    if (this.waiting.length === 0 || this.inFlight >= IN_FLIGHT) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.inFlight++;
    const checks = batch.flatMap((w) => (w.submission.check ? [w.submission.check] : []));
    const verified = this.verifier.verify(checks);
    this.writing = this.writing.then(async () => {
      try {
        await this.record(batch, await verified);
      } catch (error) {
        for (const w of batch) w.reject(error);
      } finally {
        this.inFlight--;
        if (this.waiting.length > 0) this.flush();
      }
    });
  }

  private async record(batch: readonly Waiting[], valid: readonly boolean[]): Promise<void> {
    const accepted: Waiting[] = [];
    const drafts: DraftSource[] = [];
    let next = 0;
    for (const w of batch) {
      const { draft, check } = w.submission;
      if (check && !valid[next++]) {
        w.reject(new DomainError('unauthenticated', 'the signature does not verify'));
        continue;
      }
      accepted.push(w);
      drafts.push(check ? markVerified(draft) : draft);
    }
    if (drafts.length === 0) return;
    const results = await this.ledger.appendEach(drafts);
    const recorded: RecordedRef[] = [];
    results.forEach((result, i) => {
      const w = accepted[i]!;
      if (!result.ok) return w.reject(result.error);
      recorded.push({
        index: result.entry.index,
        type: w.submission.type,
        payload: w.submission.payload,
      });
      for (const act of result.followUps ?? [])
        recorded.push({ index: act.index, type: act.type, payload: act.payload });
      w.resolve(receiptOf(result.entry, w.submission.type));
    });
    if (recorded.length > 0) this.onRecorded(recorded);
  }
}

/** The draft, its signature already checked: the ledger need not check it again. */
function markVerified(source: DraftSource): DraftSource {
  if (typeof source === 'function') return source;
  const draft: Draft = source;
  return draft.signed ? { ...draft, signed: { ...draft.signed, verified: true } } : draft;
}

export function receiptOf(entry: AppendedEntry, type: string): Receipt {
  const hash = entry.leafHash;
  const leafHash = Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
  return { entry: entry.index, leafHash, type };
}
