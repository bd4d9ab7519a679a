/**
 * Many keys in one read: never two reads at once, every key read after it was asked for, each
 * asker answered with its own key's value, and a failed read failing only those who waited on it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchedReads } from '../../src/server/batched-reads.js';

/** A store whose reads the test completes by hand, one at a time, in order. */
function manualStore(values: ReadonlyMap<string, number>) {
  const pending: { keys: readonly string[]; finish: (fail: boolean) => void }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const readMany = (keys: readonly string[]) =>
    new Promise<{ key: string; value: number }[]>((resolve, reject) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      pending.push({
        keys,
        finish: (fail) => {
          inFlight--;
          if (fail) reject(new Error(`read of ${keys.join()} failed`));
          else
            resolve(
              keys.flatMap((key) => (values.has(key) ? [{ key, value: values.get(key)! }] : [])),
            );
        },
      });
    });
  return { pending, readMany, mostInFlight: () => mostInFlight };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('batched reads', () => {
  it('read a key alone at once, and the keys asked meanwhile together next', async () => {
    const store = manualStore(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    const reads = new BatchedReads(store.readMany, (v) => v.key);
    const a = reads.read('a');
    expect(store.pending.map((p) => p.keys)).toEqual([['a']]);
    const later = [reads.read('b'), reads.read('x'), reads.read('c'), reads.read('b')];
    expect(store.pending).toHaveLength(1);
    store.pending[0]!.finish(false);
    expect((await a)?.value).toBe(1);
    await settle();
    expect(store.pending.map((p) => p.keys)).toEqual([['a'], ['b', 'x', 'c']]);
    store.pending[1]!.finish(false);
    expect((await Promise.all(later)).map((v) => v?.value)).toEqual([2, undefined, 3, 2]);
  });

  it('fail only the askers of a read that failed, and go on with the next', async () => {
    const store = manualStore(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const reads = new BatchedReads(store.readMany, (v) => v.key);
    const a = reads.read('a');
    const b = reads.read('b');
    store.pending[0]!.finish(true);
    await expect(a).rejects.toThrow('read of a failed');
    await settle();
    store.pending[1]!.finish(false);
    expect((await b)?.value).toBe(2);
  });

  it('hold to their rules whatever the order of asking and answering', async () => {
    const step = fc.oneof(
      fc.record({ ask: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
      fc.record({ answer: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, most) => {
          const values = new Map([
            ['a', 1],
            ['c', 3],
            ['e', 5],
          ]);
          const store = manualStore(values);
          const reads = new BatchedReads(store.readMany, (v) => v.key, most);
          const asked: { key: string; batchesBefore: number; outcome: Promise<unknown> }[] = [];
          const failed = new Set<number>();
          let answered = 0;
          const answer = async (fail: boolean) => {
            if (answered === store.pending.length) return;
            if (fail) failed.add(answered);
            store.pending[answered++]!.finish(fail);
            await settle();
          };
          for (const s of steps) {
            if ('ask' in s) {
              const batchesBefore = store.pending.length;
              const outcome = reads.read(s.ask).then(
                (v) => v?.value,
                () => 'failed',
              );
              asked.push({ key: s.ask, batchesBefore, outcome });
            } else await answer(s.answer);
          }
          while (answered < store.pending.length) await answer(false);
          expect(store.mostInFlight()).toBeLessThanOrEqual(1);
          for (const { keys } of store.pending) {
            expect(keys.length).toBeLessThanOrEqual(most);
            expect(new Set(keys).size).toBe(keys.length);
          }
          for (const { key, batchesBefore, outcome } of asked) {
            // Read by the first read begun after it was asked for that holds it.
            const batch = store.pending.findIndex(
              (p, i) => i >= batchesBefore && p.keys.includes(key),
            );
            expect(batch).toBeGreaterThanOrEqual(0);
            expect(await outcome).toBe(failed.has(batch) ? 'failed' : values.get(key));
          }
        },
      ),
    );
  });
});
