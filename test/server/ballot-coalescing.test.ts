/**
 * A motion's ballot events, coalesced: at most one every ballotEventMs, further apart when each
 * would be written to more listeners than the writes a second allow, and always one before the
 * decision.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyState } from '../../src/core/state/index.js';
import { BallotCoalescer } from '../../src/server/ballot-coalescing.js';
import type { LiveEvent } from '../../src/server/event-derivation.js';

let clock = 0;
let sent: number[] = [];

function coalescer(listeners: number): BallotCoalescer {
  const options = { ballotEventMs: 200, ballotEventWrites: 2000, now: () => clock };
  const state = emptyState();
  return new BallotCoalescer(
    options,
    () => state,
    (event: LiveEvent) => sent.push(event.id),
    () => listeners,
  );
}

/** A ballot recorded every 10 ms for `ms`, from entry `first` on. */
function ballots(c: BallotCoalescer, ms: number, first = 0): void {
  for (let t = 0; t < ms; t += 10) {
    c.ballot('s/m', first + t / 10);
    clock += 10;
    vi.advanceTimersByTime(10);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  sent = [];
});
afterEach(() => vi.useRealTimers());

describe('ballot events', () => {
  it('come every ballotEventMs to few listeners', () => {
    const c = coalescer(100);
    ballots(c, 1000);
    // The first at once, then one each 200 ms, with the latest ballot by then.
    expect(sent).toEqual([0, 19, 39, 59, 79, 99]);
  });

  it('come further apart to many: 1,000 listeners at 2,000 writes a second, every 500 ms', () => {
    const c = coalescer(1000);
    ballots(c, 2000);
    expect(sent).toEqual([0, 49, 99, 149, 199]);
  });

  it('send the waiting count before the decision, and start again after it', () => {
    const c = coalescer(1000);
    ballots(c, 300);
    expect(sent).toEqual([0]);
    c.decided('s/m');
    expect(sent).toEqual([0, 29]);
    c.ballot('s/m', 40);
    expect(sent).toEqual([0, 29, 40]);
    c.close();
  });
});
