/**
 * Every instance follows the log: what other writers (other server instances, the command line)
 * append is folded here soon after it is committed, and the ledger's listeners publish it as if
 * this instance had recorded it. The database's notification (PostgreSQL) wakes the follower at
 * once; a poll finds what a missed notification, or a database that sends none (SQLite), did not.
 * Reading fails while the database is away; the next wake-up or poll tries again.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Ledger } from '../app/ledger.js';

export class LogFollower {
  private timer: NodeJS.Timeout | undefined;
  private unwatch: (() => Promise<void>) | undefined;
  /** The catch-up under way, and whether another was asked for meanwhile. */
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: { readonly pollMs: number; readonly log: FastifyBaseLogger },
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    try {
      this.unwatch = await this.ledger.store.watch(() => this.wake());
    } catch (error) {
      // The poll follows the log all the same, only later.
      this.options.log.warn({ err: error }, 'not notified of appends: following by polling');
    }
  }

  /** Reads the log now, or once more after the reading under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.follow().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.unwatch?.();
    await this.running;
  }

  private async follow(): Promise<void> {
    try {
      const acts = await this.ledger.catchUp();
      if (this.failing) this.options.log.info('following the log again');
      this.failing = false;
      if (acts.length > 0) this.options.log.debug({ acts: acts.length }, 'folded other writers');
    } catch (error) {
      // Said once per outage, not at every poll.
      if (!this.failing) this.options.log.warn({ err: error }, 'cannot read the log to follow it');
      this.failing = true;
    }
  }
}
