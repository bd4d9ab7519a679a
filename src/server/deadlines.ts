/**
 * The server closes every live circulation whose deadline has passed, as the organization (with
 * the custodial key): on start, whatever passed while it was down; then on time, by one timer set
 * to the earliest open deadline, set again after every append and every firing. The closes go
 * through the group commit like any act, so their live events are sent. A circulation is closed
 * once: the fold refuses a second close, and a close refused because the circulation was closed
 * already (by the answer that settled it, by an officer, by the server before a restart) is no
 * error. A close that fails otherwise (the database away) is tried again shortly.
 *
 * Several instances share a record, each with a clock of its own. A deadline passes by the later
 * of this instance's clock and the database's, the one clock they all read: an instance whose
 * clock runs ahead does not close a question early, cutting off the answers still in time, and
 * one whose clock runs behind does not record a close timed before the deadline (the others
 * close it on time).
 */
import type { FastifyBaseLogger } from 'fastify';
import { dueCloses, nextDeadline } from '../app/circulations.js';
import type { Ledger } from '../app/ledger.js';
import type { CommitQueue } from './commit.js';
import { StoreUnavailable } from '../store/types.js';
import type { RecordStore } from '../store/types.js';

/**
 * The database's clock (RecordStore.clock), for every check that reads it: a reading that is no
 * time (a fault) is the database unavailable, never a time that makes every deadline invalid.
 */
export async function databaseNow(store: RecordStore): Promise<number | undefined> {
  const now = await store.clock();
  if (now !== undefined && !Number.isFinite(now))
    throw new StoreUnavailable(new Error(`its clock read ${now}, not a time`));
  return now;
}

export interface DeadlineOptions {
  readonly now: () => number;
  /** The database's clock, where instances on several machines may share it (RecordStore.clock). */
  readonly sharedNow: () => Promise<number | undefined>;
  /** The longest the timer waits before it looks again (a far deadline is not one long timer). */
  readonly maxWaitMs: number;
  /** How soon a close that failed is tried again. */
  readonly retryMs: number;
  readonly log: FastifyBaseLogger;
}

export class DeadlineCloser {
  private timer: NodeJS.Timeout | undefined;
  private firing: Promise<void> | undefined;
  private stopped = false;
  /** How far the database's clock was behind this instance's when last read (0 or more). */
  private behind = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly queue: CommitQueue,
    private readonly options: DeadlineOptions,
  ) {}

  /** Closes what is due already, then waits for the next deadline. */
  start(): Promise<void> {
    return this.fire();
  }

  /** Something was recorded: the earliest open deadline may have changed. */
  rearm(): void {
    if (this.firing === undefined) this.arm();
  }

  /** No more closes: the server is closing. Waits for closes under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.firing;
  }

  private fire(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firing ??= this.closeDue().then((failed) => {
      this.firing = undefined;
      this.arm(failed ? this.options.retryMs : undefined);
    });
    return this.firing;
  }

  /** Submits the close of every circulation due; answers whether one failed for another reason
   * than being closed already. */
  private async closeDue(): Promise<boolean> {
    // Nothing is due by the later clock while nothing is by this instance's own.
    if (dueCloses(this.ledger.state, new Date(this.options.now())).length === 0) return false;
    let shared: number | undefined;
    try {
      shared = await this.options.sharedNow();
    } catch (error) {
      this.options.log.error(
        { err: error },
        'reading the database’s clock failed; trying again shortly',
      );
      return true;
    }
    const local = this.options.now();
    this.behind = shared === undefined ? 0 : Math.max(0, local - shared);
    const due = dueCloses(this.ledger.state, new Date(this.now()));
    const results = await Promise.allSettled(
      due.map(({ circulation, close }) =>
        this.queue.submit({ draft: close, type: 'circulation.close', payload: { circulation } }),
      ),
    );
    let failed = false;
    results.forEach((result, i) => {
      const circulation = due[i]!.circulation;
      if (result.status === 'fulfilled') return;
      if (this.ledger.state.circulations.get(circulation)?.status !== 'open') return;
      failed = true;
      this.options.log.error(
        { err: result.reason, circulation },
        'closing a circulation at its deadline failed; trying again shortly',
      );
    });
    return failed;
  }

  /** Sets the timer to the earliest open deadline (at most maxWaitMs away), or to `wait`. */
  private arm(wait?: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const next = nextDeadline(this.ledger.state);
    if (next === undefined && wait === undefined) return;
    const until = next === undefined ? Infinity : Date.parse(next) - this.now();
    const delay = wait ?? Math.max(0, Math.min(until, this.options.maxWaitMs));
    this.timer = setTimeout(() => void this.fire(), delay);
    this.timer.unref();
  }

  /** The time by the later of the two clocks, as last read. */
  private now(): number {
    return this.options.now() - this.behind;
  }
}
