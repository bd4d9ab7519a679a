/**
 * Group commit: acts arriving together are recorded together. The queue gathers what arrives
 * within a few milliseconds, checks the signatures of the whole batch on worker threads, then
 * records it with one `appendEach` (one transaction, one checkpoint, one disk sync), and answers
 * each request with its own receipt or its own refusal. While one batch is being written the
 * next ones gather and are verified, so the threads and the disk are kept busy together; the
 * writer then takes all that were verified meanwhile, as one batch.
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

/** Acts gathered together, their signatures being checked or checked. */
interface Group {
  readonly batch: readonly Waiting[];
  /** Settles once the signatures are checked; then `valid` holds the answers. */
  readonly checked: Promise<void>;
  valid?: readonly boolean[];
  error?: unknown;
}

/** The most windows acts are gathered for, from the first, while more keep coming. */
const GATHER_MOST = 4;
/** The most windows a burst's first acts wait for the acts received with them (see expect). */
const COMING_MOST = 25;

export class CommitQueue {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the first of the acts waiting came. */
  private firstAt = 0;
  /** Groups taken from `waiting`, not yet written, in order: the last may be in verification. */
  private groups: Group[] = [];
  private verifying = false;
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
      if (this.waiting.length === 0) this.firstAt = performance.now();
      this.waiting.push({ submission, resolve, reject });
      // Behind a group being verified, the acts gather until it is checked, then go on at once.
      if (this.verifying) return;
      if (this.waiting.length >= this.options.maxBatch) return this.flush();
      const { windowMs } = this.options;
      const left = this.firstAt + GATHER_MOST * windowMs - performance.now();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.gathered(), Math.max(0, Math.min(windowMs, left)));
    });
  }

  /**
   * Counts an act on its way: received, not yet submitted. Answers how to stop counting it, at
   * its submission or its refusal before it (once, however often it is called). While nothing
   * is being verified or written, the first acts of a burst wait for the acts on their way (up
   * to COMING_MOST windows): those arrived with them, but are still being read (their sessions
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

  /** The gathering window closed: the acts go to verification, unless a burst is still arriving. */
  private gathered(): void {
    const { windowMs } = this.options;
    const idle = !this.verifying && !this.writing && this.groups.length === 0;
    const waited = performance.now() - this.firstAt;
    if (idle && this.coming > 0 && waited < COMING_MOST * windowMs) {
      this.timer = setTimeout(() => this.gathered(), windowMs);
      return;
    }
    this.flush();
  }

  /** Waits until everything submitted has been answered. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.groups.length > 0 || this.writing) {
      this.flush();
      await (this.writing ?? this.groups[0]?.checked);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Sends what has gathered to the verifying threads, one group at a time: behind a group being
   * verified the next keeps growing, and is taken when that one is checked.
   */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0 || this.verifying) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    const checks = batch.flatMap((w) => (w.submission.check ? [w.submission.check] : []));
    this.verifying = true;
    const group: Group = {
      batch,
      checked: this.verifier.verify(checks).then(
        (valid) => void (group.valid = valid),
        (error: unknown) => void (group.error = error),
      ),
    };
    this.groups.push(group);
    void group.checked.then(() => {
      this.verifying = false;
      this.write();
      if (this.waiting.length > 0) this.flush();
    });
  }

  /**
   * Records, once the last write is done, every group gathered meanwhile, as one batch (up to
   * maxBatch acts): groups that gathered behind a slow write (the first after a quiet spell, or
   * one waiting for another instance's lock) cost one transaction, not one each. A group still
   * being verified is waited for: that takes less than another turn at the log's lock.
   */
  private write(): void {
    if (this.writing) return;
    const taken: Group[] = [];
    let size = 0;
    for (const group of this.groups) {
      if (taken.length > 0 && size + group.batch.length > this.options.maxBatch) break;
      taken.push(group);
      size += group.batch.length;
    }
    if (taken.length === 0) return;
    this.groups.splice(0, taken.length);
    this.writing = this.recordGroups(taken).finally(() => {
      this.writing = undefined;
      this.write();
    });
  }

  private async recordGroups(groups: readonly Group[]): Promise<void> {
    await Promise.all(groups.map((group) => group.checked));
    const batch: Waiting[] = [];
    const valid: boolean[] = [];
    for (const group of groups) {
      if (group.error !== undefined) {
        for (const w of group.batch) w.reject(group.error);
        continue;
      }
      batch.push(...group.batch);
      valid.push(...group.valid!);
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
