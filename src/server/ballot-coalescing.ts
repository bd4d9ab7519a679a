/**
 * Ballots are many and each changes only a count, so a motion's ballot events are coalesced: at
 * most one per motion every `ballotEventMs`, carrying the count so far (and the tally where the
 * charter shows it), and always one just before the decision. Each event is one write to every
 * listener, so with many listeners they come further apart: counts take at most
 * `ballotEventWrites` writes a second, and the main thread stays free for the ballots themselves.
 */
import type { State } from '../core/state/index.js';
import { ballotEvent } from './event-derivation.js';
import type { LiveEvent } from './event-derivation.js';

interface Pending {
  timer: NodeJS.Timeout;
  index: number;
}

interface CoalescingOptions {
  readonly ballotEventMs: number;
  /** Writes a second (events times listeners) that one motion's counts may take. */
  readonly ballotEventWrites: number;
  readonly now: () => number;
}

export class BallotCoalescer {
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly options: CoalescingOptions,
    /** The state the events are counted from when they are sent. */
    private readonly state: () => State,
    private readonly send: (event: LiveEvent) => void,
    /** How many listeners each event is written to. */
    private readonly listeners: () => number,
  ) {}

  /** The least time between two ballot events of a motion, for as many listeners as there are. */
  private get interval(): number {
    const { ballotEventMs, ballotEventWrites } = this.options;
    return Math.max(ballotEventMs, Math.ceil((this.listeners() * 1000) / ballotEventWrites));
  }

  /** Whether a ballot event waits to be sent. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  /** A ballot on the motion was recorded as entry `index`: sent now, or with the next ones. */
  ballot(key: string, index: number): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.index = Math.max(waiting.index, index);
      return;
    }
    const now = this.options.now();
    const last = this.lastSent.get(key);
    const interval = this.interval;
    if (last === undefined || now - last >= interval) {
      this.lastSent.set(key, now);
      this.send(ballotEvent(this.state(), key, index));
      return;
    }
    const timer = setTimeout(() => this.flush(key), last + interval - now);
    this.pending.set(key, { timer, index });
  }

  /** The motion's vote is closing: its waiting ballot event goes first, and its count is done. */
  decided(key: string): void {
    this.flush(key);
    this.lastSent.delete(key);
  }

  /** Drops every waiting event: the server is closing. */
  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  /** Sends the motion's coalesced ballot event now, if one is waiting. */
  private flush(key: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(key);
    this.lastSent.set(key, this.options.now());
    this.send(ballotEvent(this.state(), key, waiting.index));
  }
}
