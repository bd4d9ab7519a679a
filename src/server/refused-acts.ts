/**
 * Acts refused, counted per member: one whose acts are refused more than `most` times in a
 * minute (a client sending a refused act again and again in a loop) has all their acts refused
 * 429 until that minute is over, before their signatures are checked or the log is locked for
 * them. Acts accepted are not counted: a secretary entering minutes through the API, or a live
 * vote, sends many quickly. Counted by each instance, in memory, where the other limits are
 * counted in the database: a count written at every refusal would cost more than the refusal.
 */
import { ApiError, describe } from './errors.js';

const MINUTE_MS = 60_000;

interface Counted {
  count: number;
  /** When the minute the refusals are counted in is over (ms). */
  readonly until: number;
}

export class RefusedActs {
  private readonly byPerson = new Map<string, Counted>();

  constructor(
    private readonly most: number,
    private readonly now: () => number,
  ) {}

  /** Refuses 429 an act of `person` while their refusals this minute are past the most. */
  admit(person: string): void {
    // No refusal of theirs counted (nearly always): nothing more is looked at.
    const counted = this.byPerson.get(person);
    if (counted === undefined || counted.count < this.most) return;
    const left = counted.until - this.now();
    if (left <= 0) return void this.byPerson.delete(person);
    const seconds = Math.ceil(left / 1000);
    throw new ApiError(
      'rate-limited',
      `more than ${this.most} of your acts were refused within a minute: try again in ${seconds} s`,
      { 'retry-after': String(seconds) },
    );
  }

  /** Counts `error` against `person` when it refuses their act (4xx), not the server's state. */
  refused(person: string, error: unknown): void {
    const { status } = describe(error);
    if (status < 400 || status >= 500 || status === 429) return;
    const now = this.now();
    const counted = this.byPerson.get(person);
    if (counted === undefined || counted.until <= now)
      this.byPerson.set(person, { count: 1, until: now + MINUTE_MS });
    else counted.count++;
  }
}
