/**
 * The group commit's queue on its own: behind a slow write, every batch verified meanwhile is
 * written with the next transaction, in the order the acts came; a batch whose verification
 * failed fails alone; and a forged act is refused alone. Acts are gathered while they keep
 * coming, and a burst's first acts wait for those received with them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import type { SignatureVerifier, SignedMessage } from '../../src/app/verify-pool.js';
import { CommitQueue } from '../../src/server/commit.js';
import type { Submission } from '../../src/server/commit.js';

/** A ledger whose writes the test lets finish, one at a time; each write's acts are noted. */
function slowLedger() {
  const writes: string[][] = [];
  const finish: (() => void)[] = [];
  let next = 0;
  const ledger = {
    appendEach: (drafts: readonly { act: { payload: { n: string } } }[]) => {
      writes.push(drafts.map((d) => d.act.payload.n));
      return new Promise((resolve) =>
        finish.push(() =>
          resolve(
            drafts.map(() => ({
              ok: true,
              entry: { index: next++, leafHash: new Uint8Array(32), bytes: new Uint8Array() },
            })),
          ),
        ),
      );
    },
  } as unknown as Ledger;
  return { ledger, writes, finish: () => finish.shift()!() };
}

/** Verifies on the next turn: a message of "forged" fails, and a batch holding "broken" throws. */
const verifier: SignatureVerifier = {
  verify: async (items: readonly SignedMessage[]) => {
    await new Promise((resolve) => setImmediate(resolve));
    const texts = items.map((i) => Buffer.from(i.message).toString());
    if (texts.includes('broken')) throw new Error('the verifying threads failed');
    return texts.map((t) => t !== 'forged');
  },
  close: async () => undefined,
};

const act = (n: string): Submission => ({
  draft: { act: { type: 'ballot.cast', payload: { n } }, actor: n } as never,
  check: { key: {} as never, message: Buffer.from(n), signature: new Uint8Array(64) },
  type: 'ballot.cast',
  payload: {},
});

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('the commit queue', () => {
  it('writes every batch verified during a slow write with the next transaction, in order', async () => {
    const { ledger, writes, finish } = slowLedger();
    const queue = new CommitQueue(ledger, verifier, { windowMs: 1, maxBatch: 100 }, () => {});
    const outcomes: Promise<unknown>[] = [queue.submit(act('a'))];
    await turns();
    expect(writes).toEqual([['a']]);
    // Three batches gather and are verified while the first write is held.
    for (const group of [['b'], ['c', 'forged'], ['broken', 'd'], ['e']]) {
      for (const n of group)
        outcomes.push(
          queue.submit(act(n)).then(
            (r) => r,
            (e: Error) => e.message,
          ),
        );
      await turns();
    }
    expect(writes).toHaveLength(1);
    finish();
    await turns();
    expect(writes).toEqual([['a'], ['b', 'c', 'e']]);
    finish();
    const answers = await Promise.all(outcomes);
    expect(
      answers.map((a) => (typeof a === 'string' ? a : (a as { entry: number }).entry)),
    ).toEqual([
      0,
      1,
      2,
      'the signature does not verify',
      'the verifying threads failed',
      'the verifying threads failed',
      3,
    ]);
    await queue.drain();
  });

  it('writes no more than maxBatch acts at once', async () => {
    const { ledger, writes, finish } = slowLedger();
    const queue = new CommitQueue(ledger, verifier, { windowMs: 1, maxBatch: 2 }, () => {});
    const outcomes = [queue.submit(act('a'))];
    await turns();
    for (const n of ['b', 'c', 'd', 'e', 'f']) {
      outcomes.push(queue.submit(act(n)));
      await turns(1);
    }
    await turns();
    finish();
    await turns();
    finish();
    await turns();
    finish();
    await turns();
    finish();
    await Promise.all(outcomes);
    expect(writes.flat()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThanOrEqual(2);
    expect(writes.length).toBeLessThan(6);
  });

  describe('gathering', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Submits one act each `everyMs` of fake time, `count` of them; answers the writes then. */
    async function arriving(count: number, everyMs: number) {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const { ledger, writes, finish } = slowLedger();
      const queue = new CommitQueue(ledger, verifier, { windowMs: 2, maxBatch: 100 }, () => {});
      const answered: Promise<unknown>[] = [];
      for (let i = 0; i < count; i++) {
        answered.push(queue.submit(act(`a${i}`)));
        vi.advanceTimersByTime(everyMs);
      }
      vi.advanceTimersByTime(10);
      vi.useRealTimers();
      await turns();
      return { writes, finish, answered };
    }

    it('goes on while acts keep coming within the window', async () => {
      const { writes, finish, answered } = await arriving(3, 1);
      expect(writes).toEqual([['a0', 'a1', 'a2']]);
      finish();
      await Promise.all(answered);
    });

    /** A queue on fake time, nothing written yet; `settle` lets the verification answer. */
    function fakeTimeQueue() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const { ledger, writes, finish } = slowLedger();
      const queue = new CommitQueue(ledger, verifier, { windowMs: 2, maxBatch: 100 }, () => {});
      const settle = async (ms: number) => {
        vi.advanceTimersByTime(ms);
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      };
      return { queue, writes, finish, settle };
    }

    it("holds a burst's first act for the acts received with it, while nothing is written", async () => {
      const { queue, writes, finish, settle } = fakeTimeQueue();
      const received = [queue.expect(), queue.expect(), queue.expect()];
      const answered = [queue.submit(act('a0'))];
      await settle(20);
      expect(writes).toEqual([]);
      received.forEach((submitted, i) => {
        submitted();
        answered.push(queue.submit(act(`a${i + 1}`)));
      });
      await settle(4);
      expect(writes).toEqual([['a0', 'a1', 'a2', 'a3']]);
      finish();
      await Promise.all(answered);
    });

    it('holds it 25 windows at most, for acts that never come', async () => {
      const { queue, writes, finish, settle } = fakeTimeQueue();
      queue.expect(); // never submitted
      const refused = queue.expect();
      refused();
      refused(); // counted once, however often: the first is still awaited
      const answered = queue.submit(act('a0'));
      await settle(40);
      expect(writes).toEqual([]);
      await settle(14);
      expect(writes).toEqual([['a0']]);
      finish();
      await answered;
    });

    it('holds nothing back for acts on their way while a write is under way', async () => {
      const { queue, writes, finish, settle } = fakeTimeQueue();
      const answered = [queue.submit(act('a'))];
      await settle(4);
      expect(writes).toEqual([['a']]);
      queue.expect();
      answered.push(queue.submit(act('b')));
      await settle(4);
      finish();
      await settle(0);
      expect(writes).toEqual([['a'], ['b']]);
      finish();
      await Promise.all(answered);
    });

    it("sends each turn's acts to be verified at once, while the gathering goes on", async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const asked: string[][] = [];
      const noting: SignatureVerifier = {
        verify: async (items) => {
          asked.push(items.map((i) => Buffer.from(i.message).toString()));
          return items.map(() => true);
        },
        close: async () => undefined,
      };
      const { ledger, writes, finish } = slowLedger();
      const queue = new CommitQueue(ledger, noting, { windowMs: 2, maxBatch: 100 }, () => {});
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      const answered = [queue.submit(act('a')), queue.submit(act('b'))];
      await turn();
      answered.push(queue.submit(act('c')));
      await turn();
      expect(asked).toEqual([['a', 'b'], ['c']]);
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(2);
      await turn();
      await turn();
      expect(writes).toEqual([['a', 'b', 'c']]);
      finish();
      await Promise.all(answered);
    });

    it('stops four windows after the first act, though more keep coming', async () => {
      const { writes, finish, answered } = await arriving(12, 1);
      expect(writes[0]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
      finish();
      await turns();
      finish();
      await Promise.all(answered);
      expect(writes.flat()).toHaveLength(12);
    });
  });
});
