/**
 * The server closes every live circulation whose deadline has passed, as the organization (with
 * the custodial key): on start, whatever passed while it was down; then on time, by one timer set
 * to the earliest open deadline, set again after every append and every firing. The closes go
 * through the group commit like any act, so their live events are sent. A circulation is closed
 * once: the fold refuses a second close, and a close refused because the circulation was closed
 * already (by the answer that settled it, by an officer, by the server before a restart) is no
 * error. A close that fails otherwise (the database away) is tried again shortly.
 */
import type { FastifyBaseLogger } from 'fastify';
import { dueCloses, nextDeadline } from '../app/circulations.js';
import type { Ledger } from '../app/ledger.js';
import type { CommitQueue } from './commit.js';

export interface DeadlineOptions {
  readonly now: () => number;
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
    const due = dueCloses(this.ledger.state, new Date(this.options.now()));
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
    const until = next === undefined ? Infinity : Date.parse(next) - this.options.now();
    const delay = wait ?? Math.max(0, Math.min(until, this.options.maxWaitMs));
    this.timer = setTimeout(() => void this.fire(), delay);
    this.timer.unref();
  }
}
