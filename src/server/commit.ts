/**
 * Group commit: acts arriving together are recorded together. Each act's signature goes to the
 * worker threads as soon as it is submitted (those of one turn of the event loop together), so
 * that verification runs while the rest of a burst is still being received; the queue gathers
 * what arrives within a few milliseconds, then records it with one `appendEach` (one
 * transaction, one checkpoint, one disk sync), once its signatures are checked, and answers each
 * request with its own receipt or its own refusal. While one batch is being written the next
 * ones gather and are verified; the writer then takes all that gathered meanwhile, as one batch.
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

/** Acts submitted in one turn of the event loop, their signatures being checked or checked. */
interface Chunk {
  readonly batch: readonly Waiting[];
  /** Settles once the signatures are checked; then `valid` holds the answers. */
  readonly checked: Promise<void>;
  valid?: readonly boolean[];
  error?: unknown;
}

/** The acts of one gathering, in the order they came. */
interface Group {
  readonly chunks: readonly Chunk[];
  readonly size: number;
}

/** The most windows acts are gathered for, from the first, while more keep coming. */
const GATHER_MOST = 4;
/** The most windows a burst's first acts wait for the acts received with them (see expect). */
const COMING_MOST = 25;

export class CommitQueue {
  /** Acts submitted this turn, not yet sent to verification. */
  private unsent: Waiting[] = [];
  private sending = false;
  /** The chunks of the gathering under way, and how many acts they hold. */
  private gathering: Chunk[] = [];
  private gatheredCount = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the first and the last of the acts gathering came. */
  private firstAt = 0;
  private lastAt = 0;
  /** Gatherings closed, not yet written, in order. */
  private groups: Group[] = [];
  private writing: Promise<void> | undefined;
  /** Acts received and not yet submitted: their sessions being read, their bodies checked. */
  private coming = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly verifier: SignatureVerifier,
    private readonly options: { windowMs: number; maxBatch: number },
    private readonly onRecorded: (acts: readonly RecordedRef[]) => void,
  ) {}

  /**
   * Records the act with others that arrive with it; answers its receipt or its refusal. Acts
   * are gathered until none has come for windowMs, or for GATHER_MOST windows since the first:
   * the ballots that answer a batch's receipts come back spread over a few milliseconds, and
   * the first of them should not make a batch of its own.
   */
  submit(submission: Submission): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      if (this.gatheredCount === 0) this.firstAt = performance.now();
      this.gatheredCount++;
      this.unsent.push({ submission, resolve, reject });
      if (!this.sending) {
        this.sending = true;
        setImmediate(() => this.send());
      }
      if (this.gatheredCount >= this.options.maxBatch) return this.close();
      this.lastAt = performance.now();
      // One timer for the gathering, put off when it fires early (not made again for each act).
      this.timer ??= setTimeout(() => this.gathered(), this.options.windowMs);
    });
  }

  /**
   * Counts an act on its way: received, not yet submitted. Answers how to stop counting it, at
   * its submission or its refusal before it (once, however often it is called). While nothing
   * is being written, the first acts of a burst wait for the acts on their way (up to
   * COMING_MOST windows): those arrived with them, but are still being read (their sessions
   * are read together, after the first's), and a first act sent on alone would take a turn at
   * the log's lock of its own, which all the others would then wait for.
   *
   * @example
   * const submitted = queue.expect(); // when the request arrives
   * submitted(); // just before queue.submit(...), and when its answer is sent
   */
  expect(): () => void {
    this.coming++;
    let counted = true;
    return () => {
      if (!counted) return;
      counted = false;
      this.coming--;
    };
  }

  /** The gathering window closed: the acts go to be written, unless a burst is still arriving. */
  private gathered(): void {
    const { windowMs } = this.options;
    const now = performance.now();
    const due = Math.min(this.lastAt + windowMs, this.firstAt + GATHER_MOST * windowMs);
    if (now < due) {
      this.timer = setTimeout(() => this.gathered(), due - now);
      return;
    }
    const idle = !this.writing && this.groups.length === 0;
    const waited = now - this.firstAt;
    if (idle && this.coming > 0 && waited < COMING_MOST * windowMs) {
      this.timer = setTimeout(() => this.gathered(), windowMs);
      return;
    }
    this.close();
  }

  /** Waits until everything submitted has been answered. */
  async drain(): Promise<void> {
    while (this.gatheredCount > 0 || this.groups.length > 0 || this.writing) {
      this.close();
      await this.writing;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Sends the acts submitted this turn to the verifying threads, while more are received. */
  private send(): void {
    this.sending = false;
    if (this.unsent.length === 0) return;
    const batch = this.unsent;
    this.unsent = [];
    const checks = batch.flatMap((w) => (w.submission.check ? [w.submission.check] : []));
    const chunk: Chunk = {
      batch,
      checked: this.verifier.verify(checks).then(
        (valid) => void (chunk.valid = valid),
        (error: unknown) => void (chunk.error = error),
      ),
    };
    this.gathering.push(chunk);
  }

  /** Closes the gathering: its acts wait to be written, in order. */
  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
    if (this.gatheredCount === 0) return;
    this.groups.push({ chunks: this.gathering, size: this.gatheredCount });
    this.gathering = [];
    this.gatheredCount = 0;
    this.write();
  }

  /**
   * Records, once the last write is done, every group gathered meanwhile, as one batch (up to
   * maxBatch acts): groups that gathered behind a slow write (the first after a quiet spell, or
   * one waiting for another instance's lock) cost one transaction, not one each. Signatures
   * still being checked are waited for: that takes less than another turn at the log's lock.
   */
  private write(): void {
    if (this.writing) return;
    let taken = 0;
    let size = 0;
    for (const group of this.groups) {
      if (taken > 0 && size + group.size > this.options.maxBatch) break;
      taken++;
      size += group.size;
    }
    if (taken === 0) return;
    const chunks = this.groups.splice(0, taken).flatMap((group) => group.chunks);
    this.writing = this.recordChunks(chunks).finally(() => {
      this.writing = undefined;
      this.write();
    });
  }

  private async recordChunks(chunks: readonly Chunk[]): Promise<void> {
    await Promise.all(chunks.map((chunk) => chunk.checked));
    const batch: Waiting[] = [];
    const valid: boolean[] = [];
    for (const chunk of chunks) {
      if (chunk.error !== undefined) {
        for (const w of chunk.batch) w.reject(chunk.error);
        continue;
      }
      batch.push(...chunk.batch);
      valid.push(...chunk.valid!);
    }
    try {
      await this.record(batch, valid);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
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
